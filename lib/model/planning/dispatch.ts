/**
 * The operated day read back from a primal solution: dispatch per hour (substation, PV, storage, EV, losses,
 * voltages, branch currents), the day's cost by part, physical totals (energy bought, carbon, PV use), the balance
 * index, and the exactness checks (cone gaps of branches and storage, energy burnt by storage cone slack).
 * Plain data, so that worker threads can return it.
 */
import { coneGapReport } from "../cones";
import { storageBurntPu } from "../storage";
import type { Network } from "../../network/types";
import { radialIndex } from "../../network/radial";
import { currentLimitsPu2 } from "../balance-index";
import { carbonFactorAt, type PlanningCase } from "./case";
import type { CostPart } from "./day-templates";
import type { OperationDay } from "./operation";

/** One operated day, as numbers. Hour-indexed arrays have 24 entries. */
export interface DayDispatch {
  scenarioId: string;
  date: string;
  probability: number;
  /** The day's cost (¥) and its parts. */
  costCny: number;
  costParts: Record<CostPart, number>;
  importKw: number[];
  exportKw: number[];
  lossKw: number[];
  /** Per PV plant (case order): bus, available and used kW per hour. */
  pv: { bus: number; availKw: number[]; usedKw: number[] }[];
  /** Per candidate bus: power drawn (kW, > 0 charging), stored energy at the end of each hour (kWh), losses (kW). */
  storage: { bus: number; pGridKw: number[]; eKwh: number[]; lossKw: number[] }[];
  /** Per EV station: flexible aggregate and uncontrolled charging, kW per hour. */
  ev: { bus: number; flexibleKw: number[]; uncontrolledKw: number[]; evCount: number; flexibleCount: number }[];
  /** vPu[hour][bus − 1]; branchLoading[hour][branch index] = |I| / Ī. */
  vPu: number[][];
  branchLoading: number[][];
  unservedKwh: number;
  /** Where load went unserved, and the limits binding in those hours (voltage floors, line ratings). */
  unserved: { bus: number; hour: number; kwh: number }[];
  bindingLimits: { hour: number; limits: string[] }[];
  /** Totals of the day. */
  energyBoughtKwh: number;
  energySoldKwh: number;
  carbonT: number;
  pvAvailKwh: number;
  pvUsedKwh: number;
  lossKwh: number;
  storageLossKwh: number;
  peakImportKw: number;
  /** Balance index B (mean squared loading ratio). */
  balance: number;
  /** Exactness: largest |v ℓ − P² − Q²| of the branch cones (pu²), of the storage cones (pu²), energy burnt (kWh). */
  coneGapBranchPu2: number;
  coneGapStoragePu2: number;
  storageBurntKwh: number;
}

/** Reads a solved day from the model's primal vector `x`. */
export function dayDispatch(net: Network, c: PlanningCase, day: OperationDay, x: ArrayLike<number>): DayDispatch {
  const { hours, dist, storage, scenario: s } = day;
  const baseKva = 1000 * net.baseMva;
  const kw = (col: number) => x[col] * baseKva;
  const ri = radialIndex(net);
  const lim = currentLimitsPu2(net);
  const costParts = Object.fromEntries(Object.entries(day.parts).map(([k, e]) => [k, e.evaluate(x)])) as Record<CostPart, number>;
  const importKw = hours.map((t) => kw(day.imp.col(t)));
  const exportKw = hours.map((t) => kw(day.exp.col(t)));
  const lossKw = hours.map((t) => net.branches.reduce((a, br, e) => a + ri.rPu[e] * Math.max(0, x[dist.l.col(br.id, t)]) * baseKva, 0));
  const pv = s.pv.map((p, i) => ({ bus: p.bus, availKw: p.availKw.slice(), usedKw: hours.map((t) => kw(day.pv.col(i, t))) }));
  const st = storage.buses.map((b) => ({
    bus: b,
    pGridKw: hours.map((t) => kw(storage.pGrid.col(b, t))),
    eKwh: hours.map((t) => kw(storage.e.col(b, t))),
    lossKw: hours.map((t) => storage.lossR0 * kw(storage.w.col(b, t))),
  }));
  const ev = day.ev.map((station) => ({
    bus: station.bus,
    flexibleKw: hours.map((_, h) => {
      let sum = 0;
      for (let j = 0; j < station.slotsPerHour; j++) sum += x[station.pKwCols[h * station.slotsPerHour + j]];
      return sum / station.slotsPerHour;
    }),
    uncontrolledKw: station.uncontrolledKw.slice(),
    evCount: station.flexible.length + station.uncontrolled.length,
    flexibleCount: station.flexible.length,
  }));
  const vPu = hours.map((t) => net.buses.map((b) => Math.sqrt(Math.max(0, x[dist.v.col(b.bus, t)]))));
  const branchLoading = hours.map((t) => net.branches.map((br, e) => Math.sqrt(Math.max(0, x[dist.l.col(br.id, t)]) / lim[e])));
  const sum = (a: number[]) => a.reduce((p, q) => p + q, 0);
  let unserved = 0;
  const unservedRows: DayDispatch["unserved"] = [];
  for (const key of day.shed.space.tuples()) {
    const v = kw(day.shed.col(...key));
    unserved += v;
    if (v > 1e-6) unservedRows.push({ bus: key[0] as number, hour: key[1] as number, kwh: v });
  }
  const bindingLimits = [...new Set(unservedRows.map((u) => u.hour))].sort((a, b) => a - b).map((hour) => {
    const limits: string[] = [];
    net.buses.forEach((b, k) => {
      if (b.bus !== net.slackBus && vPu[hour][k] <= c.network.vMinPu + 1e-6) limits.push(`vMin ${c.network.vMinPu} pu at bus ${b.bus}`);
    });
    if (c.network.lineLimits) net.branches.forEach((br, e) => {
      if (branchLoading[hour][e] >= 1 - 1e-6) limits.push(`rating of branch ${br.id} (${br.fromBus}→${br.toBus})`);
    });
    return { hour, limits };
  });
  const energyBoughtKwh = sum(importKw);
  return {
    scenarioId: s.id,
    date: s.date,
    probability: s.probability,
    costCny: day.cost.evaluate(x),
    costParts,
    importKw,
    exportKw,
    lossKw,
    pv,
    storage: st,
    ev,
    vPu,
    branchLoading,
    unservedKwh: unserved,
    unserved: unservedRows,
    bindingLimits,
    energyBoughtKwh,
    energySoldKwh: sum(exportKw),
    carbonT: dayCarbonT(c, hours, importKw, energyBoughtKwh),
    pvAvailKwh: sum(pv.map((p) => sum(p.availKw))),
    pvUsedKwh: sum(pv.map((p) => sum(p.usedKw))),
    lossKwh: sum(lossKw),
    storageLossKwh: sum(st.map((q) => sum(q.lossKw))),
    peakImportKw: Math.max(...importKw),
    balance: day.balanceIndex.evaluate(x),
    coneGapBranchPu2: coneGapReport(day.branchCones, x).maxAbsGap,
    coneGapStoragePu2: coneGapReport(storage.cones, x).maxAbsGap,
    storageBurntKwh: storageBurntPu(storage, x) * baseKva,
  };
}

/**
 * A day's carbon, tCO₂: hour by hour with hourly factors; with the constant factor as energy × factor, the same number
 * to rounding and bit for bit what plans wrote before hourly factors existed.
 */
function dayCarbonT(c: PlanningCase, hours: readonly number[], importKw: readonly number[], energyBoughtKwh: number): number {
  if (!c.carbon.hourlyTPerMwh) return (energyBoughtKwh / 1000) * c.carbon.factorTPerMwh;
  return importKw.reduce((a, kw, t) => a + (kw / 1000) * carbonFactorAt(c, hours[t]), 0);
}
