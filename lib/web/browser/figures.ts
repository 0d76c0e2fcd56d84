/**
 * The calibration page's four figures (plotly.js, a global set by plotly.min.js): one EV's energy envelope, the station
 * aggregate's envelope and plans, the plans against what the EVs can follow, and the error against the fleet size.
 */
import type { EvStationModel } from "../../model/ev-station";
import type { CalibrationOutcome } from "../run";

interface PlotlyApi {
  react(el: HTMLElement, data: object[], layout: object, config?: object): Promise<unknown>;
}
declare const Plotly: PlotlyApi;

/** Line colour of each aggregate model. */
const COLORS: Record<EvStationModel, string> = { envelope: "#1f77b4", exact: "#d62728", inner: "#2ca02c" };

const hoursAxis = (o: CalibrationOutcome) => o.views.hours.map((h) => o.views.startH + h);
const stepX = (o: CalibrationOutcome) => o.views.hours.slice(0, -1).map((h) => o.views.startH + h + o.report.grid.dtH / 2);
const layout = (title: string, x: string, y: string, extra: object = {}) => ({
  title: { text: title },
  xaxis: { title: { text: x } },
  yaxis: { title: { text: y } },
  margin: { l: 60, r: 20, t: 40, b: 90 },
  legend: { orientation: "h", y: -0.22 },
  ...extra,
});

/** Draws the four figures of an outcome into their boxes (keyed "ev", "aggregate", "follow", "error"). */
export function drawFigures(o: CalibrationOutcome, figs: Record<string, HTMLElement>): Promise<unknown[]> {
  const x = hoursAxis(o);
  const ev = o.views.ev;
  const agg = o.views.aggregate;
  const evData = ev
    ? [
        { x, y: ev.earliestKwh, name: "earliest (charge at once)", mode: "lines", line: { shape: "linear" } },
        { x, y: ev.latestKwh, name: "latest (charge at the end)", mode: "lines", fill: "tonexty" },
      ]
    : [];
  const aggData = agg
    ? [
        { x, y: agg.upperKwh, name: "envelope: earliest", mode: "lines", line: { color: "#999" } },
        { x, y: agg.lowerKwh, name: "envelope: latest", mode: "lines", line: { color: "#999" }, fill: "tonexty", fillcolor: "rgba(150,150,150,0.2)" },
        ...agg.models.map((m) => ({ x, y: m.planKwh, name: `${m.model}: plan`, mode: "lines", line: { color: COLORS[m.model] } })),
      ]
    : [];
  const sx = stepX(o);
  const followData = agg
    ? [
        { x: sx, y: agg.individualKw, name: "every EV scheduled individually", mode: "lines", line: { shape: "hvh", color: "#000", dash: "dot" } },
        ...agg.models.flatMap((m) => [
          { x: sx, y: m.planKw, name: `${m.model}: plan`, mode: "lines", line: { shape: "hvh", color: COLORS[m.model] } },
          { x: sx, y: m.realisedKw, name: `${m.model}: EVs follow`, mode: "lines", line: { shape: "hvh", color: COLORS[m.model], dash: "dash" } },
        ]),
      ]
    : [];
  // Error vs N, one panel per measure (mean and its 10th–90th percentile band over the draws).
  const measures = [
    { key: "nrmse", title: "NRMSE", axis: "y" },
    { key: "mseKw2", title: "MSE, kW²", axis: "y2" },
    { key: "costGapPct", title: "cost gap, %", axis: "y3" },
  ] as const;
  const errData = measures.flatMap((m, k) =>
    o.params.models.map((model) => {
      const rows = o.rows.filter((r) => r.model === model);
      const mean = rows.map((r) => r[m.key]);
      return {
        x: rows.map((r) => r.n),
        y: mean,
        xaxis: "x",
        yaxis: m.axis,
        name: model,
        legendgroup: model,
        showlegend: k === 0,
        mode: "lines+markers",
        line: { color: COLORS[model] },
        error_y: {
          type: "data",
          symmetric: false,
          array: rows.map((r, i) => r[`${m.key}P90`] - mean[i]),
          arrayminus: rows.map((r, i) => mean[i] - r[`${m.key}P10`]),
        },
      };
    }),
  );
  const errLayout = {
    ...layout(`Error vs fleet size (mean, 10th–90th percentile over ${o.params.draws} draws)`, "N (EVs per station)", "NRMSE"),
    height: 720,
    grid: { rows: 3, columns: 1, pattern: "coupled", roworder: "top to bottom" },
    xaxis: { title: { text: "N (EVs per station)" }, type: "log", tickvals: o.params.sizes, ticktext: o.params.sizes.map(String) },
    ...Object.fromEntries(measures.map((m, k) => [k === 0 ? "yaxis" : `yaxis${k + 1}`, { title: { text: m.title }, exponentformat: "e" }])),
    legend: { orientation: "h", y: -0.1 },
  };
  const cfg = { displaylogo: false, responsive: true };
  return Promise.all([
    Plotly.react(figs.ev, evData, layout(ev ? `One EV (${ev.id}): ${ev.energyKwh.toFixed(1)} kWh, ${ev.chargerKw} kW` : "One EV: no flexible EV in the draw", "hour (from the day's midnight)", "energy delivered, kWh"), cfg),
    Plotly.react(figs.aggregate, aggData, layout(agg ? `Station aggregate: ${agg.flexible} flexible EVs of N = ${agg.n}, first draw` : "Station aggregate", "hour (from the day's midnight)", "cumulative energy, kWh"), cfg),
    Plotly.react(figs.follow, followData, layout("Plan vs what the EVs can follow", "hour (from the day's midnight)", "power, kW"), cfg),
    Plotly.react(figs.error, errData, errLayout, cfg),
  ]);
}
