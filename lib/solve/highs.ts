/**
 * The HiGHS backend: passes a {@link Model} to a persistent HiGHS instance (its runtime: highs-runtime.ts) as sparse
 * arrays (no text parsing on the hot path), maps statuses to typed errors, and supports the incremental changes cut
 * loops and Benders need (add rows, change column bounds) with HiGHS's warm start.
 */
import type { Highs, Model as HighsModel } from "highs";
import { ArgumentError, InfeasibleError, LimitReachedError, SolverError, UnboundedError } from "../util/errors";
import type { Model } from "../model/model";
import { loadHighs } from "./highs-runtime";

export { configureHighsRuntime, loadHighs } from "./highs-runtime";

/** Solver options the toolkit exposes (HiGHS option names in comments). */
export interface HighsOptions {
  /** Seconds (time_limit). */
  timeLimitS?: number;
  /** Relative MIP gap (mip_rel_gap). Default HiGHS's 1e-4. */
  mipRelGap?: number;
  /** Print HiGHS's log (output_flag). Default false. */
  verbose?: boolean;
  /** LP algorithm (solver): "choose" | "simplex" | "ipm". Default "choose". */
  algorithm?: "choose" | "simplex" | "ipm";
  /** presolve: "choose" | "on" | "off". */
  presolve?: "choose" | "on" | "off";
  /** Primal/dual feasibility tolerance. Default HiGHS's 1e-7. */
  feasibilityTol?: number;
  /**
   * Pricing of the dual simplex (simplex_dual_edge_weight_strategy): "choose" (HiGHS's default, steepest edge),
   * "devex", "steepest" or "dantzig". Steepest edge needs exact edge weights; after rows are added or bounds change
   * HiGHS recomputes them with one solve per row, which dominates short warm re-solves of a large model (a cut loop,
   * a Benders subproblem). Devex starts from unit weights and pays nothing up front.
   */
  dualEdgeWeight?: "choose" | "devex" | "steepest" | "dantzig";
}

const EDGE_WEIGHT: Record<NonNullable<HighsOptions["dualEdgeWeight"]>, number> = { choose: -1, dantzig: 0, devex: 1, steepest: 2 };

/** The outcome of one solver run. */
export type SolveStatus = "optimal" | "infeasible" | "unbounded" | "time-limit" | "iteration-limit" | "other";

/** Primal and dual values of a solved model, indexed like the model's columns and rows. */
export interface RawSolution {
  status: SolveStatus;
  objective: number;
  x: Float64Array;
  rowActivity: Float64Array;
  /** Row duals: ∂ objective / ∂ row bound (HiGHS's sign convention; meaningless for MIPs). */
  rowDual: Float64Array;
  /** Reduced costs: ∂ objective / ∂ column bound of a column at a bound. */
  colDual: Float64Array;
  /** Solver run time in seconds. */
  seconds: number;
  /** Simplex iterations of this run (HiGHS's simplex_iteration_count; 0 when another algorithm solved it). */
  iterations: number;
  /**
   * Set when HiGHS failed twice with the session's settings and solved with one of them changed (see
   * {@link HighsSession.run}): which, e.g. "presolve off", "feasibility tolerance 1e-8" (the rows then hold within it).
   */
  fallback?: string;
}

/** HiGHS's own primal and dual feasibility tolerance. */
const HIGHS_DEFAULT_FEASIBILITY_TOL = 1e-7;

/** A sparse row to append. */
export interface RowInput {
  cols: readonly number[];
  coefs: readonly number[];
  lb: number;
  ub: number;
}

/**
 * A simplex basis kept outside the solver (HiGHS's status codes: 0 lower, 1 basic, 2 upper, 3 zero, 4 nonbasic),
 * one byte per column and per row. Rows appended after it was taken are restored as basic (their slack in the basis),
 * which keeps it a valid starting basis of the grown model.
 */
export interface SavedBasis {
  colStatus: Uint8Array;
  rowStatus: Uint8Array;
}

/** Builds HiGHS's lower-triangular CSC Hessian from quadratic terms (0.5 xᵀQx = Σ coef·xᵢ·xⱼ). */
function hessianOf(model: Model) {
  const n = model.numCols;
  const perCol = new Map<number, Map<number, number>>();
  for (const q of model.quadratic) {
    const hi = Math.max(q.i, q.j);
    const lo = Math.min(q.i, q.j);
    const v = q.i === q.j ? 2 * q.coef : q.coef;
    let col = perCol.get(lo);
    if (!col) perCol.set(lo, (col = new Map()));
    col.set(hi, (col.get(hi) ?? 0) + v);
  }
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < n; c++) {
    starts[c] = indices.length;
    const col = perCol.get(c);
    if (col) for (const r of [...col.keys()].sort((a, b) => a - b)) {
      indices.push(r);
      values.push(col.get(r)!);
    }
  }
  starts[n] = indices.length;
  return { format: "triangular" as const, dimension: n, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

const STATUS_NAMES: Record<number, SolveStatus> = { 7: "optimal", 8: "infeasible", 9: "infeasible", 10: "unbounded", 13: "time-limit", 14: "iteration-limit" };

/**
 * A model loaded into one persistent HiGHS instance. Keep it while iterating (cuts, Benders), then {@link dispose}.
 */
export class HighsSession {
  readonly name: string;
  private readonly hm: HighsModel;
  private numRowsLoaded: number;
  /** Rows appended since the model was loaded and still in the solver (they follow the model's own rows). */
  private appended: RowInput[] = [];
  /** Appended rows deleted since (purged cuts), kept when `keepDeleted` was set. */
  private deleted: RowInput[] = [];
  /** Keep deleted appended rows for {@link appendedRows} with `includeDeleted`. */
  keepDeleted = false;
  readonly isMip: boolean;
  /** Primal and dual feasibility tolerance, presolve and algorithm in force (HiGHS's defaults unless set). */
  private feasibilityTol = HIGHS_DEFAULT_FEASIBILITY_TOL;
  private presolve = "choose";
  private algorithm = "choose";

  private constructor(highs: Highs, model: Model, options: HighsOptions) {
    this.name = model.name;
    this.isMip = model.hasIntegers;
    if (this.isMip && model.quadratic.length > 0) {
      throw new ArgumentError("HighsSession", `model ${model.name} has integer variables and a quadratic objective: HiGHS cannot solve MIQPs`);
    }
    const obj = new Float64Array(model.numCols);
    for (let k = 0; k < model.objective.cols.length; k++) obj[model.objective.cols[k]] += model.objective.coefs[k];
    this.hm = highs.createModel({
      numCols: model.numCols,
      numRows: model.numRows,
      offset: model.objectiveConstant,
      colCost: obj,
      colLower: Float64Array.from(model.colLb),
      colUpper: Float64Array.from(model.colUb),
      rowLower: Float64Array.from(model.rowLb),
      rowUpper: Float64Array.from(model.rowUb),
      matrix: {
        format: "csr",
        numRows: model.numRows,
        numCols: model.numCols,
        starts: Int32Array.from(model.rowStart),
        indices: Int32Array.from(model.rowCols),
        values: Float64Array.from(model.rowVals),
      },
      ...(this.isMip ? { integrality: Int32Array.from(model.colInt, (b) => (b ? 1 : 0)) } : {}),
      ...(model.quadratic.length > 0 ? { hessian: hessianOf(model) } : {}),
    });
    this.numRowsLoaded = model.numRows;
    this.setOptions(options);
  }

  /** Loads `model` into a new HiGHS instance. */
  static async open(model: Model, options: HighsOptions = {}): Promise<HighsSession> {
    return new HighsSession(await loadHighs(), model, options);
  }

  /** Applies solver options. */
  setOptions(options: HighsOptions): void {
    const { timeLimitS, mipRelGap, verbose = false, algorithm, presolve, feasibilityTol, dualEdgeWeight } = options;
    const o: Record<string, string | number | boolean> = { output_flag: verbose };
    if (timeLimitS !== undefined) o.time_limit = timeLimitS;
    if (mipRelGap !== undefined) o.mip_rel_gap = mipRelGap;
    if (algorithm !== undefined) o.solver = this.algorithm = algorithm;
    if (presolve !== undefined) o.presolve = this.presolve = presolve;
    if (dualEdgeWeight !== undefined) o.simplex_dual_edge_weight_strategy = EDGE_WEIGHT[dualEdgeWeight];
    if (feasibilityTol !== undefined) {
      this.feasibilityTol = feasibilityTol;
      o.primal_feasibility_tolerance = feasibilityTol;
      o.dual_feasibility_tolerance = feasibilityTol;
      if (this.isMip) o.mip_feasibility_tolerance = feasibilityTol;
    }
    this.hm.options.set(o as never);
  }

  /**
   * Limits the next run to `seconds` of HiGHS time. HiGHS counts its time limit over all runs of an instance, so this
   * also restarts its clocks; a run cut short returns status "time-limit".
   */
  limitNextRun(seconds: number): void {
    if (!(seconds > 0)) throw new ArgumentError("HighsSession.limitNextRun", `seconds must be > 0, got ${seconds}`);
    this.hm.zeroAllClocks();
    this.hm.options.set({ time_limit: seconds } as never);
  }

  /** Number of rows currently in the solver (model rows plus appended cuts). */
  get numRows(): number {
    return this.numRowsLoaded;
  }

  /** Appends rows (cuts); the next {@link run} warm-starts from the current basis. Returns the first new row index. */
  addRows(rows: readonly RowInput[]): number {
    const first = this.numRowsLoaded;
    if (rows.length === 0) return first;
    const starts = new Int32Array(rows.length + 1);
    const idx: number[] = [];
    const val: number[] = [];
    rows.forEach((r, i) => {
      starts[i] = idx.length;
      for (let k = 0; k < r.cols.length; k++) {
        idx.push(r.cols[k]);
        val.push(r.coefs[k]);
      }
    });
    starts[rows.length] = idx.length;
    const numCols = this.hm.getDimensions().numCols;
    this.hm.addRows({
      lower: Float64Array.from(rows, (r) => r.lb),
      upper: Float64Array.from(rows, (r) => r.ub),
      matrix: { format: "csr", numRows: rows.length, numCols, starts, indices: Int32Array.from(idx), values: Float64Array.from(val) },
    });
    this.numRowsLoaded += rows.length;
    for (const r of rows) this.appended.push(r);
    return first;
  }

  /**
   * The rows appended since the model was loaded (cuts, seeds) that are still in the solver, in solver order; with
   * `includeDeleted` (and {@link keepDeleted} set before the deletions) also those deleted since, after them.
   */
  appendedRows(includeDeleted = false): readonly RowInput[] {
    return includeDeleted ? [...this.appended, ...this.deleted] : this.appended;
  }

  /**
   * Deletes rows (e.g. cuts that stopped binding). Rows after them move up; a basis of the model stays valid when every
   * deleted row was basic in it (its slack leaves the basis with it). Indices must be ≥ 0 and < {@link numRows}.
   */
  deleteRows(rows: readonly number[]): void {
    if (rows.length === 0) return;
    for (const r of rows) {
      if (!(Number.isInteger(r) && r >= 0 && r < this.numRowsLoaded)) throw new ArgumentError("HighsSession.deleteRows", `row ${r} is not a row of model ${this.name} (0 … ${this.numRowsLoaded - 1})`);
    }
    const unique = Int32Array.from(new Set(rows)).sort();
    const modelRows = this.numRowsLoaded - this.appended.length;
    this.hm.deleteRows({ kind: "set", indices: unique });
    this.numRowsLoaded -= unique.length;
    const gone = new Set<number>();
    for (const r of unique) if (r >= modelRows) gone.add(r - modelRows);
    if (gone.size > 0) {
      if (this.keepDeleted) for (const k of gone) this.deleted.push(this.appended[k]);
      this.appended = this.appended.filter((_, k) => !gone.has(k));
    }
  }

  /** Changes the bounds of columns (e.g. fixes Benders copy variables). */
  setColBounds(cols: readonly number[], lb: readonly number[], ub: readonly number[]): void {
    for (let k = 0; k < cols.length; k++) this.hm.changeColBounds(cols[k], lb[k], ub[k]);
  }

  /** The current simplex basis (after a successful run), or undefined when the solver holds none. */
  saveBasis(): SavedBasis | undefined {
    try {
      const b = this.hm.getBasis();
      return { colStatus: Uint8Array.from(b.colStatus), rowStatus: Uint8Array.from(b.rowStatus) };
    } catch {
      return undefined;
    }
  }

  /**
   * Makes `basis` the starting basis of the next run (rows added since it was saved start basic).
   * @throws ArgumentError when it was taken from a model with other columns or more rows.
   */
  restoreBasis(basis: SavedBasis): void {
    const { numCols, numRows } = this.hm.getDimensions();
    if (basis.colStatus.length !== numCols || basis.rowStatus.length > numRows) {
      throw new ArgumentError("HighsSession.restoreBasis", `basis of ${basis.colStatus.length} columns and ${basis.rowStatus.length} rows does not fit model ${this.name} (${numCols} columns, ${numRows} rows)`);
    }
    const rowStatus = new Int32Array(numRows).fill(1);
    rowStatus.set(basis.rowStatus);
    this.hm.setBasis({ colStatus: Int32Array.from(basis.colStatus), rowStatus });
  }

  /** Changes the bounds of rows. */
  setRowBounds(rows: readonly number[], lb: readonly number[], ub: readonly number[]): void {
    for (let k = 0; k < rows.length; k++) this.hm.changeRowBounds(rows[k], lb[k], ub[k]);
  }

  /** Changes linear objective coefficients of columns. */
  setColCosts(cols: readonly number[], costs: readonly number[]): void {
    for (let k = 0; k < cols.length; k++) this.hm.changeColCost(cols[k], costs[k]);
  }

  /**
   * Runs the solver and returns the raw status and solution (no exception on infeasible/unbounded). A run that ends
   * in numerical trouble (status "other") or in a HiGHS error is retried once from a cold start (basis and solver
   * state cleared), then with the fallbacks of {@link runFallbacks}; when all fail, status "other" with empty
   * vectors (`assertOptimal` turns it into a SolverError).
   */
  run(): RawSolution {
    const t0 = performance.now();
    const solved = () => this.runOnce() && STATUS_NAMES[this.hm.getModelStatus()] !== undefined;
    let fallback: string | undefined;
    if (!solved()) {
      this.hm.clearSolver();
      if (!solved()) {
        fallback = this.runFallbacks(solved);
        if (fallback === undefined) {
          const none = new Float64Array(0);
          return { status: "other", objective: NaN, x: none, rowActivity: none, rowDual: none, colDual: none, seconds: (performance.now() - t0) / 1000, iterations: 0 };
        }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const code = this.hm.getModelStatus();
    const status = STATUS_NAMES[code] ?? "other";
    const sol = this.hm.getSolution();
    const objective = status === "optimal" || status === "time-limit" ? this.hm.getObjectiveValue() : NaN;
    const iterations = Number(this.hm.info.get("simplex_iteration_count"));
    return { status, objective, x: sol.colValue, rowActivity: sol.rowValue, rowDual: sol.rowDual, colDual: sol.colDual, seconds, iterations, ...(fallback !== undefined ? { fallback } : {}) };
  }

  /**
   * After two failed runs (HiGHS errors, both cold the second time): cold runs with one setting changed each, the
   * session's settings restored after; returns what solved, in words, if anything did. In turn: the feasibility
   * tolerance ten and a hundred times looser (when tighter than HiGHS's default 1e-7, and never above it), presolve
   * off, the interior point method. Seen: the 136-bus feeder's OPF on its 100 MVA base fails at 1e-9 and solves at
   * 1e-8; an IEEE-69 planning day's first run fails with presolve and solves without it (and with every other change
   * tried). Each fallback is a deterministic function of the model, so a run repeats.
   */
  private runFallbacks(solved: () => boolean): string | undefined {
    const tol = this.feasibilityTol;
    const tolerances = [10, 100].map((f) => tol * f).filter((t) => t <= HIGHS_DEFAULT_FEASIBILITY_TOL * (1 + 1e-9));
    const tries: [string, Record<string, string | number>, Record<string, string | number>][] = [
      ...tolerances.map((t): [string, Record<string, number>, Record<string, number>] => [`feasibility tolerance ${t.toExponential(0)}`, { primal_feasibility_tolerance: t, dual_feasibility_tolerance: t }, { primal_feasibility_tolerance: tol, dual_feasibility_tolerance: tol }]),
      ["presolve off", { presolve: "off" }, { presolve: this.presolve }],
      ["interior point", { solver: "ipm" }, { solver: this.algorithm }],
    ];
    for (const [what, change, restore] of tries) {
      try {
        this.hm.options.set(change as never);
        this.hm.clearSolver();
        if (solved()) return what;
      } finally {
        this.hm.options.set(restore as never);
      }
    }
    return undefined;
  }

  /** One solver run; false when HiGHS itself reports an error (its status -1), which `run` retries from a cold start. */
  private runOnce(): boolean {
    try {
      this.hm.run();
      return true;
    } catch (e) {
      if (e instanceof Error && (e as { status?: unknown }).status === -1) return false;
      throw e;
    }
  }

  /** Runs and throws a typed error unless the status is optimal. */
  runOrThrow(where: string): RawSolution {
    const sol = this.run();
    assertOptimal(where, this.name, sol.status);
    return sol;
  }

  /** The model in CPLEX LP text as HiGHS itself writes it (for debugging). */
  exportLp(): string {
    return this.hm.exportModel("lp");
  }

  /** Frees the native instance. */
  dispose(): void {
    this.hm.dispose();
  }
}

/** Throws the typed error matching a non-optimal status. */
export function assertOptimal(where: string, model: string, status: SolveStatus): void {
  switch (status) {
    case "optimal":
      return;
    case "infeasible":
      throw new InfeasibleError(where, model);
    case "unbounded":
      throw new UnboundedError(where, model);
    case "time-limit":
      throw new LimitReachedError(where, model, "the time limit");
    case "iteration-limit":
      throw new LimitReachedError(where, model, "the iteration limit");
    default:
      throw new SolverError(where, model, status, "HiGHS could not solve the model (numerical trouble or internal error)");
  }
}
