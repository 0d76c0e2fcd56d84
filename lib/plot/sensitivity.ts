/**
 * Figures of a sensitivity sweep: the storage built per value (energy by site, total power), the KPIs that move with
 * the parameter (carbon reduction, PV utilisation, balance index), and the annual cost against the benefit.
 */
import type { Data } from "plotly.js";
import type { SweepResult, SweepRow } from "../studies/sensitivity";
import type { Figure } from "./figure";

/** Axis label of a row's value ("50 %" for shares). */
export function sweepValueLabel(result: Pick<SweepResult, "parameter">, value: number): string {
  return result.parameter.unit === "share" ? `${+(100 * value).toFixed(1)} %` : `${+value.toPrecision(4)}`;
}

function axisTitle(result: SweepResult): string {
  return result.parameter.unit === "share" ? `${result.parameter.label} (%)` : `${result.parameter.label} (${result.parameter.unit})`;
}

const x = (result: SweepResult) => result.rows.map((r) => sweepValueLabel(result, r.value));

/** Storage energy (MWh) stacked by site for each value, and the total power (MW) on a second axis. */
export function sweepStorageChart(result: SweepResult): Figure {
  const buses = Array.from(new Set(result.rows.flatMap((r) => r.sites.map((s) => s.bus)))).sort((a, b) => a - b);
  const at = (r: SweepRow, bus: number) => (r.sites.find((s) => s.bus === bus)?.energyKwh ?? 0) / 1000;
  const data: Partial<Data>[] = buses.map((bus) => ({ type: "bar", name: `bus ${bus} (MWh)`, x: x(result), y: result.rows.map((r) => at(r, bus)) }));
  data.push({ type: "scatter", mode: "lines+markers", name: "total power (MW)", x: x(result), y: result.rows.map((r) => r.totalPowerKw / 1000), yaxis: "y2", line: { color: "#333", dash: "dot" } });
  return {
    data,
    layout: {
      title: { text: `Storage built against the ${result.parameter.label}` },
      barmode: "stack",
      xaxis: { title: { text: axisTitle(result) }, type: "category" },
      yaxis: { title: { text: "energy (MWh)" } },
      yaxis2: { title: { text: "power (MW)" }, overlaying: "y", side: "right", rangemode: "tozero" },
    },
  };
}

/** Carbon reduction and PV utilisation (plan and base, %) and the balance index (plan and base) per value. */
export function sweepKpiChart(result: SweepResult): Figure {
  const line = (name: string, y: number[], extra: { yaxis?: string; line: { color: string; dash?: "dot" } }): Partial<Data> => ({ type: "scatter", mode: "lines+markers", name, x: x(result), y, ...extra });
  const r = result.rows;
  return {
    data: [
      line("carbon reduction (%)", r.map((q) => q.carbonReductionPct), { line: { color: "#2ca02c" } }),
      line("PV utilisation, plan (%)", r.map((q) => q.pvUtilizationPct), { line: { color: "#ff7f0e" } }),
      line("PV utilisation, base (%)", r.map((q) => q.pvUtilizationBasePct), { line: { color: "#ff7f0e", dash: "dot" } }),
      line("balance index, plan", r.map((q) => q.balanceAfter), { yaxis: "y2", line: { color: "#1f77b4" } }),
      line("balance index, base", r.map((q) => q.balanceBefore), { yaxis: "y2", line: { color: "#1f77b4", dash: "dot" } }),
    ],
    layout: {
      title: { text: `Carbon, PV use and balance against the ${result.parameter.label}` },
      xaxis: { title: { text: axisTitle(result) }, type: "category" },
      yaxis: { title: { text: "%" } },
      yaxis2: { title: { text: "balance index B" }, overlaying: "y", side: "right", rangemode: "tozero" },
    },
  };
}

/** Annual storage cost against annual benefit (¥ million) per value, benefit/cost (%) on a second axis. */
export function sweepCostChart(result: SweepResult): Figure {
  const r = result.rows;
  return {
    data: [
      { type: "bar", name: "annual cost (¥ M)", x: x(result), y: r.map((q) => q.annualCostCny / 1e6), marker: { color: "#d62728" } },
      { type: "bar", name: "annual benefit (¥ M)", x: x(result), y: r.map((q) => q.annualBenefitCny / 1e6), marker: { color: "#1f77b4" } },
      { type: "scatter", mode: "lines+markers", name: "benefit / cost (%)", x: x(result), y: r.map((q) => q.roiPct), yaxis: "y2", line: { color: "#333" } },
    ],
    layout: {
      title: { text: `Annual cost and benefit against the ${result.parameter.label}` },
      barmode: "group",
      xaxis: { title: { text: axisTitle(result) }, type: "category" },
      yaxis: { title: { text: "¥ million / year" } },
      yaxis2: { title: { text: "benefit / cost (%)" }, overlaying: "y", side: "right", rangemode: "tozero" },
    },
  };
}
