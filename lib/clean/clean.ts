/**
 * Cleaning raw session records into canonical {@link ChargingSession}s by named rules applied in a fixed order
 * (./rules): each row is rejected by the first rule it fails, and every row is either kept or counted under
 * exactly one rule, so `rowsIn = rowsKept + Σ rejected`.
 */
import type { RawReadResult, RawSessionRecord, SessionFormat } from "../io/raw-session";
import { localParts } from "../io/local-time";
import type { ChargingSession } from "../io/session";
import { ArgumentError } from "../util/errors";
import { duplicatePositions } from "./duplicates";
import { inferStationPower, type PowerInferenceOptions, stationRatingKw, type StationPowerRow } from "./power-inference";
import { type CleanRule, DEFAULT_PLAUSIBLE_YEARS, emptyRuleCounts, type YearWindow } from "./rules";

/** Options of {@link cleanSessions}. */
export interface CleanOptions {
  /** Longest connection kept, hours. Default 48. */
  maxConnectionHours?: number;
  /** Plausible local years of plug-in and plug-out (inclusive); rows outside are rejected ("implausible-year").
   * Default {@link DEFAULT_PLAUSIBLE_YEARS} (1990–2100). */
  years?: YearWindow;
  /** How station power classes and limits are inferred (or given). */
  power?: PowerInferenceOptions;
}

/** Counts of a cleaning run. */
export interface CleanReport {
  format: SessionFormat;
  /** Data rows read. */
  rowsIn: number;
  /** Rows kept as sessions. */
  rowsKept: number;
  /** Rows rejected, per rule (every rule listed, in rule order). */
  rejected: Record<CleanRule, number>;
}

/** A rejected row: where it was, the rule that rejected it and why, and its raw fields. */
export interface RejectedRow {
  /** 1-based data row (JSON: item index). */
  row: number;
  rule: CleanRule;
  /** Why, in words (the fields and values concerned). */
  detail: string;
  /** The row's raw fields by column name. */
  fields: Record<string, string>;
}

/** Result of {@link cleanSessions}. */
export interface CleanResult {
  sessions: ChargingSession[];
  report: CleanReport;
  rejects: RejectedRow[];
  /** Per-station power class and limits used by the capacity rule. */
  stations: StationPowerRow[];
}

/** A row that passed the row-level rules, with its typed values. */
interface Candidate {
  rec: RawSessionRecord;
  id: string;
  stationId: string;
  plugInMs: number;
  plugOutMs: number;
  energyKwh: number;
  hours: number;
}

const REQUIRED = ["id", "stationId", "plugIn", "plugOut", "energyKwh"] as const;

/** The first row-level rule (malformed … non-positive energy) a record fails, with the reason. */
function rowRule(rec: RawSessionRecord, years: YearWindow): { rule: CleanRule; detail: string } | undefined {
  if (rec.malformed !== undefined) return { rule: "malformed-row", detail: rec.malformed };
  const missing = REQUIRED.filter((f) =>
    f === "id" || f === "stationId" ? rec[f] === undefined : rec[f].status === "missing",
  );
  if (missing.length > 0) return { rule: "missing-field", detail: `missing ${missing.join(", ")}` };
  const times = [
    ["plugIn", rec.plugIn],
    ["plugOut", rec.plugOut],
  ] as const;
  const bad = [
    ...times.filter(([, t]) => t.status === "unparseable").map(([f, t]) => `${f}: ${t.reason}`),
    ...(rec.energyKwh.status === "unparseable" ? [`energyKwh: ${rec.energyKwh.reason}`] : []),
  ];
  if (bad.length > 0) return { rule: "unparseable", detail: bad.join("; ") };
  for (const status of ["nonexistent", "ambiguous"] as const) {
    const hit = times.filter(([, t]) => t.status === status);
    if (hit.length > 0) {
      return { rule: status === "nonexistent" ? "dst-nonexistent" : "dst-ambiguous", detail: hit.map(([f, t]) => `${f}: ${t.reason}`).join("; ") };
    }
  }
  const outside = times
    .map(([f, t]) => [f, localParts(t.ms, rec.timeZone).year] as const)
    .filter(([, y]) => y < years.min || y > years.max);
  if (outside.length > 0) {
    return { rule: "implausible-year", detail: `${outside.map(([f, y]) => `${f} in year ${y}`).join(", ")}, outside ${years.min}–${years.max}` };
  }
  if (rec.plugOut.ms <= rec.plugIn.ms) {
    return { rule: "plugout-not-after-plugin", detail: `plug-out ${(rec.plugOut.ms - rec.plugIn.ms) / 60_000} min after plug-in` };
  }
  if (rec.energyKwh.value <= 0) return { rule: "non-positive-energy", detail: `energy ${rec.energyKwh.value} kWh` };
  return undefined;
}

/** Counts a row under the rule that rejected it and keeps it, with why, among the rejected rows. */
type Reject = (rec: RawSessionRecord, rule: CleanRule, detail: string) => void;

/** Guard of {@link cleanSessions}' options. @throws ArgumentError for a non-positive limit or a bad year window. */
function checkCleanOptions(maxConnectionHours: number, years: YearWindow): void {
  if (!(maxConnectionHours > 0)) throw new ArgumentError("cleanSessions", `maxConnectionHours must be > 0, got ${maxConnectionHours}`, { field: "maxConnectionHours" });
  if (!Number.isInteger(years.min) || !Number.isInteger(years.max) || years.min > years.max) {
    throw new ArgumentError("cleanSessions", `years must be whole years with min ≤ max, got ${years.min}–${years.max}`, { field: "years" });
  }
}

/** Rules 1–8, each row on its own: the rows passing them as typed candidates (file order); the others rejected. */
function rowLevelCandidates(records: readonly RawSessionRecord[], years: YearWindow, reject: Reject): Candidate[] {
  const candidates: Candidate[] = [];
  for (const rec of records) {
    const hit = rowRule(rec, years);
    if (hit) reject(rec, hit.rule, hit.detail);
    else {
      candidates.push({
        rec,
        id: rec.id as string,
        stationId: rec.stationId as string,
        plugInMs: rec.plugIn.ms,
        plugOutMs: rec.plugOut.ms,
        energyKwh: rec.energyKwh.value,
        hours: (rec.plugOut.ms - rec.plugIn.ms) / 3_600_000,
      });
    }
  }
  return candidates;
}

/**
 * Rule 9: rejects energy above the station's limit over the connection plus the timestamp resolution `slackH`
 * (hours); `byStation` holds the power class and limit of every candidate's station.
 */
function capacityRule(candidates: Candidate[], byStation: ReadonlyMap<string, StationPowerRow>, slackH: number, reject: Reject): Candidate[] {
  return candidates.filter((c) => {
    const limit = (byStation.get(c.stationId) as StationPowerRow).limitKw;
    if (c.energyKwh <= limit * (c.hours + slackH)) return true;
    reject(
      c.rec,
      "energy-above-capacity",
      `${c.energyKwh} kWh in ${(c.hours * 60).toFixed(1)} min is ${(c.energyKwh / c.hours).toFixed(1)} kW, above the station's ${limit} kW`,
    );
    return false;
  });
}

/** Rule 10: rejects connections longer than `maxConnectionHours`. */
function connectionLengthRule(candidates: Candidate[], maxConnectionHours: number, reject: Reject): Candidate[] {
  return candidates.filter((c) => {
    if (c.hours <= maxConnectionHours) return true;
    reject(c.rec, "connection-too-long", `connected ${c.hours.toFixed(2)} h, above ${maxConnectionHours} h`);
    return false;
  });
}

/** Rules 11–13, in turn: rejects duplicates (exact row, session id, user and plug-in) of earlier surviving rows (danfojs). */
function duplicateRules(candidates: Candidate[], reject: Reject): Candidate[] {
  const dupRules: Array<[CleanRule, (c: Candidate) => string | undefined, string]> = [
    ["duplicate-row", (c) => c.rec.values.join("\u001f"), "every field equal to an earlier row"],
    ["duplicate-id", (c) => c.id, "session id of an earlier row"],
    ["duplicate-user-start", (c) => (c.rec.userId === undefined ? undefined : `${c.rec.userId}\u001f${c.plugInMs}`), "same user and plug-in as an earlier row"],
  ];
  let kept = candidates;
  for (const [rule, key, detail] of dupRules) {
    const dups = duplicatePositions(kept.map(key));
    if (dups.size === 0) continue;
    kept = kept.filter((c, i) => {
      if (!dups.has(i)) return true;
      reject(c.rec, rule, detail);
      return false;
    });
  }
  return kept;
}

/** Rating per station of the kept sessions, kW: the class's smallest standard rating covering every kept session. */
function keptStationRatingsKw(kept: readonly Candidate[], byStation: ReadonlyMap<string, StationPowerRow>, power: PowerInferenceOptions): Map<string, number> {
  const maxKept = new Map<string, number>();
  for (const c of kept) maxKept.set(c.stationId, Math.max(maxKept.get(c.stationId) ?? 0, c.energyKwh / c.hours));
  const ratings = new Map<string, number>();
  for (const [id, maxKw] of maxKept) {
    const st = byStation.get(id) as StationPowerRow;
    ratings.set(id, stationRatingKw(st.powerClass, maxKw, power.stationKw?.[id], power));
  }
  return ratings;
}

/** The kept candidates as sessions (same order), with their station's rating and power class. */
function keptSessions(
  kept: readonly Candidate[],
  ratingsKw: ReadonlyMap<string, number>,
  byStation: ReadonlyMap<string, StationPowerRow>,
  format: SessionFormat,
): ChargingSession[] {
  return kept.map((c) => {
    const s: ChargingSession = {
      id: c.id,
      stationId: c.stationId,
      plugInMs: c.plugInMs,
      plugOutMs: c.plugOutMs,
      timeZone: c.rec.timeZone,
      energyKwh: c.energyKwh,
      chargerKw: ratingsKw.get(c.stationId),
      powerClass: (byStation.get(c.stationId) as StationPowerRow).powerClass,
      source: format,
    };
    if (c.rec.userId !== undefined) s.userId = c.rec.userId;
    return s;
  });
}

/**
 * Cleans the records of a read session file.
 * @param read the result of `readSessionFile` / `readSessionText`.
 * @param options connection-length limit and power inference options.
 * @returns kept sessions (in file order) with charger class and rating, the report, the rejected rows, and the
 *   per-station power table.
 * @throws ArgumentError for a non-positive `maxConnectionHours` or a year window with min > max.
 * @example const { report } = cleanSessions(readSessionFile(file)); report.rowsIn === report.rowsKept + Σ rejected
 */
export function cleanSessions(read: RawReadResult, options: CleanOptions = {}): CleanResult {
  const { maxConnectionHours = 48, power = {}, years = DEFAULT_PLAUSIBLE_YEARS } = options;
  checkCleanOptions(maxConnectionHours, years);
  const rejected = emptyRuleCounts();
  const rejects: RejectedRow[] = [];
  const fieldsOf = (rec: RawSessionRecord) => Object.fromEntries(read.columns.map((c, i) => [c, rec.values[i] ?? ""]));
  const reject: Reject = (rec, rule, detail) => {
    rejected[rule] += 1;
    rejects.push({ row: rec.row, rule, detail, fields: fieldsOf(rec) });
  };

  // The rules in order: row-level (1–8); capacity (9, power class inferred from the rows passing 1–8); connection
  // length (10); duplicates (11–13).
  let candidates = rowLevelCandidates(read.records, years, reject);
  const stations = inferStationPower(candidates, power);
  const byStation = new Map(stations.map((s) => [s.stationId, s]));
  candidates = capacityRule(candidates, byStation, read.spec.timeResolutionS / 3600, reject);
  candidates = connectionLengthRule(candidates, maxConnectionHours, reject);
  candidates = duplicateRules(candidates, reject);

  const sessions = keptSessions(candidates, keptStationRatingsKw(candidates, byStation, power), byStation, read.format);
  rejects.sort((a, b) => a.row - b.row);
  return {
    sessions,
    report: { format: read.format, rowsIn: read.records.length, rowsKept: sessions.length, rejected },
    rejects,
    stations,
  };
}
