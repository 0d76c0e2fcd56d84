/**
 * Rows of numbers from a delimited text (one object per row): comma, semicolon, tab or blanks, detected from the
 * first line; an optional header, detected as a first line holding any field that is not a number.
 */
import { normaliseLineEndings } from "../io/line-endings";
import { DataValidationError } from "../util/errors";

/** What {@link parseNumericCsv} returns. */
export interface NumericCsv {
  /** Column names when the first line is a header. */
  header?: string[];
  rows: number[][];
}

/**
 * Parses rows of numbers.
 * @throws DataValidationError for an empty text, a non-numeric field or a row of another length (row numbers count
 *   data rows, 1-based).
 */
export function parseNumericCsv(text: string): NumericCsv {
  const where = "parseNumericCsv";
  const lines = normaliseLineEndings(text.replace(/^\ufeff/, "")).split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new DataValidationError(where, "no rows");
  const first = lines[0];
  const split: (l: string) => string[] = first.includes(",")
    ? (l) => l.split(",")
    : first.includes(";")
      ? (l) => l.split(";")
      : first.includes("\t")
        ? (l) => l.split("\t")
        : (l) => l.trim().split(/\s+/);
  const isNum = (s: string) => s.trim() !== "" && Number.isFinite(Number(s));
  const firstFields = split(first).map((s) => s.trim());
  const hasHeader = firstFields.some((f) => !isNum(f));
  const body = hasHeader ? lines.slice(1) : lines;
  if (body.length === 0) throw new DataValidationError(where, "a header but no data rows");
  const width = hasHeader ? firstFields.length : split(body[0]).length;
  const rows = body.map((line, r) => {
    const fields = split(line);
    if (fields.length !== width) throw new DataValidationError(where, `expected ${width} fields, found ${fields.length}`, { row: r + 1 });
    return fields.map((f, c) => {
      if (!isNum(f)) throw new DataValidationError(where, `not a number: "${f.trim()}"`, { row: r + 1, field: hasHeader ? firstFields[c] : `column ${c + 1}` });
      return Number(f);
    });
  });
  return { header: hasHeader ? firstFields : undefined, rows };
}
