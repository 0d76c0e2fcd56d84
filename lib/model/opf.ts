/**
 * The DistFlow OPF problem as a short build list (PowerModels' `build_opf_bf`): variables, loads and PV as bus
 * injections, voltage drop, cones, balance, objective. Single- or multi-period.
 *
 * Objective ("loss-minimising"): the energy drawn at the substation, Σ_t pSub_t. With loads fixed this is the
 * network losses plus any curtailed PV (plus a constant), so the OPF minimises losses and never curtails PV unless a
 * limit (voltage, line) forces it.
 */
import type { Network } from "../network/types";
import { kwToPu } from "../network/perunit";
import { ArgumentError } from "../util/errors";
import { addBalances, addBranchCones, addDistFlowVariables, addVoltageDrop, BusInjections, type DistFlowRows, type DistFlowVarOptions, type DistFlowVars } from "./distflow";
import { sumOf } from "./expr";
import type { VarFamily } from "./families";
import { Model } from "./model";

/** A PV plant: its bus, available power per hour (kW) and whether it may be curtailed below it. */
export interface PvSite {
  bus: number;
  /** Available (maximum) output, kW: one value for all hours or one per hour. */
  maxKw: number | readonly number[];
  /** May be curtailed between 0 and the available power. Default false (injects exactly the available power). */
  curtailable?: boolean;
}

/** Input data of {@link buildOpf}. */
export interface OpfInput extends DistFlowVarOptions {
  /** Number of hours. Default: the length of `loadScale` when it is an array, else 1. */
  hours?: number;
  /** Multiplier of every bus's base load: one value, or one per hour. Default 1. */
  loadScale?: number | readonly number[];
  /** PV plants. */
  pv?: readonly PvSite[];
  /**
   * How the upper voltage limit enters: "safe" (default) on the lossless voltage, which keeps the cone relaxation
   * exact under reverse flow (see `addSafeUpperVoltage`); "plain" on v itself (the textbook relaxation, which can be
   * inexact when the limit binds — the cone gap then shows it).
   */
  upperVoltage?: "safe" | "plain";
}

/** A built OPF: the model and its variable families. */
export interface OpfProblem {
  model: Model;
  net: Network;
  hours: number[];
  vars: DistFlowVars;
  /** PV output (pu), site × hour; site keys are 0-based positions in `input.pv`. */
  pv?: VarFamily;
  /** Net injections per bus and hour as written into the balance rows (for AC re-checks). */
  inj: BusInjections;
  /** The balance rows (with the safe upper voltage, its lossless ones too). */
  rows: DistFlowRows;
  /** Load (kW, kVAr) per hour and bus index, as built. */
  loadKw: Float64Array[];
  loadKvar: Float64Array[];
}

/** One value per hour from a scalar or an array. */
export function perHour(where: string, what: string, value: number | readonly number[], hours: number): number[] {
  if (typeof value === "number") return new Array(hours).fill(value);
  if (value.length !== hours) throw new ArgumentError(where, `${what} has ${value.length} values for ${hours} hours`, { field: what });
  return value.slice();
}

/**
 * Checks the voltage limits of an OPF input: each given limit finite and > 0, and every non-slack bus's lower limit
 * (the input's or the bus's own) at most its upper limit.
 * @throws ArgumentError naming the field (`vMinPu`, `vMaxPu`, `vSlackPu`).
 */
export function checkVoltageLimits(net: Network, input: Pick<DistFlowVarOptions, "vMinPu" | "vMaxPu" | "vSlackPu">, where: string): void {
  for (const field of ["vMinPu", "vMaxPu", "vSlackPu"] as const) {
    const v = input[field];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new ArgumentError(where, `${field} must be a finite voltage > 0 pu, got ${v}`, { field });
  }
  for (const b of net.buses) {
    if (b.bus === net.slackBus) continue;
    const lo = input.vMinPu ?? b.vMinPu;
    const hi = input.vMaxPu ?? b.vMaxPu;
    if (lo > hi) {
      const field = input.vMinPu !== undefined ? "vMinPu" : "vMaxPu";
      const what = (x: number | undefined, own: number, name: string) => (x !== undefined ? `${name} ${x}` : `bus ${b.bus}'s own ${name} ${own}`);
      throw new ArgumentError(where, `the lower voltage limit is above the upper one: ${what(input.vMinPu, b.vMinPu, "vMinPu")} > ${what(input.vMaxPu, b.vMaxPu, "vMaxPu")} pu`, { field });
    }
  }
}

/** Builds the DistFlow OPF. */
export function buildOpf(net: Network, input: OpfInput = {}, name = `opf-${net.name}`): OpfProblem {
  const where = "buildOpf";
  const { loadScale = 1, pv = [] } = input;
  const nHours = input.hours ?? (typeof loadScale === "number" ? 1 : loadScale.length);
  if (!Number.isInteger(nHours) || nHours < 1) throw new ArgumentError(where, `hours must be a positive integer, got ${nHours}`, { field: "hours" });
  const hours = Array.from({ length: nHours }, (_, t) => t);
  const scale = perHour(where, "loadScale", loadScale, nHours);
  scale.forEach((s, t) => {
    if (!(Number.isFinite(s) && s >= 0)) {
      const field = typeof loadScale === "number" ? "loadScale" : `loadScale[${t}]`;
      throw new ArgumentError(where, `${field} must be a finite multiplier ≥ 0, got ${s}`, { field });
    }
  });
  checkVoltageLimits(net, input, where);
  const m = new Model(name);
  const vars = addDistFlowVariables(m, net, hours, input);
  const inj = new BusInjections();
  const loadKw = hours.map((t) => Float64Array.from(net.buses, (b) => b.pLoadKw * scale[t]));
  const loadKvar = hours.map((t) => Float64Array.from(net.buses, (b) => b.qLoadKvar * scale[t]));
  for (const t of hours) {
    net.buses.forEach((b, k) => inj.addLoad(b.bus, t, kwToPu(loadKw[t][k], net), kwToPu(loadKvar[t][k], net)));
  }
  let pvFam: VarFamily | undefined;
  if (pv.length > 0) {
    const avail = pv.map((s, i) => {
      const field = `pv[${i}].bus`;
      if (!Number.isInteger(s.bus) || s.bus < 1 || s.bus > net.buses.length) throw new ArgumentError(where, `${field}: bus ${s.bus} is not a bus of ${net.name} (1…${net.buses.length})`, { field });
      if (s.bus === net.slackBus) throw new ArgumentError(where, `${field}: bus ${s.bus} is the slack bus (substation) of ${net.name}: put the PV on another bus`, { field });
      const a = perHour(where, `pv[${i}].maxKw`, s.maxKw, nHours);
      if (a.some((x) => !(Number.isFinite(x) && x >= 0))) throw new ArgumentError(where, `pv[${i}].maxKw (bus ${s.bus}) must be finite and ≥ 0 every hour`, { field: `pv[${i}].maxKw` });
      return a;
    });
    const sites = pv.map((_, i) => i);
    pvFam = m.addVars("pv", { site: sites, hour: hours }, {
      lb: (i, t) => (pv[i as number].curtailable ? 0 : kwToPu(avail[i as number][t as number], net)),
      ub: (i, t) => kwToPu(avail[i as number][t as number], net),
    });
    pv.forEach((s, i) => hours.forEach((t) => inj.addP(s.bus, t, pvFam!.col(i, t))));
  }
  addVoltageDrop(m, net, vars);
  addBranchCones(m, net, vars);
  const rows = addBalances(m, net, vars, inj, (input.upperVoltage ?? "safe") === "safe");
  m.addObjective(sumOf(vars.pSub.cols()), 1000 * net.baseMva); // kWh drawn at the substation
  return { model: m, net, hours, vars, pv: pvFam, inj, rows, loadKw, loadKvar };
}
