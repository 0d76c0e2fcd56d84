/**
 * Figures of a planning run: the case on the feeder map, the typical days, Benders bounds converging, the chosen
 * sites, a day's dispatch (storage, EVs, PV, substation), branch × hour loading before/after, and the cost/benefit
 * breakdown. They read cases, inputs and results only.
 */
import type { Data } from "plotly.js";
import type { BendersTraceRow } from "../decomposition/benders";
import type { SitingRow } from "../decomposition/sitings";
import type { DayDispatch } from "../model/planning/dispatch";
import type { PlanningCase } from "../model/planning/case";
import type { ScenarioDay } from "../model/planning/inputs";
import { treeLayout } from "../network/layout";
import type { Network } from "../network/types";
import type { PlanningKpis, SiteRow } from "../results/kpis";
import { type Figure, LOADING_COLOR_SCALE } from "./figure";
import { feederDiagram } from "./network";

const HOURS = Array.from({ length: 24 }, (_, t) => t);

/** The feeder with the case's PV plants, EV stations, storage candidates and (optionally) the built sites. */
export function caseMap(net: Network, c: PlanningCase, sites: readonly SiteRow[] = [], title = `${c.name}: PV, EV stations and storage`): Figure {
  const base = feederDiagram(net, { title, showOpenBranches: false });
  const xy = treeLayout(net);
  const at = (b: number) => xy[b - 1];
  const marker = (name: string, buses: number[], symbol: string, color: string, size: number | number[], text?: string[]): Partial<Data> => ({
    type: "scatter",
    mode: "markers",
    name,
    x: buses.map((b) => at(b).x),
    y: buses.map((b) => at(b).y),
    text,
    hoverinfo: text ? "text" : "name",
    marker: { symbol, color, size, line: { color: "#222", width: 1 } },
  });
  const data = [...base.data] as Partial<Data>[];
  data.push(marker("candidate", c.storage.candidates, "circle-open", "#7f7f7f", 24));
  data.push(marker("PV", c.pv.map((p) => p.bus), "star", "#ffbf00", 18, c.pv.map((p) => `PV bus ${p.bus}: ${p.capacityKw} kW`)));
  data.push(marker("EV station", c.ev.stations.map((s) => s.bus), "diamond", "#2ca02c", 14, c.ev.stations.map((s) => `EV bus ${s.bus}: ${s.evCount} EVs`)));
  if (sites.length > 0) {
    data.push(
      marker(
        "storage built",
        sites.map((s) => s.bus),
        "square",
        "#d62728",
        sites.map((s) => 14 + Math.sqrt(s.energyKwh) / 3),
        sites.map((s) => `storage bus ${s.bus}: ${(s.energyKwh / 1000).toFixed(2)} MWh / ${(s.powerKw / 1000).toFixed(2)} MW`),
      ),
    );
  }
  return { data, layout: { ...base.layout, title: { text: title } } };
}

/** Each typical day's per-unit PV and load, line width by probability. */
export function scenarioDaysChart(scenarios: readonly ScenarioDay[], c: PlanningCase): Figure {
  const totalPv = c.pv.reduce((a, p) => a + p.capacityKw, 0) || 1;
  const data: Partial<Data>[] = [];
  scenarios.forEach((s) => {
    const pv = HOURS.map((t) => s.pv.reduce((a, p) => a + p.availKw[t], 0) / totalPv);
    data.push({ type: "scatter", mode: "lines", x: HOURS, y: pv, name: `${s.id} PV (${(100 * s.probability).toFixed(0)} %)`, line: { width: 1 + 8 * s.probability, color: "#ffbf00" }, legendgroup: s.id });
    data.push({ type: "scatter", mode: "lines", x: HOURS, y: s.loadPu, name: `${s.id} load`, line: { width: 1 + 8 * s.probability, color: "#1f77b4" }, legendgroup: s.id });
  });
  return { data, layout: { title: { text: "Typical days: PV (per unit of capacity) and load (per unit of peak)" }, xaxis: { title: { text: "hour" } }, yaxis: { title: { text: "pu" } } } };
}

/** Lower and upper bounds per Benders iteration, and the gap. */
export function bendersConvergenceChart(trace: readonly BendersTraceRow[]): Figure {
  const rows = trace.filter((r) => Number.isFinite(r.lowerBound));
  return {
    data: [
      { type: "scatter", mode: "lines+markers", x: rows.map((r) => r.iteration), y: rows.map((r) => r.upperBound / 1e6), name: "upper bound" },
      { type: "scatter", mode: "lines+markers", x: rows.map((r) => r.iteration), y: rows.map((r) => r.lowerBound / 1e6), name: "lower bound" },
      { type: "scatter", mode: "lines+markers", x: rows.map((r) => r.iteration), y: rows.map((r) => Math.max(r.gapPct, 1e-4)), name: "gap (%)", yaxis: "y2", line: { dash: "dot" } },
    ],
    layout: {
      title: { text: "Benders: bounds on the annual cost" },
      xaxis: { title: { text: "iteration" } },
      yaxis: { title: { text: "¥ million / year" } },
      yaxis2: { title: { text: "gap (%)" }, type: "log", overlaying: "y", side: "right", showgrid: false, tickmode: "auto" },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * The exact reference over the sitings: each siting's lower bound (and its best cost where it found one) against the
 * optimum, with another method's plan cost beside it (e.g. Benders on the free siting). A siting whose bound lies
 * above the optimum line cannot beat it; cut-off sitings stopped as soon as their bound got there.
 */
export function sitingBoundsChart(rows: readonly SitingRow[], objective: number, other?: { label: string; objective: number }): Figure {
  const label = (r: SitingRow) => r.buses.join(" + ") || "none";
  const x = rows.map(label);
  const line = (y: number, name: string, dash: "solid" | "dot"): Partial<Data> => ({ type: "scatter", mode: "lines", x: [x[0], x[x.length - 1]], y: [y / 1e6, y / 1e6], name, line: { dash } });
  const found = rows.filter((r) => Number.isFinite(r.upperBound));
  const data: Partial<Data>[] = [
    { type: "scatter", mode: "markers", x, y: rows.map((r) => r.lowerBound / 1e6), name: "lower bound of the siting", marker: { symbol: "triangle-up", size: 9 }, text: rows.map((r) => `${r.stop}, ${r.iterations} iterations`) },
    { type: "scatter", mode: "markers", x: found.map(label), y: found.map((r) => r.upperBound / 1e6), name: "best cost found at the siting", marker: { symbol: "circle-open", size: 9 } },
    line(objective, "optimum (best siting)", "solid"),
  ];
  if (other) data.push(line(other.objective, other.label, "dot"));
  return {
    data,
    layout: {
      title: { text: "Exact reference: every siting's bounds on the annual cost" },
      xaxis: { title: { text: "siting (storage buses)" }, type: "category" },
      yaxis: { title: { text: "¥ million / year" } },
      legend: { orientation: "h", y: -0.3 },
    },
  };
}

/** A day's dispatch: substation import, PV used vs available, storage power and energy, EV charging. */
export function dayDispatchChart(d: DayDispatch, title = `Dispatch on ${d.scenarioId} (${d.date})`): Figure {
  const sum = (rows: number[][]) => HOURS.map((t) => rows.reduce((a, r) => a + r[t], 0));
  const data: Partial<Data>[] = [
    { type: "scatter", mode: "lines", x: HOURS, y: d.importKw, name: "substation import (kW)", line: { color: "#333", width: 3 } },
    { type: "scatter", mode: "lines", x: HOURS, y: sum(d.pv.map((p) => p.availKw)), name: "PV available (kW)", line: { color: "#ffbf00", dash: "dot" } },
    { type: "scatter", mode: "lines", x: HOURS, y: sum(d.pv.map((p) => p.usedKw)), name: "PV used (kW)", line: { color: "#ff7f0e" } },
    { type: "bar", x: HOURS, y: sum(d.ev.map((e) => e.uncontrolledKw)), name: "EV uncontrolled (kW)", marker: { color: "#98df8a" } },
    { type: "bar", x: HOURS, y: sum(d.ev.map((e) => e.flexibleKw)), name: "EV flexible (kW)", marker: { color: "#2ca02c" } },
  ];
  // One hue per site: power as bars, energy as a line of the same hue on the right axis.
  const hues = [
    ["#d62728", "#9467bd"],
    ["#8c564b", "#17becf"],
    ["#e377c2", "#7f7f7f"],
  ];
  d.storage
    .filter((q) => q.eKwh.some((e) => e > 1e-6))
    .forEach((s, i) => {
      const [bar, line] = hues[i % hues.length];
      data.push({ type: "bar", x: HOURS, y: s.pGridKw, name: `storage bus ${s.bus} (kW, + charging)`, marker: { color: bar } });
      data.push({ type: "scatter", mode: "lines", x: HOURS, y: s.eKwh, name: `storage bus ${s.bus} energy (kWh)`, yaxis: "y2", line: { color: line, width: 2.5 } });
    });
  return {
    data,
    layout: {
      title: { text: title },
      barmode: "relative",
      xaxis: { title: { text: "hour" } },
      yaxis: { title: { text: "kW" } },
      yaxis2: { title: { text: "kWh" }, overlaying: "y", side: "right", rangemode: "tozero", showgrid: false, tickmode: "auto" },
      // Below the plot: at the right it would hide the kWh axis.
      legend: { orientation: "h", y: -0.2 },
      height: 560,
    },
  };
}

/** Branch × hour loading (|I|/Ī) of one day, with an optional second day side by side (e.g. before/after). */
export function loadingHeatmap(net: Network, d: DayDispatch, other?: { label: string; day: DayDispatch }, label = "plan"): Figure {
  const names = net.branches.map((b) => `${b.fromBus}→${b.toBus}`);
  const z = (day: DayDispatch) => names.map((_, e) => HOURS.map((t) => day.branchLoading[t][e]));
  const zmax = Math.max(...(other ? [d, other.day] : [d]).flatMap((day) => day.branchLoading.flat()));
  const trace = (day: DayDispatch, xaxis: string, yaxis: string, show: boolean): Partial<Data> => ({
    type: "heatmap",
    x: HOURS,
    y: names,
    z: z(day),
    zmin: 0,
    zmax,
    ...LOADING_COLOR_SCALE,
    xaxis,
    yaxis,
    showscale: show,
    colorbar: { title: { text: "|I| / Ī" } },
  });
  const data = other ? [trace(other.day, "x", "y", false), trace(d, "x2", "y2", true)] : [trace(d, "x", "y", true)];
  return {
    data,
    layout: {
      title: { text: other ? `Branch loading on ${d.scenarioId}: ${other.label} (left) vs ${label} (right)` : `Branch loading on ${d.scenarioId}` },
      ...(other ? { grid: { rows: 1, columns: 2, pattern: "independent" } } : {}),
      yaxis: { type: "category", autorange: "reversed", title: { text: "branch" } },
      yaxis2: { type: "category", autorange: "reversed" },
      xaxis: { title: { text: "hour" } },
      xaxis2: { title: { text: "hour" } },
      height: 620,
    },
  };
}

/** Annual cost and benefits of the plan (¥ million). */
export function costBenefitChart(kpis: PlanningKpis): Figure {
  const m = (v: number) => v / 1e6;
  return {
    data: [
      { type: "bar", name: "annualised storage cost", x: ["cost"], y: [m(kpis.annualCostCny)], marker: { color: "#d62728" } },
      { type: "bar", name: "energy purchase saving", x: ["benefit"], y: [m(kpis.benefits.energyPurchaseCny)], marker: { color: "#1f77b4" } },
      { type: "bar", name: "carbon saving", x: ["benefit"], y: [m(kpis.benefits.carbonCny)], marker: { color: "#2ca02c" } },
      { type: "bar", name: "upgrade deferral", x: ["benefit"], y: [m(kpis.benefits.upgradeDeferralCny)], marker: { color: "#9467bd" } },
    ],
    layout: { title: { text: `Annual cost vs benefit (¥ million): ROI ${kpis.roiPct.toFixed(0)} %` }, barmode: "stack", yaxis: { title: { text: "¥ million / year" } } },
  };
}
