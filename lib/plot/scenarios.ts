/**
 * Figures of typical-day scenarios: a year as a day × hour heatmap, the loss and silhouette curves over K, each
 * typical day over the days of its cluster, probabilities as bars, the year against its typical days, and the
 * scenario set's profiles. They read results only.
 */
import type { Data, Layout } from "plotly.js";
import type { KSweep } from "../scenarios/choose-k";
import type { DayMatrix } from "../scenarios/daily-profiles";
import type { ReproductionRow } from "../scenarios/reproduction";
import type { ScenarioSet } from "../scenarios/scenario-set";
import type { TypicalDays } from "../scenarios/typical-days";
import { ArgumentError } from "../util/errors";
import type { Figure } from "./figure";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];

/** Options of {@link dayHourHeatmap}. */
export interface DayHourHeatmapOptions {
  title?: string;
  /** Colour-bar title. Default: the matrix's unit. */
  valueLabel?: string;
  /** Plotly colour scale name. Default "Viridis". */
  colorscale?: string;
}

/**
 * A year (any days) as a heatmap: hour of day across, date down.
 * @example show(dayHourHeatmap(year.pv, { title: "PV 2019" }))
 */
export function dayHourHeatmap(m: DayMatrix, options: DayHourHeatmapOptions = {}): Figure {
  const { title = `${m.quantity}: day × hour`, valueLabel = m.unit, colorscale = "Viridis" } = options;
  return {
    data: [
      {
        type: "heatmap",
        x: HOURS,
        y: m.dates,
        z: m.values,
        colorscale,
        colorbar: { title: { text: valueLabel } },
        hovertemplate: "%{y} %{x}:00<br>%{z:.4g}<extra></extra>",
      } as Partial<Data>,
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: `hour of day (${m.dayBasis === "utc" ? "UTC" : m.timeZone})` }, dtick: 3 },
      yaxis: { title: { text: "day" }, autorange: "reversed", type: "date" },
      height: 520,
    },
  };
}

/**
 * Loss (left axis) and mean silhouette (right axis) over K, the elbow and the best-silhouette K marked.
 */
export function kSweepFigure(sweep: KSweep, options: { title?: string } = {}): Figure {
  const { title = "Choice of K: loss (elbow) and mean silhouette" } = options;
  const ks = sweep.rows.map((r) => r.k);
  const at = (k: number) => sweep.rows.find((r) => r.k === k)!;
  return {
    data: [
      { type: "scatter", mode: "lines+markers", name: "loss (total deviation)", x: ks, y: sweep.rows.map((r) => r.loss), line: { color: PALETTE[0] } },
      { type: "scatter", mode: "lines+markers", name: "mean silhouette", x: ks, y: sweep.rows.map((r) => r.silhouette), yaxis: "y2", line: { color: PALETTE[1] } },
      {
        type: "scatter",
        mode: "markers",
        name: `elbow K = ${sweep.elbowK}`,
        x: [sweep.elbowK],
        y: [at(sweep.elbowK).loss],
        marker: { size: 16, symbol: "circle-open", color: PALETTE[0], line: { width: 3 } },
      },
      {
        type: "scatter",
        mode: "markers",
        name: `best silhouette K = ${sweep.silhouetteK}`,
        x: [sweep.silhouetteK],
        y: [at(sweep.silhouetteK).silhouette],
        yaxis: "y2",
        marker: { size: 16, symbol: "diamond-open", color: PALETTE[1], line: { width: 3 } },
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "K (typical days)" }, dtick: 1 },
      yaxis: { title: { text: "loss" } },
      yaxis2: { title: { text: "mean silhouette" }, overlaying: "y", side: "right" },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/** Options of {@link clusterProfilesFigure}. */
export interface ClusterProfilesOptions {
  title?: string;
  /** Subplot columns. Default 4. */
  columns?: number;
  /** Y-axis label. Default: the matrix's unit. */
  valueLabel?: string;
}

/**
 * Each typical day (bold) drawn over the days of its cluster (thin grey), one panel per cluster.
 * @param m the quantity to draw (PV or load), holding the clustered days.
 * @throws ArgumentError when the matrix does not hold the clustered days.
 */
export function clusterProfilesFigure(m: DayMatrix, typical: TypicalDays, options: ClusterProfilesOptions = {}): Figure {
  const { title = `${m.quantity}: typical days over their clusters`, columns = 4, valueLabel = m.unit } = options;
  if (m.dates.length !== typical.dates.length || m.dates.some((d, i) => d !== typical.dates[i])) {
    throw new ArgumentError("clusterProfilesFigure", `"${m.quantity}" does not hold the clustered days`);
  }
  const k = typical.k;
  const cols = Math.min(columns, k);
  const rows = Math.ceil(k / cols);
  const data: Partial<Data>[] = [];
  const layout: Partial<Layout> & Record<string, unknown> = {
    title: { text: title },
    grid: { rows, columns: cols, pattern: "independent" },
    showlegend: false,
    height: 240 * rows + 80,
    annotations: [],
  };
  let ymax = -Infinity;
  let ymin = Infinity;
  for (const row of m.values) for (const v of row) (ymax = Math.max(ymax, v)), (ymin = Math.min(ymin, 0, v));
  for (let c = 0; c < k; c++) {
    const ax = c === 0 ? "" : String(c + 1);
    const members = typical.assignment.map((a, d) => (a === c ? d : -1)).filter((d) => d >= 0);
    // All member days in one trace, separated by gaps.
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const d of members) (x.push(...HOURS, null), y.push(...m.values[d], null));
    data.push({ type: "scatter", mode: "lines", x, y, xaxis: `x${ax}`, yaxis: `y${ax}`, line: { color: "rgba(120,120,120,0.25)", width: 1 }, hoverinfo: "skip" });
    data.push({
      type: "scatter",
      mode: "lines",
      x: HOURS,
      y: m.values[typical.medoids[c]],
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      line: { color: PALETTE[c % PALETTE.length], width: 3 },
      name: typical.medoidDates[c],
    });
    layout[`xaxis${ax}`] = { dtick: 6, range: [0, 23], title: c >= (rows - 1) * cols ? { text: "hour" } : undefined };
    layout[`yaxis${ax}`] = { range: [ymin, ymax * 1.05], title: c % cols === 0 ? { text: valueLabel } : undefined };
    (layout.annotations as unknown[]).push({
      text: `${typical.medoidDates[c]} (${typical.medoidDayTypes[c]}), p = ${typical.probabilities[c].toFixed(3)}`,
      xref: `x${ax} domain`,
      yref: `y${ax} domain`,
      x: 0.02,
      y: 1.08,
      showarrow: false,
      xanchor: "left",
      font: { size: 11 },
    });
  }
  return { data, layout };
}

/** Probabilities of the typical days as bars, coloured by day type. */
export function probabilitiesFigure(typical: TypicalDays, options: { title?: string } = {}): Figure {
  const { title = "Probability of each typical day (cluster size / days)" } = options;
  const labels = typical.medoidDates.map((d, c) => `S${c + 1} ${d}`);
  return {
    data: (["weekday", "weekend"] as const).map((t) => ({
      type: "bar" as const,
      name: t,
      x: labels.filter((_, c) => typical.medoidDayTypes[c] === t),
      y: typical.probabilities.filter((_, c) => typical.medoidDayTypes[c] === t),
      text: typical.clusterSizes.filter((_, c) => typical.medoidDayTypes[c] === t).map((s) => `${s} days`),
      marker: { color: t === "weekday" ? PALETTE[0] : PALETTE[1] },
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "typical day" }, categoryorder: "array", categoryarray: labels },
      yaxis: { title: { text: "probability" } },
    },
  };
}

/** The year against its typical days: relative error of each compared quantity, in percent. */
export function reproductionFigure(rows: readonly ReproductionRow[], options: { title?: string } = {}): Figure {
  const { title = "How well the typical days reproduce the year (typical − year) / year" } = options;
  return {
    data: [
      {
        type: "bar",
        x: rows.map((r) => r.metric),
        y: rows.map((r) => 100 * r.relativeError),
        text: rows.map((r) => `${(100 * r.relativeError).toFixed(2)} %`),
        textposition: "outside",
        marker: { color: rows.map((r) => (Math.abs(r.relativeError) <= 0.01 ? PALETTE[2] : PALETTE[3])) },
      },
    ],
    layout: { title: { text: title }, yaxis: { title: { text: "relative error (%)" }, zeroline: true } },
  };
}

/** The scenario set's hourly PV (per unit of installed) and load (per unit of peak) profiles, width ∝ probability. */
export function scenarioSetFigure(set: ScenarioSet, options: { title?: string } = {}): Figure {
  const { title = `Scenario set: ${set.scenarios.length} typical days` } = options;
  const pMax = Math.max(...set.scenarios.map((s) => s.probability));
  const data: Partial<Data>[] = [];
  set.scenarios.forEach((s, c) => {
    const color = PALETTE[c % PALETTE.length];
    const width = 1 + (4 * s.probability) / pMax;
    const name = `${s.id} ${s.date} (${s.dayType}, p = ${s.probability.toFixed(3)})`;
    data.push({ type: "scatter", mode: "lines", x: HOURS, y: s.pvPu, name, legendgroup: s.id, line: { color, width } });
    data.push({ type: "scatter", mode: "lines", x: HOURS, y: s.loadPu, name, legendgroup: s.id, showlegend: false, xaxis: "x2", yaxis: "y2", line: { color, width } });
  });
  return {
    data,
    layout: {
      title: { text: title },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: "hour" }, dtick: 3 },
      yaxis: { title: { text: "PV (pu of installed)" }, range: [0, 1] },
      xaxis2: { title: { text: "hour" }, dtick: 3 },
      yaxis2: { title: { text: "load (pu of peak)" } },
      height: 480,
    },
  };
}
