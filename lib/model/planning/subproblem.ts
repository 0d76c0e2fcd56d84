/**
 * A Benders subproblem: one operated day whose first-stage quantities are copy variables. Fixing a copy variable's
 * bounds to the master's value and reading its reduced cost after the solve gives the subgradient of the day's cost
 * with respect to that first-stage quantity (the cut coefficient).
 */
import type { Network } from "../../network/types";
import type { VarFamily } from "../families";
import { Model } from "../model";
import type { PlanningCase } from "./case";
import type { FirstStageValues } from "./first-stage";
import type { ScenarioDay } from "./inputs";
import { addOperationDay, type OperationDay, type OperationDayOptions } from "./operation";

/** A subproblem model and its copy variables. Keys of `eKwh`/`pKw`: candidate bus. */
export interface Subproblem {
  model: Model;
  day: OperationDay;
  candidates: number[];
  copy: { eKwh: VarFamily; pKw: VarFamily };
}

/** Builds the subproblem of one scenario day (copy variables free until {@link copyBounds} fixes them). */
export function buildSubproblem(net: Network, c: PlanningCase, s: ScenarioDay, options: OperationDayOptions = {}): Subproblem {
  const m = new Model(`sub-${s.id}`);
  const cands = c.storage.candidates.slice();
  const eKwh = m.addVars("copy:eKwh", { bus: cands }, { lb: 0 });
  const pKw = m.addVars("copy:pKw", { bus: cands }, { lb: 0 });
  const day = addOperationDay(m, net, c, s, { eKwh: (b) => eKwh.col(b), pKw: (b) => pKw.col(b) }, "", options);
  m.addObjective(day.cost);
  return { model: m, day, candidates: cands, copy: { eKwh, pKw } };
}

/** Columns and values that fix the copy variables at a first-stage decision. */
export function copyBounds(sub: Subproblem, x: FirstStageValues): { cols: number[]; values: number[] } {
  const cols: number[] = [];
  const values: number[] = [];
  sub.candidates.forEach((b, j) => {
    cols.push(sub.copy.eKwh.col(b), sub.copy.pKw.col(b));
    values.push(x.eKwh[j], x.pKw[j]);
  });
  return { cols, values };
}
