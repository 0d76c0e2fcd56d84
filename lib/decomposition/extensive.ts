/**
 * The extensive form: the first stage and every scenario day in one model (the baseline Benders must match). The
 * cones are handled by outer approximation in rounds (each round re-solves the MILP with the new cuts), seeded from
 * AC power flows; EV exact aggregates add their cuts in the same loop.
 */
import { LinExpr } from "../model/expr";
import { Model } from "../model/model";
import { dayDispatch, type DayDispatch } from "../model/planning/dispatch";
import { addFirstStage, firstStageValues, type FirstStageValues } from "../model/planning/firstStage";
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import { addOperationDay, type OperationDay } from "../model/planning/operation";
import { acCheck } from "../solve/acCheck";
import { powerFlowConeSeeds } from "../solve/coneSeeds";
import { ConeCutPool } from "../solve/coneCuts";
import { EvCutPool, evExactSeparator } from "../solve/evExactCuts";
import type { HighsOptions, RowInput } from "../solve/highs";
import type { Separator } from "../solve/separation";
import { solveModel } from "../solve/solveModel";
import { ArgumentError } from "../util/errors";
import { DAYS_PER_YEAR } from "./master";

/** Options of {@link solveExtensive}. */
export interface ExtensiveOptions extends HighsOptions {
  /** Cone cut tolerance (pu²). Default 1e-7. */
  coneTol?: number;
  maxRounds?: number;
  /** Fix the siting (one flag per candidate, case order): enumeration and what-if runs. */
  fixBuild?: readonly boolean[];
}

/** The outcome of {@link solveExtensive}. */
export interface ExtensiveResult {
  x: FirstStageValues;
  /** Annual cost, ¥/year. */
  objective: number;
  seconds: number;
  rounds: number;
  size: { cols: number; rows: number };
  /** Per scenario: dispatch and AC re-check. */
  days: { dispatch: DayDispatch; acCheck: { lossDiffPct: number; lossDiffKw: number; vMaxDiffPu: number } }[];
}

/** Builds and solves the extensive form. */
export async function solveExtensive(inputs: PlanningInputs, options: ExtensiveOptions = {}): Promise<ExtensiveResult> {
  const { coneTol = 1e-7, maxRounds = 200 } = options;
  const t0 = performance.now();
  const net = planningNetwork(inputs);
  const c = inputs.case;
  const m = new Model("extensive");
  const fs = addFirstStage(m, c);
  m.addObjective(fs.annualCost);
  if (options.fixBuild) {
    if (options.fixBuild.length !== fs.candidates.length) throw new ArgumentError("solveExtensive", `fixBuild has ${options.fixBuild.length} flags for ${fs.candidates.length} candidates`);
    fs.candidates.forEach((b, j) => m.fix(fs.y.col(b), options.fixBuild![j] ? 1 : 0));
  }
  const days: OperationDay[] = inputs.scenarios.map((s) => {
    const day = addOperationDay(m, net, c, s, { eKwh: (b) => fs.eKwh.col(b), pKw: (b) => fs.pKw.col(b) }, `${s.id}:`);
    m.addObjective(day.cost, DAYS_PER_YEAR * s.probability);
    return day;
  });
  // Seeds: tangent cuts at each day's AC power flow with PV at its available output and flexible devices idle.
  const guess = new Float64Array(m.numCols);
  for (const day of days) day.scenario.pv.forEach((_, i) => day.hours.forEach((t) => (guess[day.pv.col(i, t)] = m.colUb[day.pv.col(i, t)])));
  const seeds: RowInput[] = days.flatMap((day) => powerFlowConeSeeds(net, day.dist, day.inj, guess));
  const seedSep: Separator = { name: "seed", seed: () => seeds, separate: () => [] };
  // Rounds on the LP relaxation first (cheap), then on the MILP starting from every cut found: both share the pools.
  const conePool = new ConeCutPool();
  const evPool = new EvCutPool();
  const evSeps = () => days.flatMap((day) => day.ev.filter((st) => st.model === "exact").map((st) => evExactSeparator(st, { pool: evPool })));
  const relaxed = m.clone("extensive-relaxed");
  relaxed.colInt.fill(false);
  const lp = await solveModel(relaxed, { ...options, coneTol, maxRounds, conePool, separators: [seedSep, ...evSeps()] });
  const sol = await solveModel(m, { ...options, coneTol, maxRounds, conePool, mipRelGap: options.mipRelGap ?? 1e-7, separators: evSeps() });
  const x = firstStageValues(fs, sol.x);
  return {
    x,
    objective: sol.objective,
    seconds: (performance.now() - t0) / 1000,
    rounds: lp.info.rounds + sol.info.rounds,
    size: sol.info.size,
    days: days.map((day) => {
      const d = dayDispatch(m, net, c, day, sol.x);
      const ac = acCheck(net, day.inj, sol.x, day.hours, d.vPu, d.lossKw);
      return { dispatch: d, acCheck: { lossDiffPct: ac.lossDiffPct, lossDiffKw: ac.lossDiffKw, vMaxDiffPu: ac.vMaxDiffPu } };
    }),
  };
}
