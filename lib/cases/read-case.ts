/**
 * Planning cases from files: the committed cases in data/cases/ by name, and any case file read and validated
 * (relative MATPOWER paths resolved against the case file's folder).
 */
import * as fs from "fs";
import * as path from "path";
import { projectDataDir } from "../io/paths";
import { type PlanningCase, validatePlanningCase } from "../model/planning/case";
import { DataValidationError } from "../util/errors";

/** Path of a committed case in data/cases/ by its name, e.g. "paper-ieee33-colocated" (see data/cases/README.md). */
export function casePath(name: string): string {
  return path.join(projectDataDir(), "cases", `${name}.json`);
}

/** The committed paper case's path. */
export function paperCasePath(): string {
  return casePath("paper-ieee33");
}

/** Reads and validates a case file (default: the committed paper case). */
export function readPlanningCase(file: string = paperCasePath()): PlanningCase {
  if (!fs.existsSync(file)) throw new DataValidationError("readPlanningCase", `no such case file: ${file}`, { file });
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DataValidationError("readPlanningCase", `not valid JSON: ${(err as Error).message}`, { file });
  }
  let c: PlanningCase;
  try {
    c = validatePlanningCase(parsed);
  } catch (err) {
    throw err instanceof DataValidationError && err.file === undefined ? err.inFile(file) : err;
  }
  if (c.network.case.endsWith(".m") && !path.isAbsolute(c.network.case)) {
    return { ...c, network: { ...c.network, case: path.resolve(path.dirname(file), c.network.case) } };
  }
  return c;
}
