/**
 * Validation and JSON round trip of {@link ScenarioSet}.
 */
import * as fs from "fs";
import { parseIsoDate } from "../io/series/time-zone";
import { DataValidationError } from "../util/errors";
import { dayTypeOfDate } from "./daily-profiles";
import { SCENARIO_SET_SCHEMA, type ScenarioSet } from "./scenario-set";

const WHERE = "validateScenarioSet";

function fail(field: string, message: string): never {
  throw new DataValidationError(WHERE, message, { field });
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function num(x: unknown, field: string, min = -Infinity, max = Infinity): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < min || x > max) fail(field, `expected a finite number in [${min}, ${max}], got ${JSON.stringify(x)}`);
  return x;
}

function str(x: unknown, field: string): string {
  if (typeof x !== "string" || x === "") fail(field, `expected a non-empty string, got ${JSON.stringify(x)}`);
  return x;
}

function hourly(x: unknown, field: string, max: number): void {
  if (!Array.isArray(x) || x.length !== 24) fail(field, "expected 24 hourly values");
  x.forEach((v, h) => num(v, `${field}[${h}]`, 0, max));
}

/** Tolerance on the sum of probabilities and on per-unit bounds. */
const TOL = 1e-9;

/**
 * Checks that `x` is a well-formed scenario set and returns it typed.
 * Checks: schema tag, 24 hours of 1 h, day basis, normalisation, clustering counts; per scenario unique id, calendar
 * date, day type matching the date, probability in (0, 1] equal to days / daysUsed, 24 PV values in [0, 1] and 24
 * non-negative load multipliers, members ascending and containing the medoid date; probabilities summing to 1,
 * cluster sizes summing to daysUsed, K scenarios.
 * @throws DataValidationError naming the offending field.
 */
export function validateScenarioSet(x: unknown): ScenarioSet {
  if (!isObj(x)) fail("(root)", "expected an object");
  if (x.schema !== SCENARIO_SET_SCHEMA) fail("schema", `expected "${SCENARIO_SET_SCHEMA}", got ${JSON.stringify(x.schema)}`);
  if (x.hours !== 24) fail("hours", "expected 24");
  if (x.dtH !== 1) fail("dtH", "expected 1");
  if (x.dayBasis !== "local" && x.dayBasis !== "utc") fail("dayBasis", 'expected "local" or "utc"');
  str(x.timeZone, "timeZone");
  if (!isObj(x.source)) fail("source", "expected an object");
  str(x.source.pv, "source.pv");
  str(x.source.load, "source.load");
  if (x.source.year !== null) num(x.source.year, "source.year", 1900, 2200);
  if (typeof x.source.synthetic !== "boolean") fail("source.synthetic", "expected a boolean");
  const norm = x.normalisation;
  if (!isObj(norm)) fail("normalisation", "expected an object");
  for (const q of ["pv", "load"] as const) {
    const n = norm[q];
    if (!isObj(n)) fail(`normalisation.${q}`, "expected an object");
    if (n.basis !== "max" && n.basis !== "given") fail(`normalisation.${q}.basis`, 'expected "max" or "given"');
    num(n.value, `normalisation.${q}.value`, Number.MIN_VALUE);
    str(n.unit, `normalisation.${q}.unit`);
  }
  if (!isObj(norm.weights)) fail("normalisation.weights", "expected an object");
  num(norm.weights.pv, "normalisation.weights.pv", 0);
  num(norm.weights.load, "normalisation.weights.load", 0);
  str(norm.metric, "normalisation.metric");
  const cl = x.clustering;
  if (!isObj(cl)) fail("clustering", "expected an object");
  str(cl.method, "clustering.method");
  const k = num(cl.k, "clustering.k", 1);
  num(cl.seed, "clustering.seed");
  num(cl.loss, "clustering.loss", 0);
  num(cl.silhouette, "clustering.silhouette", -1, 1);
  const daysUsed = num(cl.daysUsed, "clustering.daysUsed", 1);
  num(cl.daysDropped, "clustering.daysDropped", 0);
  num(cl.iterations, "clustering.iterations", 0);
  num(cl.swaps, "clustering.swaps", 0);
  if (!Array.isArray(x.scenarios) || x.scenarios.length !== k) fail("scenarios", `expected ${k} scenarios (clustering.k)`);
  const ids = new Set<string>();
  let pSum = 0;
  let daySum = 0;
  x.scenarios.forEach((s: unknown, i: number) => {
    const f = `scenarios[${i}]`;
    if (!isObj(s)) fail(f, "expected an object");
    const id = str(s.id, `${f}.id`);
    if (ids.has(id)) fail(`${f}.id`, `duplicate id "${id}"`);
    ids.add(id);
    const date = str(s.date, `${f}.date`);
    if (!parseIsoDate(date)) fail(`${f}.date`, `not a calendar date "${date}"`);
    if (s.dayType !== dayTypeOfDate(date)) fail(`${f}.dayType`, `${date} is a ${dayTypeOfDate(date)}, not "${String(s.dayType)}"`);
    const p = num(s.probability, `${f}.probability`, Number.MIN_VALUE, 1 + TOL);
    const days = num(s.days, `${f}.days`, 1);
    if (!Number.isInteger(days)) fail(`${f}.days`, "expected an integer");
    if (Math.abs(p - days / daysUsed) > TOL) fail(`${f}.probability`, `expected days / daysUsed = ${days / daysUsed}, got ${p}`);
    num(s.weekendShare, `${f}.weekendShare`, 0, 1);
    hourly(s.pvPu, `${f}.pvPu`, 1 + TOL);
    hourly(s.loadPu, `${f}.loadPu`, Infinity);
    if (!Array.isArray(s.members) || s.members.length !== days) fail(`${f}.members`, `expected ${days} dates`);
    s.members.forEach((d: unknown, j: number) => {
      if (typeof d !== "string" || !parseIsoDate(d)) fail(`${f}.members[${j}]`, "expected a calendar date");
      if (j > 0 && !(d > (s.members as string[])[j - 1])) fail(`${f}.members[${j}]`, "dates must be ascending and distinct");
    });
    if (!(s.members as string[]).includes(date)) fail(`${f}.members`, `must contain the medoid date ${date}`);
    pSum += p;
    daySum += days;
  });
  if (Math.abs(pSum - 1) > 1e-6) fail("scenarios", `probabilities sum to ${pSum}, expected 1`);
  if (daySum !== daysUsed) fail("scenarios", `cluster sizes sum to ${daySum}, expected daysUsed = ${daysUsed}`);
  return x as unknown as ScenarioSet;
}

/** The JSON text of a scenario set (validated first). */
export function scenarioSetToJson(set: ScenarioSet, indent = 0): string {
  return JSON.stringify(validateScenarioSet(set), null, indent || undefined);
}

/** A scenario set from JSON text. @throws DataValidationError for malformed JSON or content. */
export function scenarioSetFromJson(text: string): ScenarioSet {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (err) {
    throw new DataValidationError("scenarioSetFromJson", `not JSON: ${(err as Error).message}`);
  }
  return validateScenarioSet(x);
}

/** Writes a scenario set as JSON. Returns the path. */
export function writeScenarioSet(set: ScenarioSet, file: string): string {
  fs.writeFileSync(file, `${scenarioSetToJson(set, 1)}\n`);
  return file;
}

/** Reads a scenario set written by {@link writeScenarioSet}. @throws DataValidationError when unreadable or malformed. */
export function readScenarioSet(file: string): ScenarioSet {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new DataValidationError("readScenarioSet", `cannot read "${file}": ${(err as Error).message}`, { file });
  }
  try {
    return scenarioSetFromJson(text);
  } catch (err) {
    throw err instanceof DataValidationError ? err.inFile(file) : err;
  }
}
