/**
 * Net bus loads for the power flow and the OPF as plain typed arrays: per bus (length N, bus `b` at `b − 1`) or per
 * hour and bus (length hours × N, hour-major: hour `h` (0-based), bus `b` at `h·N + b − 1`). Net load = load − PV;
 * positive means consumed.
 */
import { ArgumentError } from "../util/errors";
import type { Network } from "./types";

/** Values keyed by 1-based bus number, e.g. `{ 18: 500, 33: 300 }` (kW). Buses not named are 0. */
export type BusValues = Readonly<Record<number, number>>;

/** Hours × buses of net load, hour-major (see the module doc). */
export interface NetLoadSeries {
  hours: number;
  /** Net active load in kW, length hours × N. */
  pKw: Float64Array;
  /** Net reactive load in kVAr, length hours × N. */
  qKvar: Float64Array;
}

/**
 * A dense per-bus array (length N, bus `b` at `b − 1`) from values keyed by bus or from an array of length N.
 * @throws ArgumentError on an unknown bus, a non-finite value or a wrong length.
 */
export function busArray(net: Network, values: BusValues | ArrayLike<number>, where = "busArray", field?: string): Float64Array {
  const n = net.buses.length;
  const out = new Float64Array(n);
  if (typeof (values as ArrayLike<number>).length === "number") {
    const a = values as ArrayLike<number>;
    if (a.length !== n) throw new ArgumentError(where, `expected ${n} values (one per bus), got ${a.length}`, { field });
    for (let k = 0; k < n; k++) out[k] = a[k];
  } else {
    for (const [key, v] of Object.entries(values as BusValues)) {
      const bus = Number(key);
      if (!Number.isInteger(bus) || bus < 1 || bus > n) throw new ArgumentError(where, `bus ${key} is not a bus of ${net.name} (1…${n})`, { field });
      out[bus - 1] = v;
    }
  }
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(out[k])) throw new ArgumentError(where, `value at bus ${k + 1} is not finite (${out[k]})`, { field });
  }
  return out;
}

/** Options of {@link netLoadSeries}. */
export interface NetLoadSeriesOptions {
  /** Number of hours; default the length of `loadScale` or `pvProfile` when given as arrays, else 1. */
  hours?: number;
  /** Multiplier of every base-case bus load (P and Q): one number, or one per hour. Default 1. */
  loadScale?: number | ArrayLike<number>;
  /** PV active power in kW per bus (at unity power factor), keyed by bus or dense. Default none. */
  pvKw?: BusValues | ArrayLike<number>;
  /** Multiplier of `pvKw` per hour (e.g. an hourly PV profile in 0…1). Default 1 every hour. */
  pvProfile?: ArrayLike<number>;
  /** Further net active load in kW, hours × N hour-major (EV charging, storage …). Default none. */
  extraPKw?: Float64Array;
  /** Further net reactive load in kVAr, hours × N hour-major. Default none. */
  extraQKvar?: Float64Array;
}

/** One multiplier per hour, each finite and ≥ 0 (a negative load or PV multiplier would turn one into the other). */
function perHour(where: string, name: string, x: number | ArrayLike<number>, hours: number): (h: number) => number {
  if (typeof x === "number") {
    if (!Number.isFinite(x) || x < 0) throw new ArgumentError(where, `${name} must be a finite number ≥ 0, got ${x}`, { field: name });
    return () => x;
  }
  if (x.length !== hours) throw new ArgumentError(where, `${name} has ${x.length} values, expected ${hours} (one per hour)`, { field: name });
  for (let h = 0; h < hours; h++) {
    if (!Number.isFinite(x[h]) || x[h] < 0) throw new ArgumentError(where, `${name}[${h}] must be a finite number ≥ 0, got ${x[h]}`, { field: `${name}[${h}]` });
  }
  return (h) => x[h];
}

/**
 * PV powers per bus as a dense array (see {@link busArray}), checked: known buses, each finite and ≥ 0, none at the
 * slack bus (the substation, whose injection no power flow or OPF here can see).
 * @throws ArgumentError naming the bus, with `field` (e.g. the CLI option `--pv`).
 */
export function checkPvKw(net: Network, pvKw: BusValues | ArrayLike<number>, where: string, field = "pvKw"): Float64Array {
  const pv = busArray(net, pvKw, where, field);
  for (let k = 0; k < pv.length; k++) {
    if (pv[k] < 0) throw new ArgumentError(where, `PV at bus ${k + 1} is negative (${pv[k]} kW); PV power must be ≥ 0`, { field });
  }
  if (pv[net.slackBus - 1] !== 0) {
    throw new ArgumentError(where, `PV at bus ${net.slackBus}, the slack bus (substation) of ${net.name}: put it on another bus`, { field });
  }
  return pv;
}

/**
 * Hours × buses of net load: `pKw[h, b] = loadScale[h] · pLoadKw[b] − pvProfile[h] · pvKw[b] + extraPKw[h, b]`,
 * `qKvar[h, b] = loadScale[h] · qLoadKvar[b] + extraQKvar[h, b]`.
 * @example netLoadSeries(net, { loadScale: [0.6, 0.8, 1.0], pvKw: { 18: 400 } }).pKw.length // 3 × 33
 * @throws ArgumentError on inconsistent lengths, unknown buses, non-finite or negative multipliers, negative PV or
 *   PV at the slack bus.
 */
export function netLoadSeries(net: Network, options: NetLoadSeriesOptions = {}): NetLoadSeries {
  const where = "netLoadSeries";
  const { loadScale = 1, pvKw, pvProfile, extraPKw, extraQKvar } = options;
  const n = net.buses.length;
  const hours =
    options.hours ?? (typeof loadScale !== "number" ? loadScale.length : pvProfile !== undefined ? pvProfile.length : 1);
  if (!Number.isInteger(hours) || hours < 1) throw new ArgumentError(where, `hours must be a positive integer, got ${hours}`);
  const scale = perHour(where, "loadScale", loadScale, hours);
  const pvShape = pvProfile === undefined ? () => 1 : perHour(where, "pvProfile", pvProfile, hours);
  const pv = pvKw === undefined ? new Float64Array(n) : checkPvKw(net, pvKw, where);
  for (const [name, a] of [["extraPKw", extraPKw], ["extraQKvar", extraQKvar]] as const) {
    if (a !== undefined && a.length !== hours * n) throw new ArgumentError(where, `${name} has length ${a.length}, expected hours × buses = ${hours * n}`);
  }
  const pKw = new Float64Array(hours * n);
  const qKvar = new Float64Array(hours * n);
  for (let h = 0; h < hours; h++) {
    const s = scale(h);
    const g = pvShape(h);
    for (let k = 0; k < n; k++) {
      const i = h * n + k;
      pKw[i] = s * net.buses[k].pLoadKw - g * pv[k] + (extraPKw ? extraPKw[i] : 0);
      qKvar[i] = s * net.buses[k].qLoadKvar + (extraQKvar ? extraQKvar[i] : 0);
    }
  }
  return { hours, pKw, qKvar };
}

/**
 * Parses `"bus:value,bus:value"` (e.g. the CLI's `--pv 18:500,33:300`) into values keyed by bus. Repeated buses add.
 * @throws ArgumentError on a malformed item, a non-integer bus or a non-finite value.
 */
export function parseBusValues(text: string, where = "parseBusValues", field?: string): Record<number, number> {
  const out: Record<number, number> = {};
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (items.length === 0) throw new ArgumentError(where, `expected bus:value items like "18:500", got "${text}"`, { field });
  for (const item of items) {
    const m = /^(\d+)\s*:\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$/.exec(item);
    if (!m) throw new ArgumentError(where, `expected bus:value items like "18:500", got "${item}"`, { field });
    const bus = Number(m[1]);
    out[bus] = (out[bus] ?? 0) + Number(m[2]);
  }
  return out;
}
