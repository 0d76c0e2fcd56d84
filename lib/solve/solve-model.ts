/**
 * Solves a {@link Model} on HiGHS: LP, MIP or convex QP directly; rotated cones by outer approximation (tangent
 * cuts in rounds, pooled) or by the Ben-Tal–Nemirovski polyhedral approximation; extra separators (e.g. the exact
 * EV aggregate) in the same cut loop. Every solve reports its largest cone gap.
 */
import { applyBtn, coneGapReport } from "../model/cones";
import type { Model } from "../model/model";
import { type ConeCutPool, coneSeparator } from "./cone-cuts";
import { assertOptimal, type HighsOptions, HighsSession, type RawSolution } from "./highs";
import { runSeparationLoop, type Separator } from "./separation";
import { Solution } from "./solution";

/** Default Ben-Tal–Nemirovski levels: ε(11) = 2.9e-7. */
export const DEFAULT_BTN_LEVELS = 11;

/** How cones are handled on a solver without cones. */
export type ConeMethod = "oa" | "btn";

/** Options of {@link solveModel}. */
export interface SolveOptions extends HighsOptions {
  /** Cone method: outer approximation ("oa", default) or Ben-Tal–Nemirovski ("btn"). */
  cones?: ConeMethod;
  /**
   * OA: cut a cone whose violation Σx² − y·z exceeds this (model units). Default 1e-9. Unless `feasibilityTol` is
   * given, HiGHS's feasibility tolerances are tightened to the same value (cuts are only as exact as the solver
   * satisfies them).
   */
  coneTol?: number;
  /** OA: a pool of cuts to start from and to extend (share it between re-solves). */
  conePool?: ConeCutPool;
  /** BTN: levels ν per 2-D block. Default 11 (ε = 2.9e-7, so a cone gap of that order in per unit). */
  btnLevels?: number;
  /** Extra separators run in the same loop (e.g. exact EV aggregation cuts). */
  separators?: Separator[];
  /** Maximum cut rounds. Default 200. */
  maxRounds?: number;
  /** Throw a typed error when the final status is not optimal (default true). */
  throwOnFailure?: boolean;
  /** Called after every solver run. */
  onRound?: (round: number, sol: RawSolution, cutsAdded: number) => void;
}

/**
 * Solves `model` and returns its {@link Solution}.
 * @throws InfeasibleError | UnboundedError | LimitReachedError | SolverError (unless `throwOnFailure` is false)
 */
export async function solveModel(model: Model, options: SolveOptions = {}): Promise<Solution> {
  const { cones = "oa", coneTol = 1e-9, conePool, btnLevels, separators = [], maxRounds = 200, throwOnFailure = true, onRound } = options;
  const t0 = performance.now();
  const where = `solveModel(${model.name})`;
  let solved: Model = model;
  const extra: Separator[] = [...separators];
  if (model.cones.length > 0 && cones === "btn") {
    solved = model.clone(model.name);
    applyBtn(solved, btnLevels ?? DEFAULT_BTN_LEVELS);
  } else if (model.cones.length > 0) {
    extra.unshift(coneSeparator(model.cones, { tol: coneTol, pool: conePool }));
  }
  // The session reads columns, rows and objective only: cones left in `solved` (OA) enter as cuts.
  const oa = model.cones.length > 0 && cones === "oa";
  const feasibilityTol = options.feasibilityTol ?? (oa ? Math.max(coneTol, 1e-10) : undefined);
  const session = await HighsSession.open(solved, { ...options, feasibilityTol });
  try {
    const loop = runSeparationLoop(session, extra, { maxRounds, onRound, where });
    const { sol } = loop;
    if (throwOnFailure) assertOptimal(where, model.name, sol.status);
    const n = model.numCols;
    const x = sol.x.subarray(0, n).slice();
    return new Solution(model, x, sol.rowDual.subarray(0, model.numRows).slice(), sol.colDual.subarray(0, n).slice(), {
      status: sol.status,
      objective: sol.objective,
      seconds: (performance.now() - t0) / 1000,
      rounds: loop.rounds,
      cuts: loop.cuts,
      cone: coneGapReport(model.cones, x),
      size: { cols: sol.x.length, rows: session.numRows },
    });
  } finally {
    session.dispose();
  }
}
