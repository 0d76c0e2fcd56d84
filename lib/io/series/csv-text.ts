/**
 * Minimal reading of the plain comma-separated series files (no quoting in any of them): CRLF, LF or CR line ends,
 * mixed too (../line-endings), an optional final newline, empty fields meaning missing values.
 */
import { DataValidationError } from "../../util/errors";
import { parseDecimal } from "../decimal";
import { normaliseLineEndings } from "../line-endings";
import { readDecodedFile } from "../text-encoding";

/** A header and data rows split into fields. */
export interface CsvTable {
  header: string[];
  /** Data rows (header excluded); each row's fields. */
  rows: string[][];
}

/**
 * Splits a comma-separated text into header and rows. Blank lines are skipped; a missing final newline is fine.
 * @param where the calling function, for error messages.
 * @throws DataValidationError when the text is empty or a row has a different field count than the header.
 */
export function splitCsv(text: string, where: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = normaliseLineEndings(body).split("\n");
  let first = 0;
  while (first < lines.length && lines[first].trim() === "") first++;
  if (first >= lines.length) throw new DataValidationError(where, "the file is empty");
  const header = lines[first].split(",").map((s) => s.trim());
  const rows: string[][] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const fields = line.split(",");
    if (fields.length !== header.length) {
      throw new DataValidationError(where, `expected ${header.length} fields, found ${fields.length}`, { row: rows.length + 1 });
    }
    rows.push(fields);
  }
  return { header, rows };
}

/** Index of a required column, or a DataValidationError naming the columns found. */
export function columnIndex(table: CsvTable, name: string, where: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new DataValidationError(where, "required column is missing", { field: name, detail: { columns: table.header } });
  return i;
}

/** A numeric field: NaN for an empty field; a DataValidationError for anything that is not a decimal number
 * (../decimal: no hexadecimal, no Infinity). */
export function numberField(value: string, field: string, row: number, where: string): number {
  const s = value.trim();
  if (s === "") return NaN;
  const x = parseDecimal(s);
  if (x === undefined) throw new DataValidationError(where, `not a decimal number: "${s}"`, { field, row });
  return x;
}

/** Reads a text file (decoded by ../text-encoding), reporting a missing file as a DataValidationError. */
export function readTextFile(file: string, where: string): string {
  return readDecodedFile(file, where).text;
}

/** Runs `read`, locating in `file` each DataValidationError it throws that names no file yet. */
export function withFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw err instanceof DataValidationError && err.file === undefined ? err.inFile(file) : err;
  }
}
