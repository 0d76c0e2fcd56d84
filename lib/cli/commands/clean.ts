/**
 * `evsp clean <file>`: read a session file (format detected or forced), clean it by the named rules, print the
 * report; optionally write the rejected rows (with their rule) and the clean sessions as CSV.
 */
import * as fs from "fs";
import { ArgumentError, cleanSessions, DEFAULT_PLAUSIBLE_YEARS, readSessionFile, summarizeSessions, writeRejectsCsv, writeSessionsCsv, type ColumnMapping, type SessionFormat } from "../../index";
import { action, emit } from "../output";
import { intOption, numberOption, registerCommand } from "../program";

interface CleanCliOptions {
  format: SessionFormat | "auto";
  mapping?: string;
  timeZone?: string;
  maxHours: number;
  minYear: number;
  maxYear: number;
  rejects?: string;
  out?: string;
  json?: boolean;
}

const FORMATS = ["auto", "residential", "acn", "workplace", "generic"];

/** A column mapping given inline as JSON or as the path of a JSON file. */
function parseMapping(text: string): ColumnMapping {
  const raw = text.trim().startsWith("{") ? text : fs.existsSync(text) ? fs.readFileSync(text, "utf8") : undefined;
  if (raw === undefined) throw new ArgumentError("evsp clean", `--mapping must be JSON or a JSON file; "${text}" is neither`, { field: "--mapping" });
  let mapping: unknown;
  try {
    mapping = JSON.parse(raw);
  } catch (err) {
    throw new ArgumentError("evsp clean", `--mapping is not valid JSON: ${(err as Error).message}`, { field: "--mapping" });
  }
  if (typeof mapping !== "object" || mapping === null || Array.isArray(mapping)) {
    throw new ArgumentError("evsp clean", `--mapping must be a JSON object of column names, got ${mapping === null ? "null" : Array.isArray(mapping) ? "an array" : typeof mapping}`, {
      field: "--mapping",
    });
  }
  return mapping as ColumnMapping;
}

/** The option behind an API field of the reader's ArgumentErrors (mapping.*, timeZone, format). */
function optionOf(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (field === "mapping" || field.startsWith("mapping.")) return "--mapping";
  return field === "timeZone" ? "--time-zone" : field === "format" ? "--format" : undefined;
}

registerCommand((program) => {
  program
    .command("clean")
    .description("read and clean an EV session file; print rows in/kept and rejects per rule")
    .argument("<file>", "session file (Norwegian residential CSV, ACN JSON, US workplace CSV, or any CSV with --mapping)")
    .option("--format <format>", `file format: ${FORMATS.join(", ")}`, "auto")
    .option("--mapping <json>", "column mapping for --format generic (JSON text or file): {id, stationId, userId?, plugIn, plugOut, energyKwh, timeZone, dateFormat?}")
    .option("--time-zone <zone>", "IANA zone overriding the format's (e.g. the workplace data's assumed America/New_York)")
    .option("--max-hours <h>", "longest connection kept, hours", numberOption, 48)
    .option("--min-year <y>", "earliest plausible local year of plug-in/out (rule implausible-year)", intOption, DEFAULT_PLAUSIBLE_YEARS.min)
    .option("--max-year <y>", "latest plausible local year of plug-in/out (rule implausible-year)", intOption, DEFAULT_PLAUSIBLE_YEARS.max)
    .option("--rejects <file>", "write rejected rows with the rule that rejected each to this CSV")
    .option("--out <file>", "write the clean sessions to this CSV")
    .option("--json", "print one JSON object")
    .action(
      action(async (file: string, opts: CleanCliOptions) => {
        if (!FORMATS.includes(opts.format)) throw new ArgumentError("evsp clean", `--format must be one of ${FORMATS.join(", ")}, got "${opts.format}"`, { field: "--format" });
        if (opts.minYear > opts.maxYear) {
          throw new ArgumentError("evsp clean", `--min-year ${opts.minYear} is after --max-year ${opts.maxYear}`, { field: "--min-year" });
        }
        if (!(opts.maxHours > 0)) throw new ArgumentError("evsp clean", `--max-hours must be > 0, got ${opts.maxHours}`, { field: "--max-hours" });
        let read;
        try {
          read = readSessionFile(file, {
            format: opts.format,
            mapping: opts.mapping === undefined ? undefined : parseMapping(opts.mapping),
            timeZone: opts.timeZone,
          });
        } catch (err) {
          const option = err instanceof ArgumentError ? optionOf(err.field) : undefined;
          if (err instanceof ArgumentError && option !== undefined) throw new ArgumentError(err.where, err.message.slice(err.where.length + 2), { field: option });
          throw err;
        }
        const res = cleanSessions(read, { maxConnectionHours: opts.maxHours, years: { min: opts.minYear, max: opts.maxYear } });
        const summary = summarizeSessions(res.sessions);
        const result: Record<string, unknown> = {
          format: res.report.format,
          encoding: read.encoding,
          rowsIn: res.report.rowsIn,
          rowsKept: res.report.rowsKept,
          rejected: res.report.rejected,
          stations: summary.stations,
          users: summary.users,
          spanStart: summary.spanStart ?? null,
          spanEnd: summary.spanEnd ?? null,
        };
        if (opts.rejects) result.rejectsFile = writeRejectsCsv(res.rejects, opts.rejects);
        if (opts.out) result.outFile = writeSessionsCsv(res.sessions, opts.out);
        emit(opts, result, (r) =>
          [
            `${file}: ${r.format}${r.encoding === "utf-8" ? "" : ` (read as ${r.encoding})`}, ${r.rowsIn} rows read, ${r.rowsKept} kept, ${r.stations} stations, ${r.users} users, ${r.spanStart} → ${r.spanEnd}`,
            ...Object.entries(res.report.rejected).map(([rule, n]) => `  ${rule.padEnd(26)} ${String(n).padStart(7)}`),
            ...(r.rejectsFile ? [`rejects written to ${r.rejectsFile}`] : []),
            ...(r.outFile ? [`clean sessions written to ${r.outFile}`] : []),
          ].join("\n"),
        );
      }),
    );
});
