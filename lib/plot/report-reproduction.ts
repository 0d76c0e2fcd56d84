/**
 * The report's "Reproducing the study" section: the plan's branch loading under the case's ratings (thermal limits),
 * its balance index taken apart and the year's peak, and — when the report was given one (`evsp report
 * --reproduction reproduce.json`) — the assumption search's result: the study's figures next to the paper case's and
 * the closest case's, what the bounds reach, the closest case's values, a tornado and the controllable sweeps.
 */
import type { PlanningReport } from "../studies/report";
import { describePeak } from "../results/loading";
import { type HtmlSection, htmlParagraph as para, htmlTable } from "./html";
import { reproduceTables, studySweepChart, studyTornadoChart } from "./reproduce";

/** The section (its search part only when the report holds a search's result). */
export function reproductionSection(r: PlanningReport): HtmlSection {
  const { kpis, case: c } = r;
  const lb = kpis.loadingBase;
  const lp = kpis.loadingPlan;
  const limits = htmlTable([
    { item: "ratings", value: c.network.ratings === "peakLoadAndPv" ? `${c.network.ratingFactor} × peak-load flow, at least the PV's current at no load` : `${c.network.ratingFactor} × peak-load flow` },
    { item: "enforced", value: c.network.lineLimits ? "yes (every hour of every day)" : "no" },
    { item: "largest loading, base case", value: describePeak(lb.peak) },
    { item: "largest loading, plan", value: describePeak(lp.peak) },
    { item: "branch-hours above rating a year, base → plan", value: `${lb.overloadHoursPerYear.toFixed(0)} → ${lp.overloadHoursPerYear.toFixed(0)}` },
    { item: "balance index B, base → plan", value: `${lb.balance.index.toFixed(4)} → ${lp.balance.index.toFixed(4)}` },
    { item: "  level (mean loading)²", value: `${lb.balance.level.toFixed(4)} → ${lp.balance.level.toFixed(4)}` },
    { item: "  spread over hours", value: `${lb.balance.temporal.toFixed(4)} → ${lp.balance.temporal.toFixed(4)}` },
    { item: "  spread over branches", value: `${lb.balance.spatial.toFixed(4)} → ${lp.balance.spatial.toFixed(4)}` },
    { item: "year's peak import, base → plan (kW)", value: `${kpis.base.peakImportKw.toFixed(0)} → ${kpis.plan.peakImportKw.toFixed(0)} (deferral ¥${(kpis.benefits.upgradeDeferralCny / 1000).toFixed(0)} k/yr)` },
  ]);
  const intro = para(
    "What separates our figures from the study's, and which assumptions would close the gap (data/cases/README.md: \"Thermal limits\", \"The balance objective's effect\"; evsp balance compares plans at several balance weights).",
  );
  const s = r.reproduction;
  if (!s) {
    return {
      title: "Reproducing the study",
      html: intro + limits + para("No assumption search in this report: run evsp reproduce --out DIR (23 minutes on two cores at the case's typical days), then evsp report --reproduction DIR/reproduce.json."),
    };
  }
  const t = reproduceTables(s);
  return {
    title: "Reproducing the study",
    html: intro + limits + "<h3>The assumption search</h3>" + t.search + t.figures + "<h3>What the bounds reach</h3>" + t.reach + "<h3>The closest case</h3>" + t.values,
    figures: [studyTornadoChart(s, "carbonReductionPct"), studyTornadoChart(s, "distance"), studySweepChart(s)],
  };
}
