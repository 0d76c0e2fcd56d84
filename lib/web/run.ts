/**
 * One calibration update, as the page's Web Worker runs it (and as tests run it in Node): the sessions of the chosen
 * data set (its fitted generator with the seed, or the user's file read and cleaned by the code behind `evsp clean`),
 * the accuracy report of `evsp aggregate-accuracy`, and the series the page's figures draw.
 */
import { cleanSessions, type CleanReport } from "../clean/clean";
import type { GeneratorParams } from "../clean/generator-params";
import { validateGeneratorParams } from "../clean/generator-params";
import { syntheticSessions } from "../clean/synthetic";
import { aggregateEnvelope } from "../ev/aggregate";
import { cumulativeKwh, energyEnvelope } from "../ev/envelope";
import { readSessionBytes } from "../io/read";
import type { ChargingSession } from "../io/session";
import type { EvStationModel } from "../model/ev-station";
import { aggregationReport, type AggregationReport, type AggregationReportRow } from "../studies/aggregation-report";
import type { AccuracyRun } from "../studies/ev-accuracy";
import { ArgumentError } from "../util/errors";
import { type CalibrationParams, checkCalibrationParams, reportOptionsOf } from "./params";

/** The user's own session file. */
export interface SessionFileInput {
  name: string;
  bytes: Uint8Array;
}

/** What one update needs besides its parameters. */
export interface CalibrationInput {
  params: CalibrationParams;
  /** Fitted generator parameters by data set (what data/ev/<name>.json holds). */
  generators: Partial<Record<string, unknown>>;
  /** With dataset "file". */
  file?: SessionFileInput;
  /** Called after every (N, draw, model), with the runs done and the runs in all. */
  onProgress?: (done: number, total: number) => void;
}

/** The series of the page's figures. */
export interface CalibrationViews {
  /** Slot boundaries, hours after the horizon's start (k = 0 … T). */
  hours: number[];
  /** The horizon's start, local hour. */
  startH: number;
  /** One EV of the kept draw (the first flexible one): its cumulative energy band, kWh at each boundary. */
  ev?: { id: string; arrivalH: number; departureH: number; chargerKw: number; energyKwh: number; earliestKwh: number[]; latestKwh: number[] };
  /** The flexible aggregate of the kept draw: the envelope's band (kWh) and each model's plan as cumulative energy. */
  aggregate?: {
    n: number;
    flexible: number;
    lowerKwh: number[];
    upperKwh: number[];
    individualKw: number[];
    models: { model: EvStationModel; planKw: number[]; realisedKw: number[]; planKwh: number[]; realisedKwh: number[] }[];
  };
}

/** What one update returns (plain data: it crosses from the worker to the page). */
export interface CalibrationOutcome {
  params: CalibrationParams;
  rows: AggregationReportRow[];
  failures: AggregationReport["failures"];
  /** Where the sessions came from, in words. */
  source: string;
  /** The population the sessions stand for (a file: its detected format). */
  dataset: string;
  sessions: number;
  /** The file's cleaning report (per-rule reject counts), with dataset "file". */
  clean?: CleanReport & { file: string; encoding?: string };
  views: CalibrationViews;
  report: Pick<AggregationReport, "normaliser" | "costGap" | "signal" | "grid" | "controllable" | "disaggregation" | "seed">;
  /** Seconds of the update: sessions (generation or read and clean) and the experiment. */
  seconds: { sessions: number; experiment: number; total: number };
}

interface SessionSource {
  sessions: ChargingSession[];
  dataset: string;
  source: string;
  clean?: CalibrationOutcome["clean"];
}

/**
 * Sources of the last few updates, by data set and seed (a generator, with the parameters object it ran) or by file
 * name and content (a file): moving a control other than these reuses the sessions instead of generating or
 * cleaning them again. Nothing downstream changes a session.
 */
const sourceCache = new Map<string, { from: unknown; src: SessionSource }>();

/** FNV-1a over the bytes: a content key for the cache (with the name and the length). */
function contentKey(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

/** The sessions of the input's data set (cached, see {@link sourceCache}). */
function sessionsOf(input: CalibrationInput): SessionSource {
  const { params } = input;
  const key = params.dataset === "file" ? `file:${input.file?.name}:${input.file ? contentKey(input.file.bytes) : ""}` : `generator:${params.dataset}:${params.seed}`;
  // A generator's sessions hold only for the same parameters object (the page's stay the same; callers may differ).
  const from = params.dataset === "file" ? undefined : input.generators[params.dataset];
  const hit = sourceCache.get(key);
  if (hit && hit.from === from) return hit.src;
  const src = freshSessions(input);
  if (sourceCache.size >= 4) sourceCache.delete(sourceCache.keys().next().value as string);
  sourceCache.set(key, { from, src });
  return src;
}

function freshSessions(input: CalibrationInput): SessionSource {
  const { params } = input;
  if (params.dataset === "file") {
    if (!input.file) throw new ArgumentError("runCalibration", "dataset is file but no session file was given", { field: "file" });
    const read = readSessionBytes(input.file.bytes, { format: "auto" }, input.file.name);
    const cleaned = cleanSessions(read);
    const r = cleaned.report;
    return {
      sessions: cleaned.sessions,
      dataset: r.format,
      source: `file ${input.file.name} (${r.format}: ${r.rowsIn} rows read, ${r.rowsKept} kept)`,
      clean: { ...r, rejected: { ...r.rejected }, file: input.file.name, ...(read.encoding ? { encoding: read.encoding } : {}) },
    };
  }
  const raw = input.generators[params.dataset];
  if (raw === undefined) throw new ArgumentError("runCalibration", `no generator parameters for data set "${params.dataset}"`, { field: "dataset" });
  const gp: GeneratorParams = validateGeneratorParams(raw, `generator parameters of ${params.dataset}`, "runCalibration");
  const { sessions, stationDays } = syntheticSessions(gp, params.seed);
  const stations = typeof stationDays.stations === "number" ? stationDays.stations : stationDays.stations.length;
  return { sessions, dataset: params.dataset, source: `synthetic: seeded generator (seed ${params.seed}) fitted to ${params.dataset}, ${sessions.length} sessions on ${stations} stations × ${stationDays.days} days` };
}

/**
 * Runs one calibration update.
 * @throws ArgumentError for bad parameters or a missing generator/file; DataValidationError for an unreadable file.
 */
export async function runCalibration(input: CalibrationInput): Promise<CalibrationOutcome> {
  const t0 = performance.now();
  const params = checkCalibrationParams(input.params);
  const src = sessionsOf(input);
  const t1 = performance.now();
  const total = params.sizes.length * params.draws * params.models.length;
  let done = 0;
  const options = reportOptionsOf(params);
  const report = await aggregationReport(src.sessions, src.dataset, {
    ...options,
    onRun: (_run: AccuracyRun) => input.onProgress?.(++done, total),
  });
  const t2 = performance.now();
  const { grid } = report;
  const views: CalibrationViews = { hours: Array.from({ length: grid.slots + 1 }, (_, k) => k * grid.dtH), startH: grid.startH };
  const d = report.detail;
  if (d) {
    const one = d.flexible[0];
    if (one) {
      const env = energyEnvelope(one);
      views.ev = { id: one.id, arrivalH: one.arrivalH, departureH: one.departureH, chargerKw: one.chargerKw, energyKwh: one.eMaxKwh, earliestKwh: env.earliestKwh.slice(), latestKwh: env.latestKwh.slice() };
    }
    const agg = aggregateEnvelope(d.flexible, grid);
    views.aggregate = {
      n: d.n,
      flexible: d.flexible.length,
      lowerKwh: agg.eLowerKwh.slice(),
      upperKwh: agg.eUpperKwh.slice(),
      individualKw: d.individualKw,
      models: d.models.map((m) => ({ model: m.model, planKw: m.planKw, realisedKw: m.realisedKw, planKwh: cumulativeKwh(m.planKw, grid.dtH), realisedKwh: cumulativeKwh(m.realisedKw, grid.dtH) })),
    };
  }
  return {
    params,
    rows: report.rows,
    failures: report.failures,
    source: src.source,
    dataset: src.dataset,
    sessions: src.sessions.length,
    ...(src.clean ? { clean: src.clean } : {}),
    views,
    report: { normaliser: report.normaliser, costGap: report.costGap, signal: report.signal, grid: report.grid, controllable: report.controllable, disaggregation: report.disaggregation, seed: report.seed },
    seconds: { sessions: (t1 - t0) / 1000, experiment: (t2 - t1) / 1000, total: (t2 - t0) / 1000 },
  };
}
