/**
 * The extensive form: the first stage and every scenario day in one model (the baseline Benders must match), solved
 * by branch and cut over the siting binaries with the cones (and exact EV aggregates) as lazily generated cuts,
 * seeded from AC power flows. (Re-solving the whole MILP in HiGHS after every cut round was measured ≈ 15× slower.)
 * When opening a site costs nothing, the binaries are searched by enumerating the maximal sitings instead (see
 * `search`). Either way a node whose cut round already costs more than the incumbent is dropped at once.
 */
import { LinExpr } from "../model/expr";
import { Model } from "../model/model";
import { dayDispatch, type DayDispatch } from "../model/planning/dispatch";
import { addFirstStage, firstStageValues, type FirstStageValues, type FirstStageVars } from "../model/planning/first-stage";
import type { Network } from "../network/types";
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import { addOperationDay, type OperationDay } from "../model/planning/operation";
import { acCheck } from "../solve/ac-check";
import { powerFlowConeSeeds } from "../solve/cone-seeds";
import { coneSeparator } from "../solve/cone-cuts";
import { evExactSeparator } from "../solve/ev-exact-cuts";
import { type HighsOptions, HighsSession, type RowInput } from "../solve/highs";
import { cutLoopHighsOptions, type Separator } from "../solve/separation";
import { ArgumentError, InfeasibleError, LimitReachedError } from "../util/errors";
import { DAYS_PER_YEAR } from "./master";
import { noStorage } from "./decisions";
import { SubproblemRunner } from "./subproblem-runner";
import { SitingSearch } from "./extensive-search";
import { binomial } from "./siting-sets";

export { maximalSitings } from "./siting-sets";

/** Options of {@link solveExtensive} (HiGHS options as everywhere, but `dualEdgeWeight` defaults to "devex" here). */
export interface ExtensiveOptions extends HighsOptions {
  /** Cone cut tolerance (pu²). Default 1e-7. */
  coneTol?: number;
  maxRounds?: number;
  /** Fix the siting (one flag per candidate, case order): enumeration and what-if runs. */
  fixBuild?: readonly boolean[];
  /**
   * How the siting binaries are searched: "branch-and-cut" (any case); "enumerate" — when opening a site costs
   * nothing (`fixedCostCnyPerSite` = 0), a siting with fewer than `maxSites` sites is a special case of a larger one
   * (sizes may be zero), so only the C(candidates, maxSites) maximal sitings need solving, each a convex problem
   * (measured on the paper case: 15 sitings against a tree of many more nodes); "auto" (default) enumerates when that
   * holds and there are at most 64 maximal sitings.
   */
  search?: "auto" | "branch-and-cut" | "enumerate";
  /**
   * Wall-clock limit of the whole solve in seconds: every HiGHS run is limited to the time left (and to `timeLimitS`),
   * so the solve stops within about a second of it with a LimitReachedError.
   */
  totalTimeLimitS?: number;
  /** Called after every node (progress lines of long solves). */
  onNode?: (p: ExtensiveProgress) => void;
}

/** Progress of {@link solveExtensive} after a node. */
export interface ExtensiveProgress {
  /** Nodes solved so far, and (when enumerating) how many there will be at most. */
  node: number;
  nodesPlanned?: number;
  /** The node's siting bounds: 1 built, 0 not, undefined free (relaxed). */
  siting: (0 | 1 | undefined)[];
  /** "pruned" when a cut round already exceeded the incumbent. */
  outcome: "relaxed" | "pruned" | "infeasible" | "incumbent" | "worse" | "branched";
  /** The node's objective (a lower bound when pruned or relaxed), ¥/year. */
  objective: number;
  /** The best plan's annual cost so far (∞ before the first). */
  incumbent: number;
  rounds: number;
  seconds: number;
}

/** The outcome of {@link solveExtensive}. */
export interface ExtensiveResult {
  x: FirstStageValues;
  /** Annual cost, ¥/year. */
  objective: number;
  seconds: number;
  /** Solver runs (cut rounds over all branch-and-bound nodes) and nodes (with "enumerate": the root and the sitings). */
  rounds: number;
  nodes: number;
  /** How the binaries were searched. */
  search: "branch-and-cut" | "enumerate";
  size: { cols: number; rows: number };
  /** Per scenario: dispatch and AC re-check. */
  days: { dispatch: DayDispatch; acCheck: { lossDiffPct: number; lossDiffKw: number; vMaxDiffPu: number } }[];
}

/** The extensive form's model: the first stage, then every scenario day (families prefixed `<day id>:`), weighted. */
export function buildExtensiveForm(inputs: PlanningInputs, net: Network = planningNetwork(inputs)): { model: Model; firstStage: FirstStageVars; days: OperationDay[] } {
  const c = inputs.case;
  const model = new Model("extensive");
  const firstStage = addFirstStage(model, c);
  model.addObjective(firstStage.annualCost);
  const days = inputs.scenarios.map((s) => {
    const day = addOperationDay(model, net, c, s, { eKwh: (b) => firstStage.eKwh.col(b), pKw: (b) => firstStage.pKw.col(b) }, `${s.id}:`);
    model.addObjective(day.cost, DAYS_PER_YEAR * s.probability);
    return day;
  });
  return { model, firstStage, days };
}

/** Checks {@link solveExtensive}'s options against the case. @throws ArgumentError naming the field. */
function checkExtensiveOptions(inputs: PlanningInputs, options: ExtensiveOptions): void {
  const { coneTol = 1e-7, maxRounds = 200, search = "auto", totalTimeLimitS = Infinity } = options;
  const bad = (field: string, message: string) => new ArgumentError("solveExtensive", `${field} ${message}`, { field });
  if (!(Number.isInteger(maxRounds) && maxRounds >= 1)) throw bad("maxRounds", `must be a whole number ≥ 1 (cut rounds per node), got ${maxRounds}`);
  if (!(coneTol > 0 && Number.isFinite(coneTol))) throw bad("coneTol", `must be a positive number (pu²), got ${coneTol}`);
  if (!(totalTimeLimitS >= 0)) throw bad("totalTimeLimitS", `must be ≥ 0 seconds (0: stop at once, Infinity: no limit), got ${totalTimeLimitS}`);
  if (options.timeLimitS !== undefined && !(options.timeLimitS >= 0)) throw bad("timeLimitS", `must be ≥ 0 seconds, got ${options.timeLimitS}`);
  if (!["auto", "branch-and-cut", "enumerate"].includes(search)) throw bad("search", `must be auto, branch-and-cut or enumerate, got "${String(search)}"`);
  const nCandidates = inputs.case.storage.candidates.length;
  if (options.fixBuild && options.fixBuild.length !== nCandidates) throw bad("fixBuild", `has ${options.fixBuild.length} flags for ${nCandidates} candidates (one per storage.candidates entry)`);
}

/**
 * How the binaries are searched (see {@link ExtensiveOptions.search}): enumeration needs free sites, no fixed
 * siting and at least one site; "auto" enumerates when there are at most 64 maximal sitings.
 */
function chooseSearch(c: PlanningInputs["case"], nCandidates: number, options: ExtensiveOptions): { search: ExtensiveResult["search"]; nMax: number } {
  const searchOption = options.search ?? "auto";
  const st = c.storage;
  const nMax = Math.min(st.maxSites, nCandidates);
  const canEnumerate = !options.fixBuild && st.fixedCostCnyPerSite === 0 && nMax > 0;
  if (searchOption === "enumerate" && !canEnumerate) {
    throw new ArgumentError("solveExtensive", "search \"enumerate\" needs storage.fixedCostCnyPerSite = 0, maxSites ≥ 1 and no fixBuild");
  }
  const search = searchOption === "enumerate" || (searchOption === "auto" && canEnumerate && binomial(nCandidates, nMax) <= 64) ? "enumerate" : "branch-and-cut";
  return { search, nMax };
}

/** Seeds: tangent cuts at each day's AC power flow with PV at its available output and flexible devices idle. */
function extensiveSeeds(m: Model, net: Network, days: readonly OperationDay[]): RowInput[] {
  const guess = new Float64Array(m.numCols);
  for (const day of days) day.scenario.pv.forEach((_, i) => day.hours.forEach((t) => (guess[day.pv.col(i, t)] = m.colUb[day.pv.col(i, t)])));
  return days.flatMap((day) => powerFlowConeSeeds(net, day.dist, day.inj, guess));
}

/** Builds and solves the extensive form. */
export async function solveExtensive(inputs: PlanningInputs, options: ExtensiveOptions = {}): Promise<ExtensiveResult> {
  const { coneTol = 1e-7, maxRounds = 200, totalTimeLimitS = Infinity, onNode } = options;
  checkExtensiveOptions(inputs, options);
  const t0 = performance.now();
  const net = planningNetwork(inputs);
  const c = inputs.case;
  const { model: m, firstStage: fs, days } = buildExtensiveForm(inputs, net);
  if (options.fixBuild) {
    if (options.fixBuild.length !== fs.candidates.length) throw new ArgumentError("solveExtensive", `fixBuild has ${options.fixBuild.length} flags for ${fs.candidates.length} candidates`);
    fs.candidates.forEach((b, j) => m.fix(fs.y.col(b), options.fixBuild![j] ? 1 : 0));
  }
  const { search, nMax } = chooseSearch(c, fs.candidates.length, options);
  const seeds = extensiveSeeds(m, net, days);
  const relaxed = m.clone("extensive-relaxed");
  relaxed.colInt.fill(false);
  // Devex pricing as in the Benders subproblems (cutLoopHighsOptions). Measured on notebook 05's check (K = 2,
  // candidates 21, 25, 29) against HiGHS's default: 32.6 s → 18.0 s, the same objective to 3e-8.
  const session = await HighsSession.open(relaxed, cutLoopHighsOptions(options, coneTol));
  session.addRows(seeds);
  const separators: Separator[] = [coneSeparator(relaxed.cones, { tol: coneTol }), ...days.flatMap((day) => day.ev.filter((st) => st.model === "exact").map((st) => evExactSeparator(st)))];
  const yCols = fs.candidates.map((b) => fs.y.col(b));
  const deadlineMs = t0 + 1000 * totalTimeLimitS;
  const overTime = () => new LimitReachedError("solveExtensive", m.name, `the total time limit of ${totalTimeLimitS} s`);
  const onRound = (_round: number, sol: { status: string }) => {
    if (sol.status === "time-limit" || performance.now() > deadlineMs) throw overTime();
  };
  const loopOptions = { maxRounds, where: "solveExtensive", onRound, deadlineMs, maxRunS: options.timeLimitS };
  const searcher = new SitingSearch(
    { session, separators, yCols, numCols: m.numCols, modelName: m.name, loopOptions, t0, onNode },
    yCols.map((col) => relaxed.colLb[col]),
    yCols.map((col) => relaxed.colUb[col]),
  );
  let rowsAtEnd = 0;
  try {
    if (search === "enumerate") {
      if (!searcher.enumerate(nMax)) throw await extensiveInfeasible(inputs, m.name, "no siting is feasible (the relaxation is infeasible)");
    } else searcher.branchAndCut();
    rowsAtEnd = session.numRows;
  } finally {
    session.dispose();
  }
  if (!searcher.best) throw await extensiveInfeasible(inputs, m.name, "no siting is feasible");
  const sol = searcher.best;
  return {
    x: firstStageValues(fs, sol.x),
    objective: sol.objective,
    seconds: (performance.now() - t0) / 1000,
    rounds: searcher.rounds,
    nodes: searcher.nodes,
    search,
    size: { cols: relaxed.numCols, rows: rowsAtEnd },
    days: days.map((day) => {
      const d = dayDispatch(net, c, day, sol.x);
      const ac = acCheck(net, day.inj, sol.x, day.hours, d.vPu, d.lossKw);
      return { dispatch: d, acCheck: { lossDiffPct: ac.lossDiffPct, lossDiffKw: ac.lossDiffKw, vMaxDiffPu: ac.vMaxDiffPu } };
    }),
  };
}

/**
 * The extensive form's InfeasibleError, diagnosed: the days are solved one by one without storage, and the first
 * that is infeasible names its limits (the runner's elastic re-solve). The whole problem is infeasible, so that day
 * stays infeasible whatever storage the case allows; its binding limits at no storage are what must give. When every
 * day is feasible without storage, the message says so (the first stage itself is then at fault).
 */
async function extensiveInfeasible(inputs: PlanningInputs, model: string, message: string): Promise<InfeasibleError> {
  const net = planningNetwork(inputs);
  const none = noStorage(inputs);
  for (const day of inputs.scenarios) {
    const runner = new SubproblemRunner(net, inputs.case, day);
    try {
      await runner.evaluate(none);
    } catch (err) {
      if (!(err instanceof InfeasibleError)) throw err;
      return new InfeasibleError("solveExtensive", model, `${message}: scenario day ${day.id} is infeasible without storage, and no storage the case allows makes it feasible; without storage, ${err.reason}`, err.binding);
    }
    finally {
      runner.dispose();
    }
  }
  return new InfeasibleError("solveExtensive", model, `${message}, although every day is feasible without storage (the first-stage limits conflict)`);
}
