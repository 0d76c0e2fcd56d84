/**
 * Newton–Raphson AC power flow on the bus admittance matrix (polar coordinates, dense Jacobian), an algorithm
 * independent of the backward/forward sweep, used to check it. It makes no use of radiality, so it also solves meshed
 * networks; dense linear algebra keeps it to small feeders (≈ ≤ 200 buses).
 * Reference: W. F. Tinney, C. E. Hart, "Power flow solution by Newton's method," IEEE Trans. PAS 86(11), 1967.
 */
import { ArgumentError, SolverError } from "../util/errors";
import { kwPerPu } from "./perunit";
import type { Network } from "./types";

/** Input of {@link newtonPowerFlow}: net loads of one operating point, per bus (length N, bus `b` at `b − 1`). */
export interface NewtonInput {
  pKw: ArrayLike<number>;
  qKvar: ArrayLike<number>;
  /** Default `net.vSlackPu`. */
  vSlackPu?: number;
}

/** Options of {@link newtonPowerFlow}. */
export interface NewtonOptions {
  /**
   * Largest bus power mismatch accepted, pu. Default 1e-12. Iterations also stop when the mismatch no longer halves
   * while below 1000 × this tolerance (round-off floor of feeders with very small impedances).
   */
  tolPowerPu?: number;
  /** Default 30. */
  maxIterations?: number;
}

/** Result of {@link newtonPowerFlow}, per bus (bus `b` at `b − 1`). */
export interface NewtonResult {
  vPu: Float64Array;
  vaDeg: Float64Array;
  iterations: number;
  maxMismatchPu: number;
  /** Total active loss = sum of all bus injections computed from the admittance matrix, kW. */
  lossKw: number;
  lossKvar: number;
}

/** Solves A x = b in place by Gaussian elimination with partial pivoting (A is n×n row-major). */
function solveDense(a: Float64Array, b: Float64Array, n: number): void {
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
    if (a[piv * n + c] === 0) throw new SolverError("newtonPowerFlow", "jacobian", "singular", "singular Jacobian");
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = a[c * n + k];
        a[c * n + k] = a[piv * n + k];
        a[piv * n + k] = t;
      }
      const t = b[c];
      b[c] = b[piv];
      b[piv] = t;
    }
    const d = a[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
    b[r] = s / a[r * n + r];
  }
}

/** The state of a Newton iteration: admittances, PQ buses, present voltages and injections (per bus, pu). */
interface NewtonState {
  /** Number of buses. */
  n: number;
  /** Bus admittance matrix G + jB, n×n row-major. */
  G: Float64Array;
  B: Float64Array;
  /** 0-based indices of the PQ buses (every bus but the slack), in bus order. */
  pq: number[];
  /** Voltage magnitude (pu) and angle (rad). */
  vm: Float64Array;
  va: Float64Array;
  /** Power injected at each bus by the network at the present voltages. */
  P: Float64Array;
  Q: Float64Array;
}

/** The dense bus admittance matrix G + jB of `net`'s series branches (n×n row-major, pu). */
function admittanceMatrix(net: Network, n: number): { G: Float64Array; B: Float64Array } {
  const G = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  for (const br of net.branches) {
    const f = br.fromBus - 1;
    const t = br.toBus - 1;
    const d = br.rPu * br.rPu + br.xPu * br.xPu;
    const g = br.rPu / d;
    const b = -br.xPu / d;
    G[f * n + f] += g;
    G[t * n + t] += g;
    G[f * n + t] -= g;
    G[t * n + f] -= g;
    B[f * n + f] += b;
    B[t * n + t] += b;
    B[f * n + t] -= b;
    B[t * n + f] -= b;
  }
  return { G, B };
}

/** The flat start of `net`: every bus at the slack voltage `vSlackPu`, angle 0, injections not yet computed. */
function flatStart(net: Network, vSlackPu: number | undefined): NewtonState {
  const n = net.buses.length;
  const { G, B } = admittanceMatrix(net, n);
  const slack = net.slackBus - 1;
  const pq: number[] = [];
  for (let k = 0; k < n; k++) if (k !== slack) pq.push(k);
  const vm = new Float64Array(n).fill(1);
  const va = new Float64Array(n);
  vm[slack] = vSlackPu ?? net.vSlackPu;
  for (const k of pq) vm[k] = vm[slack];
  return { n, G, B, pq, vm, va, P: new Float64Array(n), Q: new Float64Array(n) };
}

/** Sets `s.P`, `s.Q` to the bus injections V_k · conj(Σ_j Y_kj V_j) at the present voltages. */
function computeInjections(s: NewtonState): void {
  const { n, G, B, vm, va, P, Q } = s;
  for (let k = 0; k < n; k++) {
    let p = 0;
    let q = 0;
    for (let j = 0; j < n; j++) {
      const g = G[k * n + j];
      const b = B[k * n + j];
      if (g === 0 && b === 0) continue;
      const th = va[k] - va[j];
      const c = Math.cos(th);
      const sn = Math.sin(th);
      p += vm[j] * (g * c + b * sn);
      q += vm[j] * (g * sn - b * c);
    }
    P[k] = vm[k] * p;
    Q[k] = vm[k] * q;
  }
}

/**
 * Writes the power mismatches of the PQ buses into `rhs` (ΔP first, then ΔQ; specified injection = −net load) and
 * returns the largest of them in absolute value (pu).
 */
function mismatch(s: NewtonState, input: NewtonInput, kwPerPuKw: number, rhs: Float64Array): number {
  const { pq, P, Q } = s;
  const m = pq.length;
  let maxMis = 0;
  pq.forEach((k, a) => {
    rhs[a] = -input.pKw[k] / kwPerPuKw - P[k];
    rhs[m + a] = -input.qKvar[k] / kwPerPuKw - Q[k];
    maxMis = Math.max(maxMis, Math.abs(rhs[a]), Math.abs(rhs[m + a]));
  });
  return maxMis;
}

/**
 * Fills the polar Jacobian ∂(P, Q)/∂(θ, |V|) of the PQ buses at the present point, a 2m×2m row-major matrix in
 * blocks [dP/dθ dP/d|V|; dQ/dθ dQ/d|V|].
 */
function fillJacobian(s: NewtonState, jac: Float64Array): void {
  const { n, G, B, pq, vm, va, P, Q } = s;
  const m = pq.length;
  const w = 2 * m;
  jac.fill(0);
  pq.forEach((k, a) => {
    pq.forEach((j, c) => {
      const g = G[k * n + j];
      const b = B[k * n + j];
      if (k === j) {
        jac[a * w + c] = -Q[k] - b * vm[k] * vm[k]; // dP/dθ
        jac[a * w + m + c] = P[k] / vm[k] + g * vm[k]; // dP/d|V|
        jac[(m + a) * w + c] = P[k] - g * vm[k] * vm[k]; // dQ/dθ
        jac[(m + a) * w + m + c] = Q[k] / vm[k] - b * vm[k]; // dQ/d|V|
      } else if (g !== 0 || b !== 0) {
        const th = va[k] - va[j];
        const cs = Math.cos(th);
        const sn = Math.sin(th);
        jac[a * w + c] = vm[k] * vm[j] * (g * sn - b * cs);
        jac[a * w + m + c] = vm[k] * (g * cs + b * sn);
        jac[(m + a) * w + c] = -vm[k] * vm[j] * (g * cs + b * sn);
        jac[(m + a) * w + m + c] = vm[k] * (g * sn - b * cs);
      }
    });
  });
}

/** One Newton step: solves J Δx = mismatch (`rhs`, overwritten) and moves the PQ buses' angles and magnitudes. */
function newtonStep(s: NewtonState, jac: Float64Array, rhs: Float64Array): void {
  const { pq, vm, va } = s;
  const m = pq.length;
  fillJacobian(s, jac);
  solveDense(jac, rhs, 2 * m);
  pq.forEach((k, a) => {
    va[k] += rhs[a];
    vm[k] += rhs[m + a];
  });
}

/**
 * Newton–Raphson power flow of one operating point (constant-power loads, flat start).
 * @throws ArgumentError on wrong array lengths; SolverError when it does not converge.
 */
export function newtonPowerFlow(net: Network, input: NewtonInput, options: NewtonOptions = {}): NewtonResult {
  const where = "newtonPowerFlow";
  const { tolPowerPu = 1e-12, maxIterations = 30 } = options;
  const n = net.buses.length;
  if (input.pKw.length !== n || input.qKvar.length !== n) throw new ArgumentError(where, `pKw and qKvar need ${n} values (one per bus)`);
  const kw = kwPerPu(net);
  const s = flatStart(net, input.vSlackPu);
  const m = s.pq.length;
  const jac = new Float64Array(4 * m * m);
  const rhs = new Float64Array(2 * m);
  let it = 0;
  let maxMis = Infinity;
  let prevMis = Infinity;
  for (;;) {
    computeInjections(s);
    maxMis = mismatch(s, input, kw, rhs);
    // converged; or stalled at the round-off floor (large admittances) within 1000 × tol
    if (maxMis <= tolPowerPu || (maxMis <= 1e3 * tolPowerPu && maxMis >= 0.5 * prevMis)) break;
    prevMis = maxMis;
    if (it >= maxIterations || !Number.isFinite(maxMis)) {
      throw new SolverError(where, net.name, "not converged", `no convergence after ${it} iterations (mismatch ${maxMis.toExponential(2)} pu)`);
    }
    it++;
    newtonStep(s, jac, rhs);
  }
  let lossP = 0;
  let lossQ = 0;
  for (let k = 0; k < n; k++) {
    lossP += s.P[k];
    lossQ += s.Q[k];
  }
  return {
    vPu: s.vm,
    vaDeg: s.va.map((x) => (x * 180) / Math.PI),
    iterations: it,
    maxMismatchPu: maxMis,
    lossKw: lossP * kw,
    lossKvar: lossQ * kw,
  };
}
