/**
 * AC power flow of a radial feeder by backward/forward sweep (current summation), for many hours in one call.
 *
 * Per hour, from a flat start V = V_slack∠0:
 *   1. load currents  I_k = conj(S_k / V_k)            (constant-power loads, S_k = net load)
 *   2. backward sweep J_k = I_k + Σ_{c child of k} J_c  (J_k = current of the branch feeding bus k)
 *   3. forward sweep  V_k = V_parent(k) − z_k · J_k
 * until BOTH the largest voltage change max_k |ΔV_k| and the largest power mismatch max_k |V_k conj(I_k) − S_k|
 * (pu, with the new voltages and the currents of the sweep) are below their tolerances. Kirchhoff's current law
 * holds exactly in every sweep and Ohm's law by construction, so the mismatch is the only error left.
 * Reference: D. Shirmohammadi et al., "A compensation-based power flow method for weakly meshed distribution and
 * transmission networks," IEEE Trans. Power Systems 3(2), 1988 (the radial case).
 *
 * Layout: hour-major typed arrays, per bus (hours × N, bus `b` at `h·N + b − 1`) and per branch (hours × M, branch
 * `net.branches[e]` at `h·M + e`). Hours are 0-based positions.
 */
import { ArgumentError, SolverError } from "../util/errors";
import { iBaseA, kwPerPu } from "./perunit";
import { type RadialIndex, radialIndex } from "./radial";
import type { Network } from "./types";

/** Input of {@link powerFlowSweep}: net loads per hour and bus (see `netLoadSeries`). */
export interface PowerFlowSweepInput {
  /** Net active load in kW (positive = consumed), hours × N, hour-major. */
  pKw: Float64Array;
  /** Net reactive load in kVAr, hours × N, hour-major. */
  qKvar: Float64Array;
  /** Slack voltage magnitude in pu: one value or one per hour. Default `net.vSlackPu`. */
  vSlackPu?: number | Float64Array;
}

/** Options of {@link powerFlowSweep}. */
export interface PowerFlowSweepOptions {
  /** Tolerance on the largest voltage change of a sweep, pu. Default 1e-12. */
  tolVPu?: number;
  /** Tolerance on the largest bus power mismatch, pu of the power base. Default 1e-12. */
  tolPowerPu?: number;
  /** Sweeps per hour before giving up. Default 100. */
  maxIterations?: number;
  /** What to do when an hour does not converge: throw a SolverError (default) or mark it in `converged`. */
  onNonConvergence?: "throw" | "mark";
}

/** Results of {@link powerFlowSweep}, keyed like the input (see the module doc for the layout). */
export interface PowerFlowSeries {
  network: string;
  hours: number;
  nBus: number;
  nBranch: number;
  /** 1-based bus numbers of the per-bus columns (1…N). */
  buses: Int32Array;
  /** 1-based ids of the per-branch columns (`net.branches` order). */
  branchIds: Int32Array;
  /** Voltage magnitude, pu (hours × N). */
  vPu: Float64Array;
  /** Voltage angle relative to the slack, degrees (hours × N). */
  vaDeg: Float64Array;
  /** Active power sent into each branch at its parent bus, kW (hours × M). */
  pKw: Float64Array;
  /** Reactive power sent into each branch at its parent bus, kVAr (hours × M). */
  qKvar: Float64Array;
  /** Branch current magnitude, pu (hours × M). */
  iPu: Float64Array;
  /** Branch current magnitude, A (hours × M). */
  iA: Float64Array;
  /** Active loss of each branch r·|I|², kW (hours × M). */
  branchLossKw: Float64Array;
  /** Reactive loss of each branch x·|I|², kVAr (hours × M). */
  branchLossKvar: Float64Array;
  /** Total active loss per hour, kW. */
  lossKw: Float64Array;
  /** Total reactive loss per hour, kVAr. */
  lossKvar: Float64Array;
  /** Active power drawn from the slack per hour (total net load + loss), kW. */
  pSlackKw: Float64Array;
  /** Reactive power drawn from the slack per hour, kVAr. */
  qSlackKvar: Float64Array;
  /** Sweeps used per hour. */
  iterations: Int32Array;
  /** 1 when the hour converged (always 1 unless `onNonConvergence: "mark"`). */
  converged: Uint8Array;
}

/** Working arrays of one hour's sweeps, per bus (0-based index), all in pu. */
interface SweepState {
  /** Net load P, Q. */
  p: Float64Array;
  q: Float64Array;
  /** Voltage, real and imaginary parts. */
  vr: Float64Array;
  vi: Float64Array;
  /** Load current I_k, real and imaginary parts. */
  ir: Float64Array;
  ii: Float64Array;
  /** Current J_k of the branch feeding bus k (load current plus the children's), real and imaginary parts. */
  jr: Float64Array;
  ji: Float64Array;
}

/** How one hour's sweeps ended: sweeps used, convergence, and the last squared |ΔV| and mismatch (pu²). */
interface HourOutcome {
  iterations: number;
  converged: boolean;
  dv2Max: number;
  mis2Max: number;
}

/** Zero-filled working arrays for `nBus` buses. */
function sweepState(nBus: number): SweepState {
  return {
    p: new Float64Array(nBus),
    q: new Float64Array(nBus),
    vr: new Float64Array(nBus),
    vi: new Float64Array(nBus),
    ir: new Float64Array(nBus),
    ii: new Float64Array(nBus),
    jr: new Float64Array(nBus),
    ji: new Float64Array(nBus),
  };
}

/** Zero-filled results for `hours` hours of `net` (N buses, M branches). */
function emptySeries(net: Network, hours: number, nBus: number, nBranch: number): PowerFlowSeries {
  const perBus = () => new Float64Array(hours * nBus);
  const perBranch = () => new Float64Array(hours * nBranch);
  return {
    network: net.name,
    hours,
    nBus,
    nBranch,
    buses: Int32Array.from(net.buses, (b) => b.bus),
    branchIds: Int32Array.from(net.branches, (b) => b.id),
    vPu: perBus(),
    vaDeg: perBus(),
    pKw: perBranch(),
    qKvar: perBranch(),
    iPu: perBranch(),
    iA: perBranch(),
    branchLossKw: perBranch(),
    branchLossKvar: perBranch(),
    lossKw: new Float64Array(hours),
    lossKvar: new Float64Array(hours),
    pSlackKw: new Float64Array(hours),
    qSlackKvar: new Float64Array(hours),
    iterations: new Int32Array(hours),
    converged: new Uint8Array(hours),
  };
}

/**
 * Loads hour `h` into the working arrays: its net loads in pu (kW / `kwPerPuKw`) and a flat start V = `v0Pu`∠0.
 * @throws ArgumentError when `v0Pu` is not a finite voltage > 0 or a load is not finite.
 */
function startHour(where: string, input: PowerFlowSweepInput, h: number, nBus: number, kwPerPuKw: number, v0Pu: number, s: SweepState): void {
  if (!(v0Pu > 0) || !Number.isFinite(v0Pu)) throw new ArgumentError(where, `vSlackPu of hour ${h} must be > 0, got ${v0Pu}`);
  for (let k = 0; k < nBus; k++) {
    const pk = input.pKw[h * nBus + k];
    const qk = input.qKvar[h * nBus + k];
    if (!Number.isFinite(pk) || !Number.isFinite(qk)) throw new ArgumentError(where, `load of bus ${k + 1} in hour ${h} is not finite`);
    s.p[k] = pk / kwPerPuKw;
    s.q[k] = qk / kwPerPuKw;
    s.vr[k] = v0Pu;
    s.vi[k] = 0;
  }
}

/**
 * Backward sweep: the load currents I_k = conj(S_k / V_k) at the present voltages, copied into the branch-current
 * accumulators J_k, then summed upstream (leaves first) so that J_k carries every current below bus k.
 */
function backwardSweep(ri: RadialIndex, s: SweepState): void {
  const { p, q, vr, vi, ir, ii, jr, ji } = s;
  const { order, parentBus } = ri;
  const N = ri.nBus;
  for (let k = 0; k < N; k++) {
    const inv = 1 / (vr[k] * vr[k] + vi[k] * vi[k]);
    ir[k] = (p[k] * vr[k] + q[k] * vi[k]) * inv;
    ii[k] = (p[k] * vi[k] - q[k] * vr[k]) * inv;
    jr[k] = ir[k];
    ji[k] = ii[k];
  }
  for (let a = N - 1; a > 0; a--) {
    const k = order[a];
    const par = parentBus[k];
    jr[par] += jr[k];
    ji[par] += ji[k];
  }
}

/**
 * Forward sweep: V_k = V_parent(k) − z_k · J_k from the slack down. Returns the largest squared voltage change and
 * the largest squared power mismatch of the new voltages with the sweep's currents (pu²).
 */
function forwardSweep(ri: RadialIndex, s: SweepState): { dv2Max: number; mis2Max: number } {
  const { vr, vi, ir, ii, jr, ji } = s;
  const { order, parentBus, parentBranch, rPu, xPu } = ri;
  let dv2Max = 0;
  let mis2Max = 0;
  for (let a = 1; a < ri.nBus; a++) {
    const k = order[a];
    const e = parentBranch[k];
    const par = parentBus[k];
    const nr = vr[par] - (rPu[e] * jr[k] - xPu[e] * ji[k]);
    const ni = vi[par] - (rPu[e] * ji[k] + xPu[e] * jr[k]);
    const dr = nr - vr[k];
    const di = ni - vi[k];
    const dv2 = dr * dr + di * di;
    // |V_new conj(I) − S|² = |ΔV|²·|I|² because V_old conj(I) = S exactly
    const mis2 = dv2 * (ir[k] * ir[k] + ii[k] * ii[k]);
    if (dv2 > dv2Max) dv2Max = dv2;
    if (mis2 > mis2Max) mis2Max = mis2;
    vr[k] = nr;
    vi[k] = ni;
  }
  return { dv2Max, mis2Max };
}

/**
 * Sweeps one hour (backward then forward) until both the squared voltage change and the squared mismatch are within
 * `tolV2` and `tolS2`, the voltages blow up, or `maxIterations` sweeps are used.
 */
function sweepHour(ri: RadialIndex, s: SweepState, tolV2: number, tolS2: number, maxIterations: number): HourOutcome {
  let it = 0;
  let ok = false;
  let dvMax = Infinity; // squared |ΔV| and mismatch inside the loop
  let misMax = Infinity;
  while (it < maxIterations) {
    it++;
    backwardSweep(ri, s);
    const step = forwardSweep(ri, s);
    dvMax = step.dv2Max;
    misMax = step.mis2Max;
    if (!(dvMax < 1e6)) break; // diverged (NaN or blown up)
    if (dvMax <= tolV2 && misMax <= tolS2) {
      ok = true;
      break;
    }
  }
  return { iterations: it, converged: ok, dv2Max: dvMax, mis2Max: misMax };
}

/**
 * Writes hour `h` of the results from the final voltages and the branch currents of a last backward sweep:
 * voltages, branch flows at the parent bus, currents, losses, and the power drawn from the slack.
 */
function writeHour(out: PowerFlowSeries, h: number, ri: RadialIndex, s: SweepState, kwPerPuKw: number, iBaseAmp: number): void {
  const { p, q, vr, vi, jr, ji } = s;
  const { order, parentBus, parentBranch, rPu, xPu, slack } = ri;
  const N = ri.nBus;
  const M = ri.nBranch;
  const kw = kwPerPuKw;
  for (let k = 0; k < N; k++) {
    out.vPu[h * N + k] = Math.sqrt(vr[k] * vr[k] + vi[k] * vi[k]);
    out.vaDeg[h * N + k] = (Math.atan2(vi[k], vr[k]) * 180) / Math.PI;
  }
  let lossP = 0;
  let lossQ = 0;
  let slackP = p[slack];
  let slackQ = q[slack];
  for (let a = 1; a < N; a++) {
    const k = order[a];
    const e = parentBranch[k];
    const par = parentBus[k];
    const i2 = jr[k] * jr[k] + ji[k] * ji[k];
    const sp = vr[par] * jr[k] + vi[par] * ji[k];
    const sq = vi[par] * jr[k] - vr[par] * ji[k];
    const at = h * M + e;
    out.pKw[at] = sp * kw;
    out.qKvar[at] = sq * kw;
    out.iPu[at] = Math.sqrt(i2);
    out.iA[at] = Math.sqrt(i2) * iBaseAmp;
    out.branchLossKw[at] = rPu[e] * i2 * kw;
    out.branchLossKvar[at] = xPu[e] * i2 * kw;
    lossP += rPu[e] * i2;
    lossQ += xPu[e] * i2;
    if (par === slack) {
      slackP += sp;
      slackQ += sq;
    }
  }
  out.lossKw[h] = lossP * kw;
  out.lossKvar[h] = lossQ * kw;
  out.pSlackKw[h] = slackP * kw;
  out.qSlackKvar[h] = slackQ * kw;
}

/**
 * Solves the AC power flow of a radial feeder for every hour of the input.
 * @param net a radial network (`createNetwork`, `loadNetwork`)
 * @param input net loads per hour and bus, slack voltage
 * @returns voltages, branch flows, currents and losses per hour ({@link PowerFlowSeries})
 * @throws ArgumentError on inconsistent array lengths or non-finite input;
 *   SolverError when an hour does not converge (load beyond the feeder's loadability) unless `onNonConvergence: "mark"`.
 * @example const s = powerFlowSweep(net, netLoadSeries(net, { loadScale: profile })); s.lossKw[0]
 */
export function powerFlowSweep(net: Network, input: PowerFlowSweepInput, options: PowerFlowSweepOptions = {}): PowerFlowSeries {
  const where = "powerFlowSweep";
  const { tolVPu = 1e-12, tolPowerPu = 1e-12, maxIterations = 100, onNonConvergence = "throw" } = options;
  const ri = radialIndex(net);
  const N = ri.nBus;
  const M = ri.nBranch;
  const { pKw, qKvar } = input;
  if (pKw.length % N !== 0 || pKw.length === 0) throw new ArgumentError(where, `pKw has length ${pKw.length}, not a positive multiple of ${N} buses`);
  if (qKvar.length !== pKw.length) throw new ArgumentError(where, `qKvar has length ${qKvar.length}, pKw ${pKw.length}`);
  const H = pKw.length / N;
  const vs = input.vSlackPu ?? net.vSlackPu;
  if (typeof vs !== "number" && vs.length !== H) throw new ArgumentError(where, `vSlackPu has ${vs.length} values, expected ${H} (one per hour)`);
  const kw = kwPerPu(net);
  const iBase = iBaseA(net);
  const tolV2 = tolVPu * tolVPu;
  const tolS2 = tolPowerPu * tolPowerPu;
  const out = emptySeries(net, H, N, M);
  const s = sweepState(N);
  for (let h = 0; h < H; h++) {
    startHour(where, input, h, N, kw, typeof vs === "number" ? vs : vs[h], s);
    const r = sweepHour(ri, s, tolV2, tolS2, maxIterations);
    if (!r.converged && onNonConvergence === "throw") {
      throw new SolverError(
        where,
        net.name,
        "not converged",
        `hour ${h} (0-based): no convergence after ${r.iterations} sweeps (max |ΔV| ${Math.sqrt(r.dv2Max).toExponential(2)} pu, mismatch ${Math.sqrt(r.mis2Max).toExponential(2)} pu); the load may exceed the feeder's loadability`,
      );
    }
    // branch currents consistent with the final voltages
    backwardSweep(ri, s);
    out.iterations[h] = r.iterations;
    out.converged[h] = r.converged ? 1 : 0;
    writeHour(out, h, ri, s, kw, iBase);
  }
  return out;
}
