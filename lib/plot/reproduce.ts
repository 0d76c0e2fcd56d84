/**
 * Figures of the assumption search (lib/studies/reproduce.ts): a tornado of how far each assumption moves a figure
 * across its bounds, the controllable-share sweeps of the paper case and of the closest case against the study's
 * carbon claims, and the whole search as one offline page with its tables.
 */
import type { Data } from "plotly.js";
import { STUDY_FIGURES } from "../results/paper-comparison";
import type { FigureRow, ReproduceResult, TornadoRow } from "../studies/reproduce";
import { STUDY_PLAN_FIGURES } from "../studies/reproduce-assumptions";
import type { Figure } from "./figure";
import { escapeHtml, htmlTable, pageHtml } from "./html";

/** Figures a tornado can show, with their axis titles and scale. */
export const TORNADO_FIGURES: Record<keyof TornadoRow["figures"], { title: string; scale: number }> = {
  carbonReductionPct: { title: "carbon reduction (%)", scale: 1 },
  energyKwh: { title: "storage energy (MWh)", scale: 1e-3 },
  annualCostCny: { title: "annual cost (¥ M)", scale: 1e-6 },
  annualBenefitCny: { title: "annual benefit (¥ M)", scale: 1e-6 },
  pvUtilizationPct: { title: "PV use (%)", scale: 1 },
  distance: { title: "distance to the study's figures", scale: 1 },
};

/**
 * One figure at each assumption's low and high bound (the others at the paper case's values), as bars from the paper
 * case's value, the widest swing on top; the study's value as a dotted line where it has one.
 */
export function studyTornadoChart(result: ReproduceResult, figure: keyof TornadoRow["figures"] = "carbonReductionPct"): Figure {
  const { title, scale } = TORNADO_FIGURES[figure];
  const paperEval = result.evaluations.find((e) => e.origin === "paper")!;
  const paperValue = (figure === "distance" ? paperEval.distance : paperEval.figures[figure]) * scale;
  const rows = [...result.tornado].sort((a, b) => Math.abs(a.figures[figure].high - a.figures[figure].low) - Math.abs(b.figures[figure].high - b.figures[figure].low));
  const y = rows.map((r) => `${r.label} (${+r.low.toPrecision(3)} … ${+r.high.toPrecision(3)})`);
  // plotly's bar `base` (bars start at the paper case's value) is missing from its type definitions
  const bar = (name: string, end: (r: TornadoRow) => number, color: string) =>
    ({ type: "bar", orientation: "h", name, y, x: rows.map((r) => end(r) * scale - paperValue), base: paperValue, marker: { color } }) as Partial<Data>;
  const s = figure === "distance" ? 0 : STUDY_PLAN_FIGURES[figure];
  return {
    data: [bar("at the low bound", (r) => r.figures[figure].low, "#1f77b4"), bar("at the high bound", (r) => r.figures[figure].high, "#d62728")],
    layout: {
      title: { text: `How far each assumption moves the ${title} (paper case: ${paperValue.toFixed(2)})` },
      barmode: "overlay",
      xaxis: { title: { text: title } },
      yaxis: { automargin: true },
      height: 120 + 40 * rows.length,
      shapes: s === undefined ? [] : [{ type: "line", x0: s * scale, x1: s * scale, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", color: "#333" } }],
      annotations: s === undefined ? [] : [{ x: s * scale, y: 1, yref: "paper", text: "study", showarrow: false, yanchor: "bottom" }],
    },
  };
}

/** Carbon reduction and storage energy across the controllable share: paper case, closest case, the study's claims. */
export function studySweepChart(result: ReproduceResult): Figure {
  const line = (name: string, pts: ReproduceResult["closestSweep"], y: (p: ReproduceResult["closestSweep"][number]) => number, extra: { yaxis?: string; line: { color: string; dash?: "dot" } }): Partial<Data> => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x: pts.map((p) => 100 * p.controllable),
    y: pts.map(y),
    ...extra,
  });
  return {
    data: [
      line("carbon, paper case", result.paperSweep, (p) => p.carbonReductionPct, { line: { color: "#1f77b4", dash: "dot" } }),
      line("carbon, closest case", result.closestSweep, (p) => p.carbonReductionPct, { line: { color: "#1f77b4" } }),
      // the study: its carbon reduction at 50 % control and "about" its figure at high control (plotted at 80 %)
      { type: "scatter", mode: "markers", name: "carbon, the study", x: [50, 80], y: [STUDY_FIGURES.carbonReductionPctAt50, STUDY_FIGURES.carbonReductionPctHigh], marker: { symbol: "star", size: 12, color: "#000" } },
      line("storage, paper case (MWh)", result.paperSweep, (p) => p.totalEnergyKwh / 1000, { yaxis: "y2", line: { color: "#2ca02c", dash: "dot" } }),
      line("storage, closest case (MWh)", result.closestSweep, (p) => p.totalEnergyKwh / 1000, { yaxis: "y2", line: { color: "#2ca02c" } }),
    ],
    layout: {
      title: { text: "Across the controllable EV share: carbon reduction and storage built" },
      xaxis: { title: { text: "controllable EV share (%)" } },
      yaxis: { title: { text: "carbon reduction (%)" }, rangemode: "tozero" },
      yaxis2: { title: { text: "storage energy (MWh)" }, overlaying: "y", side: "right", rangemode: "tozero" },
    },
  };
}

/** A figure's value as text ("16, 21"; "5570"; "2.30 M"). */
export function figureText(row: FigureRow, v: FigureRow["study"]): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.join(", ") || "none";
  return row.unit.startsWith("¥") ? `${(v / 1e6).toFixed(2)} M` : v.toFixed(row.name === "energyKwh" ? 0 : 1);
}

/** The search's tables as HTML: how it ran, the study's figures, what the bounds reach, the closest case's values. */
export function reproduceTables(result: ReproduceResult): { search: string; figures: string; reach: string; values: string } {
  const d = result.distance;
  return {
    search: `<p>${escapeHtml(
      `${result.evaluations.length} cases planned at K = ${result.settings.k} (seed ${result.settings.seed}). Distance to the study's figures (${d.definition}): paper case ${d.paperCase.toFixed(3)}, closest case ${d.closestCase.toFixed(3)}.`,
    )}</p>`,
    figures: htmlTable(result.figures.map((r) => ({ figure: r.name, unit: r.unit, study: figureText(r, r.study), "paper case": figureText(r, r.paperCase), "closest case": figureText(r, r.closestCase) }))),
    reach: htmlTable(result.reach.map((r) => ({ figure: r.figure, study: r.study, "nearest within the bounds": r.nearest, reached: r.reached ? "yes" : "no" }))),
    values: htmlTable(result.assumptions.map((a) => ({ assumption: a.label, unit: a.unit, bounds: `${a.low} … ${a.high}`, "paper case": a.paper, "closest case": +result.closest.values[a.name].toPrecision(4), why: a.bounds }))),
  };
}

/** The search as one offline page: the figures, what the bounds reach, the closest case, tornados, the sweeps. */
export function reproduceHtml(result: ReproduceResult): string {
  const t = reproduceTables(result);
  return pageHtml(
    [
      { title: "The study's figures", html: t.search + t.figures },
      { title: "What the bounds reach", html: t.reach },
      { title: "The closest case", html: t.values },
      { title: "Tornados", figures: (["carbonReductionPct", "energyKwh", "distance"] as const).map((f) => studyTornadoChart(result, f)) },
      { title: "Across the controllable share", figures: [studySweepChart(result)] },
    ],
    { title: `evsp reproduce: ${result.case}` },
  );
}
