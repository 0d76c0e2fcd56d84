/**
 * Figures of EV charging records (notebook 01): the cleaning report, arrival/departure distributions, energy vs
 * dwell, sessions per day and per station-day, populations compared, generator samples over the real data. They
 * read cleaning reports, sessions and profile tables only.
 */
import type { Data, Layout } from "plotly.js";
import type { CleanReport } from "../clean/clean";
import type { SessionProfile } from "../clean/profile";
import type { SessionHistograms } from "../clean/profile-histograms";
import type { HourShareRow } from "../clean/profile-hours";
import type { DailyCountRow, StationDayDistribution } from "../clean/profile-station-days";
import { CLEAN_RULE_NAMES } from "../clean/rules";
import { type ChargingSession, dwellHours } from "../io/session";
import { ArgumentError } from "../util/errors";
import type { Figure } from "./figure";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/** A stable colour per population name (residential, acn, workplace first). */
export function populationColor(name: string, index = 0): string {
  const known: Record<string, string> = { residential: PALETTE[0], acn: PALETTE[1], workplace: PALETTE[2] };
  const base = name.replace(/[- ](syn|synthetic|generator).*$/i, "");
  return known[base] ?? PALETTE[index % PALETTE.length];
}

/** Options of {@link cleaningReportFigure}. */
export interface CleaningReportFigureOptions {
  title?: string;
  /** Show rules that rejected nothing in every data set. Default false. */
  showZeroRules?: boolean;
  /** Logarithmic count axis (zeros then vanish). Default false. */
  logY?: boolean;
}

/**
 * Bar chart of rejected rows by rule, one bar group per rule and one colour per data set, counts written on bars.
 * @param reports cleaning report per data set name.
 */
export function cleaningReportFigure(reports: Record<string, CleanReport>, options: CleaningReportFigureOptions = {}): Figure {
  const { title = "Rows rejected, by the first rule they fail", showZeroRules = false, logY = false } = options;
  const names = Object.keys(reports);
  const rules = CLEAN_RULE_NAMES.filter((r) => showZeroRules || names.some((n) => reports[n].rejected[r] > 0));
  const data: Partial<Data>[] = names.map((n, i) => ({
    type: "bar",
    name: `${n} (${reports[n].rowsIn - reports[n].rowsKept} of ${reports[n].rowsIn})`,
    x: rules,
    y: rules.map((r) => reports[n].rejected[r]),
    text: rules.map((r) => String(reports[n].rejected[r])),
    textposition: "outside",
    marker: { color: populationColor(n, i) },
  }));
  return {
    data,
    layout: { title: { text: title }, barmode: "group", xaxis: { title: { text: "rule" } }, yaxis: { title: { text: "rows rejected" }, type: logY ? "log" : "linear" } },
  };
}

/** One line of {@link hourDistributionFigure}. */
export interface HourSeries {
  name: string;
  rows: readonly HourShareRow[];
  /** Dashed line (e.g. synthetic or departures). */
  dash?: boolean;
  color?: string;
}

/** Share of sessions per local hour of day, one line per series. */
export function hourDistributionFigure(series: readonly HourSeries[], options: { title?: string; xTitle?: string } = {}): Figure {
  const { title = "Sessions by local hour of day", xTitle = "local hour of day" } = options;
  const data: Partial<Data>[] = series.map((s, i) => ({
    type: "scatter",
    mode: "lines+markers",
    name: s.name,
    x: s.rows.map((r) => r.hour + 0.5),
    y: s.rows.map((r) => r.share),
    line: { shape: "hvh", dash: s.dash ? "dash" : "solid", color: s.color ?? populationColor(s.name, i) },
    marker: { size: 4 },
  }));
  return {
    data,
    layout: { title: { text: title }, xaxis: { title: { text: xTitle }, range: [0, 24], dtick: 3 }, yaxis: { title: { text: "share of sessions" }, tickformat: ".0%" } },
  };
}

/** A population's sessions for {@link energyDwellScatterFigure}. */
export interface SessionGroup {
  name: string;
  sessions: readonly ChargingSession[];
}

/**
 * Energy delivered against connection time, one colour per population. Large populations are thinned to
 * `maxPoints` by taking every k-th session (deterministic). The line E = P × dwell shows each population's top
 * charger rating.
 */
export function energyDwellScatterFigure(groups: readonly SessionGroup[], options: { title?: string; maxPoints?: number } = {}): Figure {
  const { title = "Energy vs connection time", maxPoints = 2500 } = options;
  const data: Partial<Data>[] = [];
  groups.forEach((g, i) => {
    const step = Math.max(1, Math.ceil(g.sessions.length / maxPoints));
    const pts = g.sessions.filter((_, k) => k % step === 0);
    const color = populationColor(g.name, i);
    data.push({
      type: "scattergl",
      mode: "markers",
      name: `${g.name}${step > 1 ? ` (1 in ${step})` : ""}`,
      x: pts.map(dwellHours),
      y: pts.map((s) => s.energyKwh),
      marker: { size: 4, opacity: 0.45, color },
    } as Partial<Data>);
    const kw = g.sessions.reduce((m, s) => Math.max(m, s.chargerKw ?? 0), 0);
    if (kw > 0 && kw <= 22) {
      const maxE = g.sessions.reduce((m, s) => Math.max(m, s.energyKwh), 0);
      data.push({ type: "scatter", mode: "lines", name: `${g.name}: ${kw} kW × dwell`, x: [0, maxE / kw], y: [0, maxE], line: { color, dash: "dot", width: 1 } });
    }
  });
  return { data, layout: { title: { text: title }, xaxis: { title: { text: "connection time (h)" } }, yaxis: { title: { text: "energy (kWh)" } } } };
}

/** Daily session counts of one population for {@link sessionsPerDayFigure}. */
export interface DailySeries {
  name: string;
  rows: readonly DailyCountRow[];
}

/** Sessions per local day, one stacked panel per population (their date ranges differ); weekends marked. */
export function sessionsPerDayFigure(series: readonly DailySeries[], options: { title?: string } = {}): Figure {
  const { title = "Sessions per day" } = options;
  if (series.length === 0) throw new ArgumentError("sessionsPerDayFigure", "no series given");
  const n = series.length;
  const gap = 0.06;
  const h = (1 - gap * (n - 1)) / n;
  const data: Partial<Data>[] = [];
  const layout: Partial<Layout> = { title: { text: title }, height: 240 * n + 80, showlegend: true };
  const lay = layout as Record<string, unknown>;
  series.forEach((s, i) => {
    const ax = i === 0 ? "" : String(i + 1);
    const color = populationColor(s.name, i);
    const top = 1 - i * (h + gap);
    data.push({ type: "bar", name: s.name, x: s.rows.map((r) => r.date), y: s.rows.map((r) => r.sessions), marker: { color }, xaxis: `x${ax}`, yaxis: `y${ax}` } as Partial<Data>);
    const we = s.rows.filter((r) => r.dayType === "weekend");
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${s.name}: weekend`,
      x: we.map((r) => r.date),
      y: we.map((r) => r.sessions),
      marker: { color: "#222", size: 3 },
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
    } as Partial<Data>);
    lay[`xaxis${ax}`] = { type: "date", anchor: `y${ax}` };
    lay[`yaxis${ax}`] = { domain: [Math.max(0, top - h), top], title: { text: `${s.name}<br>sessions` }, anchor: `x${ax}` };
  });
  return { data, layout };
}

/** Distribution of sessions per station-day, bars per population. */
export function stationDayFigure(series: ReadonlyArray<{ name: string; distribution: StationDayDistribution }>, options: { title?: string } = {}): Figure {
  const { title = "Sessions per station-day" } = options;
  const data: Partial<Data>[] = series.map((s, i) => ({
    type: "bar",
    name: `${s.name} (mean ${s.distribution.mean.toFixed(2)})`,
    x: s.distribution.rows.map((r) => r.sessions),
    y: s.distribution.rows.map((r) => r.share),
    marker: { color: populationColor(s.name, i) },
  }));
  return {
    data,
    layout: { title: { text: title }, barmode: "group", xaxis: { title: { text: "sessions starting at a station on a day" }, dtick: 1 }, yaxis: { title: { text: "share of station-days" }, tickformat: ".0%" } },
  };
}

/**
 * The populations side by side: dwell and energy as box plots from their profiles (box = quartiles, whiskers =
 * 10th and 90th percentiles, line = median, dashed = mean).
 */
export function populationComparisonFigure(profiles: readonly SessionProfile[], options: { title?: string } = {}): Figure {
  const { title = "Populations compared (box: quartiles; whiskers: 10th–90th percentile)" } = options;
  const data: Partial<Data>[] = [];
  profiles.forEach((p, i) => {
    const color = populationColor(p.population, i);
    for (const [key, axis] of [
      ["dwellH", ""],
      ["energyKwh", "2"],
    ] as const) {
      const d = p[key];
      data.push({
        type: "box",
        name: p.population,
        x: [p.population],
        q1: [d.p25],
        median: [d.median],
        q3: [d.p75],
        lowerfence: [d.p10],
        upperfence: [d.p90],
        mean: [d.mean],
        boxmean: true,
        marker: { color },
        showlegend: axis === "",
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
      } as unknown as Partial<Data>);
    }
  });
  return {
    data,
    layout: {
      title: { text: title },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      yaxis: { title: { text: "connection time (h)" } },
      yaxis2: { title: { text: "energy (kWh)" } },
    } as Partial<Layout>,
  };
}

/**
 * The generator's samples over the real distributions of one population: arrival hour, dwell and energy, real as
 * bars and synthetic as a line, in three panels.
 */
export function generatorOverlayFigure(real: SessionHistograms, synthetic: SessionHistograms, options: { title?: string; population?: string } = {}): Figure {
  const { population = "population", title = `${population}: generator samples (line) over the cleaned real data (bars)` } = options;
  const color = populationColor(population);
  const panels: Array<[string, "arrival" | "dwell" | "energy", string]> = [
    ["", "arrival", "arrival hour"],
    ["2", "dwell", "connection time (h)"],
    ["3", "energy", "energy (kWh)"],
  ];
  const data: Partial<Data>[] = [];
  for (const [ax, key, label] of panels) {
    const mid = (t: SessionHistograms) =>
      key === "arrival" ? t.arrival.map((r) => r.hour + 0.5) : t[key].map((r) => (r.from + r.to) / 2);
    const share = (t: SessionHistograms) => (key === "arrival" ? t.arrival.map((r) => r.share) : t[key].map((r) => r.share));
    data.push({ type: "bar", name: `real: ${label}`, x: mid(real), y: share(real), marker: { color, opacity: 0.55 }, xaxis: `x${ax}`, yaxis: `y${ax}`, showlegend: ax === "" } as Partial<Data>);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `synthetic: ${label}`,
      x: mid(synthetic),
      y: share(synthetic),
      line: { color: "#222", width: 2 },
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      showlegend: ax === "",
    } as Partial<Data>);
  }
  return {
    data,
    layout: {
      title: { text: title },
      grid: { rows: 1, columns: 3, pattern: "independent" },
      xaxis: { title: { text: "arrival hour" } },
      xaxis2: { title: { text: "connection time (h)" } },
      xaxis3: { title: { text: "energy (kWh)" } },
      yaxis: { title: { text: "share" }, tickformat: ".0%" },
      bargap: 0.05,
    } as Partial<Layout>,
  };
}
