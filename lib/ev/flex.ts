/**
 * Individual EV flexibility on a time grid.
 *
 * Conventions (stated once, used everywhere in lib/ev):
 * - Power is grid-side average power over a slot, in kW; energy is grid-side, in kWh. Charging is unidirectional.
 * - Partial first/last slots: an EV connected for a fraction f_t of slot t may draw at most f_t · p̄ on average in
 *   that slot (`pMaxKw[t] = f_t · chargerKw`), so the energy it can take in the slot is f_t · p̄ · Δt and the total it
 *   can take is exactly p̄ × its connected time inside the horizon.
 * - Efficiency η (charger → battery): the session's recorded kWh is the energy the battery must receive, so the grid
 *   supplies energyKwh / η (η = 1 by default: the recorded energy as is). The charger limit p̄ is grid side.
 * - Energy may be a range [eMinKwh, eMaxKwh] (fleets give a fixed value: eMin = eMax). An energy above what the EV can
 *   take while connected is capped to that (`energyCappedKwh` says by how much).
 */
import type { FleetSession } from "../scenarios/fleets";
import { ArgumentError } from "../util/errors";
import { type ResolvedGrid, resolveGrid, type TimeGrid } from "./grid";

/** One EV's flexibility on a grid. */
export interface EvFlex {
  id: string;
  grid: ResolvedGrid;
  /** Plug-in and plug-out, hours after the station day's local midnight (arrivalH ≥ grid.startH). */
  arrivalH: number;
  departureH: number;
  /** Charger power limit p̄ (kW, grid side). */
  chargerKw: number;
  /** Charger-to-battery efficiency η in (0, 1]. */
  efficiency: number;
  /** Average power limit per slot (kW): f_t · p̄ with f_t the connected fraction of slot t; 0 when away. */
  pMaxKw: number[];
  /** Grid-side energy to deliver by plug-out (kWh): at least eMinKwh, at most eMaxKwh. */
  eMinKwh: number;
  eMaxKwh: number;
  /** Connected slots in the order the EV meets them from plug-in (the uncontrolled profile charges in this order). */
  order: number[];
  /** Energy removed because the EV could not take it while connected (kWh, grid side). */
  energyCappedKwh: number;
}

/** What the horizon does with a session that runs past its end. */
export type BeyondHorizon = "clip" | "wrap";

/** Options of {@link evFlexFromFleet} and {@link evFlexFromSession}. */
export interface EvFlexOptions {
  /** Charger-to-battery efficiency η in (0, 1]. Default 1. */
  efficiency?: number;
  /**
   * A session running past the end of the horizon: "wrap" (default) folds the overflow onto the start of the
   * horizon (a cyclic day: the same fleet every day, as `drawStationFleets` with midnight "continue" intends);
   * "clip" cuts it at the end (energy capped to what the charger delivers by then).
   */
  beyondHorizon?: BeyondHorizon;
  /** Lower end of the energy range as a share of the energy: eMin = share · eMax. Default 1 (fixed energy). */
  minEnergyShare?: number;
}

const EPS = 1e-12;

/** Connected fraction of each slot and the chronological slot order of the interval [a, d) (horizon hours). */
function availability(grid: ResolvedGrid, a: number, d: number, beyond: BeyondHorizon): { frac: number[]; order: number[] } {
  const { slots, dtH, startH } = grid;
  const H = slots * dtH;
  const frac = new Array<number>(slots).fill(0);
  const order: number[] = [];
  const seen = new Set<number>();
  const lastK = beyond === "wrap" ? Math.max(0, Math.ceil((d - startH) / H) - 1) : 0;
  for (let k = 0; k <= lastK; k++) {
    const u = (Math.max(a, startH + k * H) - startH - k * H) / dtH;
    const v = (Math.min(d, startH + (k + 1) * H) - startH - k * H) / dtH;
    if (!(v > u)) continue;
    for (let t = Math.max(0, Math.floor(u)); t < Math.min(slots, Math.ceil(v)); t++) {
      const f = Math.min(v, t + 1) - Math.max(u, t);
      if (f <= EPS) continue;
      frac[t] = Math.min(1, frac[t] + f);
      if (!seen.has(t)) {
        seen.add(t);
        order.push(t);
      }
    }
  }
  return { frac: frac.map((f) => (f > 1 - EPS ? 1 : f)), order };
}

/**
 * The flexibility of one fleet session (hours from the scenario day's local midnight, see lib/scenarios/fleets.ts).
 * A session plugging in before `grid.startH` belongs to the next calendar day of the horizon (its hours + 24).
 * @throws ArgumentError for a bad grid, efficiency, energy share or session (negative energy, departure before arrival,
 *   non-positive charger power).
 */
export function evFlexFromSession(s: FleetSession, grid: TimeGrid, options: EvFlexOptions = {}): EvFlex {
  const where = "evFlexFromSession";
  const g = resolveGrid(grid, where);
  const { efficiency = 1, beyondHorizon = "wrap", minEnergyShare = 1 } = options;
  if (!(efficiency > 0 && efficiency <= 1)) throw new ArgumentError(where, `efficiency must lie in (0, 1], got ${efficiency}`);
  if (!(minEnergyShare >= 0 && minEnergyShare <= 1)) throw new ArgumentError(where, `minEnergyShare must lie in [0, 1], got ${minEnergyShare}`);
  if (beyondHorizon !== "clip" && beyondHorizon !== "wrap") throw new ArgumentError(where, `beyondHorizon must be "clip" or "wrap", got "${beyondHorizon}"`);
  const id = s.sessionId;
  if (!(s.chargerKw > 0) || !Number.isFinite(s.chargerKw)) throw new ArgumentError(where, `session ${id}: chargerKw must be > 0, got ${s.chargerKw}`);
  if (!(s.energyKwh >= 0) || !Number.isFinite(s.energyKwh)) throw new ArgumentError(where, `session ${id}: energyKwh must be ≥ 0, got ${s.energyKwh}`);
  if (!Number.isFinite(s.arrivalH) || !(s.departureH >= s.arrivalH)) {
    throw new ArgumentError(where, `session ${id}: departureH (${s.departureH}) must not precede arrivalH (${s.arrivalH})`);
  }
  let a = s.arrivalH;
  while (a < g.startH) a += 24;
  const d = a + (s.departureH - s.arrivalH);
  const { frac, order } = availability(g, a, d, beyondHorizon);
  const pMaxKw = frac.map((f) => f * s.chargerKw);
  const deliverable = pMaxKw.reduce((acc, p) => acc + p * g.dtH, 0);
  const wanted = s.energyKwh / efficiency;
  const eMaxKwh = Math.min(wanted, deliverable);
  return {
    id,
    grid: g,
    arrivalH: a,
    departureH: d,
    chargerKw: s.chargerKw,
    efficiency,
    pMaxKw,
    eMinKwh: minEnergyShare * eMaxKwh,
    eMaxKwh,
    order,
    energyCappedKwh: Math.max(0, wanted - eMaxKwh),
  };
}

/**
 * The flexibility of every EV of a fleet on the planning grid (24 one-hour slots by default).
 * @param fleet the station's sessions of one day (lib/scenarios `FleetSession`).
 * @param grid slots and slot length (and optional start hour).
 * @param options efficiency, past-the-horizon policy, energy range.
 * @returns one {@link EvFlex} per session, in fleet order.
 * @example evFlexFromFleet(fleets.scenarios[0].stations[0].sessions, { slots: 24, dtH: 1 })
 */
export function evFlexFromFleet(fleet: readonly FleetSession[], grid: TimeGrid = { slots: 24, dtH: 1 }, options: EvFlexOptions = {}): EvFlex[] {
  return fleet.map((s) => evFlexFromSession(s, grid, options));
}

/** Input of {@link makeEvFlex}: an EV given directly by its per-slot limits. */
export interface MakeEvFlexInput {
  id?: string;
  grid: TimeGrid;
  /** Average power limit per slot, kW (0 when away). */
  pMaxKw: readonly number[];
  /** Energy range, kWh; `eMinKwh` defaults to `eMaxKwh`. */
  eMaxKwh: number;
  eMinKwh?: number;
}

/**
 * An EV given by its per-slot power limits and energy (tests, hand-made examples).
 * @throws ArgumentError when the limits do not match the grid, are negative, or the energy range is empty or cannot
 *   be delivered.
 */
export function makeEvFlex(input: MakeEvFlexInput): EvFlex {
  const where = "makeEvFlex";
  const g = resolveGrid(input.grid, where);
  const { id = "ev", pMaxKw, eMaxKwh, eMinKwh = eMaxKwh } = input;
  if (pMaxKw.length !== g.slots) throw new ArgumentError(where, `${id}: pMaxKw has ${pMaxKw.length} values for ${g.slots} slots`);
  if (pMaxKw.some((p) => !(p >= 0) || !Number.isFinite(p))) throw new ArgumentError(where, `${id}: pMaxKw must be finite and ≥ 0`);
  if (!(eMinKwh >= 0 && eMaxKwh >= eMinKwh)) throw new ArgumentError(where, `${id}: need 0 ≤ eMinKwh ≤ eMaxKwh, got [${eMinKwh}, ${eMaxKwh}]`);
  const deliverable = pMaxKw.reduce((acc, p) => acc + p * g.dtH, 0);
  if (eMinKwh > deliverable * (1 + 1e-12) + 1e-12) throw new ArgumentError(where, `${id}: eMinKwh ${eMinKwh} exceeds the deliverable ${deliverable} kWh`);
  const order = pMaxKw.map((p, t) => (p > 0 ? t : -1)).filter((t) => t >= 0);
  const first = order.length ? order[0] : 0;
  const last = order.length ? order[order.length - 1] + 1 : 0;
  return {
    id,
    grid: g,
    arrivalH: g.startH + first * g.dtH,
    departureH: g.startH + last * g.dtH,
    chargerKw: Math.max(0, ...pMaxKw),
    efficiency: 1,
    pMaxKw: pMaxKw.slice(),
    eMinKwh,
    eMaxKwh: Math.min(eMaxKwh, Math.max(deliverable, eMinKwh)),
    order,
    energyCappedKwh: Math.max(0, eMaxKwh - Math.max(deliverable, eMinKwh)),
  };
}

/** Energy the EV can take in slot t (kWh): c_t = pMaxKw[t] · Δt. */
export function slotCapKwh(ev: EvFlex, t: number): number {
  return ev.pMaxKw[t] * ev.grid.dtH;
}

/**
 * Checks that every EV is on the same grid; returns that grid.
 * @throws ArgumentError naming the first EV on another grid (or when `evs` is empty and no grid is given).
 */
export function commonGrid(evs: readonly EvFlex[], where: string, fallback?: TimeGrid): ResolvedGrid {
  if (evs.length === 0) {
    if (!fallback) throw new ArgumentError(where, "no EV and no grid given");
    return resolveGrid(fallback, where);
  }
  const g = evs[0].grid;
  for (const ev of evs) {
    if (ev.grid.slots !== g.slots || ev.grid.dtH !== g.dtH || ev.grid.startH !== g.startH) {
      throw new ArgumentError(where, `EV ${ev.id} is on another grid (${ev.grid.slots}×${ev.grid.dtH} h from ${ev.grid.startH} h) than ${evs[0].id}`);
    }
  }
  return g;
}
