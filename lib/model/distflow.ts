/**
 * DistFlow (branch-flow model) constraint templates for radial feeders, with the second-order-cone relaxation.
 * Each template reads network data only and writes one constraint family (PowerModels' `constraint_*` templates).
 *
 * Per branch e = (i → j), hour t, in per unit:
 *   v_j = v_i − 2(r P_e + x Q_e) + (r² + x²) ℓ_e                       (voltage drop, family "voltageDrop")
 *   P_e² + Q_e² ≤ v_i ℓ_e                                           (SOC relaxation of P² + Q² = v ℓ, cones "branchCone")
 *   P_e − r ℓ_e = Σ_{k child of j} P_jk − p_j^inj                    (active balance at j, family "pBalance")
 *   Q_e − x ℓ_e = Σ_{k child of j} Q_jk − q_j^inj                    (reactive balance at j, family "qBalance")
 * with v = |V|², ℓ = |I|², P, Q the power sent into the branch at i, p_j^inj the net injection at j (generation
 * minus load). At the slack s: pSub + p_s^inj = Σ_{k child of s} P_sk, and v_s = vSlack².
 *
 * Exactness. The relaxation is exact (P² + Q² = v ℓ at the optimum) when inflating a current never helps the
 * objective. With reverse flow (PV) and a binding UPPER voltage limit it does help — a larger ℓ lowers v_j and lets
 * more PV in — so a plain upper bound makes the relaxation inexact. {@link addSafeUpperVoltage} imposes the upper
 * limit on the lossless (linear DistFlow) voltage v̂ instead: v ≤ v̂ holds for every point of the relaxation (r, x,
 * ℓ ≥ 0), so v̂ ≤ v̄² is a slightly conservative inner bound under which the relaxation is exact (Gan, Li, Topcu &
 * Low, "Exact convex relaxation of optimal power flow in radial networks", IEEE TAC 60(1), 2015).
 */
import type { Network } from "../network/types";
import { radialIndex } from "../network/radial";
import { ArgumentError } from "../util/errors";
import { LinExpr } from "./expr";
import { rowLookup, type VarFamily } from "./families";
import type { Model, RotatedCone } from "./model";

/** The DistFlow variable families of one model. Keys: bus number (1-based), branch id (1-based), hour. */
export interface DistFlowVars {
  /** Prefix of every family name (several operating days in one model use distinct prefixes). */
  prefix: string;
  hours: number[];
  /** Squared voltage magnitude v = |V|² (pu²), bus × hour. */
  v: VarFamily;
  /** Active / reactive power into each branch at its sending end (pu), branch × hour. */
  p: VarFamily;
  q: VarFamily;
  /** Squared current magnitude ℓ = |I|² (pu²), branch × hour. */
  l: VarFamily;
  /** Power imported at the substation (slack) (pu), hour. */
  pSub: VarFamily;
  qSub: VarFamily;
}

/** Options of {@link addDistFlowVariables}. */
export interface DistFlowVarOptions {
  /** Lower voltage limit (pu) for every non-slack bus; default: each bus's own `vMinPu`. */
  vMinPu?: number;
  /** Upper voltage limit (pu) for every non-slack bus; default: each bus's own `vMaxPu`. */
  vMaxPu?: number;
  /** Slack voltage (pu); default the network's `vSlackPu`. */
  vSlackPu?: number;
  /** Enforce branch ratings as current limits ℓ ≤ (rateKva / baseKva)² (rated at 1 pu voltage). Default false. */
  lineLimits?: boolean;
  /** Substation import limits (pu); default unbounded both ways (reverse flow allowed). */
  pSubMinPu?: number;
  pSubMaxPu?: number;
  /** Prefix of the variable and constraint family names. Default "". */
  prefix?: string;
}

/** Adds the DistFlow variables over `hours` (0-based hour indices). */
export function addDistFlowVariables(m: Model, net: Network, hours: number[], options: DistFlowVarOptions = {}): DistFlowVars {
  const { vMinPu, vMaxPu, vSlackPu = net.vSlackPu, lineLimits = false, pSubMinPu = -Infinity, pSubMaxPu = Infinity, prefix = "" } = options;
  const buses = net.buses.map((b) => b.bus);
  const ids = net.branches.map((b) => b.id);
  const byBus = new Map(net.buses.map((b) => [b.bus, b]));
  const vLo = (bus: number) => (bus === net.slackBus ? vSlackPu ** 2 : (vMinPu ?? byBus.get(bus)!.vMinPu) ** 2);
  const vHi = (bus: number) => (bus === net.slackBus ? vSlackPu ** 2 : (vMaxPu ?? byBus.get(bus)!.vMaxPu) ** 2);
  const v = m.addVars(`${prefix}v`, { bus: buses, hour: hours }, { lb: (b) => vLo(b as number), ub: (b) => vHi(b as number) });
  const p = m.addVars(`${prefix}P`, { branch: ids, hour: hours }, { lb: -Infinity });
  const q = m.addVars(`${prefix}Q`, { branch: ids, hour: hours }, { lb: -Infinity });
  const baseKva = 1000 * net.baseMva;
  const byId = new Map(net.branches.map((b) => [b.id, b]));
  const lHi = (id: number) => {
    const rate = byId.get(id)!.rateKva;
    if (!lineLimits || rate === undefined) return Infinity;
    if (!(rate > 0)) throw new ArgumentError("addDistFlowVariables", `branch ${id} has a non-positive rating ${rate} kVA`);
    return (rate / baseKva) ** 2;
  };
  const l = m.addVars(`${prefix}l`, { branch: ids, hour: hours }, { lb: 0, ub: (id) => lHi(id as number) });
  const pSub = m.addVars(`${prefix}pSub`, { hour: hours }, { lb: pSubMinPu, ub: pSubMaxPu });
  const qSub = m.addVars(`${prefix}qSub`, { hour: hours }, { lb: -Infinity });
  return { prefix, hours, v, p, q, l, pSub, qSub };
}

/**
 * Net injections (generation − load, pu) per bus and hour, collected from every device before the balance rows are
 * written: loads add constants, PV/storage/EV add their variables.
 */
export class BusInjections {
  private readonly pExpr = new Map<string, LinExpr>();
  private readonly qExpr = new Map<string, LinExpr>();

  private get(map: Map<string, LinExpr>, bus: number, hour: number): LinExpr {
    const k = `${bus}|${hour}`;
    let e = map.get(k);
    if (!e) map.set(k, (e = new LinExpr()));
    return e;
  }

  /** Adds `coef · x[col]` to the active injection at (bus, hour). */
  addP(bus: number, hour: number, col: number, coef = 1): void {
    this.get(this.pExpr, bus, hour).add(col, coef);
  }

  /** Adds `coef · x[col]` to the reactive injection at (bus, hour). */
  addQ(bus: number, hour: number, col: number, coef = 1): void {
    this.get(this.qExpr, bus, hour).add(col, coef);
  }

  /** Adds a fixed injection (pu); a load is a negative injection. */
  addConstant(bus: number, hour: number, pPu: number, qPu = 0): void {
    this.get(this.pExpr, bus, hour).addConstant(pPu);
    this.get(this.qExpr, bus, hour).addConstant(qPu);
  }

  /** Adds a load (pu), i.e. a negative fixed injection. */
  addLoad(bus: number, hour: number, pPu: number, qPu = 0): void {
    this.addConstant(bus, hour, -pPu, -qPu);
  }

  /** The active injection expression at (bus, hour) (empty when nothing was added). */
  p(bus: number, hour: number): LinExpr {
    return this.pExpr.get(`${bus}|${hour}`) ?? new LinExpr();
  }

  /** The reactive injection expression at (bus, hour). */
  q(bus: number, hour: number): LinExpr {
    return this.qExpr.get(`${bus}|${hour}`) ?? new LinExpr();
  }
}

/** v_j = v_i − 2(r P + x Q) + (r² + x²) ℓ for every branch and hour (family "voltageDrop"). */
export function addVoltageDrop(m: Model, net: Network, d: DistFlowVars): void {
  const ri = radialIndex(net);
  net.branches.forEach((br, e) => {
    const r = ri.rPu[e];
    const x = ri.xPu[e];
    for (const t of d.hours) {
      const expr = new LinExpr()
        .add(d.v.col(br.toBus, t), 1)
        .add(d.v.col(br.fromBus, t), -1)
        .add(d.p.col(br.id, t), 2 * r)
        .add(d.q.col(br.id, t), 2 * x)
        .add(d.l.col(br.id, t), -(r * r + x * x));
      m.eq(`${d.prefix}voltageDrop`, [br.id, t], expr, 0);
    }
  });
}

/** P² + Q² ≤ v_from · ℓ for every branch and hour (cones "branchCone"); returns them, branch by branch. */
export function addBranchCones(m: Model, net: Network, d: DistFlowVars): RotatedCone[] {
  const out: RotatedCone[] = [];
  for (const br of net.branches) {
    for (const t of d.hours) {
      out.push(m.addRotatedCone(`${d.prefix}branchCone`, [br.id, t], { x: [d.p.col(br.id, t), d.q.col(br.id, t)], y: d.v.col(br.fromBus, t), z: d.l.col(br.id, t) }));
    }
  }
  return out;
}

/** The rows of an active and a reactive balance family, by key (bus or branch id) and hour. */
export interface BalanceRows {
  p: (key: number, hour: number) => number;
  q: (key: number, hour: number) => number;
}

/** The balance rows of a DistFlow model: at the buses, and (where the safe upper voltage has rows) the lossless ones. */
export interface DistFlowRows {
  balance: BalanceRows;
  safe?: BalanceRows;
}

/** The read-back handle of a pair of balance families (the model's own records of their rows). */
function balanceRows(m: Model, where: string, pFamily: string, qFamily: string): BalanceRows {
  return { p: rowLookup(m.conFamily(pFamily), where, "p balance"), q: rowLookup(m.conFamily(qFamily), where, "q balance") };
}

/**
 * The power balance at every bus, and with `safeVoltage` the safe upper voltage limit's lossless rows: the rows that
 * tie a DistFlow model's injections together, as the OPF and the operated day write them. Call after every device
 * has added its injections.
 */
export function addBalances(m: Model, net: Network, d: DistFlowVars, inj: BusInjections, safeVoltage: boolean): DistFlowRows {
  const balance = addPowerBalance(m, net, d, inj);
  return safeVoltage ? { balance, safe: addSafeUpperVoltage(m, net, d, inj) } : { balance };
}

/** Active and reactive power balance at every bus and hour (families "pBalance", "qBalance"); returns their rows by bus. */
export function addPowerBalance(m: Model, net: Network, d: DistFlowVars, inj: BusInjections): BalanceRows {
  const ri = radialIndex(net);
  for (let k = 0; k < ri.nBus; k++) {
    const bus = k + 1;
    const e = ri.parentBranch[k];
    for (const t of d.hours) {
      for (const kind of ["p", "q"] as const) {
        const flow = kind === "p" ? d.p : d.q;
        const expr = new LinExpr();
        if (e >= 0) {
          const br = net.branches[e];
          expr.add(flow.col(br.id, t), 1).add(d.l.col(br.id, t), -(kind === "p" ? ri.rPu[e] : ri.xPu[e]));
        } else {
          expr.add((kind === "p" ? d.pSub : d.qSub).col(t), 1);
        }
        for (const ce of ri.childBranches[k]) expr.add(flow.col(net.branches[ce].id, t), -1);
        expr.addExpr(kind === "p" ? inj.p(bus, t) : inj.q(bus, t));
        m.eq(`${d.prefix}${kind === "p" ? "pBalance" : "qBalance"}`, [bus, t], expr, 0);
      }
    }
  }
  return balanceRows(m, "addPowerBalance", `${d.prefix}pBalance`, `${d.prefix}qBalance`);
}

/**
 * The upper voltage limit on the lossless voltage (families "vHat", "pHat", "qHat"; rows "pHatBalance",
 * "qHatBalance", "vHatDrop"): P̂_e = Σ_{k child of j} P̂_jk − p_j^inj, v̂_j = v̂_i − 2(r P̂_e + x Q̂_e),
 * v̂_slack = vSlack², v̂_j ≤ v̄_j². Call after every device has added its injections. Returns the lossless balance
 * rows by branch id.
 */
export function addSafeUpperVoltage(m: Model, net: Network, d: DistFlowVars, inj: BusInjections): BalanceRows {
  const ri = radialIndex(net);
  const ids = net.branches.map((b) => b.id);
  const buses = net.buses.map((b) => b.bus);
  const vHi = (bus: number) => safeVoltageLimit(m, d, bus);
  const vHat = m.addVars(`${d.prefix}vHat`, { bus: buses, hour: d.hours }, { lb: -Infinity, ub: (b) => vHi(b as number) });
  const pHat = m.addVars(`${d.prefix}pHat`, { branch: ids, hour: d.hours }, { lb: -Infinity });
  const qHat = m.addVars(`${d.prefix}qHat`, { branch: ids, hour: d.hours }, { lb: -Infinity });
  for (const t of d.hours) {
    m.eq(`${d.prefix}vHatSlack`, [t], new LinExpr().add(vHat.col(net.slackBus, t)).add(d.v.col(net.slackBus, t), -1), 0);
    net.branches.forEach((br, e) => {
      const j = ri.childBus[e];
      for (const [flow, kind] of [[pHat, "p"], [qHat, "q"]] as const) {
        const expr = new LinExpr().add(flow.col(br.id, t), 1);
        for (const ce of ri.childBranches[j]) expr.add(flow.col(net.branches[ce].id, t), -1);
        expr.addExpr(kind === "p" ? inj.p(j + 1, t) : inj.q(j + 1, t));
        m.eq(`${d.prefix}${kind === "p" ? "pHatBalance" : "qHatBalance"}`, [br.id, t], expr, 0);
      }
      const drop = new LinExpr()
        .add(vHat.col(br.toBus, t), 1)
        .add(vHat.col(br.fromBus, t), -1)
        .add(pHat.col(br.id, t), 2 * ri.rPu[e])
        .add(qHat.col(br.id, t), 2 * ri.xPu[e]);
      m.eq(`${d.prefix}vHatDrop`, [br.id, t], drop, 0);
    });
  }
  return balanceRows(m, "addSafeUpperVoltage", `${d.prefix}pHatBalance`, `${d.prefix}qHatBalance`);
}

/** The limit v̄² of the lossless voltage at `bus`: the upper bound of its v (Infinity for a bus without v). */
export function safeVoltageLimit(m: Model, d: DistFlowVars, bus: number): number {
  return d.v.has(bus, d.hours[0]) ? m.colUb[d.v.col(bus, d.hours[0])] : Infinity;
}

/**
 * The lossless voltage of {@link addSafeUpperVoltage} over the relaxation's own columns. Unrolling the balance rows,
 * P_e = P̂_e + Σ_{f ∈ T(e)} r_f ℓ_f (T(e): e and every branch below it), likewise Q; subtracting the two voltage
 * recursions along the path from the slack to bus j then gives
 *   v̂_j = v_j + Σ_f a_jf ℓ_f,   a_jf = 2 Σ_{e ∈ path(j), f ∈ T(e)} (r_e r_f + x_e x_f) − [f ∈ path(j)] (r_f² + x_f²) ≥ 0,
 * so v̂_j ≤ v̄_j² is the single row v_j + Σ_f a_jf ℓ_f ≤ v̄_j² over one hour's columns — no v̂, P̂, Q̂ columns. Returns,
 * per bus (radial index order; none for the slack), the branch indices f and the coefficients a_jf.
 */
export function safeVoltageLossCoefficients(net: Network): { branches: Int32Array; coefs: Float64Array }[] {
  const ri = radialIndex(net);
  /** Branches from the slack down to bus k (indices), root first. */
  const pathTo = (k: number): number[] => {
    const path: number[] = [];
    for (let e = ri.parentBranch[k]; e >= 0; e = ri.parentBranch[ri.fromBus[e]]) path.unshift(e);
    return path;
  };
  const paths = Array.from({ length: ri.nBus }, (_, k) => pathTo(k));
  return paths.map((pathJ, k) => {
    if (ri.parentBranch[k] < 0) return { branches: new Int32Array(0), coefs: new Float64Array(0) };
    const onPath = new Set(pathJ);
    const branches: number[] = [];
    const coefs: number[] = [];
    net.branches.forEach((_, f) => {
      const rf = ri.rPu[f];
      const xf = ri.xPu[f];
      let a = 0;
      // e ∈ path(j) with f ∈ T(e) ⟺ e ∈ path(j) ∩ path(to(f)).
      for (const e of paths[ri.childBus[f]]) if (onPath.has(e)) a += 2 * (ri.rPu[e] * rf + ri.xPu[e] * xf);
      if (onPath.has(f)) a -= rf * rf + xf * xf;
      if (a !== 0) {
        branches.push(f);
        coefs.push(a);
      }
    });
    return { branches: Int32Array.from(branches), coefs: Float64Array.from(coefs) };
  });
}

/** Σ r ℓ over branches (and the given hours): the active losses in pu (times hours when summed over hours). */
export function lossExpr(net: Network, d: DistFlowVars, hours: number[] = d.hours): LinExpr {
  const ri = radialIndex(net);
  const e = new LinExpr();
  net.branches.forEach((br, k) => {
    for (const t of hours) e.add(d.l.col(br.id, t), ri.rPu[k]);
  });
  return e;
}
