/**
 * Rejected rows as CSV: the rule that rejected each row, why, and the row's own fields.
 */
import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import type { RejectedRow } from "./clean";

/** The CSV text of `rejects`: columns `rule`, `row`, `detail`, then every source column (first-seen order). */
export function rejectsToCsv(rejects: readonly RejectedRow[]): string {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rejects) {
    for (const c of Object.keys(r.fields)) {
      if (!seen.has(c)) {
        seen.add(c);
        cols.push(c);
      }
    }
  }
  const data = rejects.map((r) => [r.rule, String(r.row), r.detail, ...cols.map((c) => r.fields[c] ?? "")]);
  const header = ["rule", "row", "detail", ...cols.map((c) => (["rule", "row", "detail"].includes(c) ? `source_${c}` : c))];
  return `${Papa.unparse({ fields: header, data }, { newline: "\n" }).replace(/\n+$/, "")}\n`;
}

/**
 * Writes the rejected rows to a CSV file (folders created), one line per row with the rule that rejected it.
 * @returns the absolute path written.
 */
export function writeRejectsCsv(rejects: readonly RejectedRow[], file: string): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, rejectsToCsv(rejects));
  return abs;
}
