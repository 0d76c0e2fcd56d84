/**
 * How well K typical days reproduce the year: totals and extremes of the year against the probability-weighted
 * typical days (each medoid day counted cluster-size times).
 */
import { ArgumentError } from "../util/errors";
import type { DayMatrix } from "./daily-profiles";
import type { TypicalDays } from "./typical-days";

/** One compared quantity. */
export interface ReproductionRow {
  metric: string;
  unit: string;
  /** Value over the real days. */
  year: number;
  /** Value from the typical days (weighted by cluster size for totals; over the medoid days for extremes). */
  typical: number;
  /** (typical − year) / |year|. */
  relativeError: number;
}

/**
 * Compares the year with its typical days: PV energy, load energy, PV share of load energy, peak load, minimum
 * load, peak PV.
 * @param pv PV day matrix (any unit) holding the clustered days.
 * @param load load day matrix holding the clustered days.
 * @param typical the typical days.
 * @throws ArgumentError when the matrices do not hold the clustered days.
 */
export function reproductionStats(pv: DayMatrix, load: DayMatrix, typical: TypicalDays): ReproductionRow[] {
  for (const m of [pv, load]) {
    if (m.dates.length !== typical.dates.length || m.dates.some((d, i) => d !== typical.dates[i])) {
      throw new ArgumentError("reproductionStats", `"${m.quantity}" does not hold the clustered days`);
    }
  }
  const daySum = (r: number[]) => r.reduce((s, v) => s + v, 0);
  const yearTotal = (m: DayMatrix) => m.values.reduce((s, r) => s + daySum(r), 0);
  const typTotal = (m: DayMatrix) => typical.medoids.reduce((s, d, c) => s + typical.clusterSizes[c] * daySum(m.values[d]), 0);
  const yearMax = (m: DayMatrix) => Math.max(...m.values.map((r) => Math.max(...r)));
  const yearMin = (m: DayMatrix) => Math.min(...m.values.map((r) => Math.min(...r)));
  const typMax = (m: DayMatrix) => Math.max(...typical.medoids.map((d) => Math.max(...m.values[d])));
  const typMin = (m: DayMatrix) => Math.min(...typical.medoids.map((d) => Math.min(...m.values[d])));
  const row = (metric: string, unit: string, year: number, typ: number): ReproductionRow => ({
    metric,
    unit,
    year,
    typical: typ,
    relativeError: year !== 0 ? (typ - year) / Math.abs(year) : typ === 0 ? 0 : Infinity,
  });
  const ePv = yearTotal(pv);
  const eLoad = yearTotal(load);
  const tPv = typTotal(pv);
  const tLoad = typTotal(load);
  const eUnit = (m: DayMatrix) => (m.unit === "MW" ? "MWh" : m.unit === "kW" ? "kWh" : `${m.unit}·h`);
  return [
    row("PV energy", eUnit(pv), ePv, tPv),
    row("load energy", eUnit(load), eLoad, tLoad),
    row("PV share", "-", ePv / eLoad, tPv / tLoad),
    row("peak load", load.unit, yearMax(load), typMax(load)),
    row("minimum load", load.unit, yearMin(load), typMin(load)),
    row("peak PV", pv.unit, yearMax(pv), typMax(pv)),
  ];
}
