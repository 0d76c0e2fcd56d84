/**
 * Rows of numbers from a delimited text (one object per row): comma, semicolon, tab or blanks, detected from the
 * first line; any line endings (../io/line-endings); numbers by the toolkit's one decimal syntax (../io/decimal: no
 * `0x1F`, no `Infinity`); fields may be enclosed in double quotes.
 *
 * The first row (header rule, `header: "auto"`): it is a header when every field looks like a name — starts with a
 * letter or `_`, and is neither a missing-value token (`NaN`, `NA`, `null` …, any case), nor `Inf`/`Infinity`, nor a
 * number with a letter O or l typed for a digit (`O.8`) — or when it is exactly the column indices `0 … n−1` or
 * `1 … n` (n ≥ 2: a one-column profile starting with `1` is data). It is data when every field is a number. Anything
 * else (`NaN` in a headerless matrix, `0.8x` or `O.8` in row 1 of a profile, names mixed with numbers) is a
 * DataValidationError naming row 1 and the column, never a silent header that shortens the data.
 * `header: "yes"` / `"no"` take the first row as a header / as data whatever it holds.
 */
import { parseDecimal } from "../io/decimal";
import { normaliseLineEndings } from "../io/line-endings";
import { DEFAULT_NA_VALUES } from "../io/values";
import { DataValidationError } from "../util/errors";

/** How the first row is taken: by the header rule (see the module doc), or forced. */
export type NumericHeaderMode = "auto" | "yes" | "no";
/** What the first row was: column names, column indices, or data (no header). */
export type NumericHeaderKind = "names" | "indices" | "none";

/** The values of {@link NumericHeaderMode}. */
export const NUMERIC_HEADER_MODES: readonly NumericHeaderMode[] = ["auto", "yes", "no"];

/** Options of {@link parseNumericCsv}. */
export interface NumericCsvOptions {
  /** Default "auto" (the header rule of the module doc). */
  header?: NumericHeaderMode;
  /** The file the text came from, named in errors. */
  file?: string;
}

/** What {@link parseNumericCsv} returns. */
export interface NumericCsv {
  /** Column names when the first line is a header. */
  header?: string[];
  /** What the first line was. */
  headerKind: NumericHeaderKind;
  rows: number[][];
}

const MISSING = new Set(DEFAULT_NA_VALUES.map((t) => t.toLowerCase()));
const NON_FINITE = /^[+-]?(inf|infinity)$/i;

/** How a field of the first row reads. */
type FieldClass = "number" | "name" | "missing" | "not-a-number";

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
};

/** A number with letters typed for look-alike digits (O for 0, l or I for 1), e.g. `O.8`, `l.5` (a digit or point
 * included: a column named `I` or `lo` is a name). */
const looksLikeNumberTypo = (t: string) => /[\d.]/.test(t) && /[OolI]/.test(t) && parseDecimal(t.replace(/[Oo]/g, "0").replace(/[lI]/g, "1")) !== undefined;

function classify(t: string): FieldClass {
  if (parseDecimal(t) !== undefined) return "number";
  if (MISSING.has(t.toLowerCase())) return "missing";
  if (NON_FINITE.test(t) || !/^[\p{L}_]/u.test(t) || looksLikeNumberTypo(t)) return "not-a-number";
  return "name";
}

const isIndexRow = (fields: readonly string[]) =>
  fields.length >= 2 && [0, 1].some((base) => fields.every((f, i) => f === String(i + base)));

/** Why a field is not a number, in words. */
const notANumber = (t: string) =>
  MISSING.has(t.toLowerCase())
    ? `missing value "${t}"`
    : `"${t}" is not a decimal number${/^[+-]?\d*,\d+$/.test(t) ? " (write decimals with a point)" : ""}`;

/**
 * Parses rows of numbers.
 * @param text the file's text (BOM allowed).
 * @param options header rule (default "auto") and the file name for errors.
 * @returns the rows, and the header when the first line is one.
 * @throws DataValidationError for an empty text, a field that is not a decimal number (a missing value included), a
 *   first row that is neither a header nor data, or a row of another length (row numbers count data rows, 1-based;
 *   the field is the column's name, or `column c`, 1-based).
 * @example parseNumericCsv("load\n0.8\n0.9").rows // [[0.8], [0.9]]; parseNumericCsv("1,2\n5,6").headerKind // "indices"
 */
export function parseNumericCsv(text: string, options: NumericCsvOptions = {}): NumericCsv {
  const where = "parseNumericCsv";
  const { header: mode = "auto", file } = options;
  const fail = (message: string, at: { row?: number; field?: string } = {}) => new DataValidationError(where, message, { file, ...at });
  const lines = normaliseLineEndings(text.replace(/^\ufeff/, "")).split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw fail("no rows");
  const first = lines[0];
  const split: (l: string) => string[] = first.includes(",")
    ? (l) => l.split(",")
    : first.includes(";")
      ? (l) => l.split(";")
      : first.includes("\t")
        ? (l) => l.split("\t")
        : (l) => l.trim().split(/\s+/);
  const firstFields = split(first).map(unquote);
  const column = (c: number) => `column ${c + 1}`;

  let headerKind: NumericHeaderKind;
  if (mode === "yes") headerKind = isIndexRow(firstFields) ? "indices" : "names";
  else if (mode === "no") headerKind = "none";
  else {
    const classes = firstFields.map(classify);
    if (classes.every((k) => k === "name")) headerKind = "names";
    else if (classes.every((k) => k === "number")) headerKind = isIndexRow(firstFields) ? "indices" : "none";
    else if (classes.includes("name")) {
      const c = classes.findIndex((k) => k !== "name");
      throw fail(
        `row 1 reads as a header, but "${firstFields[c]}" is not a name (a header needs a name in every column; ` +
          `pass header "yes" to take row 1 as a header as it is)`,
        { row: 1, field: column(c) },
      );
    } else {
      const c = classes.findIndex((k) => k !== "number");
      throw fail(`${notANumber(firstFields[c])} in row 1 (a data row needs a number in every column, a header a name in every column)`, {
        row: 1,
        field: column(c),
      });
    }
  }
  const hasHeader = headerKind !== "none";
  const body = hasHeader ? lines.slice(1) : lines;
  if (body.length === 0) throw fail("a header but no data rows");
  const width = hasHeader ? firstFields.length : split(body[0]).length;
  const fieldName = (c: number) => (hasHeader && firstFields[c] !== "" ? firstFields[c] : column(c));
  const rows = body.map((line, r) => {
    const fields = split(line);
    if (fields.length !== width) throw fail(`expected ${width} fields, found ${fields.length}`, { row: r + 1 });
    return fields.map((f, c) => {
      const t = unquote(f);
      const x = parseDecimal(t);
      if (x === undefined) throw fail(notANumber(t), { row: r + 1, field: fieldName(c) });
      return x;
    });
  });
  return { header: hasHeader ? firstFields : undefined, headerKind, rows };
}
