/**
 * Figures of a feeder and its power flow: the one-line diagram (tidy tree layout), the voltage profile, branch
 * loading, and a bus × hour voltage heatmap. They read networks and results only.
 */
import type { Data } from "plotly.js";
import { treeLayout, type BusCoordinate, type TreeLayoutOptions } from "../network/layout";
import type { PowerFlowResult } from "../network/powerflow";
import type { PowerFlowSeries } from "../network/sweep";
import type { Network } from "../network/types";
import { ArgumentError } from "../util/errors";
import type { Figure } from "./figure";

/** Options of {@link feederDiagram}. */
export interface FeederDiagramOptions {
  title?: string;
  /** Bus coordinates; default `treeLayout(net, layout)`. */
  coordinates?: readonly BusCoordinate[];
  layout?: TreeLayoutOptions;
  /** A value per bus (bus `b` at `b − 1`) to colour the buses by, e.g. voltages in pu. Default: plain markers. */
  busValues?: ArrayLike<number>;
  /** Colour-bar title of `busValues`. Default "value". */
  busValuesLabel?: string;
  /** Buses to ring (e.g. storage or EV station sites), with a legend label. */
  highlight?: { buses: readonly number[]; label: string };
  /** Draw the open tie lines dashed. Default true. */
  showOpenBranches?: boolean;
}

/**
 * One-line diagram of a radial feeder: branches as lines, buses as numbered markers, the slack as a square,
 * open tie lines dashed.
 * @example show(feederDiagram(net, { busValues: powerFlow(net).buses.map((b) => b.vPu), busValuesLabel: "V (pu)" }))
 */
export function feederDiagram(net: Network, options: FeederDiagramOptions = {}): Figure {
  const { title = `${net.name}: one-line diagram`, layout, busValues, busValuesLabel = "value", highlight, showOpenBranches = true } = options;
  const xy = options.coordinates ?? treeLayout(net, layout);
  if (xy.length !== net.buses.length) throw new ArgumentError("feederDiagram", `expected ${net.buses.length} coordinates, got ${xy.length}`);
  if (busValues !== undefined && busValues.length !== net.buses.length) {
    throw new ArgumentError("feederDiagram", `busValues has ${busValues.length} values, expected ${net.buses.length}`);
  }
  const at = (bus: number) => xy[bus - 1];
  const segments = (branches: Network["branches"]) => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const b of branches) x.push(at(b.fromBus).x, at(b.toBus).x, null), y.push(at(b.fromBus).y, at(b.toBus).y, null);
    return { x, y };
  };
  const data: Partial<Data>[] = [
    { type: "scatter", mode: "lines", name: "branch", ...segments(net.branches), line: { color: "#444", width: 2 }, hoverinfo: "skip" },
  ];
  if (showOpenBranches && net.openBranches.length > 0) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "open tie line",
      ...segments(net.openBranches),
      line: { color: "#999", width: 1, dash: "dash", shape: "spline" },
      hoverinfo: "skip",
    });
  }
  const hover = net.buses.map(
    (b, k) => `bus ${b.bus}<br>${b.pLoadKw} kW + ${b.qLoadKvar} kVAr${busValues ? `<br>${busValuesLabel}: ${busValues[k]}` : ""}`,
  );
  data.push({
    type: "scatter",
    mode: "text+markers",
    name: "bus",
    x: xy.map((c) => c.x),
    y: xy.map((c) => c.y),
    text: net.buses.map((b) => String(b.bus)),
    textposition: "top center",
    hovertext: hover,
    hoverinfo: "text",
    marker: {
      size: 11,
      symbol: net.buses.map((b) => (b.bus === net.slackBus ? "square" : "circle")),
      ...(busValues
        ? { color: Array.from(busValues), colorscale: "RdYlBu", showscale: true, colorbar: { title: { text: busValuesLabel } } }
        : { color: "#1f77b4" }),
      line: { color: "#222", width: 1 },
    },
  });
  if (highlight) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: highlight.label,
      x: highlight.buses.map((b) => at(b).x),
      y: highlight.buses.map((b) => at(b).y),
      marker: { size: 22, symbol: "circle-open", color: "#d62728", line: { width: 3 } },
    });
  }
  return {
    data,
    layout: {
      title: { text: title },
      showlegend: true,
      xaxis: { title: { text: "branches from the substation" }, zeroline: false },
      yaxis: { visible: false, scaleanchor: "x", scaleratio: 1.5 },
      hovermode: "closest",
    },
  };
}

/** A named voltage profile, per bus (bus `b` at `b − 1`). */
export interface VoltageProfileSeries {
  name: string;
  vPu: ArrayLike<number>;
}

/** Options of {@link voltageProfile}. */
export interface VoltageProfileOptions {
  title?: string;
  /** Draw limit lines at these voltages (pu). Default none. */
  vMinPu?: number;
  vMaxPu?: number;
}

/**
 * Voltage magnitude against bus number, for one or more power-flow results.
 * @example show(voltageProfile([{ name: "base", vPu: powerFlow(net).buses.map((b) => b.vPu) }], { vMinPu: 0.95 }))
 */
export function voltageProfile(series: readonly VoltageProfileSeries[] | PowerFlowResult, options: VoltageProfileOptions = {}): Figure {
  const { title = "Voltage profile", vMinPu, vMaxPu } = options;
  const list: readonly VoltageProfileSeries[] = Array.isArray(series)
    ? series
    : [{ name: (series as PowerFlowResult).network, vPu: (series as PowerFlowResult).buses.map((b) => b.vPu) }];
  const shapes = [vMinPu, vMaxPu]
    .filter((v): v is number => v !== undefined)
    .map((v) => ({ type: "line" as const, xref: "paper" as const, x0: 0, x1: 1, y0: v, y1: v, line: { color: "#d62728", dash: "dot" as const } }));
  return {
    data: list.map((s) => ({
      type: "scatter",
      mode: "lines+markers",
      name: s.name,
      x: Array.from({ length: s.vPu.length }, (_, k) => k + 1),
      y: Array.from(s.vPu),
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: "bus" }, dtick: 1 },
      yaxis: { title: { text: "voltage (pu)" } },
      shapes,
    },
  };
}

/** Options of {@link branchLoadingChart}. */
export interface BranchLoadingOptions {
  title?: string;
}

/**
 * Loading of every in-service branch: % of its rating when every branch is rated (with a 100 % line), else the
 * sending-end apparent power in kVA.
 */
export function branchLoadingChart(result: PowerFlowResult, options: BranchLoadingOptions = {}): Figure {
  const { title = "Branch loading" } = options;
  const rated = result.branches.length > 0 && result.branches.every((b) => b.loadingPct !== undefined);
  const y = result.branches.map((b) => (rated ? (b.loadingPct as number) : Math.hypot(b.pFromKw, b.qFromKvar)));
  return {
    data: [
      {
        type: "bar",
        name: rated ? "loading" : "apparent power",
        x: result.branches.map((b) => `${b.fromBus}–${b.toBus}`),
        y,
        hovertext: result.branches.map((b) => `branch ${b.id}: ${b.iA.toFixed(1)} A, loss ${b.lossKw.toFixed(2)} kW`),
        marker: { color: rated ? y.map((v) => (v > 100 ? "#d62728" : "#1f77b4")) : "#1f77b4" },
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "branch (from–to)" }, type: "category" },
      yaxis: { title: { text: rated ? "loading (% of rating)" : "sending-end |S| (kVA)" } },
      shapes: rated ? [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100, line: { color: "#d62728", dash: "dot" } }] : [],
    },
  };
}

/** Options of {@link voltageHeatmap}. */
export interface VoltageHeatmapOptions {
  title?: string;
  /** Labels of the hours (x axis); default 0…H−1. */
  hourLabels?: readonly (string | number)[];
}

/** Voltage magnitude as a bus × hour heatmap from a multi-hour power flow. */
export function voltageHeatmap(series: PowerFlowSeries, options: VoltageHeatmapOptions = {}): Figure {
  const { title = "Voltage (pu) by bus and hour", hourLabels } = options;
  const { hours: H, nBus: N } = series;
  if (hourLabels !== undefined && hourLabels.length !== H) throw new ArgumentError("voltageHeatmap", `hourLabels has ${hourLabels.length} labels, expected ${H}`);
  const z = Array.from({ length: N }, (_, k) => Array.from({ length: H }, (_, h) => series.vPu[h * N + k]));
  return {
    data: [
      {
        type: "heatmap",
        x: hourLabels ? Array.from(hourLabels) : Array.from({ length: H }, (_, h) => h),
        y: Array.from(series.buses),
        z,
        colorscale: "RdYlBu",
        colorbar: { title: { text: "V (pu)" } },
      },
    ],
    layout: { title: { text: title }, xaxis: { title: { text: "hour" } }, yaxis: { title: { text: "bus" }, dtick: 1 } },
  };
}

/** The ratings of the same feeder's branches under several rules (kVA, one bar series per rule). */
export function branchRatingsChart(rated: readonly { label: string; net: Network }[], title = "Branch ratings"): Figure {
  if (rated.length === 0) throw new ArgumentError("branchRatingsChart", "give at least one rated network");
  const names = rated[0].net.branches.map((b) => `${b.fromBus}→${b.toBus}`);
  return {
    data: rated.map(({ label, net }) => ({ type: "bar", name: label, x: names, y: net.branches.map((b) => b.rateKva ?? 0) })),
    layout: { title: { text: title }, barmode: "group", xaxis: { title: { text: "branch" }, type: "category" }, yaxis: { title: { text: "rating (kVA)" } } },
  };
}
