/**
 * Fitted generator parameters on disk (data/ev/<population>.json): fitting them from the real files with their
 * provenance, writing them, and reading them back with a shape check.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { EV_DATASET_FILES, type EvDatasetName } from "../io/datasets";
import { projectDataDir, sharedDataDir } from "../io/paths";
import { readSessionFile } from "../io/read";
import { DataValidationError } from "../util/errors";
import { type CleanOptions, cleanSessions } from "./clean";
import { type FitGeneratorOptions, fitGeneratorParams, type GeneratorParams, validateGeneratorParams } from "./generator-params";

/** The command that (re)writes the committed parameters; recorded in their provenance. */
export const FIT_GENERATOR_COMMAND = "npm run build && node dist/cli/main.js fit-generator --write --json";

/** Path of a population's committed parameters: `data/ev/<population>.json`. */
export function generatorParamsFile(population: string, dir: string = path.join(projectDataDir(), "ev")): string {
  return path.join(dir, `${population}.json`);
}

/** Options of {@link fitDatasetGenerator}. */
export interface FitDatasetOptions {
  /** Folder of the real data (default: the shared data folder). */
  dataDir?: string;
  clean?: CleanOptions;
  fit?: Omit<FitGeneratorOptions, "population" | "provenance">;
}

/**
 * Reads, cleans and fits one real data set, recording what was fitted (file, SHA-256, counts, options, command).
 * @throws DataValidationError when the file is missing or unreadable.
 */
export function fitDatasetGenerator(dataset: EvDatasetName, options: FitDatasetOptions = {}): GeneratorParams {
  const { dataDir = sharedDataDir(), clean = {}, fit = {} } = options;
  const spec = EV_DATASET_FILES[dataset];
  const file = path.join(dataDir, spec.file);
  const read = readSessionFile(file, { format: spec.format });
  const cleaned = cleanSessions(read, clean);
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  return fitGeneratorParams(cleaned.sessions, {
    ...fit,
    population: dataset,
    provenance: {
      dataset,
      file: spec.file.split(path.sep).join("/"),
      sha256,
      rowsIn: cleaned.report.rowsIn,
      rowsKept: cleaned.report.rowsKept,
      cleanOptions: { maxConnectionHours: clean.maxConnectionHours ?? 48 },
      fitOptions: {
        blockHours: fit.blockHours ?? 3,
        minBlockSessions: fit.minBlockSessions ?? 40,
        minBinSessions: fit.minBinSessions ?? 30,
        excludeDcfc: fit.excludeDcfc ?? true,
      },
      command: FIT_GENERATOR_COMMAND,
    },
  });
}

/** Rounds every number in a JSON-able value to `digits` significant digits (keeps integers exact). */
export function roundNumbers<T>(value: T, digits = 8): T {
  if (typeof value === "number") return (Number.isInteger(value) ? value : Number(value.toPrecision(digits))) as T;
  if (Array.isArray(value)) return value.map((v) => roundNumbers(v, digits)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v, digits)])) as T;
  return value;
}

/** Writes parameters as JSON (numbers to 8 significant digits, number arrays on one line). @returns the path. */
export function writeGeneratorParams(params: GeneratorParams, file: string = generatorParamsFile(params.population)): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const text = JSON.stringify(roundNumbers(params), null, 1).replace(/\[\s*(-?[\d.eE+-]+(?:,\s*-?[\d.eE+-]+)*)\s*\]/g, (_, inner: string) => `[${inner.replace(/\s+/g, "")}]`);
  fs.writeFileSync(abs, `${text}\n`);
  return abs;
}

/**
 * Reads a population's fitted parameters.
 * @param population "residential", "acn" or "workplace" (or any name with a JSON file in `dir`).
 * @param dir folder of the parameter files (default data/ev of the package).
 * @throws DataValidationError when the file is missing or malformed (it names the file and the problem).
 */
export function loadGeneratorParams(population: string, dir?: string): GeneratorParams {
  const file = generatorParamsFile(population, dir);
  let p: unknown;
  try {
    p = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DataValidationError("loadGeneratorParams", `cannot read generator parameters ${file}: ${(err as Error).message}`, { file });
  }
  return validateGeneratorParams(p, file);
}

/** Differences between two parameter objects (numbers compared with a relative tolerance). */
export interface ParamsDiff {
  /** Largest |a − b| / max(1, |a|, |b|) over numeric leaves. */
  maxRelDiff: number;
  /** Paths whose values differ beyond the tolerance, or whose structure or non-numeric values differ. */
  mismatches: string[];
}

/**
 * Compares fitted parameters leaf by leaf (used to check that committed parameters re-fit from the data).
 * @param tolerance relative tolerance for numbers. Default 1e-6 (the files hold 8 significant digits).
 */
export function compareGeneratorParams(a: unknown, b: unknown, tolerance = 1e-6): ParamsDiff {
  const out: ParamsDiff = { maxRelDiff: 0, mismatches: [] };
  const walk = (x: unknown, y: unknown, at: string) => {
    if (typeof x === "number" && typeof y === "number") {
      const rel = Math.abs(x - y) / Math.max(1, Math.abs(x), Math.abs(y));
      out.maxRelDiff = Math.max(out.maxRelDiff, rel);
      if (!(rel <= tolerance)) out.mismatches.push(`${at}: ${x} vs ${y}`);
    } else if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.mismatches.push(`${at}: length ${x.length} vs ${y.length}`);
      else x.forEach((v, i) => walk(v, y[i], `${at}[${i}]`));
    } else if (x && y && typeof x === "object" && typeof y === "object") {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
    } else if (x !== y) out.mismatches.push(`${at}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  };
  walk(a, b, "");
  return out;
}
