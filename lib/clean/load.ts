/**
 * The one call the rest of the toolkit makes for EV sessions: clean sessions of a named data set, from the real
 * file when it is present, else from the seeded generator fitted to it (saying so).
 */
import * as fs from "fs";
import * as path from "path";
import { EV_DATASET_FILES, type EvDatasetName } from "../io/datasets";
import { hasSharedData, sharedDataDir } from "../io/paths";
import { readSessionFile } from "../io/read";
import type { ChargingSession } from "../io/session";
import { ArgumentError } from "../util/errors";
import { type CleanOptions, type CleanReport, type CleanResult, cleanSessions, type RejectedRow } from "./clean";
import type { StationDaysSpec } from "./generator";
import { generatorParamsFile, loadGeneratorParams } from "./generator-store";
import type { StationPowerRow } from "./power-inference";
import { syntheticSessions } from "./synthetic";

/** Cleaned real files, keyed by path, size, modification time and options (callers get copies). */
const cache = new Map<string, CleanResult>();

/** Reads and cleans a real file, once per (file version, options). */
function cleanedFile(file: string, format: ReturnType<typeof formatOf>, clean: CleanOptions): CleanResult {
  const st = fs.statSync(file);
  const key = JSON.stringify([path.resolve(file), st.size, st.mtimeMs, clean]);
  let res = cache.get(key);
  if (res === undefined) {
    res = cleanSessions(readSessionFile(file, { format }), clean);
    if (cache.size >= 8) cache.clear();
    cache.set(key, res);
  }
  return res;
}

function formatOf(name: EvDatasetName) {
  return EV_DATASET_FILES[name].format;
}

/** What {@link loadCleanSessions} can load. */
export type SessionDataset = EvDatasetName | "synthetic";

/** Options of {@link loadCleanSessions}. */
export interface LoadCleanOptions {
  /** Seed of the generator when sessions are synthetic. Default 1. */
  seed?: number;
  /** Folder of the real data sets. Default: the shared data folder (`EVSP_DATA_DIR` or ../shared/data). */
  dataDir?: string;
  /** Population of "synthetic" (and the fallback of a real name is always its own). Default "residential". */
  population?: EvDatasetName;
  /** Generate even when the real file is present. Default false. */
  forceSynthetic?: boolean;
  /** Station-days to generate. Default: the fitted number of stations × their mean span of days. */
  stationDays?: StationDaysSpec;
  /** Cleaning options for real files. */
  clean?: CleanOptions;
  /** Folder of generator parameters. Default data/ev of the package. */
  paramsDir?: string;
}

/** Result of {@link loadCleanSessions}. */
export interface LoadedSessions {
  /** The population the sessions stand for. */
  dataset: EvDatasetName;
  sessions: ChargingSession[];
  /** Cleaning report (real data only). */
  report?: CleanReport;
  /** Rejected rows (real data only). */
  rejects?: RejectedRow[];
  /** Station power table (real data only). */
  stations?: StationPowerRow[];
  /** True when the sessions come from the generator. */
  synthetic: boolean;
  /** Where the sessions come from, in words. */
  source: string;
}

/**
 * Clean sessions of a data set: the real file read and cleaned when present, else (or with `forceSynthetic`, or for
 * "synthetic") sessions from the seeded generator fitted to that data set (data/ev/<name>.json). A real file is
 * read and cleaned once per version and options; every call returns its own copies.
 * @param dataset "residential", "acn", "workplace", or "synthetic" (generator of `options.population`).
 * @returns sessions and where they come from (`source` says "synthetic … real file … not found" on fallback).
 * @throws ArgumentError for an unknown data set name; DataValidationError for unreadable files.
 * @example const { sessions, source } = loadCleanSessions("workplace", { seed: 7 });
 */
export function loadCleanSessions(dataset: SessionDataset, options: LoadCleanOptions = {}): LoadedSessions {
  const { seed = 1, dataDir, population = "residential", forceSynthetic = false, clean = {}, paramsDir } = options;
  if (dataset !== "synthetic" && !(dataset in EV_DATASET_FILES)) {
    throw new ArgumentError("loadCleanSessions", `unknown data set "${dataset}"; use residential, acn, workplace or synthetic`);
  }
  if (!(population in EV_DATASET_FILES)) throw new ArgumentError("loadCleanSessions", `unknown population "${population}"`);
  const name: EvDatasetName = dataset === "synthetic" ? population : dataset;
  const spec = EV_DATASET_FILES[name];
  const file = path.join(dataDir ?? sharedDataDir(), spec.file);
  const present = dataDir === undefined ? hasSharedData(spec.file) : fs.existsSync(file);
  if (dataset !== "synthetic" && !forceSynthetic && present) {
    const res = cleanedFile(file, formatOf(name), clean);
    return {
      dataset: name,
      sessions: res.sessions.map((s) => ({ ...s })),
      report: { ...res.report, rejected: { ...res.report.rejected } },
      rejects: res.rejects.map((r) => ({ ...r, fields: { ...r.fields } })),
      stations: res.stations.map((s) => ({ ...s })),
      synthetic: false,
      source: `real data: ${file} (${res.report.rowsIn} rows read, ${res.report.rowsKept} kept)`,
    };
  }
  const params = loadGeneratorParams(name, paramsDir);
  const { sessions, stationDays } = syntheticSessions(params, seed, options.stationDays);
  const why = dataset === "synthetic" ? "synthetic data asked for" : forceSynthetic ? "forceSynthetic" : `real file ${file} not found`;
  return {
    dataset: name,
    sessions,
    synthetic: true,
    source:
      `synthetic: seeded generator (seed ${seed}) fitted to ${name} (${generatorParamsFile(name, paramsDir)}), ` +
      `${sessions.length} sessions on ${typeof stationDays.stations === "number" ? stationDays.stations : stationDays.stations.length} stations × ${stationDays.days} days — ${why}`,
  };
}
