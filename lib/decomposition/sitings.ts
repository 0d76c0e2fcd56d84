/**
 * An exact reference for the plan by enumeration over the sitings: for each siting the sizing problem is convex, so
 * Benders with the siting fixed closes its gap quickly; the plan is the best siting's. Sitings run one after the
 * other on one evaluator (the days' warm models and cone cuts carry over) and each starts from every optimality cut
 * found before — valid for all sitings, since a cut bounds a day's cost as a function of the sizes alone — with the
 * best plan so far as a cutoff (less the gap tolerance, as branch and bound prunes: the result stays within it), so a
 * siting whose lower bound cannot beat it stops at once. The cuts start from the
 * points Benders starts from (no storage, every candidate at 1000 and 3000 kWh), and the next siting is always the
 * one whose master bound under the cuts so far is lowest.
 *
 * When opening a site costs nothing, a siting with fewer than `maxSites` sites is a special case of a larger one
 * (sizes may be zero), so only the maximal sitings are enumerated; otherwise every siting of at most `maxSites` sites.
 * What it checks in Benders on the free siting: the master's branch and bound, level and core points and stopping
 * rule, against a search that has none of them (the days are solved by the same subproblems).
 */
import type { FirstStageValues } from "../model/planning/first-stage";
import type { PlanningInputs } from "../model/planning/inputs";
import type { SubproblemRunnerOptions, SubResult } from "./subproblem-runner";
import { type BendersStop, solveBenders } from "./benders";
import { noStorage, probeDecisions } from "./decisions";
import { type BendersCut, BendersMaster } from "./master";
import { ArgumentError } from "../util/errors";
import { scenarioEvaluator, type Workers } from "./evaluator";
import { searchSitings } from "./siting-sets";
import { SITING_SEARCH_DEFAULTS } from "./defaults";
import { gapPercent } from "./gap";

/** Options of {@link solveBySitings}. */
export interface SitingSearchOptions {
  /** Relative gap per siting (and of the result). Default 1e-3 (SITING_SEARCH_DEFAULTS). */
  gapTol?: number;
  /** Benders iteration limit per siting. Default 60 (SITING_SEARCH_DEFAULTS). */
  maxIterations?: number;
  workers?: Workers;
  subproblem?: SubproblemRunnerOptions;
  /** Also evaluate the plan with full dispatch and AC checks (`final`). Default false. */
  finalDetail?: boolean;
  /** Called after each siting. */
  onSiting?: (row: SitingRow) => void;
}

/** One siting's run. */
export interface SitingRow {
  /** Built flags (candidate order) and their buses. */
  siting: boolean[];
  buses: number[];
  lowerBound: number;
  /** The best cost found for the siting (∞ when cut off before any). */
  upperBound: number;
  stop: BendersStop;
  iterations: number;
  seconds: number;
}

/** The outcome of {@link solveBySitings}. */
export interface SitingSearchResult {
  x: FirstStageValues;
  /** The best plan's annual cost, ¥/year. */
  objective: number;
  /** A lower bound on the optimum: the smallest of the sitings' lower bounds. */
  lowerBound: number;
  gapPct: number;
  rows: SitingRow[];
  seconds: number;
  /** Worker threads the days were solved in (0: this thread). */
  workers: number;
  /** With `finalDetail`: every day at the plan, with dispatch and AC checks. */
  final: SubResult[];
}

/** Solves the plan by Benders on each siting in turn (see the module comment). */
export async function solveBySitings(inputs: PlanningInputs, options: SitingSearchOptions = {}): Promise<SitingSearchResult> {
  const { gapTol = SITING_SEARCH_DEFAULTS.gapTol, maxIterations = SITING_SEARCH_DEFAULTS.maxIterations } = options;
  const t0 = performance.now();
  const st = inputs.case.storage;
  const sitings = searchSitings(st.candidates.length, st.maxSites, st.fixedCostCnyPerSite);
  const evaluator = scenarioEvaluator(inputs, options.workers, options.subproblem);
  // One master holds every cut found so far; with a siting's flags fixed its optimum bounds that siting.
  const bounder = new BendersMaster(inputs.case, inputs.scenarios);
  const rows: SitingRow[] = [];
  let best: { x: FirstStageValues; objective: number } | undefined;
  let final: SubResult[] = [];
  try {
    // The cuts Benders starts from: no storage and the probes.
    const points = [noStorage(inputs), ...probeDecisions(inputs)];
    const batch = await evaluator.evaluateEach(points.map((x) => ({ x, coneTol: 1e-4 })));
    for (const [i, x] of points.entries()) await bounder.addCuts(batch[i], x);
    const cuts: BendersCut[] = bounder.cuts.slice();
    const open = sitings.slice();
    while (open.length > 0) {
      // Next: the siting whose master bound under the cuts found so far is lowest (the most promising first, so
      // that the incumbent comes early and cuts the rest off).
      const bounds: number[] = [];
      for (const siting of open) {
        bounder.fixBuild(siting);
        bounds.push((await bounder.solve()).lowerBound);
      }
      const k = bounds.indexOf(Math.min(...bounds));
      const [siting] = open.splice(k, 1);
      const t = performance.now();
      const r = await solveBenders(inputs, { evaluator, fixBuild: siting, initialCuts: cuts, cutoff: best ? best.objective * (1 - gapTol) : undefined, gapTol, maxIterations, finalDetail: false, probesKwh: [] });
      for (const cut of r.cuts) cuts.push(cut);
      await bounder.addKnownCuts(r.cuts);
      const row: SitingRow = {
        siting: siting.slice(),
        buses: st.candidates.filter((_, j) => siting[j]),
        lowerBound: r.lowerBound,
        upperBound: r.objective,
        stop: r.stop,
        iterations: r.iterations,
        seconds: (performance.now() - t) / 1000,
      };
      rows.push(row);
      options.onSiting?.(row);
      if (r.stop !== "cutoff" && (!best || r.objective < best.objective)) best = { x: r.x, objective: r.objective };
    }
    if (best && options.finalDetail) final = await evaluator.evaluate(best.x, true);
  } finally {
    bounder.dispose();
    await evaluator.close();
  }
  if (!best) throw new ArgumentError("solveBySitings", "the case has no siting to solve");
  const lowerBound = Math.min(...rows.map((r) => r.lowerBound));
  return {
    x: best.x,
    objective: best.objective,
    lowerBound,
    gapPct: gapPercent(best.objective, lowerBound),
    rows,
    seconds: (performance.now() - t0) / 1000,
    workers: evaluator.workers,
    final,
  };
}
