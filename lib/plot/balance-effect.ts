/**
 * Figures of the balance objective's effect (lib/studies/balance-effect.ts): the expected branch × hour loading of
 * the base case and of each plan side by side, the feeder head's loading by hour (where new peaks show), and the
 * balance index taken apart into level, spread over hours and spread over branches.
 */
import type { Data, Layout } from "plotly.js";
import type { BalanceEffectResult, BalanceEffectRow } from "../studies/balance-effect";
import { type Figure, LOADING_COLOR_SCALE } from "./figure";
import { htmlTable, pageHtml } from "./html";

const HOURS = Array.from({ length: 24 }, (_, t) => t);

/** "cost only" for weight 0, else "balance ¥2000/day". */
export function balanceWeightLabel(weightCnyPerDay: number): string {
  return weightCnyPerDay === 0 ? "cost only" : `balance ¥${+weightCnyPerDay.toPrecision(4)}/day`;
}

/** The base case (of the first plan) and every plan's expected loading, one heatmap each, on one colour scale. */
export function balanceEffectHeatmaps(result: BalanceEffectResult): Figure {
  const panels: { label: string; z: number[][] }[] = [
    { label: "base case", z: result.rows[0].expectedLoading.base },
    ...result.rows.map((r) => ({ label: balanceWeightLabel(r.weightCnyPerDay), z: r.expectedLoading.plan })),
  ];
  const zmax = Math.max(...panels.flatMap((p) => p.z.flat()));
  const axis = (k: number) => (k === 0 ? "" : String(k + 1));
  const data: Partial<Data>[] = panels.map((p, k) => ({
    type: "heatmap",
    name: p.label,
    x: HOURS,
    y: result.branches,
    // rows: branches, columns: hours
    z: result.branches.map((_, e) => HOURS.map((t) => p.z[t][e])),
    zmin: 0,
    zmax,
    ...LOADING_COLOR_SCALE,
    xaxis: `x${axis(k)}`,
    yaxis: `y${axis(k)}`,
    showscale: k === panels.length - 1,
    colorbar: { title: { text: "|I| / Ī" } },
  }));
  const layout: Partial<Layout> = {
    title: { text: `Expected branch loading: ${panels.map((p) => p.label).join(" | ")}` },
    grid: { rows: 1, columns: panels.length, pattern: "independent" },
    height: 620,
  };
  const axes = layout as Record<string, unknown>;
  panels.forEach((p, k) => {
    axes[`xaxis${axis(k)}`] = { title: { text: `hour (${p.label})` } };
    axes[`yaxis${axis(k)}`] = { type: "category", autorange: "reversed", showticklabels: k === 0, ...(k === 0 ? { title: { text: "branch" } } : {}) };
  });
  return { data, layout };
}

/** The feeder head's expected loading by hour: base case and each plan. */
export function headLoadingChart(result: BalanceEffectResult): Figure {
  const line = (name: string, z: number[][], dash?: "dot"): Partial<Data> => ({ type: "scatter", mode: "lines+markers", name, x: HOURS, y: HOURS.map((t) => z[t][0]), ...(dash ? { line: { dash } } : {}) });
  return {
    data: [line("base case", result.rows[0].expectedLoading.base, "dot"), ...result.rows.map((r) => line(balanceWeightLabel(r.weightCnyPerDay), r.expectedLoading.plan))],
    layout: {
      title: { text: `Loading of the feeder head (branch ${result.branches[0]}) by hour, expected over the typical days` },
      xaxis: { title: { text: "hour" }, dtick: 2 },
      yaxis: { title: { text: "|I| / Ī" }, rangemode: "tozero" },
    },
  };
}

/** The balance index of the base case and of each plan, stacked: level + spread over hours + spread over branches. */
export function balancePartsChart(result: BalanceEffectResult): Figure {
  const cases: { label: string; parts: BalanceEffectRow["balance"]["base"] }[] = [
    { label: "base case", parts: result.rows[0].balance.base },
    ...result.rows.map((r) => ({ label: balanceWeightLabel(r.weightCnyPerDay), parts: r.balance.plan })),
  ];
  const bar = (name: string, key: "level" | "temporal" | "spatial"): Partial<Data> => ({ type: "bar", name, x: cases.map((c) => c.label), y: cases.map((c) => c.parts[key]) });
  return {
    data: [bar("level (mean loading)²", "level"), bar("spread over hours", "temporal"), bar("spread over branches", "spatial")],
    layout: { title: { text: "Balance index B = level + spread over hours + spread over branches" }, barmode: "stack", yaxis: { title: { text: "B" } }, xaxis: { type: "category" } },
  };
}

/** The comparison as one offline page: a table of the plans, then the three figures. */
export function balanceEffectHtml(result: BalanceEffectResult): string {
  const table = htmlTable(
    result.rows.map((r) => ({
      plan: balanceWeightLabel(r.weightCnyPerDay),
      storage: r.summary.sites.map((s) => `bus ${s.bus} ${(s.energyKwh / 1000).toFixed(2)} MWh`).join(", ") || "none",
      "cost without balance (¥ M/yr)": (r.costWithoutBalanceCny / 1e6).toFixed(3),
      "B base → plan": `${r.balance.base.index.toFixed(3)} → ${r.balance.plan.index.toFixed(3)}`,
      "peak import base → plan (kW)": `${r.peakImport.baseKw.toFixed(0)} → ${r.peakImport.planKw.toFixed(0)} (${r.peakImport.planHour}:00)`,
      "upgrade deferral (¥ k/yr)": (r.upgradeDeferralCny / 1e3).toFixed(0),
      "new-peak branch-hours / yr": r.newPeakHoursPerYear.toFixed(0),
    })),
  );
  return pageHtml([{ title: "Plans", html: table }, { figures: [balanceEffectHeatmaps(result), headLoadingChart(result), balancePartsChart(result)] }], {
    title: `evsp balance: ${result.case}`,
  });
}
