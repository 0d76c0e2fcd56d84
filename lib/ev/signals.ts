/**
 * Dispatch signals for a station: a time-of-use price (linear cost) or valley filling (flatten base + EV load,
 * quadratic cost), defined per slot of a grid, and their cost of a trajectory.
 */
import { ArgumentError } from "../util/errors";
import { type ResolvedGrid, slotClockHour } from "./grid";

/** A dispatch signal on a grid. */
export type EvSignal =
  | {
      kind: "price";
      /** Price per slot (currency per kWh): cost = Σ_t price_t · P_t · Δt. */
      pricePerKwh: number[];
    }
  | {
      kind: "valley";
      /** Non-EV-flexible load per slot (kW): cost = Σ_t (base_t + P_t)² · Δt (kW²h). */
      baseKw: number[];
    };

/** A time-of-use tariff: price bands by local clock hour. */
export interface TouTariff {
  name: string;
  currency: string;
  /** Bands [fromH, toH) of the local clock (hours, 0–24), covering the day without overlap. */
  bands: { fromH: number; toH: number; price: number; label: string }[];
}

/**
 * The toolkit's default three-level time-of-use tariff (illustrative values in the shape of Chinese provincial
 * two-part tariffs, valley : flat : peak = 0.3 : 0.6 : 1.0 CNY/kWh): valley 00–08, peak 08–12 and 17–21,
 * flat 12–17 and 21–24.
 */
export const DEFAULT_TOU: TouTariff = {
  name: "three-level ToU (valley 0–8 h 0.3, peak 8–12 h and 17–21 h 1.0, flat otherwise 0.6 CNY/kWh)",
  currency: "CNY",
  bands: [
    { fromH: 0, toH: 8, price: 0.3, label: "valley" },
    { fromH: 8, toH: 12, price: 1.0, label: "peak" },
    { fromH: 12, toH: 17, price: 0.6, label: "flat" },
    { fromH: 17, toH: 21, price: 1.0, label: "peak" },
    { fromH: 21, toH: 24, price: 0.6, label: "flat" },
  ],
};

/** The tariff's price at a local clock hour in [0, 24). */
export function touPriceAt(tariff: TouTariff, clockH: number): number {
  const h = ((clockH % 24) + 24) % 24;
  const band = tariff.bands.find((b) => h >= b.fromH && h < b.toH);
  if (!band) throw new ArgumentError("touPriceAt", `tariff "${tariff.name}" has no band at ${h} h`);
  return band.price;
}

/** A price signal from a ToU tariff: each slot priced at the clock hour where it starts. */
export function touSignal(grid: ResolvedGrid, tariff: TouTariff = DEFAULT_TOU): EvSignal {
  return { kind: "price", pricePerKwh: Array.from({ length: grid.slots }, (_, t) => touPriceAt(tariff, slotClockHour(grid, t))) };
}

/**
 * Hourly load in percent of the daily peak, winter weekday, hour 0 = 00:00–01:00: IEEE Reliability Test System
 * (IEEE RTS Task Force, "IEEE Reliability Test System", IEEE Trans. PAS-98(6), 1979, Table 3).
 */
export const RTS_WINTER_WEEKDAY_PCT: readonly number[] = [
  67, 63, 60, 59, 59, 60, 74, 86, 95, 96, 96, 95, 95, 95, 93, 94, 99, 100, 100, 96, 91, 83, 73, 63,
];

/**
 * A valley-filling signal: base load = `peakKw` × the RTS winter-weekday shape at each slot's clock hour, plus an
 * optional extra load per slot (e.g. the uncontrolled EVs).
 * @throws ArgumentError for a negative peak or an extra load of the wrong length.
 */
export function valleySignal(grid: ResolvedGrid, peakKw: number, extraKw?: readonly number[]): EvSignal {
  if (!(peakKw >= 0)) throw new ArgumentError("valleySignal", `peakKw must be ≥ 0, got ${peakKw}`);
  if (extraKw && extraKw.length !== grid.slots) throw new ArgumentError("valleySignal", `extraKw has ${extraKw.length} values for ${grid.slots} slots`);
  const baseKw = Array.from({ length: grid.slots }, (_, t) => (peakKw * RTS_WINTER_WEEKDAY_PCT[Math.floor(slotClockHour(grid, t))]) / 100 + (extraKw?.[t] ?? 0));
  return { kind: "valley", baseKw };
}

/** Adds a fixed load (kW per slot) to a valley signal's base; a price signal is returned unchanged. */
export function withExtraLoad(signal: EvSignal, extraKw: readonly number[]): EvSignal {
  if (signal.kind !== "valley") return signal;
  if (extraKw.length !== signal.baseKw.length) throw new ArgumentError("withExtraLoad", `extraKw has ${extraKw.length} values for ${signal.baseKw.length} slots`);
  return { kind: "valley", baseKw: signal.baseKw.map((b, t) => b + extraKw[t]) };
}

/** Number of slots a signal is defined on. */
export function signalSlots(signal: EvSignal): number {
  return signal.kind === "price" ? signal.pricePerKwh.length : signal.baseKw.length;
}

/**
 * The signal's cost of a flexible-load trajectory `pKw` (kW per slot): Σ price·P·Δt, or Σ (base + P)²·Δt.
 * @throws ArgumentError when lengths differ.
 */
export function signalCost(signal: EvSignal, pKw: ArrayLike<number>, dtH: number): number {
  const T = signalSlots(signal);
  if (pKw.length !== T) throw new ArgumentError("signalCost", `trajectory has ${pKw.length} values for ${T} slots`);
  let c = 0;
  for (let t = 0; t < T; t++) {
    if (signal.kind === "price") c += signal.pricePerKwh[t] * pKw[t] * dtH;
    else c += (signal.baseKw[t] + pKw[t]) ** 2 * dtH;
  }
  return c;
}
