/**
 * The calibration page's parameters and their URL form (`?dataset=acn&sizes=10,50,200&draws=5&seed=1&dt=60&
 * alpha=0.8&signal=tou&models=envelope,exact`), so that a calibration can be shared as a link. Parsing is strict
 * (plain decimals only, as everywhere in the toolkit) and each error names its parameter; a parameter left out takes
 * its default. Runs in Node and in the browser.
 */
import { parseDecimal } from "../io/decimal";
import type { EvStationModel } from "../model/ev-station";
import { AGGREGATE_MODELS, type AggregationReportOptions } from "../studies/aggregation-report";
import type { AccuracySignal } from "../studies/ev-accuracy";
import { ArgumentError } from "../util/errors";

/** The fitted generators the page ships with, and "file" for the user's own session file. */
export const CALIBRATION_DATASETS = ["residential", "acn", "workplace"] as const;
export type CalibrationDataset = (typeof CALIBRATION_DATASETS)[number] | "file";

/** Everything one calibration update depends on. */
export interface CalibrationParams {
  dataset: CalibrationDataset;
  /** Fleet sizes N. */
  sizes: number[];
  draws: number;
  seed: number;
  /** Slot length, minutes. */
  dt: number;
  /** Controllable share α. */
  alpha: number;
  signal: AccuracySignal;
  models: EvStationModel[];
}

/** The page's defaults (fewer draws than the command's 20: an update should take a moment, not minutes). */
export const DEFAULT_CALIBRATION: Readonly<CalibrationParams> = Object.freeze<CalibrationParams>({
  dataset: "acn",
  sizes: [10, 50, 200],
  draws: 5,
  seed: 1,
  dt: 60,
  alpha: 1,
  signal: "tou",
  models: ["envelope", "exact"],
});

const KEYS = ["dataset", "sizes", "draws", "seed", "dt", "alpha", "signal", "models"] as const;
const WHERE = "calibration parameters";

function fail(field: string, message: string): never {
  throw new ArgumentError(WHERE, `${field}: ${message}`, { field });
}

function integer(field: string, text: string, min: number): number {
  const v = parseDecimal(text);
  if (v === undefined || !Number.isInteger(v) || v < min) fail(field, `must be a whole number ≥ ${min}, got "${text}"`);
  return v;
}

/**
 * Checks parameters (also those built by a page's controls).
 * @throws ArgumentError naming the parameter.
 */
export function checkCalibrationParams(p: CalibrationParams): CalibrationParams {
  if (!(CALIBRATION_DATASETS as readonly string[]).includes(p.dataset) && p.dataset !== "file") fail("dataset", `must be one of ${CALIBRATION_DATASETS.join(", ")} or file, got "${p.dataset}"`);
  if (p.sizes.length === 0 || p.sizes.some((n) => !Number.isInteger(n) || n < 1)) fail("sizes", `must be whole numbers ≥ 1, got ${p.sizes.join(",")}`);
  if (!Number.isInteger(p.draws) || p.draws < 1) fail("draws", `must be a whole number ≥ 1, got ${p.draws}`);
  if (!Number.isInteger(p.seed) || p.seed < 0) fail("seed", `must be a whole number ≥ 0, got ${p.seed}`);
  if (!(p.dt > 0) || 1440 % p.dt !== 0) fail("dt", `the slot length must divide 1440 minutes, got ${p.dt}`);
  if (!(p.alpha >= 0 && p.alpha <= 1)) fail("alpha", `the controllable share must be in [0, 1], got ${p.alpha}`);
  if (p.signal !== "tou" && p.signal !== "valley") fail("signal", `must be tou or valley, got "${p.signal}"`);
  if (p.models.length === 0 || p.models.some((m) => !AGGREGATE_MODELS.includes(m))) fail("models", `must be among ${AGGREGATE_MODELS.join(", ")}, got "${p.models.join(",")}"`);
  return p;
}

/**
 * Parameters from a URL's query (`location.search`, with or without "?"): defaults for what it leaves out.
 * @throws ArgumentError for an unknown key or a bad value, naming the parameter.
 */
export function parseCalibrationQuery(search: string): CalibrationParams {
  const q = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  for (const key of q.keys()) if (!(KEYS as readonly string[]).includes(key)) fail(key, `unknown parameter; known: ${KEYS.join(", ")}`);
  const p: CalibrationParams = { ...DEFAULT_CALIBRATION, sizes: DEFAULT_CALIBRATION.sizes.slice(), models: DEFAULT_CALIBRATION.models.slice() };
  const get = (k: (typeof KEYS)[number]) => q.get(k) ?? undefined;
  const dataset = get("dataset");
  if (dataset !== undefined) p.dataset = dataset as CalibrationDataset;
  const sizes = get("sizes");
  if (sizes !== undefined) p.sizes = sizes.split(",").map((s) => integer("sizes", s.trim(), 1));
  const draws = get("draws");
  if (draws !== undefined) p.draws = integer("draws", draws, 1);
  const seed = get("seed");
  if (seed !== undefined) p.seed = integer("seed", seed, 0);
  const dt = get("dt");
  if (dt !== undefined) p.dt = integer("dt", dt, 1);
  const alpha = get("alpha");
  if (alpha !== undefined) {
    const v = parseDecimal(alpha);
    if (v === undefined) fail("alpha", `must be a number in [0, 1], got "${alpha}"`);
    p.alpha = v;
  }
  const signal = get("signal");
  if (signal !== undefined) p.signal = signal as AccuracySignal;
  const models = get("models");
  if (models !== undefined) p.models = models.split(",").map((s) => s.trim()) as EvStationModel[];
  return checkCalibrationParams(p);
}

/** The query string of parameters (every key, in a fixed order), without "?". */
export function calibrationQuery(p: CalibrationParams): string {
  const q = new URLSearchParams();
  q.set("dataset", p.dataset);
  q.set("sizes", p.sizes.join(","));
  q.set("draws", String(p.draws));
  q.set("seed", String(p.seed));
  q.set("dt", String(p.dt));
  q.set("alpha", String(p.alpha));
  q.set("signal", p.signal);
  q.set("models", p.models.join(","));
  return q.toString().replace(/%2C/g, ",");
}

/**
 * The experiment's options for parameters: what `evsp aggregate-accuracy --dataset D --sizes … --draws … --seed …
 * --dt … --controllable α --signal … --model …` runs (QP disaggregation, the data set's usual start hour), with the
 * trajectories of the first draw at the largest size kept for the page's figures.
 */
export function reportOptionsOf(p: CalibrationParams): AggregationReportOptions {
  return {
    sizes: p.sizes.slice(),
    draws: p.draws,
    seed: p.seed,
    dtMinutes: p.dt,
    controllable: p.alpha,
    models: p.models.slice(),
    signal: p.signal,
    disaggregation: "qp",
    detail: { n: Math.max(...p.sizes), draw: 0 },
  };
}

/** The `evsp aggregate-accuracy` arguments that compute the same rows (for a generator data set). */
export function cliArgsOf(p: CalibrationParams): string[] {
  if (p.dataset === "file") throw new ArgumentError("cliArgsOf", "a dropped file has no data set name: pass it with --sessions", { field: "dataset" });
  return ["aggregate-accuracy", "--dataset", p.dataset, "--sizes", p.sizes.join(","), "--draws", String(p.draws), "--seed", String(p.seed), "--dt", String(p.dt), "--controllable", String(p.alpha), "--signal", p.signal, "--model", p.models.join(","), "--json"];
}
