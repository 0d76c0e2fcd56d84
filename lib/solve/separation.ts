/**
 * Lazy constraint generation: solve, ask each separator for cuts the current point violates, add them, re-solve
 * (warm-started by HiGHS), until no separator finds a violated cut. Cone outer approximation and the exact EV
 * aggregate (polymatroid cuts) are both separators; each keeps a pool so a re-solve starts from its earlier cuts.
 */
import { ArgumentError, LimitReachedError } from "../util/errors";
import type { HighsOptions, HighsSession, RawSolution, RowInput } from "./highs";

/**
 * The HiGHS options of a session that a cut loop re-solves at cone tolerance `coneTol` (pu²): devex pricing unless
 * `options` choose one (after every round HiGHS would otherwise recompute steepest-edge weights for the new rows),
 * and primal/dual feasibility at the cone tolerance, never below 1e-10, unless `options` set it.
 */
export function cutLoopHighsOptions(options: HighsOptions, coneTol: number): HighsOptions {
  return { dualEdgeWeight: "devex", ...options, feasibilityTol: options.feasibilityTol ?? Math.max(coneTol, 1e-10) };
}

/** Finds constraints the point `x` violates. */
export interface Separator {
  /** Name used in reports (e.g. "cone", "ev-exact"). */
  readonly name: string;
  /** Rows that are valid for the true feasible set and violated at `x` (empty when `x` is feasible enough). */
  separate(x: Float64Array): RowInput[];
  /** Cuts from earlier solves to add before the first run (the pool). */
  seed?(): RowInput[];
}

/** Options of {@link runSeparationLoop}. */
export interface SeparationOptions {
  /** Maximum solver runs. Default 200. */
  maxRounds?: number;
  /** Called after each round (progress lines, traces). */
  onRound?: (round: number, sol: RawSolution, cutsAdded: number) => void;
  /** Where the loop runs (for error messages). */
  where?: string;
  /**
   * Add the separators' pools (`seed()`) before the first run. Default true; pass false when re-running a session
   * that already holds them (persistent models, branch and bound).
   */
  seed?: boolean;
  /**
   * Stop as soon as a round's objective reaches this value (minimisation): every round solves a relaxation, so the
   * loop could only raise it further — a node that cannot beat an incumbent is pruned without converging.
   */
  stopAbove?: number;
  /**
   * Wall-clock deadline (a `performance.now()` time in ms): each solver run is limited to the time left, so a long
   * run cannot overshoot it; a run cut short ends the loop with status "time-limit".
   */
  deadlineMs?: number;
  /** With `deadlineMs`: the longest any one run may take (seconds), e.g. a caller's own per-run limit. */
  maxRunS?: number;
}

/** The last solution and counts of a separation loop. */
export interface SeparationResult {
  sol: RawSolution;
  rounds: number;
  cuts: Record<string, number>;
  seconds: number;
  /** Simplex iterations summed over the rounds. */
  iterations: number;
  /** The loop stopped at `stopAbove` before converging (`sol` is then a relaxation's solution). */
  stoppedAbove: boolean;
  /**
   * The loop stopped because the solver no longer moved: the cuts of the round before were already met within its
   * tolerances (the same solution, no simplex iteration), so every later round would add the same cuts again. `sol`
   * is as exact as the solver resolves; its cuts' violations are below what the solver sees (check them if needed).
   */
  stalled: boolean;
}

/**
 * Runs the cut loop on an open session. Stops when a run is not optimal (returned as is), no cut is violated, or the
 * solver returns the previous round's solution unchanged after its cuts (`stalled`: the separators, functions of the
 * solution, would repeat them forever; e.g. cone cuts on IEEE-69's 0.0005 Ω branches, violated by 5e-9 pu²).
 * @throws LimitReachedError when `maxRounds` runs still leave violated cuts.
 */
export function runSeparationLoop(session: HighsSession, separators: readonly Separator[], options: SeparationOptions = {}): SeparationResult {
  const { maxRounds = 200, onRound, where = "runSeparationLoop", seed: addSeeds = true, stopAbove = Infinity, deadlineMs = Infinity, maxRunS = Infinity } = options;
  if (maxRounds < 1) throw new ArgumentError(where, `maxRounds must be ≥ 1, got ${maxRounds}`);
  const cuts: Record<string, number> = {};
  for (const s of separators) {
    if (addSeeds) session.addRows(s.seed?.() ?? []);
    cuts[s.name] = 0;
  }
  let seconds = 0;
  let iterations = 0;
  let previous: Float64Array | undefined;
  for (let round = 1; ; round++) {
    if (Number.isFinite(deadlineMs)) session.limitNextRun(Math.min(maxRunS, Math.max(1e-3, (deadlineMs - performance.now()) / 1000)));
    const sol = session.run();
    seconds += sol.seconds;
    iterations += sol.iterations;
    if (sol.status !== "optimal") {
      onRound?.(round, sol, 0);
      return { sol, rounds: round, cuts, seconds, iterations, stoppedAbove: false, stalled: false };
    }
    if (sol.objective >= stopAbove) {
      onRound?.(round, sol, 0);
      return { sol, rounds: round, cuts, seconds, iterations, stoppedAbove: true, stalled: false };
    }
    if (previous && sol.iterations === 0 && sameVector(previous, sol.x)) {
      onRound?.(round, sol, 0);
      return { sol, rounds: round, cuts, seconds, iterations, stoppedAbove: false, stalled: true };
    }
    let added = 0;
    for (const s of separators) {
      const rows = s.separate(sol.x);
      session.addRows(rows);
      cuts[s.name] += rows.length;
      added += rows.length;
    }
    onRound?.(round, sol, added);
    if (added === 0) return { sol, rounds: round, cuts, seconds, iterations, stoppedAbove: false, stalled: false };
    if (round >= maxRounds) throw new LimitReachedError(where, session.name, `${maxRounds} cut rounds (cuts still violated)`);
    previous = Float64Array.from(sol.x);
  }
}

/** Whether two solutions are the same, entry for entry. */
function sameVector(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
