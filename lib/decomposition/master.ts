/**
 * The Benders master: the first stage (siting, sizing, planned feeder-head capacity) plus one value variable θ_s per
 * scenario (multi-cut) or a single θ (single-cut), minimising annual first-stage cost + 365 Σ_s π_s θ_s. It stays a
 * MILP (HiGHS accepts no quadratic objective with integers). Cuts are rows appended to a persistent HiGHS instance,
 * or, when the case has few sitings, to one LP per siting (siting-lps.ts), solved in turn.
 */
import { LinExpr } from "../model/expr";
import type { VarFamily } from "../model/families";
import { Model } from "../model/model";
import type { PlanningCase } from "../model/planning/case";
import { addFirstStage, firstStageValues, type FirstStageValues, type FirstStageVars } from "../model/planning/first-stage";
import type { ScenarioDay } from "../model/planning/inputs";
import { addCopperPlateDay } from "../model/planning/operation";
import type { Network } from "../network/types";
import { assertOptimal, type HighsOptions, HighsSession } from "../solve/highs";
import { ArgumentError } from "../util/errors";
import type { CutCertificate } from "./cut-transfer";
import type { SubResult } from "./subproblem-runner";
import { SitingLps } from "./siting-lps";
import { sitingCountUpTo, sitingsUpTo } from "./siting-sets";

/** Days per year the typical days stand for. */
export const DAYS_PER_YEAR = 365;

/** One optimality cut: θ_key ≥ constant + Σ_j (eKwh[j] Ē_j + pKw[j] P̄_j), key a scenario id or "expected". */
export interface BendersCut {
  key: string;
  constant: number;
  eKwh: number[];
  pKw: number[];
  /** The duals the cut came from (multi-cut, with BendersOptions.certificates), to move it onto other days (cut-transfer.ts). */
  certificate?: CutCertificate;
}

/** Options of {@link BendersMaster}. */
export interface MasterOptions extends HighsOptions {
  /** One value variable per scenario (default) or one for their expectation. */
  cuts?: "multi" | "single";
  /** Lower bound of a day's cost, ¥ (a valid bound keeps the first masters bounded). Default −1e7. */
  thetaLowerCny?: number;
  /**
   * A relaxation of each day built into the master (partial decomposition): "copper-plate" bounds each θ_s
   * from below by the day's copper-plate cost (no network, see copper-plate.ts); "none" (default) leaves θ to the cuts
   * alone. Measured on the paper case the proxy tightens the first bounds but slows every master solve and the gap
   * closes no faster, hence the default.
   */
  proxy?: "copper-plate" | "none";
  /** The feeder (needed by the copper-plate proxy for its loads and base). */
  net?: Network;
  /**
   * Solve the master as one LP per siting (siting-lps.ts) when the case has at most this many sitings of at most
   * `maxSites` sites, else as one MILP by branch and bound. Same optimum; the LPs re-solve warm after each batch of
   * cuts and skip the sitings whose bound is above the incumbent's cost (solve's `upperBound`). Default 64 (the paper
   * case has 22); 0: always the MILP.
   */
  sitingLps?: number;
}

/** The master problem and its cut bookkeeping. */
export class BendersMaster {
  readonly model: Model;
  readonly fs: FirstStageVars;
  readonly theta: VarFamily;
  private session?: HighsSession;
  /** The master as one LP per siting, when MasterOptions.sitingLps allows. */
  private readonly lps?: SitingLps;
  cutsAdded = 0;
  /**
   * Every optimality cut from this master's evaluations (not those given by addKnownCuts):
   * θ_key ≥ constant + Σ_j (eKwh[j] Ē_j + pKw[j] P̄_j) (candidates in case order).
   */
  readonly cuts: BendersCut[] = [];
  /** Level stabilisation: the distance variables, centre rows and the level row. */
  private readonly level: { cont: number[]; weights: number[]; centreRows: number[]; levelRow: number; dist: number[] };
  private readonly masterCost: Float64Array;

  constructor(
    readonly c: PlanningCase,
    readonly scenarios: readonly ScenarioDay[],
    readonly options: MasterOptions = {},
  ) {
    const { cuts = "multi", thetaLowerCny = -1e7, proxy = "none" } = options;
    const m = new Model("benders-master");
    this.fs = addFirstStage(m, c);
    const keys = cuts === "multi" ? scenarios.map((s) => s.id) : ["expected"];
    this.theta = m.addVars("theta", { scenario: keys }, { lb: thetaLowerCny });
    m.addObjective(this.fs.annualCost);
    if (cuts === "multi") scenarios.forEach((s) => m.addObjective(new LinExpr().add(this.theta.col(s.id)), DAYS_PER_YEAR * s.probability));
    else m.addObjective(new LinExpr().add(this.theta.col("expected")), DAYS_PER_YEAR);
    if (proxy === "copper-plate") {
      if (!options.net) throw new ArgumentError("BendersMaster", "the copper-plate proxy needs the network (options.net)");
      const caps = { eKwh: (b: number) => this.fs.eKwh.col(b), pKw: (b: number) => this.fs.pKw.col(b) };
      const expected = new LinExpr().add(this.theta.col(keys[0]));
      scenarios.forEach((s) => {
        const cost = addCopperPlateDay(m, c, s, caps, `${s.id}:`, options.net!);
        if (cuts === "multi") m.ge("proxy", [s.id], new LinExpr().add(this.theta.col(s.id)).addExpr(cost, -1), 0);
        else expected.addExpr(cost, -s.probability);
      });
      if (cuts !== "multi") m.ge("proxy", ["expected"], expected, 0);
    }
    // Level stabilisation (unused until levelSolve): x_k − d⁺_k + d⁻_k = centre_k for each continuous first-stage
    // quantity, and a row "master objective ≤ level".
    const st = c.storage;
    const cont: number[] = [];
    const weights: number[] = [];
    for (const b of this.fs.candidates) {
      cont.push(this.fs.eKwh.col(b), this.fs.pKw.col(b));
      weights.push(1 / Math.max(1, st.maxEnergyKwhPerSite), 1 / Math.max(1, m.colUb[this.fs.pKw.col(b)]));
    }
    const idx = cont.map((_, k) => k);
    const dPlus = m.addVars("levelDistPlus", { k: idx }, { lb: 0 });
    const dMinus = m.addVars("levelDistMinus", { k: idx }, { lb: 0 });
    const centreRows = cont.map((col, k) => m.addRow("levelCentre", [k], new LinExpr().add(col).add(dPlus.col(k), -1).add(dMinus.col(k), 1), -Infinity, Infinity));
    const levelRow = m.addRow("level", [], new LinExpr().addExpr(m.objective), -Infinity, Infinity);
    this.level = { cont, weights, centreRows, levelRow, dist: [...dPlus.cols(), ...dMinus.cols()] };
    this.masterCost = new Float64Array(m.numCols);
    for (let k = 0; k < m.objective.cols.length; k++) this.masterCost[m.objective.cols[k]] += m.objective.coefs[k];
    this.model = m;
    const { sitingLps = 64 } = options;
    const n = this.fs.candidates.length;
    if (sitingCountUpTo(n, st.maxSites) <= sitingLps) {
      const { mipRelGap: _, ...lpOptions } = options;
      this.lps = new SitingLps(m, this.fs.candidates.map((b) => this.fs.y.col(b)), sitingsUpTo(n, st.maxSites), lpOptions);
    }
  }

  private async open(): Promise<HighsSession> {
    if (!this.session) this.session = await HighsSession.open(this.model, { mipRelGap: 1e-7, ...this.options });
    return this.session;
  }

  /** Switches the instance between the master objective and the level problem's distance objective. */
  private setMode(session: HighsSession, mode: "master" | "level"): void {
    const cols = Array.from({ length: this.model.numCols }, (_, k) => k);
    const costs = Array.from(this.masterCost);
    if (mode === "level") {
      costs.fill(0);
      const half = this.level.cont.length;
      this.level.dist.forEach((col, k) => (costs[col] = this.level.weights[k % half]));
    } else {
      session.setRowBounds([this.level.levelRow, ...this.level.centreRows], new Array(1 + this.level.centreRows.length).fill(-Infinity), new Array(1 + this.level.centreRows.length).fill(Infinity));
    }
    session.setColCosts(cols, costs);
  }

  /**
   * The level-stabilised next proposal: the first-stage decision closest (L1 distance on the sizes, each scaled by
   * its upper bound) to `centre` whose master objective does not exceed `level`.
   */
  async levelSolve(centre: FirstStageValues, level: number): Promise<{ x: FirstStageValues; seconds: number }> {
    const values: number[] = [];
    this.fs.candidates.forEach((_, j) => values.push(centre.eKwh[j], centre.pKw[j]));
    const enter = (session: HighsSession) => {
      this.setMode(session, "level");
      session.setRowBounds(this.level.centreRows, values, values);
      session.setRowBounds([this.level.levelRow], [-Infinity], [level]);
    };
    if (this.lps) {
      const sol = await this.lps.levelSolve(level, enter, (session) => this.setMode(session, "master"));
      return { x: firstStageValues(this.fs, sol.x), seconds: sol.seconds };
    }
    const session = await this.open();
    enter(session);
    const sol = session.run();
    this.setMode(session, "master");
    assertOptimal("BendersMaster.levelSolve", this.model.name, sol.status);
    return { x: firstStageValues(this.fs, sol.x), seconds: sol.seconds };
  }

  /**
   * Solves the master; returns its objective (a lower bound) and the first-stage decision.
   * @param upperBound the incumbent's cost: with one LP per siting, sitings whose last bound is above it are not re-solved
   */
  async solve(upperBound = Infinity): Promise<{ lowerBound: number; x: FirstStageValues; seconds: number; others?: { lowerBound: number; x: FirstStageValues }[] }> {
    if (this.lps) {
      const sol = await this.lps.solve(upperBound);
      const others = sol.others?.map((o) => ({ lowerBound: o.objective, x: firstStageValues(this.fs, o.x) }));
      return { lowerBound: sol.objective, x: firstStageValues(this.fs, sol.x), seconds: sol.seconds, others };
    }
    const sol = (await this.open()).run();
    assertOptimal("BendersMaster.solve", this.model.name, sol.status);
    return { lowerBound: sol.objective, x: firstStageValues(this.fs, sol.x), seconds: sol.seconds };
  }

  /**
   * Adds the optimality cuts of evaluated subproblems at the decision `at`:
   * θ_s ≥ Q_s(x̂) + g_s · (x − x̂) (multi), or θ ≥ Σ_s π_s [Q_s(x̂) + g_s · (x − x̂)] (single).
   */
  async addCuts(results: readonly SubResult[], at: FirstStageValues): Promise<void> {
    const n = this.fs.candidates.length;
    /** The cut of `results` weighted by `weight` (summed into one cut for the single-cut master). */
    const cutOf = (key: string, parts: readonly { r: SubResult; weight: number }[]): BendersCut => {
      const cut: BendersCut = { key, constant: 0, eKwh: new Array<number>(n).fill(0), pKw: new Array<number>(n).fill(0) };
      for (const { r, weight } of parts) {
        cut.constant += weight * r.valueCny;
        for (let j = 0; j < n; j++) {
          const ge = r.gradient.eKwh[j];
          const gp = r.gradient.pKw[j];
          cut.eKwh[j] += weight * ge;
          cut.pKw[j] += weight * gp;
          cut.constant -= weight * (ge * at.eKwh[j] + gp * at.pKw[j]);
        }
      }
      return cut;
    };
    const cuts =
      this.theta.space.keys[0][0] === "expected"
        ? [cutOf("expected", results.map((r) => ({ r, weight: this.scenarios.find((q) => q.id === r.scenarioId)!.probability })))]
        : results.map((r) => ({ ...cutOf(r.scenarioId, [{ r, weight: 1 }]), ...(r.certificate ? { certificate: r.certificate } : {}) }));
    await this.appendCuts(cuts);
    for (const cut of cuts) this.cuts.push(cut);
  }

  /** Appends cuts as rows θ_key − Σ_j (eKwh[j] Ē_j + pKw[j] P̄_j) ≥ constant (zero coefficients left out). */
  private async appendCuts(cuts: readonly BendersCut[]): Promise<void> {
    if (cuts.length === 0) return;
    const cands = this.fs.candidates;
    const rows = cuts.map((cut) => {
      if (cut.eKwh.length !== cands.length || cut.pKw.length !== cands.length) throw new ArgumentError("BendersMaster", `a cut of ${cut.key} has ${cut.eKwh.length} coefficients for ${cands.length} candidates`, { field: "cuts" });
      const cols = [this.theta.col(cut.key)];
      const coefs = [1];
      cands.forEach((b, j) => {
        if (cut.eKwh[j] !== 0) {
          cols.push(this.fs.eKwh.col(b));
          coefs.push(-cut.eKwh[j]);
        }
        if (cut.pKw[j] !== 0) {
          cols.push(this.fs.pKw.col(b));
          coefs.push(-cut.pKw[j]);
        }
      });
      return { cols, coefs, lb: cut.constant, ub: Infinity };
    });
    if (this.lps) await this.lps.addRows(rows);
    else (await this.open()).addRows(rows);
    this.cutsAdded += rows.length;
  }

  /**
   * Fixes the siting: candidate j built when `flags[j]` (its sizes free up to their limits), else not (sizes 0).
   * @throws ArgumentError when there is not one flag per candidate.
   */
  fixBuild(flags: readonly boolean[]): void {
    if (flags.length !== this.fs.candidates.length) throw new ArgumentError("BendersMaster.fixBuild", `${flags.length} flags for ${this.fs.candidates.length} candidates`, { field: "fixBuild" });
    const cols = this.fs.candidates.map((b) => this.fs.y.col(b));
    const v = flags.map((f) => (f ? 1 : 0));
    cols.forEach((col, j) => this.model.setBounds(col, v[j], v[j]));
    this.session?.setColBounds(cols, v, v);
    this.lps?.restrict(flags);
  }

  /**
   * Adds optimality cuts found elsewhere (e.g. another siting's run on the same days: every cut is valid for all).
   * They bound the master but are not listed in {@link cuts}, which holds the cuts of this master's own evaluations.
   */
  async addKnownCuts(cuts: readonly BendersCut[]): Promise<void> {
    await this.appendCuts(cuts);
  }

  /** Frees the solver instance. */
  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
    this.lps?.dispose();
  }
}
