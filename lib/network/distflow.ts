/**
 * The branch-flow (DistFlow) model of a radial feeder — the convention shared with the OPF in lib/model and
 * lib/solve — and its exact evaluation at AC power-flow solutions.
 *
 * For branch ij (i = parent = `fromBus`, j = child = `toBus`), all in per unit of the network base:
 *   P_ij, Q_ij   power sent INTO the branch at i (sending end)
 *   ℓ_ij         = |I_ij|²            squared branch current
 *   v_i          = |V_i|²             squared bus voltage magnitude
 *   p_j, q_j     net load at j (load − injection; positive = consumed)
 * Equations (Baran & Wu 1989; Farivar & Low 2013):
 *   voltage drop  v_j = v_i − 2 (r P_ij + x Q_ij) + (r² + x²) ℓ_ij
 *   P balance     P_ij = Σ_{k child of j} P_jk + r ℓ_ij + p_j
 *   Q balance     Q_ij = Σ_{k child of j} Q_jk + x ℓ_ij + q_j
 *   current       ℓ_ij v_i = P_ij² + Q_ij²    (relaxed to ℓ_ij v_i ≥ P_ij² + Q_ij² in the SOC OPF)
 *   slack         v_slack = V_slack²
 * Arrays: per bus length N (bus `b` at `b − 1`), per branch in `net.branches` order.
 */
import { ArgumentError } from "../util/errors";
import { kwPerPu } from "./perunit";
import { radialIndex } from "./radial";
import type { PowerFlowSeries } from "./sweep";
import type { Network } from "./types";

/** A branch-flow operating point, per unit. */
export interface DistFlowPoint {
  /** Per bus: v = |V|², pu². */
  vSqPu: Float64Array;
  /** Per branch: P sent into the branch at its parent bus, pu. */
  pPu: Float64Array;
  /** Per branch: Q sent into the branch at its parent bus, pu. */
  qPu: Float64Array;
  /** Per branch: ℓ = |I|², pu². */
  iSqPu: Float64Array;
}

/** Net loads of one operating point, per bus, in per unit. */
export interface NetLoadPu {
  pPu: ArrayLike<number>;
  qPu: ArrayLike<number>;
}

/** Residuals of the DistFlow equations at a point (see the module doc); each array per branch. */
export interface DistFlowResiduals {
  /** v_j − v_i + 2 (r P + x Q) − (r² + x²) ℓ. */
  voltageDrop: Float64Array;
  /** P_ij − Σ P_jk − r ℓ − p_j. */
  pBalance: Float64Array;
  /** Q_ij − Σ Q_jk − x ℓ − q_j. */
  qBalance: Float64Array;
  /** ℓ v_i − P² − Q² (zero at an AC solution; the SOC relaxation keeps it ≥ 0). */
  coneGap: Float64Array;
  /** v_slack − V_slack², when `vSlackPu` was given; else NaN. */
  slackVoltage: number;
  /** Largest |residual| of the three equality families (voltage drop, P and Q balance) and of the slack. */
  maxAbsEquality: number;
  /** Largest |cone gap|. */
  maxAbsConeGap: number;
}

/** Per-unit net loads of one hour (`hour` 0-based) of hour-major kW/kVAr arrays, or of per-bus arrays. */
export function netLoadPu(net: Network, load: { pKw: ArrayLike<number>; qKvar: ArrayLike<number> }, hour = 0): NetLoadPu {
  const n = net.buses.length;
  if (load.pKw.length < (hour + 1) * n || load.qKvar.length < (hour + 1) * n) {
    throw new ArgumentError("netLoadPu", `load arrays are too short for hour ${hour} of ${n} buses`);
  }
  const kw = kwPerPu(net);
  const pPu = new Float64Array(n);
  const qPu = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    pPu[k] = load.pKw[hour * n + k] / kw;
    qPu[k] = load.qKvar[hour * n + k] / kw;
  }
  return { pPu, qPu };
}

/**
 * Evaluates the DistFlow equations' residuals at a point, e.g. to check an OPF solution.
 * @param vSlackPu when given, also the slack residual v_slack − vSlackPu²
 * @throws ArgumentError when array lengths do not match the network.
 */
export function distFlowResiduals(net: Network, point: DistFlowPoint, load: NetLoadPu, vSlackPu?: number): DistFlowResiduals {
  const where = "distFlowResiduals";
  const ri = radialIndex(net);
  const { nBus: N, nBranch: M } = ri;
  const lens: [string, number, number][] = [
    ["vSqPu", point.vSqPu.length, N],
    ["pPu", point.pPu.length, M],
    ["qPu", point.qPu.length, M],
    ["iSqPu", point.iSqPu.length, M],
    ["load.pPu", load.pPu.length, N],
    ["load.qPu", load.qPu.length, N],
  ];
  for (const [name, got, want] of lens) if (got !== want) throw new ArgumentError(where, `${name} has length ${got}, expected ${want}`);
  const { vSqPu: v, pPu: P, qPu: Q, iSqPu: l } = point;
  const voltageDrop = new Float64Array(M);
  const pBalance = new Float64Array(M);
  const qBalance = new Float64Array(M);
  const coneGap = new Float64Array(M);
  let maxEq = 0;
  let maxCone = 0;
  for (let e = 0; e < M; e++) {
    const i = ri.fromBus[e];
    const j = ri.childBus[e];
    const r = ri.rPu[e];
    const x = ri.xPu[e];
    let sumP = 0;
    let sumQ = 0;
    for (const c of ri.childBranches[j]) {
      sumP += P[c];
      sumQ += Q[c];
    }
    voltageDrop[e] = v[j] - v[i] + 2 * (r * P[e] + x * Q[e]) - (r * r + x * x) * l[e];
    pBalance[e] = P[e] - sumP - r * l[e] - load.pPu[j];
    qBalance[e] = Q[e] - sumQ - x * l[e] - load.qPu[j];
    coneGap[e] = l[e] * v[i] - P[e] * P[e] - Q[e] * Q[e];
    maxEq = Math.max(maxEq, Math.abs(voltageDrop[e]), Math.abs(pBalance[e]), Math.abs(qBalance[e]));
    maxCone = Math.max(maxCone, Math.abs(coneGap[e]));
  }
  const slackVoltage = vSlackPu === undefined ? NaN : v[ri.slack] - vSlackPu * vSlackPu;
  if (vSlackPu !== undefined) maxEq = Math.max(maxEq, Math.abs(slackVoltage));
  return { voltageDrop, pBalance, qBalance, coneGap, slackVoltage, maxAbsEquality: maxEq, maxAbsConeGap: maxCone };
}

/**
 * The exact DistFlow point (v, P, Q, ℓ) of one hour of an AC power-flow solution.
 * @param hour 0-based hour of the series
 * @throws ArgumentError when the hour is out of range or the series belongs to another network.
 */
export function distFlowPoint(net: Network, series: PowerFlowSeries, hour = 0): DistFlowPoint {
  const where = "distFlowPoint";
  const { nBus: N, nBranch: M } = radialIndex(net);
  if (series.nBus !== N || series.nBranch !== M) throw new ArgumentError(where, `the series (${series.network}) does not belong to ${net.name}`);
  if (!Number.isInteger(hour) || hour < 0 || hour >= series.hours) throw new ArgumentError(where, `hour ${hour} is outside 0…${series.hours - 1}`);
  const kw = kwPerPu(net);
  const vSqPu = new Float64Array(N);
  const pPu = new Float64Array(M);
  const qPu = new Float64Array(M);
  const iSqPu = new Float64Array(M);
  for (let k = 0; k < N; k++) vSqPu[k] = series.vPu[hour * N + k] ** 2;
  for (let e = 0; e < M; e++) {
    pPu[e] = series.pKw[hour * M + e] / kw;
    qPu[e] = series.qKvar[hour * M + e] / kw;
    iSqPu[e] = series.iPu[hour * M + e] ** 2;
  }
  return { vSqPu, pPu, qPu, iSqPu };
}
