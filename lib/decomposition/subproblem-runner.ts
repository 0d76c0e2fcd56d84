/**
 * One scenario's Benders subproblem kept alive across iterations: the model is built once, loaded into a persistent
 * HiGHS instance, and each evaluation only re-fixes the copy variables and re-solves from the previous basis, with
 * every cone and EV cut found so far still in place (the per-scenario cut pool is the live model itself).
 */
import { threadId } from "worker_threads";
import type { Network } from "../network/types";
import type { PlanningCase } from "../model/planning/case";
import { dayDispatch, type DayDispatch } from "../model/planning/dispatch";
import type { FirstStageValues } from "../model/planning/first-stage";
import type { ScenarioDay } from "../model/planning/inputs";
import { buildSubproblem, copyBounds, type Subproblem } from "../model/planning/subproblem";
import { loadLimits, operationDayLimits } from "../model/limit-families";
import { acCheck } from "../solve/ac-check";
import { coneSeparator } from "../solve/cone-cuts";
import { powerFlowConeSeeds } from "../solve/cone-seeds";
import { evExactSeparator } from "../solve/ev-exact-cuts";
import { safeVoltageSeparator } from "../solve/voltage-cuts";
import { assertOptimal, type HighsOptions, HighsSession, type RowInput, type SavedBasis } from "../solve/highs";
import { diagnoseInfeasibility } from "../solve/diagnose";
import { cutLoopHighsOptions, runSeparationLoop, type SeparationOptions, type Separator } from "../solve/separation";
import { InfeasibleError } from "../util/errors";
import { type CutCertificate, lpStructureKey } from "./cut-transfer";

/** What one subproblem evaluation returns (plain data). */
export interface SubResult {
  scenarioId: string;
  /** The day's optimal cost Q_s(x̂), ¥. */
  valueCny: number;
  /** ∂Q_s/∂x at x̂ (reduced costs of the copy variables), per candidate (case order). */
  gradient: { eKwh: number[]; pKw: number[] };
  /** Largest substation import of the day, kW. */
  peakImportKw: number;
  /** Solver runs of the cut loop (LP solves). */
  rounds: number;
  /** Cuts added per separator ("cone", "ev-exact"). */
  cuts: Record<string, number>;
  /** Simplex iterations over the rounds. */
  simplexIterations: number;
  seconds: number;
  /** Thread that solved it (worker_threads' threadId; 0 for the main thread). */
  thread: number;
  /** With the `certificates` option: the duals behind `gradient` and `valueCny` (see cut-transfer.ts). */
  certificate?: CutCertificate;
  /** Full dispatch and AC re-check, when asked for. */
  dispatch?: DayDispatch;
  acCheck?: { lossDiffPct: number; lossDiffKw: number; vMaxDiffPu: number };
}

/** Options of {@link SubproblemRunner}. */
export interface SubproblemRunnerOptions extends HighsOptions {
  /**
   * Cone cut tolerance (pu²) of detailed evaluations. Default 1e-7 (cone gaps two orders below the 1e-6 pu² target).
   */
  coneTol?: number;
  /**
   * Cone cut tolerance of plain evaluations (Benders iterations). Default 1e-4: a looser outer approximation is still
   * a relaxation, so its cuts remain valid lower bounds, and its cost differs from the exact one by far less than the
   * Benders gap; the final decision is evaluated with `coneTol`, and a gap stop is confirmed there. Measured on the
   * paper case (K = 8, 2 workers, gap ≤ 0.1 %): 1e-5 took 79 s (0.62 M simplex iterations), 1e-4 52 s (0.42 M),
   * 3e-4 50 s, same sites and objective within 0.02 %; fewer cut rounds per evaluation and fewer cuts to re-add.
   */
  iterationConeTol?: number;
  maxRounds?: number;
  /**
   * Where each evaluation's dual simplex starts: "nearest" (default) restores the basis of the decision, among the
   * last `basisMemory` evaluated, closest to the new one (L1 on the sizes, each scaled by its site limit), when it is
   * closer than the decision just evaluated; "previous" always starts from the last basis. Benders interleaves
   * decisions of different kinds (level, core and Kelley points), so the previous basis often belongs to another
   * kind and lies farther from the new decision than one of the same kind an iteration earlier.
   */
  warmStart?: "nearest" | "previous";
  /** Bases kept for "nearest" warm starts. Default 8. */
  basisMemory?: number;
  /**
   * Cut purging: once more than this many cuts sit in the model, the cuts that are slack (basic) in the basis just
   * found and in every remembered basis — binding at none of the last decisions — are deleted. Every cut is valid for
   * the exact model, so dropping one only loosens the outer approximation, and the separators add it back (as a
   * fresh tangent) wherever it is violated again. Keeps the LP, and so every simplex iteration, small over a long
   * Benders run. Default 1000; Infinity keeps every cut.
   */
  purgeAbove?: number;
  /**
   * The safe upper voltage limit: "lazy" (default) as rows a separator adds where a solution breaks them, "rows" as
   * the explicit v̂ block (see OperationDayOptions). Same limit; `npm run bench -- planning --voltage-only` times both.
   */
  safeVoltage?: "rows" | "lazy";
  /**
   * Return each evaluation's duals on the model's own rows and columns (SubResult.certificate), so that its cut can
   * be moved onto another day whose LP differs in bounds only (cut-transfer.ts). Not with the exact EV model (its cut
   * rows depend on the day's fleet). Default false (≈ 60 kB per evaluation on the paper case).
   */
  certificates?: boolean;
}

/**
 * A day's solver state, to start the runner of another day whose LP differs in bounds only (another controllable
 * share, another day of the year: see cut-transfer.ts) or a new runner of the same day: the cut rows in its model (cone
 * tangents, seeds and safe-voltage rows, each valid for every such day) and its last basis, which stays a basis of the
 * other day's model with those rows. Such a runner skips the cold start's cut rounds: on the paper case a day's first
 * evaluation takes ≈ 12 rounds and 2 600 simplex iterations from scratch.
 */
export interface DayStart {
  /** lpStructureKey of the day's model: a runner whose model has another key ignores the start (a cold start). */
  structure: string;
  rows: RowInput[];
  basis?: SavedBasis;
}

/** HiGHS's status of a basic column or row. */
const BASIC = 1;

/** One evaluated decision and the optimal basis it left. */
interface BasisMemo {
  x: Float64Array;
  basis: SavedBasis;
}

/** A persistent subproblem of one scenario day. */
export class SubproblemRunner {
  private sub?: Subproblem;
  private session?: HighsSession;
  private separators: Separator[] = [];
  private tol = 1e-7;
  private seeded = false;
  private memos: BasisMemo[] = [];
  private last?: Float64Array;
  /** Rows of the model before any cut (the model and its seeds): never purged. */
  private baseRows = 0;
  /** Appended rows never purged (the voltage separator's: each enters once). */
  private keep: (row: RowInput) => boolean = () => false;
  private structure = "";
  /** The basis the last evaluation ended with (HiGHS holds none right after a purge). */
  private lastBasis?: SavedBasis;
  /**
   * Called after each solver run of an evaluation's cut loop (SeparationOptions.onRound), in this thread only: e.g. to
   * see how an evaluation's simplex iterations and solver time split over its rounds (bench/planning --rounds).
   */
  onRound?: SeparationOptions["onRound"];

  /** @param start a state to begin from (see {@link DayStart}), used at the first evaluation when the LPs match. */
  constructor(
    readonly net: Network,
    readonly c: PlanningCase,
    readonly scenario: ScenarioDay,
    readonly options: SubproblemRunnerOptions = {},
    private start?: DayStart,
  ) {}

  private async open(): Promise<{ sub: Subproblem; session: HighsSession }> {
    if (!this.sub || !this.session) {
      const { coneTol = 1e-7, safeVoltage = "lazy" } = this.options;
      this.sub = buildSubproblem(this.net, this.c, this.scenario, { safeVoltage });
      this.session = await HighsSession.open(this.sub.model, cutLoopHighsOptions(this.options, coneTol));
      this.session.keepDeleted = true;
      this.structure = lpStructureKey(this.sub.model);
      const start = this.start?.structure === this.structure ? this.start : undefined;
      this.start = undefined;
      if (start) {
        // Another day's cuts and basis; its seeds are among the rows, and every row may be purged here.
        this.session.addRows(start.rows);
        this.baseRows = this.sub.model.numRows;
        if (start.basis && start.basis.colStatus.length === this.sub.model.numCols && start.basis.rowStatus.length <= this.session.numRows) this.session.restoreBasis(start.basis);
      } else {
        // Starting cuts at the AC power flow of "PV at its available output, flexible devices idle".
        const guess = new Float64Array(this.sub.model.numCols);
        const day = this.sub.day;
        day.scenario.pv.forEach((_, i) => day.hours.forEach((t) => (guess[day.pv.col(i, t)] = this.sub!.model.colUb[day.pv.col(i, t)])));
        this.session.addRows(powerFlowConeSeeds(this.net, day.dist, day.inj, guess));
        this.baseRows = this.session.numRows;
      }
      this.tol = coneTol;
      const cone = coneSeparator(this.sub.model.cones, { tol: () => this.tol });
      const evs = this.sub.day.ev.filter((st) => st.model === "exact").map((st) => evExactSeparator(st));
      this.separators = [cone, ...evs];
      if (safeVoltage === "lazy") {
        const voltage = safeVoltageSeparator(this.sub.model, this.net, this.sub.day.dist);
        this.keep = voltage.owns;
        this.separators.splice(1, 0, voltage);
      }
    }
    return { sub: this.sub, session: this.session };
  }

  /**
   * Solves the day at the first-stage decision `x`.
   * @param detail also return the full dispatch and an AC power-flow re-check.
   * @param coneTol cone tolerance of this evaluation (default: `coneTol` with detail, else `iterationConeTol`).
   */
  async evaluate(x: FirstStageValues, detail = false, coneTol?: number): Promise<SubResult> {
    const { sub, session } = await this.open();
    this.tol = coneTol ?? (detail ? (this.options.coneTol ?? 1e-7) : (this.options.iterationConeTol ?? 1e-4));
    const t0 = performance.now();
    const here = this.scaled(x);
    this.restoreNearest(session, here);
    const fix = copyBounds(sub, x);
    session.setColBounds(fix.cols, fix.values, fix.values);
    const loop = runSeparationLoop(session, this.separators, { maxRounds: this.options.maxRounds ?? 200, where: `SubproblemRunner(${this.scenario.id})`, seed: !this.seeded, onRound: this.onRound });
    this.seeded = true;
    if (loop.sol.status === "infeasible") throw await this.diagnose(sub, x);
    assertOptimal(`SubproblemRunner(${this.scenario.id})`, sub.model.name, loop.sol.status);
    const { sol } = loop;
    this.remember(session, here);
    const g = (col: number) => sol.colDual[col];
    const result: SubResult = {
      scenarioId: this.scenario.id,
      valueCny: sol.objective,
      gradient: {
        eKwh: sub.candidates.map((b) => g(sub.copy.eKwh.col(b))),
        pKw: sub.candidates.map((b) => g(sub.copy.pKw.col(b))),
      },
      peakImportKw: Math.max(...sub.day.hours.map((t) => sol.x[sub.day.imp.col(t)])) * 1000 * this.net.baseMva,
      rounds: loop.rounds,
      cuts: loop.cuts,
      simplexIterations: loop.iterations,
      seconds: (performance.now() - t0) / 1000,
      thread: threadId,
    };
    if (this.options.certificates && this.separators.every((s) => s.name !== "ev-exact")) {
      result.certificate = { rowDual: Float64Array.from(sol.rowDual.subarray(0, sub.model.numRows)), colDual: Float64Array.from(sol.colDual.subarray(0, sub.model.numCols)) };
    }
    if (detail) {
      const xs = sol.x.subarray(0, sub.model.numCols);
      const d = dayDispatch(this.net, this.c, sub.day, xs);
      const ac = acCheck(this.net, sub.day.inj, xs, sub.day.hours, d.vPu, d.lossKw);
      result.dispatch = d;
      result.acCheck = { lossDiffPct: ac.lossDiffPct, lossDiffKw: ac.lossDiffKw, vMaxDiffPu: ac.vMaxDiffPu };
    }
    return result;
  }

  /**
   * The InfeasibleError of the day at decision `x`, naming the day and the limits that must give (an elastic
   * re-solve of the day's model with the copy variables fixed at `x`; run only after an infeasible status). The
   * re-solve keeps the cone cut loop; the exact EV aggregate enters with its envelope rows only (their energy
   * deadlines are what the evEnergy slack relaxes).
   */
  private async diagnose(sub: Subproblem, x: FirstStageValues): Promise<InfeasibleError> {
    const where = `SubproblemRunner(${this.scenario.id})`;
    const storageKwh = x.eKwh.reduce((a, e) => a + e, 0);
    const what = `scenario day ${this.scenario.id} cannot be operated at the storage sizes evaluated (${storageKwh > 0 ? `${Number(storageKwh.toPrecision(6))} kWh in all` : "no storage"})`;
    try {
      // The day with its explicit safe-voltage rows (the runner's own model leaves them to the cut loop).
      const full = buildSubproblem(this.net, this.c, this.scenario);
      const m = full.model.clone(full.model.name);
      const fix = copyBounds(full, x);
      fix.cols.forEach((col, k) => m.fix(col, fix.values[k]));
      const d = await diagnoseInfeasibility(m, operationDayLimits(m, this.net, full.day), loadLimits(this.net, full.day.dist, full.day.inj, full.day.rows), {
        scenario: this.scenario.id,
        coneTol: this.options.coneTol,
        timeLimitS: this.options.timeLimitS,
      });
      return new InfeasibleError(where, sub.model.name, `${what}: ${d.summary}`, d.binding);
    } catch (err) {
      return new InfeasibleError(where, sub.model.name, `${what} (its diagnosis failed: ${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /**
   * The rows the solve added to the subproblem's own, over its columns — its seeds and every cone and EV cut found,
   * those in the live model first, then those purged from it since (each valid for the day's exact model): the day's
   * cut pool. Empty before the first evaluation.
   */
  cutRows(): RowInput[] {
    return this.session ? this.session.appendedRows(true).map((r) => ({ cols: Array.from(r.cols), coefs: Array.from(r.coefs), lb: r.lb, ub: r.ub })) : [];
  }

  /**
   * The state another runner can start from (see {@link DayStart}): the cut rows now in the model and the last basis.
   * Undefined before the first evaluation and with the exact EV model (its cut rows depend on the day's fleet).
   */
  dayStart(): DayStart | undefined {
    if (!this.session || this.separators.some((s) => s.name === "ev-exact")) return undefined;
    const basis = this.lastBasis;
    const rows = this.session.appendedRows().map((r) => ({ cols: Array.from(r.cols), coefs: Array.from(r.coefs), lb: r.lb, ub: r.ub }));
    return { structure: this.structure, rows, ...(basis ? { basis } : {}) };
  }

  /** Rows now in the solver (the model, its seeds and the cuts in place); 0 before the first evaluation. */
  get rowCount(): number {
    return this.session?.numRows ?? 0;
  }

  /** The decision's sizes, each divided by its site limit (energy; power at the shortest duration). */
  private scaled(x: FirstStageValues): Float64Array {
    const st = this.c.storage;
    const eMax = Math.max(1, st.maxEnergyKwhPerSite);
    const pMax = Math.max(1, st.maxEnergyKwhPerSite / Math.max(st.eToPMinH, 1e-9));
    const out = new Float64Array(2 * x.eKwh.length);
    x.eKwh.forEach((e, j) => {
      out[2 * j] = e / eMax;
      out[2 * j + 1] = x.pKw[j] / pMax;
    });
    return out;
  }

  /** Whether evaluations start from the nearest remembered basis (see `warmStart`). */
  private get nearest(): boolean {
    return (this.options.warmStart ?? "nearest") === "nearest" && (this.options.basisMemory ?? 8) > 0;
  }

  /** With "nearest" warm starts: start from the remembered basis closest to `here`, if closer than the last point. */
  private restoreNearest(session: HighsSession, here: Float64Array): void {
    if (!this.nearest || !this.last) return;
    const l1 = (a: Float64Array) => a.reduce((s, v, k) => s + Math.abs(v - here[k]), 0);
    let best: BasisMemo | undefined;
    let bestD = l1(this.last);
    for (const m of this.memos) {
      const d = l1(m.x);
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    if (best) session.restoreBasis(best.basis);
  }

  /** Records the basis the evaluation at `here` ended with, then purges cuts binding nowhere (see `purgeAbove`). */
  private remember(session: HighsSession, here: Float64Array): void {
    this.last = here;
    const purge = session.numRows - this.baseRows > (this.options.purgeAbove ?? 1000);
    const basis = session.saveBasis();
    this.lastBasis = basis;
    if (!basis) return;
    if (this.nearest) {
      this.memos.push({ x: here, basis });
      if (this.memos.length > (this.options.basisMemory ?? 8)) this.memos.shift();
    }
    if (!purge) return;
    // Slack in this basis and in every remembered one (a remembered basis is shorter by the rows added after it).
    const drop: number[] = [];
    const appended = session.appendedRows();
    const modelRows = session.numRows - appended.length;
    for (let r = this.baseRows; r < basis.rowStatus.length; r++) {
      if (basis.rowStatus[r] === BASIC && !this.keep(appended[r - modelRows]) && this.memos.every((m) => r >= m.basis.rowStatus.length || m.basis.rowStatus[r] === BASIC)) drop.push(r);
    }
    if (drop.length === 0) return;
    session.deleteRows(drop);
    // The same rows leave every basis kept; each stays square (only basic slacks went).
    const dropped = new Uint8Array(basis.rowStatus.length);
    for (const r of drop) dropped[r] = 1;
    const strip = (b: SavedBasis): SavedBasis => ({ colStatus: b.colStatus, rowStatus: b.rowStatus.filter((_, r) => !dropped[r]) });
    const current = strip(basis);
    this.lastBasis = current;
    this.memos = this.memos.map((m) => ({ x: m.x, basis: m.basis === basis ? current : strip(m.basis) }));
    // HiGHS keeps the basis of the remaining rows, but its factorisation is gone: restore the basis just found.
    session.restoreBasis(current);
  }

  /** Solves the day at each decision in turn (each from the previous one's basis and cuts), as {@link evaluate}. */
  async evaluateEach(points: readonly { x: FirstStageValues; coneTol?: number }[], detail = false): Promise<SubResult[]> {
    const out: SubResult[] = [];
    for (const p of points) out.push(await this.evaluate(p.x, detail, p.coneTol));
    return out;
  }

  /** Frees the solver instance. */
  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
    this.sub = undefined;
    this.seeded = false;
    this.memos = [];
    this.last = undefined;
    this.lastBasis = undefined;
  }
}
