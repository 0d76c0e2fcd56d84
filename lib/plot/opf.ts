/**
 * Figures of a DistFlow OPF result: bus × hour voltage heatmap, branch × hour loading heatmap, PV available vs
 * dispatched, and the cone methods side by side. They read results only.
 */
import type { OpfResult } from "../solve/opf";
import { type Figure, LOADING_COLOR_SCALE } from "./figure";

/** Bus × hour heatmap of the OPF voltages (pu). */
export function opfVoltageHeatmap(res: OpfResult, title = "Voltage magnitude (pu), bus × hour"): Figure {
  const buses = res.problem.net.buses.map((b) => b.bus);
  return {
    data: [
      {
        type: "heatmap",
        x: res.problem.hours,
        y: buses,
        z: buses.map((_, k) => res.vPu.map((row) => row[k])),
        colorscale: "RdBu",
        colorbar: { title: { text: "pu" } },
        hovertemplate: "hour %{x}, bus %{y}: %{z:.4f} pu<extra></extra>",
      },
    ],
    layout: { title: { text: title }, xaxis: { title: { text: "hour" } }, yaxis: { title: { text: "bus" }, autorange: "reversed" }, height: 520 },
  };
}

/**
 * Branch × hour heatmap of the branch currents in per cent of each branch's rating (when the network has ratings),
 * else in pu.
 */
export function opfLoadingHeatmap(res: OpfResult, title?: string): Figure {
  const net = res.problem.net;
  const hours = res.problem.hours;
  const rated = net.branches.every((b) => b.rateKva !== undefined && b.rateKva > 0);
  const baseKva = 1000 * net.baseMva;
  const byKey = new Map(res.resBranch.map((r) => [`${r.branch}|${r.hour}`, r]));
  const z = net.branches.map((b) =>
    hours.map((t) => {
      const i = byKey.get(`${b.id}|${t}`)!.iPu;
      return rated ? (100 * i * baseKva) / b.rateKva! : i;
    }),
  );
  return {
    data: [
      {
        type: "heatmap",
        x: hours,
        y: net.branches.map((b) => `${b.fromBus}→${b.toBus}`),
        z,
        ...LOADING_COLOR_SCALE,
        colorbar: { title: { text: rated ? "% of rating" : "|I| pu" } },
      },
    ],
    layout: {
      title: { text: title ?? (rated ? "Branch loading (% of rating), branch × hour" : "Branch current |I| (pu), branch × hour") },
      xaxis: { title: { text: "hour" } },
      yaxis: { title: { text: "branch" }, autorange: "reversed", type: "category" },
      height: 560,
    },
  };
}

/** Available vs dispatched PV per site and hour (kW). `availableKw[site][hour]` as given to the OPF. */
export function pvDispatchChart(res: OpfResult, availableKw: readonly (readonly number[])[], siteLabels?: readonly string[]): Figure {
  const hours = res.problem.hours;
  const data: Figure["data"] = [];
  res.pvKw.forEach((series, i) => {
    const label = siteLabels?.[i] ?? `PV ${i + 1}`;
    data.push({ type: "scatter", mode: "lines", x: hours, y: availableKw[i] as number[], name: `${label} available`, line: { dash: "dot" } });
    data.push({ type: "scatter", mode: "lines", x: hours, y: series, name: `${label} dispatched` });
  });
  return { data, layout: { title: { text: "PV available vs dispatched (kW)" }, xaxis: { title: { text: "hour" } }, yaxis: { title: { text: "kW" } } } };
}

/** One row of a cone-method comparison. */
export interface ConeMethodRow {
  method: string;
  seconds: number;
  coneGapMaxPu2: number;
  lossDiffKw: number;
  vMaxDiffPu: number;
}

/** Time and accuracy of cone methods side by side (log scales). */
export function coneMethodsChart(rows: readonly ConeMethodRow[]): Figure {
  const x = rows.map((r) => r.method);
  return {
    data: [
      { type: "bar", x, y: rows.map((r) => r.seconds), name: "time (s)", xaxis: "x", yaxis: "y" },
      { type: "bar", x, y: rows.map((r) => r.coneGapMaxPu2), name: "max cone gap (pu²)", xaxis: "x2", yaxis: "y2" },
      { type: "bar", x, y: rows.map((r) => r.lossDiffKw), name: "|loss − AC| (kW)", xaxis: "x2", yaxis: "y2" },
      { type: "bar", x, y: rows.map((r) => r.vMaxDiffPu), name: "|V − V_AC| (pu)", xaxis: "x2", yaxis: "y2" },
    ],
    layout: {
      title: { text: "Cone methods: time and accuracy" },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      yaxis: { title: { text: "seconds" } },
      yaxis2: { type: "log", title: { text: "error (log scale)" } },
      barmode: "group",
    },
  };
}
