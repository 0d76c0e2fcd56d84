/**
 * One EV's cumulative-energy envelope and its uncontrolled profile.
 *
 * Cumulative energy E(k) = Σ_{t<k} p_t Δt at the end of slot k − 1 (k = 0 … T, E(0) = 0). Over every schedule of the
 * EV (0 ≤ p_t ≤ p̄_t, eMin ≤ Σ p_t Δt ≤ eMax):
 *   earliest(k) = min(eMax, Σ_{t<k} p̄_t Δt)          (charging as early as possible: the upper envelope)
 *   latest(k)   = max(0, eMin − Σ_{t≥k} p̄_t Δt)      (charging as late as possible: the lower envelope)
 * and latest(k) ≤ E(k) ≤ earliest(k). Both are attained, so they are the exact bounds of E(k).
 * "Early/late" follow the horizon's slot order (for a session wrapped past the horizon end, that is not the EV's own
 * chronological order; the bounds stay exact).
 */
import { type EvFlex, slotCapKwh } from "./flex";

/** The envelope of one EV (or of a fleet when summed): T + 1 cumulative values in kWh. */
export interface EnergyEnvelope {
  /** Upper envelope (earliest charging), kWh at the end of each slot; index 0 is the start (0). */
  earliestKwh: number[];
  /** Lower envelope (latest charging), kWh. */
  latestKwh: number[];
}

/** The cumulative-energy envelope of one EV. */
export function energyEnvelope(ev: EvFlex): EnergyEnvelope {
  const T = ev.grid.slots;
  const earliestKwh = new Array<number>(T + 1).fill(0);
  const latestKwh = new Array<number>(T + 1).fill(0);
  let before = 0;
  for (let k = 1; k <= T; k++) {
    before += slotCapKwh(ev, k - 1);
    earliestKwh[k] = Math.min(ev.eMaxKwh, before);
  }
  let after = 0;
  latestKwh[T] = ev.eMinKwh;
  for (let k = T - 1; k >= 0; k--) {
    after += slotCapKwh(ev, k);
    latestKwh[k] = Math.max(0, ev.eMinKwh - after);
  }
  latestKwh[0] = 0;
  earliestKwh[T] = Math.min(ev.eMaxKwh, before);
  return { earliestKwh, latestKwh };
}

/**
 * The uncontrolled profile: full power from plug-in (in the EV's own chronological slot order) until the session's
 * energy (eMax) is delivered. Returns kW per slot.
 */
export function uncontrolledProfile(ev: EvFlex): number[] {
  const p = new Array<number>(ev.grid.slots).fill(0);
  let left = ev.eMaxKwh;
  for (const t of ev.order) {
    if (left <= 0) break;
    const e = Math.min(left, slotCapKwh(ev, t));
    p[t] = e / ev.grid.dtH;
    left -= e;
  }
  return p;
}

/** Element-wise sum of per-slot profiles (kW); zeros of length `slots` when there is none. */
export function sumProfiles(profiles: readonly (readonly number[])[], slots: number): number[] {
  const out = new Array<number>(slots).fill(0);
  for (const p of profiles) for (let t = 0; t < slots; t++) out[t] += p[t];
  return out;
}

/** Cumulative energy (kWh, T + 1 values from 0) of a power profile (kW per slot). */
export function cumulativeKwh(pKw: ArrayLike<number>, dtH: number): number[] {
  const out = [0];
  for (let t = 0; t < pKw.length; t++) out.push(out[t] + pKw[t] * dtH);
  return out;
}
