/**
 * The planning problem as one polyhedral MILP, for any MILP solver: the extensive form (first stage with binary
 * siting, every scenario day) with its cones replaced by the cut pool a solve found — the seeds, tangent cone cuts
 * and exact-EV cuts each day's subproblem held when the solve ended. Every such row is valid for the SOC model, so
 * the MILP is a relaxation of it: its optimum is a lower bound on the plan's cost, and close to it when the pool is
 * good where the plan operates. Written in CPLEX LP format by `evsp plan --write-lp`.
 *
 * The objective's constant is a column fixed at 1 (CBC's LP reader drops a constant).
 * A subproblem's rows are over its own columns; each maps to the extensive form by name (day `d`'s column
 * `fam(keys)` is `d:fam(keys)` there) and its copy variables to the first-stage sizes.
 */
import { LinExpr } from "../model/expr";
import type { Model } from "../model/model";
import { type PlanningInputs, planningNetwork } from "../model/planning/inputs";
import { buildSubproblem } from "../model/planning/subproblem";
import type { RowInput } from "../solve/highs";
import { ArgumentError } from "../util/errors";
import { buildExtensiveForm } from "./extensive";

/** What {@link extensiveLpModel} returns. */
export interface ExtensiveLpModel {
  /** The MILP (no cones; binaries on the siting). */
  model: Model;
  /** Cut rows added per scenario day (scenario order). */
  cutsPerDay: number[];
}

/**
 * The extensive form with each day's cones replaced by its cut rows.
 * @param cutRows per scenario (scenario order), rows over that day's subproblem columns (SubproblemRunner.cutRows).
 * @throws ArgumentError when the rows do not match the scenarios or a column has no counterpart.
 */
export function extensiveLpModel(inputs: PlanningInputs, cutRows: readonly (readonly RowInput[])[]): ExtensiveLpModel {
  if (cutRows.length !== inputs.scenarios.length) {
    throw new ArgumentError("extensiveLpModel", `cutRows has ${cutRows.length} lists for ${inputs.scenarios.length} scenario days`, { field: "cutRows" });
  }
  const net = planningNetwork(inputs);
  const { model, firstStage } = buildExtensiveForm(inputs, net);
  model.takeCones();
  // The objective's constant as a column fixed at 1: some LP readers (CBC's) drop a constant in the objective.
  const constant = model.objective.constant;
  if (constant !== 0) {
    model.objective.constant = 0;
    model.addObjective(new LinExpr().add(model.addVar("objectiveConstant", { lb: 1, ub: 1 }), constant));
  }
  const byName = new Map<string, number>();
  for (let col = 0; col < model.numCols; col++) byName.set(model.colKey(col), col);
  const cutsPerDay = inputs.scenarios.map((s, d) => {
    const sub = buildSubproblem(net, inputs.case, s);
    const map = new Int32Array(sub.model.numCols).fill(-1);
    sub.candidates.forEach((b) => {
      map[sub.copy.eKwh.col(b)] = firstStage.eKwh.col(b);
      map[sub.copy.pKw.col(b)] = firstStage.pKw.col(b);
    });
    const colOf = (col: number): number => {
      if (!(col >= 0 && col < map.length)) throw new ArgumentError("extensiveLpModel", `day ${s.id}: a cut row names column ${col}, outside its subproblem (${map.length} columns)`, { field: "cutRows" });
      if (map[col] < 0) {
        const name = `${s.id}:${sub.model.colKey(col)}`;
        const ext = byName.get(name);
        if (ext === undefined) throw new ArgumentError("extensiveLpModel", `day ${s.id}: column ${sub.model.colKey(col)} of the subproblem has no counterpart ${name} in the extensive form`);
        map[col] = ext;
      }
      return map[col];
    };
    cutRows[d].forEach((r, k) => {
      const e = new LinExpr();
      for (let j = 0; j < r.cols.length; j++) e.add(colOf(r.cols[j]), r.coefs[j]);
      model.addRow(`${s.id}:cut`, [k], e, r.lb, r.ub);
    });
    return cutRows[d].length;
  });
  return { model, cutsPerDay };
}
