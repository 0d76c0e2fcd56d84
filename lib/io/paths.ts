/**
 * Where data lives. Real public data (never copied into the repository) is read from a configurable directory;
 * the repository's own generated data sits in `data/`.
 */
import * as fs from "fs";
import * as path from "path";

let rootCache: string | undefined;

/** The root of the evsp package (the folder holding its package.json). */
export function packageRoot(): string {
  if (rootCache !== undefined) return rootCache;
  // Sources live in lib/<folder>/, compiled files in dist/<folder>/ or .bench-build/lib/<folder>/: walk up to the
  // first package.json named "evsp" (two levels up in the first two cases).
  let dir = __dirname;
  for (let k = 0; k < 6; k++) {
    const pkg = path.join(dir, "package.json");
    try {
      if ((JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "evsp") return (rootCache = dir);
    } catch {
      // no (readable) package.json here: keep walking up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (rootCache = path.resolve(__dirname, "..", ".."));
}

/** The repository's own data folder (`data/`): the IEEE 33-bus case, fitted parameters, configs. */
export function projectDataDir(): string {
  return path.join(packageRoot(), "data");
}

/**
 * The folder of real public data sets (ev-sessions/, pv/, load/). Taken from the environment variable
 * `EVSP_DATA_DIR` when set, else `../shared/data` beside the package root (where CI has it).
 */
export function sharedDataDir(): string {
  const env = process.env.EVSP_DATA_DIR;
  if (env && env.trim() !== "") return path.resolve(env);
  return path.resolve(packageRoot(), "..", "shared", "data");
}

/** The path of a file in the shared data folder (it may not exist). */
export function sharedDataFile(...parts: string[]): string {
  return path.join(sharedDataDir(), ...parts);
}

/** True when the shared data file exists and can be read. */
export function hasSharedData(...parts: string[]): boolean {
  try {
    fs.accessSync(sharedDataFile(...parts), fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The real data files the toolkit knows, relative to {@link sharedDataDir}. */
export const SHARED_FILES = {
  evResidential: path.join("ev-sessions", "Dataset 1_EV charging reports.csv"),
  evAcn: path.join("ev-sessions", "acndata_sessions_cal_dec2020_may2023.json"),
  evWorkplace: path.join("ev-sessions", "station_data_dataverse.csv"),
  pvFrance: path.join("pv", "time_series_60min_singleindex_filtered.csv"),
  loadHousehold: path.join("load", "household_data_60min_singleindex.csv"),
  loadAep: path.join("load", "AEP_hourly.csv"),
} as const;
