/**
 * A seeded, calibrated synthetic PV + load year, so that everything runs on a fresh clone without the real data.
 *
 * Model (per local day d of month m and day type t, local wall-clock hour h):
 *   PV(d,h)   = basisPv   · clip₀¹( shapePv[m][h] · r_d · (1 + e_d[h]) )
 *   load(d,h) = peakLoad  · shapeLoad[m][t][h] · l_d · (1 + f_d[h])
 * with r_d = max(0, 1 + sPv[m]·z_d), l_d = max(0.3, 1 + sLoad[m]·y_d); z and y are AR(1) standard-normal daily
 * processes (coefficients aPv, aLoad) whose innovations correlate with coefficient rho. The hourly residuals e_d and
 * f_d of one day are drawn together, each from a normal law with the real residuals' 24 × 24 covariance of the day's
 * calendar month (hourlyCovByMonth[m]), independently from day to day and between PV and load. Older parameter files
 * fall back to one covariance for the whole year (hourlyCov), or without it to independent hours with standard
 * deviation hourlyStd. Shapes are monthly means of the per-unit profiles; sPv, sLoad the monthly standard deviations
 * of the daily energy ratios; hourlyStd, hourlyCov and hourlyCovByMonth the pooled standard deviation, the pooled
 * covariance and the covariance per month of the hourly residuals value / (shape · daily ratio) − 1. Why per month:
 * an hour at the edge of the PV day in one month (large relative residuals) is mid-ramp in another, so one pooled
 * covariance put the dusk noise of March and October on July's ramps (data/series/PROVENANCE.md).
 * {@link calibrateSyntheticYear} estimates every parameter from a real year; the committed parameters live in
 * data/series/ (see PROVENANCE.md).
 */
import * as fs from "fs";
import * as path from "path";
import { projectDataDir } from "../io/paths";
import type { HourlySeries } from "../io/series/types";
import { addDays, localTime, localToUtc } from "../io/series/time-zone";
import { ArgumentError, DataValidationError } from "../util/errors";
import { createRng, randomNormal } from "../util/random";
import { choleskyLower, correlatedNormals, residualCovariance } from "./hourly-residuals";
import { dayTypeOfDate, type DayMatrix } from "./daily-profiles";

/** Parameters of the synthetic year (JSON in data/series/). */
export interface SyntheticYearParams {
  schema: "evsp.synthetic-year.v1";
  /** What the parameters were estimated from. */
  calibratedFrom: { file: string; year: number; pvColumn: string; loadColumn: string };
  timeZone: string;
  /** Largest hourly PV and load of the calibration year, MW. */
  pvBasisMw: number;
  loadPeakMw: number;
  pv: { shape: number[][]; dailyStd: number[]; ar1: number; hourlyStd: number; hourlyCov?: number[][]; hourlyCovByMonth?: number[][][] };
  /** shape[m][0] weekdays, shape[m][1] weekends. */
  load: { shape: number[][][]; dailyStd: number[]; ar1: number; hourlyStd: number; hourlyCov?: number[][]; hourlyCovByMonth?: number[][][] };
  /** Correlation of the daily PV and load factors. */
  rho: number;
}

/** The committed parameter file (calibrated on the French OPSD file, 2019). */
export const SYNTHETIC_PARAMS_FILE = path.join("series", "synthetic-france-2019.json");

/** Seed of the default synthetic year. */
export const SYNTHETIC_SEED = 2019;

const sig = (x: number, digits = 5) => Number(x.toPrecision(digits));
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
/** Lag-1 correlation of x over consecutive calendar days only. */
function lag1(dates: string[], x: number[]): number {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 1; i < dates.length; i++) if (addDays(dates[i - 1], 1) === dates[i]) (a.push(x[i - 1]), b.push(x[i]));
  return correlation(a, b);
}
function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Options of {@link calibrateSyntheticYear}. */
export interface CalibrateOptions {
  /** Recorded provenance. */
  file?: string;
  pvColumn?: string;
  loadColumn?: string;
}

/**
 * Estimates the synthetic-year parameters from one real year of local-day PV and load profiles (MW, aligned days).
 * @throws DataValidationError when the matrices are not aligned or a month has no day.
 */
export function calibrateSyntheticYear(pv: DayMatrix, load: DayMatrix, options: CalibrateOptions = {}): SyntheticYearParams {
  const where = "calibrateSyntheticYear";
  if (pv.dates.length !== load.dates.length || pv.dates.some((d, i) => d !== load.dates[i])) {
    throw new DataValidationError(where, "PV and load must hold the same days (align them first)");
  }
  const year = Number(pv.dates[0].slice(0, 4));
  const pvBasis = Math.max(...pv.values.flat());
  const peak = Math.max(...load.values.flat());
  const month = pv.dates.map((d) => Number(d.slice(5, 7)) - 1);
  const type = pv.dates.map((d) => (dayTypeOfDate(d) === "weekend" ? 1 : 0));
  const pvPu = pv.values.map((r) => r.map((v) => v / pvBasis));
  const loadPu = load.values.map((r) => r.map((v) => v / peak));
  const pvShape = Array.from({ length: 12 }, (_, m) => {
    const rows = pvPu.filter((_, d) => month[d] === m);
    if (rows.length === 0) throw new DataValidationError(where, `no day in month ${m + 1}`);
    return Array.from({ length: 24 }, (_, h) => mean(rows.map((r) => r[h])));
  });
  const loadShape = Array.from({ length: 12 }, (_, m) =>
    [0, 1].map((t) => {
      const rows = loadPu.filter((_, d) => month[d] === m && type[d] === t);
      const use = rows.length ? rows : loadPu.filter((_, d) => month[d] === m);
      return Array.from({ length: 24 }, (_, h) => mean(use.map((r) => r[h])));
    }),
  );
  const sum = (r: number[]) => r.reduce((s, v) => s + v, 0);
  const rPv = pvPu.map((r, d) => sum(r) / sum(pvShape[month[d]]));
  const rLoad = loadPu.map((r, d) => sum(r) / sum(loadShape[month[d]][type[d]]));
  const pvStd = Array.from({ length: 12 }, (_, m) => std(rPv.filter((_, d) => month[d] === m)));
  const loadStd = Array.from({ length: 12 }, (_, m) => std(rLoad.filter((_, d) => month[d] === m)));
  const zPv = rPv.map((r, d) => (r - 1) / (pvStd[month[d]] || 1));
  const zLoad = rLoad.map((r, d) => (r - 1) / (loadStd[month[d]] || 1));
  // Hourly residuals value / (shape · daily ratio) − 1, per day and hour (NaN where undefined: PV at night).
  const pvResDay = pvPu.map((r, d) =>
    r.map((v, h) => {
      const f = pvShape[month[d]][h] * rPv[d];
      return pvShape[month[d]][h] > 0.05 && f > 0 ? v / f - 1 : NaN;
    }),
  );
  const loadResDay = loadPu.map((r, d) => r.map((v, h) => v / (loadShape[month[d]][type[d]][h] * rLoad[d]) - 1));
  const pvRes = pvResDay.flat().filter((x) => !Number.isNaN(x));
  const loadRes = loadResDay.flat();
  const covariances = (rows: number[][]) => ({
    hourlyCov: residualCovariance(rows).map((r) => r.map((v) => sig(v))),
    hourlyCovByMonth: Array.from({ length: 12 }, (_, m) => residualCovariance(rows.filter((_, d) => month[d] === m)).map((r) => r.map((v) => sig(v)))),
  });
  return {
    schema: "evsp.synthetic-year.v1",
    calibratedFrom: { file: options.file ?? pv.quantity, year, pvColumn: options.pvColumn ?? pv.quantity, loadColumn: options.loadColumn ?? load.quantity },
    timeZone: pv.timeZone,
    pvBasisMw: sig(pvBasis, 6),
    loadPeakMw: sig(peak, 6),
    pv: { shape: pvShape.map((r) => r.map((v) => sig(v))), dailyStd: pvStd.map((v) => sig(v)), ar1: sig(lag1(pv.dates, zPv)), hourlyStd: sig(std(pvRes)), ...covariances(pvResDay) },
    load: {
      shape: loadShape.map((m) => m.map((r) => r.map((v) => sig(v)))),
      dailyStd: loadStd.map((v) => sig(v)),
      ar1: sig(lag1(load.dates, zLoad)),
      hourlyStd: sig(std(loadRes)),
      ...covariances(loadResDay),
    },
    rho: sig(correlation(zPv, zLoad)),
  };
}

/** Checks the structure of parameters read from JSON. @throws DataValidationError naming the field. */
export function validateSyntheticParams(x: unknown): SyntheticYearParams {
  const where = "validateSyntheticParams";
  const p = x as SyntheticYearParams;
  const fail = (field: string, msg: string): never => {
    throw new DataValidationError(where, msg, { field });
  };
  if (typeof p !== "object" || p === null || p.schema !== "evsp.synthetic-year.v1") fail("schema", 'expected "evsp.synthetic-year.v1"');
  const grid = (g: unknown, rows: number, field: string) => {
    if (!Array.isArray(g) || g.length !== rows || g.some((r) => !Array.isArray(r) || r.length !== 24 || r.some((v) => !Number.isFinite(v) || v < 0))) {
      fail(field, `expected ${rows} rows of 24 non-negative numbers`);
    }
  };
  grid(p.pv?.shape, 12, "pv.shape");
  if (!Array.isArray(p.load?.shape) || p.load.shape.length !== 12) fail("load.shape", "expected 12 months");
  p.load.shape.forEach((m, i) => grid(m, 2, `load.shape[${i}]`));
  for (const [field, v] of [["pv.dailyStd", p.pv.dailyStd], ["load.dailyStd", p.load.dailyStd]] as const) {
    if (!Array.isArray(v) || v.length !== 12 || v.some((s) => !Number.isFinite(s) || s < 0)) fail(field, "expected 12 non-negative numbers");
  }
  for (const [field, v] of [["pv.ar1", p.pv.ar1], ["load.ar1", p.load.ar1], ["rho", p.rho]] as const) {
    if (!Number.isFinite(v) || Math.abs(v) >= 1) fail(field, "expected a number in (−1, 1)");
  }
  for (const [field, v] of [["pvBasisMw", p.pvBasisMw], ["loadPeakMw", p.loadPeakMw], ["pv.hourlyStd", p.pv.hourlyStd], ["load.hourlyStd", p.load.hourlyStd]] as const) {
    if (!Number.isFinite(v) || v < 0) fail(field, "expected a non-negative number");
  }
  const covariance = (c: number[][], field: string) => {
    const square = Array.isArray(c) && c.length === 24 && c.every((r) => Array.isArray(r) && r.length === 24 && r.every((v) => Number.isFinite(v)));
    if (!square) fail(field, "expected 24 rows of 24 finite numbers");
    const scale = Math.max(...c.map((r, i) => r[i]));
    if (c.some((r, i) => r[i] < 0 || r.some((v, j) => Math.abs(v - c[j][i]) > 1e-9 * scale))) fail(field, "expected a symmetric matrix with a non-negative diagonal");
  };
  for (const [name, series] of [["pv", p.pv], ["load", p.load]] as const) {
    if (series.hourlyCov !== undefined) covariance(series.hourlyCov, `${name}.hourlyCov`);
    const byMonth = series.hourlyCovByMonth;
    if (byMonth === undefined) continue;
    if (!Array.isArray(byMonth) || byMonth.length !== 12) fail(`${name}.hourlyCovByMonth`, "expected 12 monthly matrices");
    byMonth.forEach((c, m) => covariance(c, `${name}.hourlyCovByMonth[${m}]`));
  }
  if (typeof p.timeZone !== "string") fail("timeZone", "expected an IANA zone name");
  return p;
}

/** Reads the committed parameters (or another file). @throws DataValidationError when unreadable or malformed. */
export function readSyntheticParams(file: string = path.join(projectDataDir(), SYNTHETIC_PARAMS_FILE)): SyntheticYearParams {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new DataValidationError("readSyntheticParams", `cannot read "${file}": ${(err as Error).message}`);
  }
  return validateSyntheticParams(JSON.parse(text));
}

/** Options of {@link syntheticYear}. */
export interface SyntheticYearOptions {
  /** Default {@link SYNTHETIC_SEED}. */
  seed?: number;
  /** Calendar year generated (dates, weekdays, DST days). Default: the calibration year. */
  year?: number;
  /** Number of consecutive years generated from `year` on. Default 1. */
  years?: number;
}

/**
 * Generates hourly PV and load series (MW, hour-start UTC) over local calendar years, DST days included.
 * @throws ArgumentError for a bad year count.
 */
export function syntheticYear(params: SyntheticYearParams, options: SyntheticYearOptions = {}): { pvMw: HourlySeries; loadMw: HourlySeries } {
  const { seed = SYNTHETIC_SEED, year = params.calibratedFrom.year, years = 1 } = options;
  if (!Number.isInteger(years) || years < 1) throw new ArgumentError("syntheticYear", `years must be a positive integer, got ${years}`);
  const zone = params.timeZone;
  const rng = createRng(seed);
  const start = localToUtc(zone, year, 1, 1, 0).instantsMs[0];
  const end = localToUtc(zone, year + years, 1, 1, 0).instantsMs[0];
  const startMs: number[] = [];
  const pv: number[] = [];
  const load: number[] = [];
  let date = "";
  let zp = randomNormal(rng);
  let zl = params.rho * zp + Math.sqrt(1 - params.rho ** 2) * randomNormal(rng);
  let r = 1;
  let l = 1;
  const { pv: P, load: L } = params;
  // Hourly residuals: one correlated draw of 24 per day with the month's covariance, else the year's, else
  // independent hours. cholPv[m] is the Cholesky factor used in month m.
  const factors = (s: { hourlyCov?: number[][]; hourlyCovByMonth?: number[][][] }) => {
    if (s.hourlyCovByMonth) return s.hourlyCovByMonth.map((c) => choleskyLower(c));
    if (s.hourlyCov) return new Array<number[][]>(12).fill(choleskyLower(s.hourlyCov));
    return undefined;
  };
  const cholPv = factors(P);
  const cholLoad = factors(L);
  let resPv: number[] = [];
  let resLoad: number[] = [];
  for (let t = start; t < end; t += 3_600_000) {
    const lt = localTime(zone, t);
    const m = lt.month - 1;
    if (lt.date !== date) {
      if (date !== "") {
        const e1 = randomNormal(rng);
        const e2 = params.rho * e1 + Math.sqrt(1 - params.rho ** 2) * randomNormal(rng);
        zp = P.ar1 * zp + Math.sqrt(1 - P.ar1 ** 2) * e1;
        zl = L.ar1 * zl + Math.sqrt(1 - L.ar1 ** 2) * e2;
      }
      date = lt.date;
      if (cholPv) resPv = correlatedNormals(rng, cholPv[m]);
      if (cholLoad) resLoad = correlatedNormals(rng, cholLoad[m]);
      r = Math.max(0, 1 + P.dailyStd[m] * zp);
      l = Math.max(0.3, 1 + L.dailyStd[m] * zl);
    }
    const type = lt.weekday >= 6 ? 1 : 0;
    const ePv = cholPv ? resPv[lt.hour] : P.hourlyStd * randomNormal(rng);
    const eLoad = cholLoad ? resLoad[lt.hour] : L.hourlyStd * randomNormal(rng);
    const pvPu = Math.min(1, Math.max(0, P.shape[m][lt.hour] * r * (1 + ePv)));
    const loadPu = Math.max(0, L.shape[m][type][lt.hour] * l * (1 + eLoad));
    startMs.push(t);
    pv.push(pvPu * params.pvBasisMw);
    load.push(loadPu * params.loadPeakMw);
  }
  const source = `synthetic (seed ${seed}) calibrated to ${params.calibratedFrom.file} ${params.calibratedFrom.year}`;
  return {
    pvMw: { name: "pvMw", unit: "MW", timeZone: zone, startMs, values: pv, source },
    loadMw: { name: "loadMw", unit: "MW", timeZone: zone, startMs: startMs.slice(), values: load, source },
  };
}

/** JSON text of the parameters with each number array on one line (the committed file's layout). */
export function syntheticParamsToJson(params: SyntheticYearParams): string {
  const text = JSON.stringify(validateSyntheticParams(params), null, 1);
  return `${text.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, body: string) => `[${body.split(/,\s*/).join(", ")}]`)}\n`;
}
