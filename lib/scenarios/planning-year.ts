/**
 * The year of PV and load the planning scenarios come from, and the whole pipeline from it to a scenario set.
 *
 * Default data: the French OPSD file of the shared data folder (PV and national load on the same timestamps), year
 * 2019 (the last full year of the file), local days in Europe/Paris. When the shared data is absent: the committed
 * synthetic year (data/series/, seed {@link SYNTHETIC_SEED}), flagged `source: "synthetic"`.
 */
import { hasSharedData, SHARED_FILES, sharedDataFile } from "../io/paths";
import { readSeriesFile } from "../io/series/detect";
import { localToUtc } from "../io/series/time-zone";
import type { HourlySeries } from "../io/series/types";
import { localParts } from "../io/local-time";
import { ArgumentError, DataValidationError } from "../util/errors";
import { dailyProfiles, type DailyProfilesReport, type DayBasis, type DayMatrix } from "./daily-profiles";
import { type DistanceMatrix, distanceMatrix, type Metric } from "./distance";
import type { KMedoidsMethod } from "./kmedoids-result";
import { alignDays, dayVectors, type DayVectors, type PerUnitBasis, type PerUnitMatrix, toPerUnit } from "./normalise";
import { buildScenarioSet, type ScenarioSet } from "./scenario-set";
import { calibrateSyntheticYear, readSyntheticParams, SYNTHETIC_SEED, syntheticYear } from "./synthetic-year";
import { typicalDays, typicalDaysByDayType, type TypicalDays } from "./typical-days";

/** The default year of the French file. */
export const DEFAULT_PLANNING_YEAR = 2019;

/** Options of {@link loadPlanningYear}. */
export interface PlanningYearOptions {
  /** PV file (OPSD country or household format). Default: the French OPSD file, else the synthetic year. */
  pvFile?: string;
  /** Load file (OPSD country, household or PJM hourly format). Default: the load of the PV file. */
  loadFile?: string;
  /** Calendar year. Default 2019 when both series cover it, else the latest year both cover fully. */
  year?: number;
  /** Default "local". */
  dayBasis?: DayBasis;
  /** Longest gap filled, hours. Default 3. */
  maxFillHours?: number;
  /** Seed of the synthetic fallback. Default {@link SYNTHETIC_SEED}. */
  syntheticSeed?: number;
}

/** A year of aligned PV and load days. */
export interface PlanningYear {
  source: "real" | "synthetic";
  year: number;
  /** Descriptions of the series used (file: column). */
  pvSource: string;
  loadSource: string;
  /** Aligned day matrices in the series' units. */
  pv: DayMatrix;
  load: DayMatrix;
  daysInRange: number;
  daysUsed: number;
  /** Days of the year not used (gaps, incomplete, or missing in the other series). */
  daysDropped: number;
  droppedDates: string[];
  reports: { pv: DailyProfilesReport; load: DailyProfilesReport };
}

/** First and last hour start of a series (rows need not be sorted). */
function span(s: HourlySeries): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of s.startMs) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}

/** The hours both series span: [first, last] hour start, or undefined when they do not overlap. */
function commonSpan(a: HourlySeries, b: HourlySeries): [number, number] | undefined {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  const lo = Math.max(a0, b0);
  const hi = Math.min(a1, b1);
  return lo <= hi ? [lo, hi] : undefined;
}

/** Years whose local calendar both series cover completely. */
function coveredYears(a: HourlySeries, b: HourlySeries, zone: string): number[] {
  const common = commonSpan(a, b);
  if (common === undefined) return [];
  const [lo, hi] = common;
  const out: number[] = [];
  for (let y = new Date(lo).getUTCFullYear() - 1; y <= new Date(hi).getUTCFullYear() + 1; y++) {
    const start = localToUtc(zone, y, 1, 1, 0).instantsMs[0];
    const end = localToUtc(zone, y + 1, 1, 1, 0).instantsMs[0];
    if (start !== undefined && end !== undefined && lo <= start && hi >= end - 3_600_000) out.push(y);
  }
  return out;
}

/** Years (local calendar) from the first to the last hour both series hold, e.g. "2015–2020". */
function yearsText(lo: number, hi: number, zone: string): string {
  const [y0, y1] = [localParts(lo, zone).year, localParts(hi, zone).year];
  return y0 === y1 ? `${y0}` : `${y0}–${y1}`;
}

/**
 * Checks that the asked `year` holds data of both series.
 * @throws ArgumentError (field "year") for a year outside the hours both series span, naming the years they cover.
 */
function checkYearInData(year: number, pv: HourlySeries, load: HourlySeries, zone: string, where: string): void {
  const common = commonSpan(pv, load);
  if (common === undefined) {
    const [p, l] = [span(pv), span(load)];
    throw new DataValidationError(
      where,
      `PV and load share no hour: PV covers ${yearsText(p[0], p[1], zone)}, load ${yearsText(l[0], l[1], zone)} (${pv.source}; ${load.source})`,
    );
  }
  const [lo, hi] = common;
  if (year >= localParts(lo, zone).year && year <= localParts(hi, zone).year) return;
  const full = coveredYears(pv, load, zone);
  throw new ArgumentError(
    where,
    `year ${year} is outside the data: PV and load together cover ${yearsText(lo, hi, zone)}` +
      (full.length > 0 ? ` (complete calendar years: ${full.join(", ")})` : " (no complete calendar year)"),
    { field: "year" },
  );
}

/**
 * Reads PV and load and turns one calendar year into aligned day matrices.
 * @throws ArgumentError (field "year") for a year outside the data, naming the years in it.
 * @throws DataValidationError when a file lacks the series asked for, no full year is common to both (with no year
 *   given), or the year holds no day complete in both series.
 */
export function loadPlanningYear(options: PlanningYearOptions = {}): PlanningYear {
  const where = "loadPlanningYear";
  const { dayBasis = "local", maxFillHours = 3, syntheticSeed = SYNTHETIC_SEED } = options;
  let pvSeries: HourlySeries;
  let loadSeries: HourlySeries;
  let source: "real" | "synthetic" = "real";
  const pvFile = options.pvFile ?? (hasSharedData(SHARED_FILES.pvFrance) ? sharedDataFile(SHARED_FILES.pvFrance) : undefined);
  if (pvFile === undefined) {
    if (options.loadFile !== undefined) throw new DataValidationError(where, "a load file needs a PV file (the synthetic year has both)");
    const syn = syntheticYear(readSyntheticParams(), { seed: syntheticSeed, year: options.year });
    pvSeries = syn.pvMw;
    loadSeries = syn.loadMw;
    source = "synthetic";
  } else {
    const pvRead = readSeriesFile(pvFile);
    if (!pvRead.pv) throw new DataValidationError(where, `"${pvFile}" holds no PV series`, { field: "pvFile", file: pvFile });
    pvSeries = pvRead.pv;
    const loadRead = options.loadFile !== undefined ? readSeriesFile(options.loadFile) : pvRead;
    if (!loadRead.load) throw new DataValidationError(where, `"${loadRead.file}" holds no load series`, { field: "loadFile", file: loadRead.file });
    loadSeries = loadRead.load;
  }
  const zone = pvSeries.timeZone;
  let year = options.year;
  if (year === undefined) {
    const years = coveredYears(pvSeries, loadSeries, zone);
    if (years.length === 0) throw new DataValidationError(where, "PV and load share no complete calendar year; pass a year");
    year = years.includes(DEFAULT_PLANNING_YEAR) ? DEFAULT_PLANNING_YEAR : years[years.length - 1];
  } else if (source === "real") {
    checkYearInData(year, pvSeries, loadSeries, zone, where);
  }
  const pv = dailyProfiles(pvSeries, { dayBasis, year, maxFillHours });
  const load = dailyProfiles(loadSeries, { dayBasis, year, maxFillHours });
  const common = new Set(load.dates);
  if (!pv.dates.some((d) => common.has(d))) {
    throw new DataValidationError(
      where,
      `no complete day of ${year} in both PV and load (complete ${dayBasis} days: PV ${pv.dates.length}, load ${load.dates.length}; ` +
        `a day with a gap longer than ${maxFillHours} h is incomplete)`,
    );
  }
  const aligned = alignDays([pv, load]);
  const used = new Set(aligned.dates);
  const all = new Set([...pv.report.dropped.map((d) => d.date), ...load.report.dropped.map((d) => d.date), ...pv.dates, ...load.dates]);
  const droppedDates = Array.from(all).filter((d) => !used.has(d)).sort();
  return {
    source,
    year,
    pvSource: pvSeries.source,
    loadSource: loadSeries.source,
    pv: aligned.matrices[0],
    load: aligned.matrices[1],
    daysInRange: pv.report.daysInRange,
    daysUsed: aligned.dates.length,
    daysDropped: pv.report.daysInRange - aligned.dates.length,
    droppedDates,
    reports: { pv: pv.report, load: load.report },
  };
}

/** Options of {@link planningScenarios}. */
export interface PlanningScenariosOptions {
  /** Number of typical days. */
  k: number;
  /** Default "fasterpam". */
  method?: KMedoidsMethod;
  /** Default 0. */
  seed?: number;
  /**
   * FasterPAM runs, the best kept. Default 10: on the French 2019 days (n = 364, K = 2…12) the best of 10 runs was
   * never worse than PAM, at a fraction of PAM's time; a single run was up to 2 % worse.
   */
  restarts?: number;
  /** PV per-unit basis: "max" (default: the year's largest hourly PV) or a value in the series' unit. */
  pvBasis?: PerUnitBasis;
  /** Load per-unit basis: "max" (default: the year's peak load) or a value. */
  loadBasis?: PerUnitBasis;
  /** Weights of the PV and load blocks in the 48-dimensional day vectors. Default 1 and 1. */
  weights?: { pv: number; load: number };
  /** Default "euclidean". */
  metric?: Metric;
  /** A precomputed matrix of these day vectors (reuse it across K). */
  dist?: DistanceMatrix;
  /**
   * When set, K-Medoids runs separately on weekdays (k − kWeekend typical days) and weekend days (kWeekend), so that
   * both day types appear among the scenarios (see `typicalDaysByDayType`). Default: one joint clustering.
   */
  kWeekend?: number;
}

/** Every intermediate of the scenario pipeline. */
export interface PlanningScenarios {
  pvPu: PerUnitMatrix;
  loadPu: PerUnitMatrix;
  vectors: DayVectors;
  dist: DistanceMatrix;
  typical: TypicalDays;
  set: ScenarioSet;
}

/** Per-unit PV and load, and their joint day vectors (the first half of {@link planningScenarios}). */
export function planningDayVectors(year: PlanningYear, options: Pick<PlanningScenariosOptions, "pvBasis" | "loadBasis" | "weights"> = {}) {
  const { pvBasis = "max", loadBasis = "max", weights = { pv: 1, load: 1 } } = options;
  const pvPu = toPerUnit(year.pv, { basis: pvBasis });
  const loadPu = toPerUnit(year.load, { basis: loadBasis });
  const vectors = dayVectors([pvPu.matrix, loadPu.matrix], { weights: [weights.pv, weights.load] });
  return { pvPu, loadPu, vectors };
}

/**
 * From a planning year to a scenario set: per-unit PV and load, weighted joint 48-dimensional day vectors, a
 * distance matrix, K-Medoids, the set.
 * @throws ArgumentError for a bad K or options.
 */
export function planningScenarios(year: PlanningYear, options: PlanningScenariosOptions): PlanningScenarios {
  const { k, method = "fasterpam", seed = 0, restarts = 10, weights = { pv: 1, load: 1 }, metric = "euclidean" } = options;
  const { pvPu, loadPu, vectors } = planningDayVectors(year, options);
  const dist = options.dist ?? distanceMatrix(vectors.vectors, { metric });
  const typical =
    options.kWeekend === undefined
      ? typicalDays(vectors, { k, method, seed, restarts, dist })
      : typicalDaysByDayType(vectors, { kWeekday: k - options.kWeekend, kWeekend: options.kWeekend, method, seed, restarts, dist });
  const set = buildScenarioSet({
    typical: { ...typical, metric: options.dist ? "precomputed" : typeof metric === "function" ? "custom" : metric },
    pv: pvPu,
    load: loadPu,
    weights,
    source: { pv: year.pvSource, load: year.loadSource, year: year.year, synthetic: year.source === "synthetic" },
    daysDropped: year.daysDropped,
  });
  return { pvPu, loadPu, vectors, dist, typical, set };
}

/**
 * Re-derives the synthetic-year parameters from the real French file (the procedure behind
 * data/series/synthetic-france-2019.json; see data/series/PROVENANCE.md).
 * @param pvFile the OPSD France file. Default: the shared data file.
 * @param year calibration year. Default 2019.
 * @throws DataValidationError when the file is absent or unreadable.
 */
export function calibrateSyntheticFromFile(pvFile: string = sharedDataFile(SHARED_FILES.pvFrance), year = DEFAULT_PLANNING_YEAR) {
  const y = loadPlanningYear({ pvFile, year });
  return calibrateSyntheticYear(y.pv, y.load, {
    file: SHARED_FILES.pvFrance.split(/[\\/]/).join("/"),
    pvColumn: "FR_solar_generation_actual",
    loadColumn: "FR_load_actual_entsoe_transparency",
  });
}
