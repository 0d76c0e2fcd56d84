/**
 * Cleaning reports of several data sets as one table: rows read, kept, then one row per rule with its description.
 */
import type { CleanReport } from "./clean";
import { CLEAN_RULES } from "./rules";

/** One row of {@link cleaningReportTable}: a label, a description and one count per data set. */
export type ReportTableRow = { step: string; description: string } & Record<string, string | number>;

/**
 * The reports as table rows: "rows read", every rule in order, "rows kept".
 * @param reports report per data set name (column order follows the object's key order).
 */
export function cleaningReportTable(reports: Record<string, CleanReport>): ReportTableRow[] {
  const names = Object.keys(reports);
  const row = (step: string, description: string, value: (r: CleanReport) => number): ReportTableRow =>
    ({ step, description, ...Object.fromEntries(names.map((n) => [n, value(reports[n])])) }) as ReportTableRow;
  return [
    row("rows read", "data rows in the file", (r) => r.rowsIn),
    ...CLEAN_RULES.map((d) => row(d.rule, d.description, (r) => r.rejected[d.rule])),
    row("rows kept", "sessions passing every rule", (r) => r.rowsKept),
  ];
}
