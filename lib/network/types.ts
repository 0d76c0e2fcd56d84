/**
 * The typed network model every later stage reads: a radial distribution feeder with 1-based bus numbers, branches
 * oriented away from the slack, loads in kW/kVAr, impedances in ohm and per unit.
 *
 * Conventions (shared with the DistFlow model in lib/model):
 * - Buses are numbered 1…N without gaps (checked when the network is built), so every dense per-bus array of the
 *   toolkit has length N and holds bus `b` at position `b − 1`. `net.buses[b − 1].bus === b`.
 * - `net.branches` holds the in-service branches in case-file order; every dense per-branch array has the length of
 *   `net.branches` and holds `net.branches[k]` (whose 1-based `id` is its row in the case file) at position `k`.
 * - Each in-service branch is oriented parent → child: `fromBus` is nearer the slack. Power `P_ij`, `Q_ij` on a
 *   branch is the power sent INTO the branch at its `fromBus` (sending end).
 * - Loads are positive when consumed; an injection (PV) is a negative net load.
 */

/** One bus (node) of a feeder. */
export interface Bus {
  /** 1-based bus number, as in the case file and the paper. */
  readonly bus: number;
  /** Active load in kW (positive = consumed) of the base case. */
  readonly pLoadKw: number;
  /** Reactive load in kVAr (positive = consumed) of the base case. */
  readonly qLoadKvar: number;
  /** Lower voltage limit in per unit. */
  readonly vMinPu: number;
  /** Upper voltage limit in per unit. */
  readonly vMaxPu: number;
  /** Base (line-to-line) voltage of the bus in kV. */
  readonly baseKv: number;
}

/** One branch (line or cable segment, series impedance only). */
export interface Branch {
  /** 1-based id: the branch's row in the case file (open branches included in the count). */
  readonly id: number;
  /** Parent bus (nearer the slack) for in-service branches; as given in the case file for open branches. */
  readonly fromBus: number;
  /** Child bus (farther from the slack) for in-service branches. */
  readonly toBus: number;
  /** Series resistance in ohm. */
  readonly rOhm: number;
  /** Series reactance in ohm. */
  readonly xOhm: number;
  /** Series resistance in per unit of the network's base (zBase = baseKv² / baseMva). */
  readonly rPu: number;
  /** Series reactance in per unit. */
  readonly xPu: number;
  /** Thermal rating as apparent power in kVA (sending end); absent = unlimited. See `withLineRatings`. */
  readonly rateKva?: number;
}

/** A radial distribution feeder. Immutable: functions that change it return a new network. */
export interface Network {
  /** Name (the case file's function name or file name). */
  readonly name: string;
  /** System power base in MVA. */
  readonly baseMva: number;
  /** System voltage base (line-to-line) in kV: the slack bus's base voltage. */
  readonly baseKv: number;
  /** The slack (substation) bus, 1-based. */
  readonly slackBus: number;
  /** Voltage magnitude held at the slack bus in per unit (the case's generator set point, default 1). */
  readonly vSlackPu: number;
  /** Buses sorted by number: `buses[b − 1].bus === b`. */
  readonly buses: readonly Bus[];
  /** In-service branches, radial, each oriented parent → child, in case-file order. */
  readonly branches: readonly Branch[];
  /** Out-of-service branches (tie lines, open switches), as given in the case file. */
  readonly openBranches: readonly Branch[];
}

/** Total base-case load of a network in kW and kVAr. */
export interface LoadTotals {
  pKw: number;
  qKvar: number;
}

/** Sum of the base-case bus loads. */
export function totalLoad(net: Network): LoadTotals {
  let pKw = 0;
  let qKvar = 0;
  for (const b of net.buses) {
    pKw += b.pLoadKw;
    qKvar += b.qLoadKvar;
  }
  return { pKw, qKvar };
}
