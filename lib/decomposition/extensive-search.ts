/**
 * The search over the extensive form's siting binaries: every node is the LP relaxation with the node's bounds on
 * the siting flags y, solved by the cone / exact-EV cut loop in one persistent, warm-started HiGHS session. Cuts are
 * valid everywhere, so they stay for all later nodes. Two strategies share the session and the incumbent:
 * - `enumerate`: the root relaxation, then each maximal siting with y fixed (most relaxed build first);
 * - `branchAndCut`: best-bound branch and bound on the most fractional flag (the LP/NLP branch-and-bound of Quesada &
 *   Grossmann with outer approximation).
 * A node whose cut round already costs more than the incumbent is dropped at once (`stopAbove`).
 */
import { assertOptimal, type HighsSession } from "../solve/highs";
import { runSeparationLoop, type SeparationOptions, type Separator } from "../solve/separation";
import type { ExtensiveProgress } from "./extensive";
import { binomial, maximalSitings } from "./siting-sets";

/** One open node of the branch and bound: bounds on the siting flags and the parent's objective. */
interface SearchNode {
  lb: number[];
  ub: number[];
  bound: number;
}

/** The best plan so far: its objective (¥/year) and the model's column values. */
export interface Incumbent {
  objective: number;
  x: Float64Array;
}

/** What a siting search needs besides the session: the separators, the siting columns and the loop's options. */
export interface SitingSearchSetup {
  session: HighsSession;
  separators: Separator[];
  /** The siting flags' columns, candidate order. */
  yCols: number[];
  /** The model's column count (an incumbent keeps only these values). */
  numCols: number;
  modelName: string;
  /** The cut loop's options shared by every node (rounds, time limits, round callback). */
  loopOptions: Omit<SeparationOptions, "seed" | "stopAbove">;
  t0: number;
  onNode?: (p: ExtensiveProgress) => void;
}

/** Relative tolerance with which a node must beat the incumbent. */
const tolAbs = (v: number) => 1e-7 * Math.max(1, Math.abs(v));

/** The search's state: incumbent, counters and the progress callback. */
export class SitingSearch {
  best: Incumbent | undefined;
  rounds = 0;
  nodes = 0;

  /** `lb0`, `ub0`: the siting flags' own bounds (the root node). */
  constructor(
    private readonly s: SitingSearchSetup,
    private readonly lb0: number[],
    private readonly ub0: number[],
  ) {}

  /** The objective a node must stay below to matter (∞ before the first incumbent). */
  private stopAbove(): number {
    return this.best ? this.best.objective - tolAbs(this.best.objective) : Infinity;
  }

  private report(lb: readonly number[], ub: readonly number[], outcome: ExtensiveProgress["outcome"], objective: number, nodesPlanned?: number): void {
    this.s.onNode?.({
      node: this.nodes,
      nodesPlanned,
      siting: lb.map((l, k) => (l === ub[k] ? (l > 0.5 ? 1 : 0) : undefined)),
      outcome,
      objective,
      incumbent: this.best?.objective ?? Infinity,
      rounds: this.rounds,
      seconds: (performance.now() - this.s.t0) / 1000,
    });
  }

  /** One cut loop at the session's current bounds; counts the node and its rounds. */
  private solveNode(seed: boolean, stopAbove: number) {
    const loop = runSeparationLoop(this.s.session, this.s.separators, { ...this.s.loopOptions, seed, stopAbove });
    this.nodes++;
    this.rounds += loop.rounds;
    return loop;
  }

  /** Reports a node its cut loop dropped (above the incumbent) or found infeasible; false when it is neither. */
  private dropped(loop: ReturnType<SitingSearch["solveNode"]>, lb: readonly number[], ub: readonly number[], nodesPlanned?: number): boolean {
    if (!loop.stoppedAbove && loop.sol.status !== "infeasible") return false;
    this.report(lb, ub, loop.stoppedAbove ? "pruned" : "infeasible", loop.stoppedAbove ? loop.sol.objective : Infinity, nodesPlanned);
    return true;
  }

  /**
   * The root relaxation orders the maximal sitings (most relaxed build first, so a good incumbent comes early) and
   * its cuts serve every siting; each siting is then solved in the same warm session.
   * @returns false when the root relaxation is infeasible (no siting is feasible).
   */
  enumerate(nMax: number): boolean {
    const { session, yCols, modelName } = this.s;
    const root = this.solveNode(true, Infinity);
    if (root.sol.status === "infeasible") return false;
    assertOptimal("solveExtensive", modelName, root.sol.status);
    const planned = 1 + binomial(yCols.length, nMax);
    this.report(this.lb0, this.ub0, "relaxed", root.sol.objective, planned);
    const yRoot = yCols.map((col) => root.sol.x[col]);
    const score = (p: boolean[]) => p.reduce((a, on, j) => a + (on ? yRoot[j] : 0), 0);
    const sitings = maximalSitings(yCols.length, nMax).sort((a, b) => score(b) - score(a));
    for (const p of sitings) {
      const fixed = p.map((on) => (on ? 1 : 0));
      session.setColBounds(yCols, fixed, fixed);
      const stopAbove = this.stopAbove();
      const loop = this.solveNode(false, stopAbove);
      if (this.dropped(loop, fixed, fixed, planned)) continue;
      assertOptimal("solveExtensive", modelName, loop.sol.status);
      const better = loop.sol.objective < stopAbove;
      if (better) this.best = { objective: loop.sol.objective, x: loop.sol.x.slice(0, this.s.numCols) };
      this.report(fixed, fixed, better ? "incumbent" : "worse", loop.sol.objective, planned);
    }
    return true;
  }

  /** Best-bound branch and bound from the root (the siting flags' own bounds), branching on the most fractional flag. */
  branchAndCut(): void {
    const { session, yCols, modelName } = this.s;
    const open: SearchNode[] = [{ lb: this.lb0, ub: this.ub0, bound: -Infinity }];
    while (open.length > 0) {
      open.sort((a, b) => a.bound - b.bound);
      const node = open.shift()!;
      if (this.best && node.bound >= this.best.objective - tolAbs(this.best.objective)) continue;
      session.setColBounds(yCols, node.lb, node.ub);
      const loop = this.solveNode(this.nodes === 0, this.stopAbove());
      if (this.dropped(loop, node.lb, node.ub)) continue;
      assertOptimal("solveExtensive", modelName, loop.sol.status);
      const obj = loop.sol.objective;
      if (this.best && obj >= this.best.objective - tolAbs(this.best.objective)) {
        this.report(node.lb, node.ub, "worse", obj);
        continue;
      }
      const j = mostFractional(yCols.map((col) => loop.sol.x[col]));
      if (j < 0) {
        this.best = { objective: obj, x: loop.sol.x.slice(0, this.s.numCols) };
        this.report(node.lb, node.ub, "incumbent", obj);
        continue;
      }
      this.report(node.lb, node.ub, "branched", obj);
      open.push({ lb: node.lb, ub: node.ub.map((u, k) => (k === j ? 0 : u)), bound: obj });
      open.push({ lb: node.lb.map((l, k) => (k === j ? 1 : l)), ub: node.ub, bound: obj });
    }
  }
}

/** The index of the most fractional value (first among equals), or −1 when every value is within 1e-6 of a whole number. */
function mostFractional(y: readonly number[]): number {
  let j = -1;
  let frac = 1e-6;
  y.forEach((v, k) => {
    const f = Math.min(v - Math.floor(v), Math.ceil(v) - v);
    if (f > frac) (frac = f), (j = k);
  });
  return j;
}
