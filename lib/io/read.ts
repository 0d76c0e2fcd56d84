/**
 * Reading a session file of any known format into a {@link RawReadResult}: format detected from content (or forced),
 * CSV parsed by papaparse row by row (a 100k-row file is never held as a second parsed copy; the async variant
 * streams from disk), ACN JSON parsed whole. Line endings are normalised to LF first (./line-endings), so a file
 * mixing CRLF, LF and CR is read line by line whatever its first line ends with. Bad input raises a typed error only for problems of the whole file
 * (empty, unknown format, missing columns); problems of single rows are recorded on the rows and counted later.
 */
import * as fs from "fs";
import Papa from "papaparse";
import { pipeline } from "stream";
import { ArgumentError, DataValidationError } from "../util/errors";
import { detectSessionFormat, type FormatDetection, stripBom } from "./detect";
import { recordBuilder, type RecordBuilder } from "./format-spec";
import { lineEndingNormaliser, normaliseLineEndings } from "./line-endings";
import { decodeText, type DecodedText, NotUtf8Error, readDecodedFile, streamableAsUtf8, utf8StreamDecoder } from "./text-encoding";
import { ACN_FIELDS, ACN_SPEC, jsonFieldText } from "./formats/acn";
import { type ColumnMapping, genericSpec } from "./formats/generic";
import { RESIDENTIAL_SPEC } from "./formats/residential";
import { WORKPLACE_SPEC } from "./formats/workplace";
import type { FormatSpec, RawReadResult, RawSessionRecord, SessionFormat } from "./raw-session";
import { isValidTimeZone } from "./zone-offsets";

/** Options of {@link readSessionFile}, {@link readSessionText} and {@link readSessionFileAsync}. */
export interface ReadOptions {
  /** The format, or "auto" (default) to detect it from the content; with a `mapping`, "auto" means "generic". */
  format?: SessionFormat | "auto";
  /** Column mapping, required for the generic format. */
  mapping?: ColumnMapping;
  /** IANA zone overriding the format's own (e.g. the workplace data's assumed zone). */
  timeZone?: string;
}

const HEAD_BYTES = 64 * 1024;

/** The spec of a known format (generic needs a mapping), with option overrides applied. */
export function formatSpec(format: SessionFormat, options: Pick<ReadOptions, "mapping" | "timeZone"> = {}): FormatSpec {
  let spec: FormatSpec;
  if (format === "generic") {
    if (!options.mapping) throw new ArgumentError("formatSpec", 'the "generic" format needs a column mapping (options.mapping)', { field: "mapping" });
    spec = genericSpec(options.mapping);
  } else {
    spec = { residential: RESIDENTIAL_SPEC, acn: ACN_SPEC, workplace: WORKPLACE_SPEC }[format];
    if (!spec) throw new ArgumentError("formatSpec", `unknown format "${format}"`, { field: "format" });
  }
  if (options.timeZone !== undefined) {
    if (!isValidTimeZone(options.timeZone)) throw new ArgumentError("formatSpec", `unknown IANA time zone "${options.timeZone}"`, { field: "timeZone" });
    spec = { ...spec, timeZone: options.timeZone };
  }
  return spec;
}

function chooseSpec(detection: FormatDetection, options: ReadOptions, where: string): FormatSpec {
  const asked = options.format ?? "auto";
  const format = asked === "auto" ? (options.mapping ? "generic" : detection.format) : asked;
  if (format === undefined) {
    throw new DataValidationError(
      where,
      `cannot tell which session format this is (none of residential, acn, workplace matches; pass format "generic" ` +
        `with a column mapping); columns found: ${detection.columns.map((c) => `"${c}"`).join(", ") || "(none)"}`,
      { detail: { found: detection.columns, scores: detection.scores } },
    );
  }
  const spec = formatSpec(format, options);
  const wantsJson = format === "acn";
  if (wantsJson !== (detection.container === "json")) {
    throw new DataValidationError(where, `the ${spec.label} is ${wantsJson ? "JSON" : "CSV"}, but the content is ${detection.container.toUpperCase()}`);
  }
  return spec.delimiter === undefined && !wantsJson ? { ...spec, delimiter: detection.delimiter } : spec;
}

/** Collects CSV rows: header, blank lines, malformed rows, records. */
class CsvCollector {
  readonly records: RawSessionRecord[] = [];
  columns: string[] | undefined;
  blankLines = 0;
  private blankPending = 0;
  private build: RecordBuilder | undefined;
  constructor(
    private readonly spec: FormatSpec,
    private readonly where: string,
  ) {}

  push(fields: string[], errors: string[]): void {
    const blank = fields.every((f) => f.trim() === "");
    if (this.columns === undefined) {
      if (blank) return;
      this.columns = fields.map((f, i) => (i === 0 ? stripBom(f) : f).trim());
      this.build = recordBuilder(this.spec, this.columns, this.where);
      return;
    }
    if (blank) {
      this.blankPending += 1;
      return;
    }
    this.blankLines += this.blankPending;
    this.blankPending = 0;
    const n = this.columns.length;
    let malformed: string | undefined;
    let values = fields;
    if (fields.length !== n) {
      malformed = `${fields.length} field${fields.length === 1 ? "" : "s"} where the header has ${n}`;
      values = Array.from({ length: n }, (_, i) => fields[i] ?? "");
    } else if (errors.length > 0) {
      malformed = errors.join("; ");
    }
    this.records.push((this.build as RecordBuilder)(values, this.records.length + 1, malformed));
  }

  result(file: string | undefined): RawReadResult {
    if (this.columns === undefined) throw new DataValidationError(this.where, "the file is empty (no header line)", { file });
    if (this.records.length === 0) {
      throw new DataValidationError(this.where, "the file has a header but no data rows", { file, detail: { found: this.columns } });
    }
    return { format: this.spec.format, file, columns: this.columns, records: this.records, spec: this.spec, blankLines: this.blankLines };
  }
}

function readJson(text: string, spec: FormatSpec, where: string, file: string | undefined): RawReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DataValidationError(where, `the content is not valid JSON: ${(err as Error).message}`, { file });
  }
  const items = Array.isArray(doc) ? doc : (doc as { _items?: unknown })?._items;
  if (!Array.isArray(items)) throw new DataValidationError(where, 'the JSON has no "_items" array of sessions', { field: "_items", file });
  if (items.length === 0) throw new DataValidationError(where, 'the JSON "_items" array is empty', { field: "_items", file });
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  const seen = new Set<string>();
  for (const it of items) if (isObj(it)) for (const k of Object.keys(it)) seen.add(k);
  const columns = [...ACN_FIELDS.filter((f) => seen.has(f)), ...[...seen].filter((k) => !ACN_FIELDS.includes(k))];
  const build = recordBuilder(spec, columns, where);
  const records = items.map((it, i) =>
    isObj(it)
      ? build(columns.map((c) => jsonFieldText(it[c])), i + 1)
      : build(columns.map(() => ""), i + 1, `item is ${it === null ? "null" : Array.isArray(it) ? "an array" : typeof it}, not an object`),
  );
  return { format: spec.format, file, columns, records, spec, blankLines: 0 };
}

/**
 * Reads session records from text (the content of a file).
 * @param text file content (UTF-8 text, BOM allowed).
 * @param options format (default auto-detected), column mapping for generic CSV, time-zone override.
 * @param file the file name, only reported back and in errors.
 * @returns every data row with typed fields and statuses.
 * @throws DataValidationError for an empty file, no data rows, an undetectable format or missing columns
 *   (naming the missing column and listing those found); it names `file` when given.
 * @throws ArgumentError for a generic format without mapping or an unknown time zone.
 */
export function readSessionText(text: string, options: ReadOptions = {}, file?: string, where = "readSessionText"): RawReadResult {
  try {
    return readTextAt(text, options, file, where);
  } catch (err) {
    throw locate(err, file);
  }
}

/** `err` located in `file` when it is a DataValidationError that does not name a file yet. */
function locate(err: unknown, file: string | undefined): unknown {
  return err instanceof DataValidationError && err.file === undefined && file !== undefined ? err.inFile(file) : err;
}

function readTextAt(text: string, options: ReadOptions, file: string | undefined, where: string): RawReadResult {
  const body = normaliseLineEndings(stripBom(text));
  if (body.trim() === "") throw new DataValidationError(where, "the file is empty", { file });
  const detection = detectSessionFormat(body.slice(0, HEAD_BYTES));
  const spec = chooseSpec(detection, options, where);
  if (spec.format === "acn") return readJson(body, spec, where, file);
  const collector = new CsvCollector(spec, where);
  let failure: unknown;
  // An unbalanced quote makes papaparse read every line up to the next quote (or the end) as one field. That record
  // is cut back to its first line, kept as a malformed row, and reading resumes on the next line, so that no line
  // disappears inside it (a quoted field that spans lines legitimately has no quote error and is kept whole).
  let from = 0;
  while (from < body.length && failure === undefined) {
    let resume = -1;
    let cursor = 0;
    Papa.parse<string[]>(body.slice(from), {
      delimiter: spec.delimiter,
      newline: "\n",
      header: false,
      skipEmptyLines: false,
      step: (res, parser) => {
        if (failure !== undefined || resume >= 0) return;
        const raw = body.slice(from + cursor, from + res.meta.cursor);
        cursor = res.meta.cursor;
        try {
          if (!swallowsLines(res.errors, res.data)) {
            collector.push(res.data, res.errors.map((e) => `${e.code}: ${e.message}`));
            return;
          }
          const eol = raw.indexOf("\n");
          const line = raw.slice(0, eol);
          const fields = Papa.parse<string[]>(line, { delimiter: spec.delimiter, newline: "\n", quoteChar: "\u0000" }).data[0] ?? [line];
          collector.push(fields, [`unbalanced quote: the quoted field does not close on its line`]);
          resume = from + cursor - raw.length + eol + 1;
          parser.abort();
        } catch (err) {
          failure = err;
          parser.abort();
        }
      },
    });
    from = resume >= 0 ? resume : body.length;
  }
  if (failure !== undefined) throw failure;
  return collector.result(file);
}

/**
 * Whether papaparse read several lines into one record because of a quote error (an unbalanced quote swallowing the
 * lines after it): a quote error and a field holding a line break. A quoted field that spans lines legitimately has
 * no quote error.
 */
function swallowsLines(errors: readonly { type: string }[], fields: readonly string[]): boolean {
  return errors.some((e) => e.type === "Quotes") && fields.some((f) => f.includes("\n"));
}


/**
 * Reads a session file (Norwegian residential CSV, ACN JSON, US workplace CSV or a generic CSV with a mapping).
 * @param file path of the file.
 * @param options see {@link ReadOptions}.
 * @returns every data row with typed fields; clean it with `cleanSessions`.
 * @throws DataValidationError / ArgumentError as {@link readSessionText}; DataValidationError when unreadable.
 * @example const raw = readSessionFile(sharedDataFile(SHARED_FILES.evResidential)); raw.records.length // 6878
 */
export function readSessionFile(file: string, options: ReadOptions = {}): RawReadResult {
  return readWhole(file, options, "readSessionFile");
}

/**
 * Reads session records from a file's bytes (a browser's File, a buffer): decoded as {@link readSessionFile} decodes
 * a file (UTF-8, UTF-16 with its mark, else Latin-1), then parsed as {@link readSessionText}.
 * @param file the file name, only reported back and in errors.
 */
export function readSessionBytes(bytes: Uint8Array, options: ReadOptions = {}, file?: string): RawReadResult {
  const where = "readSessionBytes";
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes, where, file);
  } catch (err) {
    throw locate(err, file);
  }
  return { ...readSessionText(decoded.text, options, file, where), encoding: decoded.encoding };
}

/** Reads the whole file, decoded by ./text-encoding (UTF-8, UTF-16 with its mark, else Latin-1). */
function readWhole(file: string, options: ReadOptions, where: string): RawReadResult {
  const { text, encoding } = readDecodedFile(file, where);
  return { ...readSessionText(text, options, file, where), encoding };
}

/**
 * As {@link readSessionFile}, but streams UTF-8 CSV files from disk through papaparse (memory grows with the records
 * kept, not with the file text). JSON files, UTF-16 files and files that turn out not to be UTF-8 are read whole.
 */
export async function readSessionFileAsync(file: string, options: ReadOptions = {}): Promise<RawReadResult> {
  try {
    return await readFileAt(file, options);
  } catch (err) {
    throw locate(err, file);
  }
}

async function readFileAt(file: string, options: ReadOptions): Promise<RawReadResult> {
  const where = "readSessionFileAsync";
  let headBytes: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      headBytes = buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new DataValidationError(where, `cannot read "${file}": ${(err as Error).message}`, { file });
  }
  if (!streamableAsUtf8(headBytes)) return readWhole(file, options, where);
  const head = stripBom(headBytes.toString("utf8"));
  if (head.trim() === "") throw new DataValidationError(where, "the file is empty", { file });
  const detection = detectSessionFormat(head);
  const spec = chooseSpec(detection, options, where);
  if (spec.format === "acn") return readWhole(file, options, where);
  const collector = new CsvCollector(spec, where);
  const streamed = await new Promise<boolean>((resolve, reject) => {
    let failed = false;
    // errors of the file stream and the decoder reach the normaliser, whose "error" papaparse reports to `error`
    const lines = pipeline(fs.createReadStream(file), utf8StreamDecoder(), lineEndingNormaliser(), () => undefined);
    Papa.parse<string[]>(lines as unknown as File, {
      delimiter: spec.delimiter,
      newline: "\n",
      header: false,
      skipEmptyLines: false,
      step: (res, parser) => {
        if (failed) return;
        try {
          if (swallowsLines(res.errors, res.data)) {
            // An unbalanced quote swallowing lines: the whole-file reader cuts it back to its line (see readTextAt).
            failed = true;
            parser.abort();
            resolve(false);
            return;
          }
          collector.push(res.data, res.errors.map((e) => `${e.code}: ${e.message}`));
        } catch (err) {
          failed = true;
          parser.abort();
          reject(err);
        }
      },
      complete: () => {
        if (!failed) resolve(true);
      },
      error: (err: Error) => {
        failed = true;
        if (err instanceof NotUtf8Error) resolve(false);
        else reject(new DataValidationError(where, `cannot read "${file}": ${err.message}`, { file }));
      },
    });
  });
  // invalid UTF-8 after the head (the whole file again, decoded as Latin-1), or an unbalanced quote
  return streamed ? { ...collector.result(file), encoding: "utf-8" } : readWhole(file, options, where);
}
