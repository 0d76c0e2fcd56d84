/**
 * The Benders master as one LP per siting. With the build flags fixed the master is an LP, and the minimum of these
 * LPs over every siting is the MILP's optimum. One persistent HiGHS instance holds the LP; each siting fixes its flags
 * and restarts the dual simplex from its own last basis (the cuts only add rows, which start basic), where HiGHS's
 * branch and bound starts again from presolve at every solve: measured on 364 days with ≈ 21–42 k cuts, the MILP took
 * 35–80 s per solve. (One instance per siting would skip the refactorisation but holds the LP 22 times: at 42 k rows
 * the HiGHS heap overflowed.) A siting whose bound exceeds the incumbent's cost cannot hold a better plan while it
 * does (its bound only rises with more cuts), so it is not re-solved until the incumbent's cost passes its bound.
 *
 * Used by BendersMaster when the case has few sitings (MasterOptions.sitingLps); same optimum as the MILP, found
 * exactly (the MILP stops at its relative gap).
 */
import type { Model } from "../model/model";
import { assertOptimal, type HighsOptions, HighsSession, type RowInput, type SavedBasis } from "../solve/highs";

/** One siting's LP. */
interface SitingLp {
  flags: readonly boolean[];
  key: string;
  /** Its last optimal bases of the master and of the level problem, each restored before the next solve of its kind. */
  basis?: SavedBasis;
  levelBasis?: SavedBasis;
  /** Its last optimum (a lower bound of every plan with this siting; ∞ when infeasible) and decision. */
  bound: number;
  x?: Float64Array;
  /** Once infeasible, for good (cuts only add rows). */
  infeasible: boolean;
}

/** The optimum over the sitings considered. */
export interface SitingLpSolution {
  objective: number;
  x: Float64Array;
  /** From {@link SitingLps.solve}: the other sitings' optima (bound and decision), least bound first. */
  others?: { objective: number; x: Float64Array }[];
  /** Solver seconds summed over the LPs run. */
  seconds: number;
}

const keyOf = (flags: readonly boolean[]) => flags.map(Number).join("");

/** The master's LPs, one per siting, in one HiGHS instance. */
export class SitingLps {
  private readonly lps: SitingLp[];
  private readonly lpModel: Model;
  private session?: HighsSession;
  /** With {@link restrict}: the only siting considered. */
  private only?: string;

  /**
   * @param model the master (its integrality is dropped in a copy; `yCols` fixed per siting)
   * @param yCols the build flags' columns (candidate order)
   */
  constructor(
    model: Model,
    private readonly yCols: readonly number[],
    sitings: readonly (readonly boolean[])[],
    private readonly options: HighsOptions = {},
  ) {
    this.lpModel = model.clone(`${model.name}-lp`);
    this.lpModel.colInt.fill(false);
    this.lps = sitings.map((flags) => ({ flags, key: keyOf(flags), bound: -Infinity, infeasible: false }));
  }

  /** Appends rows (cuts) to the LP of every siting. */
  async addRows(rows: readonly RowInput[]): Promise<void> {
    (await this.open()).addRows(rows);
  }

  /** Considers only the siting `flags` from now on (BendersMaster.fixBuild). */
  restrict(flags: readonly boolean[]): void {
    const key = keyOf(flags);
    if (!this.lps.some((lp) => lp.key === key)) this.lps.push({ flags: flags.slice(), key, bound: -Infinity, infeasible: false });
    this.only = key;
  }

  /**
   * The least master objective over the sitings considered. Each is re-solved, except those infeasible and those
   * whose last bound exceeds `upperBound` (the incumbent's cost): they keep that bound, still valid (cuts only raise
   * it), so the least bound stays a lower bound of the plan, and they are solved again if the incumbent's cost rises
   * above it (a confirmation at a tighter cone tolerance).
   * @throws SolverError when no siting is feasible
   */
  async solve(upperBound = Infinity): Promise<SitingLpSolution> {
    let seconds = 0;
    for (const lp of this.considered()) {
      if (lp.infeasible || (lp.x && lp.bound > upperBound)) continue;
      const session = await this.select(lp, lp.basis);
      const sol = session.run();
      seconds += sol.seconds;
      if (sol.status === "infeasible") {
        Object.assign(lp, { infeasible: true, bound: Infinity, x: undefined });
        continue;
      }
      assertOptimal("BendersMaster.solve", this.lpModel.name, sol.status);
      lp.bound = sol.objective;
      lp.x = Float64Array.from(sol.x);
      lp.basis = session.saveBasis();
    }
    // Least bound first (a stable sort: of equal bounds, the first siting considered).
    const [best, ...rest] = this.considered()
      .filter((lp) => lp.x)
      .sort((p, q) => p.bound - q.bound);
    if (!best) assertOptimal("BendersMaster.solve", this.lpModel.name, "infeasible");
    return { objective: best.bound, x: best.x!, others: rest.map((lp) => ({ objective: lp.bound, x: lp.x! })), seconds };
  }

  /**
   * The level problem (see BendersMaster.levelSolve) on every considered siting whose last bound is within `level`:
   * `enter` switches an instance to it, `leave` back; returns the solution of least distance.
   */
  async levelSolve(level: number, enter: (s: HighsSession) => void, leave: (s: HighsSession) => void): Promise<SitingLpSolution> {
    let seconds = 0;
    let best: { objective: number; x: Float64Array } | undefined;
    for (const lp of this.considered()) {
      if (lp.infeasible || !(lp.bound <= level)) continue;
      const session = await this.select(lp, undefined);
      enter(session);
      if (lp.levelBasis) session.restoreBasis(lp.levelBasis);
      const sol = session.run();
      if (sol.status === "optimal") lp.levelBasis = session.saveBasis();
      leave(session);
      seconds += sol.seconds;
      if (sol.status === "infeasible") continue;
      assertOptimal("BendersMaster.levelSolve", this.lpModel.name, sol.status);
      if (!best || sol.objective < best.objective) best = { objective: sol.objective, x: Float64Array.from(sol.x) };
    }
    if (!best) assertOptimal("BendersMaster.levelSolve", this.lpModel.name, "infeasible");
    return { ...best!, seconds };
  }

  /** Frees the instance. */
  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
    for (const lp of this.lps) lp.basis = lp.levelBasis = undefined;
  }

  private considered(): SitingLp[] {
    return this.only === undefined ? this.lps : this.lps.filter((lp) => lp.key === this.only);
  }

  private async open(): Promise<HighsSession> {
    this.session ??= await HighsSession.open(this.lpModel, { dualEdgeWeight: "devex", ...this.options });
    return this.session;
  }

  /** The instance with the siting's build flags fixed (and `basis` restored, when given). */
  private async select(lp: SitingLp, basis: SavedBasis | undefined): Promise<HighsSession> {
    const session = await this.open();
    const v = lp.flags.map((f) => (f ? 1 : 0));
    session.setColBounds(this.yCols, v, v);
    if (basis) session.restoreBasis(basis);
    return session;
  }
}
