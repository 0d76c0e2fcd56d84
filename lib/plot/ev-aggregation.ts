/**
 * Figures of EV flexibility and station aggregation: one EV's energy envelope, a station's aggregate envelope with
 * dispatched trajectories, a dispatch against its disaggregated sum, and the accuracy experiment (error, cost gap,
 * cut rounds and time vs fleet size). They read results only.
 */
import type { Data } from "plotly.js";
import type { AggregateEnvelope } from "../ev/aggregate";
import { cumulativeKwh, energyEnvelope, uncontrolledProfile } from "../ev/envelope";
import type { EvFlex } from "../ev/flex";
import { type ResolvedGrid, slotClockHour } from "../ev/grid";
import type { EvSignal } from "../ev/signals";
import type { AccuracyRow } from "../studies/ev-accuracy";
import { ArgumentError } from "../util/errors";
import type { Figure } from "./figure";

const MODEL_COLORS: Record<string, string> = { envelope: "#d62728", exact: "#2ca02c", inner: "#1f77b4", individual: "#7f7f7f" };

/** Colour of a model's traces (envelope red, exact green, inner blue, individual grey). */
export function modelColor(model: string): string {
  return MODEL_COLORS[model] ?? "#9467bd";
}

/** Clock labels of the T + 1 slot boundaries (e.g. "12:00"). */
function boundaryLabels(grid: ResolvedGrid): string[] {
  return Array.from({ length: grid.slots + 1 }, (_, k) => clock(slotClockHour(grid, k)));
}

function clock(h: number): string {
  const hh = Math.floor(h + 1e-9);
  const mm = Math.round((h - hh) * 60);
  return `${String(hh % 24).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}

/** Slot start labels (T values). */
function slotLabels(grid: ResolvedGrid): string[] {
  return boundaryLabels(grid).slice(0, grid.slots);
}

/**
 * One EV's cumulative-energy envelope: earliest (upper) and latest (lower) charging, the uncontrolled profile's
 * cumulative energy, and optionally a schedule's.
 */
export function evEnvelopeFigure(ev: EvFlex, options: { scheduleKw?: readonly number[]; title?: string } = {}): Figure {
  const env = energyEnvelope(ev);
  const x = boundaryLabels(ev.grid);
  const data: Partial<Data>[] = [
    { type: "scatter", mode: "lines", name: "earliest (upper envelope)", x, y: env.earliestKwh, line: { color: "#d62728", shape: "linear" } },
    { type: "scatter", mode: "lines", name: "latest (lower envelope)", x, y: env.latestKwh, line: { color: "#1f77b4" }, fill: "tonexty", fillcolor: "rgba(150,150,150,0.15)" },
    { type: "scatter", mode: "lines", name: "uncontrolled", x, y: cumulativeKwh(uncontrolledProfile(ev), ev.grid.dtH), line: { color: "#ff7f0e", dash: "dot" } },
  ];
  if (options.scheduleKw) data.push({ type: "scatter", mode: "lines+markers", name: "schedule", x, y: cumulativeKwh(options.scheduleKw, ev.grid.dtH), line: { color: "#2ca02c" } });
  return {
    data,
    layout: {
      title: { text: options.title ?? `EV ${ev.id}: ${ev.eMaxKwh.toFixed(1)} kWh at ≤ ${ev.chargerKw.toFixed(1)} kW, ${clock(ev.arrivalH % 24)} → ${clock(ev.departureH % 24)}` },
      xaxis: { title: { text: "local time (end of slot)" } },
      yaxis: { title: { text: "cumulative energy (kWh)" } },
    },
  };
}

/**
 * A station's aggregate envelope (sum of the EVs' envelopes) with the cumulative energy of dispatched trajectories
 * (e.g. per model) drawn inside it.
 */
export function stationEnvelopeFigure(env: AggregateEnvelope, trajectories: Record<string, readonly number[]> = {}, options: { title?: string } = {}): Figure {
  const x = boundaryLabels(env.grid);
  const data: Partial<Data>[] = [
    { type: "scatter", mode: "lines", name: "Σ earliest", x, y: env.eUpperKwh, line: { color: "#444" } },
    { type: "scatter", mode: "lines", name: "Σ latest", x, y: env.eLowerKwh, line: { color: "#444", dash: "dash" }, fill: "tonexty", fillcolor: "rgba(150,150,150,0.15)" },
  ];
  for (const [name, pKw] of Object.entries(trajectories)) {
    if (pKw.length !== env.grid.slots) throw new ArgumentError("stationEnvelopeFigure", `trajectory "${name}" has ${pKw.length} values for ${env.grid.slots} slots`);
    data.push({ type: "scatter", mode: "lines", name, x, y: cumulativeKwh(pKw, env.grid.dtH), line: { color: modelColor(name) } });
  }
  return {
    data,
    layout: {
      title: { text: options.title ?? `Station aggregate envelope: ${env.count} EVs, ${env.eMaxKwh.toFixed(0)} kWh` },
      xaxis: { title: { text: "local time (end of slot)" } },
      yaxis: { title: { text: "cumulative energy (kWh)" } },
    },
  };
}

/** A dispatched aggregate and the sum of its disaggregated schedules, per slot, with the signal on a second axis. */
export function dispatchFigure(
  grid: ResolvedGrid,
  series: { name: string; aggregateKw: readonly number[]; disaggregatedKw?: readonly number[] }[],
  options: { signal?: EvSignal; title?: string } = {},
): Figure {
  const x = slotLabels(grid);
  const data: Partial<Data>[] = [];
  for (const s of series) {
    const color = modelColor(s.name);
    data.push({ type: "scatter", mode: "lines", name: `${s.name}: aggregate P`, x, y: [...s.aggregateKw], line: { color, shape: "hv", width: 3 } });
    if (s.disaggregatedKw) data.push({ type: "scatter", mode: "lines", name: `${s.name}: Σ disaggregated`, x, y: [...s.disaggregatedKw], line: { color, shape: "hv", dash: "dot" } });
  }
  const sig = options.signal;
  if (sig) {
    const y = sig.kind === "price" ? sig.pricePerKwh : sig.baseKw;
    data.push({ type: "scatter", mode: "lines", name: sig.kind === "price" ? "price" : "base load", x, y, yaxis: "y2", line: { color: "#999", shape: "hv", width: 1 } });
  }
  return {
    data,
    layout: {
      title: { text: options.title ?? "Aggregate dispatch and its disaggregation" },
      xaxis: { title: { text: "local time (slot start)" } },
      yaxis: { title: { text: "flexible EV load (kW)" } },
      ...(sig ? { yaxis2: { title: { text: sig.kind === "price" ? "price per kWh" : "base load (kW)" }, overlaying: "y", side: "right" } } : {}),
      legend: { orientation: "h", y: -0.25 },
    },
  };
}

/** Which accuracy measure {@link accuracyFigure} draws. */
export type AccuracyMetric = "mseKw2" | "nrmse" | "costGapPct";

const METRIC: Record<AccuracyMetric, { label: string; p10?: keyof AccuracyRow; p90?: keyof AccuracyRow; log: boolean }> = {
  mseKw2: { label: "tracking MSE (kW²)", p10: "mseKw2P10", p90: "mseKw2P90", log: true },
  nrmse: { label: "NRMSE (RMSE / mean aggregate power)", p10: "nrmseP10", p90: "nrmseP90", log: true },
  costGapPct: { label: "cost gap vs individual scheduling (%)", p10: "costGapPctP10", p90: "costGapPctP90", log: false },
};

/**
 * An accuracy measure vs fleet size, one line per (data set, model) with its 10–90 % spread over draws as a band.
 * Values ≤ 0 are drawn at `floor` on the log scales (exact models reach ~1e-25 kW²).
 */
export function accuracyFigure(
  sets: Record<string, readonly AccuracyRow[]>,
  options: { metric?: AccuracyMetric; title?: string; floor?: number } = {},
): Figure {
  const { metric = "mseKw2", floor = 1e-16 } = options;
  const m = METRIC[metric];
  const clip = (v: number) => (m.log ? Math.max(v, floor) : v);
  const data: Partial<Data>[] = [];
  const dashes = ["solid", "dash", "dot", "dashdot"];
  Object.entries(sets).forEach(([label, rows], d) => {
    const models = [...new Set(rows.map((r) => r.model))];
    for (const model of models) {
      const rs = rows.filter((r) => r.model === model).sort((a, b) => a.n - b.n);
      const n = rs.map((r) => r.n);
      const color = modelColor(model);
      const name = Object.keys(sets).length > 1 ? `${label}: ${model}` : model;
      if (m.p10 && m.p90) {
        data.push({ type: "scatter", mode: "lines", x: n, y: rs.map((r) => clip(r[m.p90!] as number)), line: { width: 0, color }, showlegend: false, hoverinfo: "skip", legendgroup: name });
        data.push({ type: "scatter", mode: "lines", x: n, y: rs.map((r) => clip(r[m.p10!] as number)), line: { width: 0, color }, fill: "tonexty", fillcolor: `${color}22`, showlegend: false, hoverinfo: "skip", legendgroup: name });
      }
      data.push({ type: "scatter", mode: "lines+markers", name, x: n, y: rs.map((r) => clip(r[metric])), line: { color, dash: dashes[d % dashes.length] as "solid" }, legendgroup: name });
    }
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? `${m.label} vs fleet size (mean, 10–90 % band over draws)` },
      xaxis: { title: { text: "EVs per station (N)" }, type: "log" },
      yaxis: { title: { text: m.label }, type: m.log ? "log" : "linear" },
    },
  };
}

/** Cut rounds of the exact model and the dispatch times of every model (with individual scheduling) vs N. */
export function aggregationEffortFigure(rows: readonly AccuracyRow[], options: { title?: string } = {}): Figure {
  const models = [...new Set(rows.map((r) => r.model))];
  const data: Partial<Data>[] = [];
  for (const model of models) {
    const rs = rows.filter((r) => r.model === model).sort((a, b) => a.n - b.n);
    data.push({ type: "scatter", mode: "lines+markers", name: `${model}: seconds`, x: rs.map((r) => r.n), y: rs.map((r) => r.seconds), line: { color: modelColor(model) } });
    if (model === "exact") {
      data.push({ type: "bar", name: "exact: cut rounds (mean)", x: rs.map((r) => r.n), y: rs.map((r) => r.rounds), yaxis: "y2", marker: { color: "rgba(44,160,44,0.3)" } });
    }
  }
  const first = models.length ? rows.filter((r) => r.model === models[0]).sort((a, b) => a.n - b.n) : [];
  data.push({ type: "scatter", mode: "lines+markers", name: "individual scheduling: seconds", x: first.map((r) => r.n), y: first.map((r) => r.individualSeconds), line: { color: modelColor("individual"), dash: "dash" } });
  return {
    data,
    layout: {
      title: { text: options.title ?? "Effort vs fleet size" },
      xaxis: { title: { text: "EVs per station (N)" }, type: "log" },
      yaxis: { title: { text: "seconds per station-day" }, type: "log" },
      yaxis2: { title: { text: "cut rounds" }, overlaying: "y", side: "right", rangemode: "tozero" },
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
