/**
 * Figures of a plan judged out of sample: the distribution of daily operating costs on held-out days (here-and-now
 * plan against the mean-value plan, typical days marked), the paired difference day by day through the year, and
 * the value of the stochastic solution and of perfect information with their standard errors.
 */
import type { Data } from "plotly.js";
import type { OutOfSampleResult } from "../studies/out-of-sample";
import type { Figure } from "./figure";

const K = 1000;

/** Histograms of Q_d (¥ thousand per day) on the held-out days for x* and x̄; the typical days' Q_s(x*) as ticks. */
export function outOfSampleCostChart(r: OutOfSampleResult): Figure {
  const [st, mv] = r.heldOut.plans;
  const typical = r.inSample.plans[0].days;
  const all = [...st.days, ...mv.days].map((d) => d.dailyCny / K);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const size = hi > lo ? (hi - lo) / 30 : 1;
  const hist = (name: string, y: number[], color: string): Partial<Data> => ({
    type: "histogram",
    name,
    x: y,
    opacity: 0.6,
    marker: { color },
    xbins: { start: lo - size / 2, end: hi + size / 2, size },
  });
  return {
    data: [
      hist(`${st.label} (${st.days.length} held-out days)`, st.days.map((d) => d.dailyCny / K), "#1f77b4"),
      hist(mv.label, mv.days.map((d) => d.dailyCny / K), "#ff7f0e"),
      {
        type: "scatter",
        mode: "markers",
        name: "typical days (x*)",
        x: typical.map((d) => d.dailyCny / K),
        y: typical.map(() => 0),
        text: typical.map((d) => `${d.scenarioId} ${d.date}: p = ${d.probability.toFixed(3)}`),
        marker: { symbol: "line-ns-open", size: 18, color: "#d62728", line: { width: 2 } },
      },
    ],
    layout: {
      title: { text: "Daily operating cost on held-out days" },
      barmode: "overlay",
      xaxis: { title: { text: "¥ thousand per day" } },
      yaxis: { title: { text: "days" } },
    },
  };
}

/** Per held-out day, A_d(x̄) − A_d(x*) (¥ thousand per year) against the date. */
export function pairedDifferenceChart(r: OutOfSampleResult): Figure {
  const [st, mv] = r.heldOut.plans;
  const y = st.days.map((d, i) => (mv.firstStageCny + 365 * mv.days[i].dailyCny - (st.firstStageCny + 365 * d.dailyCny)) / K);
  return {
    data: [
      { type: "scatter", mode: "markers", name: "A_d(x̄) − A_d(x*)", x: st.days.map((d) => d.date), y, marker: { color: "#9467bd", size: 6 } },
      { type: "scatter", mode: "lines", name: `mean ${(r.heldOut.vss.meanCny / K).toFixed(1)}`, x: [st.days[0].date, st.days[st.days.length - 1].date], y: [r.heldOut.vss.meanCny / K, r.heldOut.vss.meanCny / K], line: { color: "#333", dash: "dash" } },
    ],
    layout: {
      title: { text: "Mean-value plan minus stochastic plan, day by day (annual cost if every day were like it)" },
      xaxis: { title: { text: "held-out day" } },
      yaxis: { title: { text: "¥ thousand / year" } },
    },
  };
}

/** VSS and EVPI (¥ thousand per year) on the typical days and on the held-out days, held-out ones ± 1 standard error. */
export function stochasticValueChart(r: OutOfSampleResult): Figure {
  const bars: { label: string; value: number; se: number; color: string }[] = [
    { label: "VSS, typical days", value: r.inSample.vssCny, se: 0, color: "#1f77b4" },
    { label: `VSS, ${r.heldOut.vss.n} held-out days`, value: r.heldOut.vss.meanCny, se: r.heldOut.vss.standardErrorCny, color: "#aec7e8" },
  ];
  if (r.inSample.evpiCny !== undefined) bars.push({ label: "EVPI, typical days", value: r.inSample.evpiCny, se: 0, color: "#2ca02c" });
  if (r.heldOut.evpi) bars.push({ label: `EVPI, ${r.heldOut.evpi.n} held-out days`, value: r.heldOut.evpi.meanCny, se: r.heldOut.evpi.standardErrorCny, color: "#98df8a" });
  return {
    data: [
      {
        type: "bar",
        x: bars.map((b) => b.label),
        y: bars.map((b) => b.value / K),
        marker: { color: bars.map((b) => b.color) },
        error_y: { type: "data", array: bars.map((b) => b.se / K), visible: true },
        name: "¥ thousand / year",
      },
    ],
    layout: {
      title: { text: "Value of the stochastic solution and of perfect information" },
      yaxis: { title: { text: "¥ thousand / year" } },
      showlegend: false,
    },
  };
}
