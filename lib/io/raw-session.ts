/**
 * What a reader returns before cleaning: every data row of the file, its raw text and its typed fields, each field
 * with a status (see ./values). Nothing is filtered here; cleaning decides, by named rule, what to keep.
 */
import type { TextEncodingName } from "./text-encoding";
import type { TimeFormatSpec } from "./time-format";
import type { ParsedNumber, ParsedTime } from "./values";

/** The file formats the toolkit reads. */
export type SessionFormat = "residential" | "acn" | "workplace" | "generic";

/** Every {@link SessionFormat}, in a fixed order. */
export const SESSION_FORMATS: readonly SessionFormat[] = ["residential", "acn", "workplace", "generic"];

/** Which source column holds each canonical field. */
export interface SessionColumns {
  id: string;
  stationId: string;
  userId?: string;
  plugIn: string;
  plugOut: string;
  energyKwh: string;
  /** Column holding a per-row IANA time zone (rows where it is empty use the format's zone). */
  timeZone?: string;
}

/** Everything needed to turn one row of a format into a {@link RawSessionRecord}. */
export interface FormatSpec {
  format: SessionFormat;
  /** Human name, e.g. "Norwegian residential CSV". */
  label: string;
  /** CSV field separator; undefined for JSON formats (or "detect" from the header line). */
  delimiter?: string;
  /** Decimal separator of numbers. */
  decimal: "." | ",";
  /** Texts meaning "no value". */
  naValues: readonly string[];
  columns: SessionColumns;
  /** How plug-in and plug-out times are written. */
  time: TimeFormatSpec;
  /** IANA zone of wall-clock times (and of sessions whose row names none). */
  timeZone: string;
  /** Resolution of the timestamps in seconds (60 when written to the minute). */
  timeResolutionS: number;
}

/** One data row as read, before cleaning. */
export interface RawSessionRecord {
  /** 1-based data row (header excluded); for JSON, the 1-based item index. */
  row: number;
  /** The row's raw texts, aligned with {@link RawReadResult.columns}. */
  values: string[];
  /** Set when the row itself is broken (wrong number of fields, not an object …): the reason. */
  malformed?: string;
  id?: string;
  stationId?: string;
  userId?: string;
  plugIn: ParsedTime;
  plugOut: ParsedTime;
  energyKwh: ParsedNumber;
  /** IANA zone of the row (unparseable zones are reported through `plugIn`/`plugOut`). */
  timeZone: string;
}

/** Result of reading a session file. */
export interface RawReadResult {
  format: SessionFormat;
  /** The file read, when read from a file. */
  file?: string;
  /** Column (field) names in source order. */
  columns: string[];
  /** Every data row, in file order. */
  records: RawSessionRecord[];
  /** The format spec used (with any option overrides applied). */
  spec: FormatSpec;
  /** Blank lines skipped between data rows (not data: not counted as rows). */
  blankLines: number;
  /** The file's text encoding (./text-encoding), when read from a file. */
  encoding?: TextEncodingName;
}
