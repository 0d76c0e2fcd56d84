/**
 * The main job's report as one static, offline HTML page (plotly.js embedded once): summary, the case and its
 * typical days, Benders convergence, the plan (map, dispatch, loading, cost/benefit, the study's figures next to
 * ours), the sensitivity sweep, the plan out of sample (VSS, EVPI), verification of every day, and the assumptions
 * (the case README and the case file).
 */
import * as fs from "fs";
import * as path from "path";
import { planningNetwork } from "../model/planning/inputs";
import type { PlanningReport } from "../studies/report";
import { describePeak } from "../results/loading";
import { ArgumentError } from "../util/errors";
import type { Figure } from "./figure";
import { escapeHtml, type HtmlSection, htmlParagraph, htmlTable, pageHtml } from "./html";
import { outOfSampleCostChart, pairedDifferenceChart, stochasticValueChart } from "./out-of-sample";
import { bendersConvergenceChart, caseMap, costBenefitChart, dayDispatchChart, loadingHeatmap, scenarioDaysChart } from "./planning";
import { markdownToHtml } from "./report-markdown";
import { reproductionSection } from "./report-reproduction";
import { sweepCostChart, sweepKpiChart, sweepStorageChart, sweepValueLabel } from "./sensitivity";

const M = (cny: number) => (cny / 1e6).toFixed(3);
const k1 = (cny: number) => (cny / 1000).toFixed(1);

/** Every figure of the report, in page order, with the section it belongs to. */
export function reportFigures(r: PlanningReport): { section: string; figure: Figure }[] {
  const net = planningNetwork(r.run.inputs);
  const c = r.case;
  const figs: { section: string; figure: Figure }[] = [];
  const add = (section: string, figure: Figure) => figs.push({ section, figure });
  add("case", caseMap(net, c));
  add("case", scenarioDaysChart(r.run.inputs.scenarios, c));
  if (r.run.trace.some((t) => Number.isFinite(t.lowerBound))) add("solve", bendersConvergenceChart(r.run.trace));
  add("plan", caseMap(net, c, r.kpis.sites, "The plan: storage built"));
  const sunny = r.run.plan.reduce((a, d) => (d.dispatch.pvAvailKwh > a.dispatch.pvAvailKwh ? d : a));
  const sunnyBase = r.run.base.find((d) => d.dispatch.scenarioId === sunny.dispatch.scenarioId) ?? r.run.base[0];
  add("plan", dayDispatchChart(sunnyBase.dispatch, `Base case on ${sunny.dispatch.scenarioId} (${sunny.dispatch.date}): no storage, EVs uncontrolled`));
  add("plan", dayDispatchChart(sunny.dispatch, `Plan on ${sunny.dispatch.scenarioId} (${sunny.dispatch.date}): storage and ${(100 * c.ev.controllable).toFixed(0)} % controllable EVs`));
  add("plan", loadingHeatmap(net, sunny.dispatch, { label: "base", day: sunnyBase.dispatch }));
  add("plan", costBenefitChart(r.kpis));
  if (r.sweep) {
    add("sweep", sweepStorageChart(r.sweep));
    add("sweep", sweepKpiChart(r.sweep));
    add("sweep", sweepCostChart(r.sweep));
  }
  if (r.outOfSample) {
    add("outOfSample", outOfSampleCostChart(r.outOfSample));
    add("outOfSample", pairedDifferenceChart(r.outOfSample));
    add("outOfSample", stochasticValueChart(r.outOfSample));
  }
  return figs;
}

const para = htmlParagraph;

/** The report's figures of one section, in page order. */
type FiguresOf = (section: string) => Figure[];

/** Summary: the headline figures of the case, the plan and the run, then the settings of every job. */
function summarySection(r: PlanningReport): HtmlSection {
  const { run, kpis, settings } = r;
  const sites = kpis.sites.map((s) => `bus ${s.bus}: ${(s.energyKwh / 1000).toFixed(2)} MWh / ${(s.powerKw / 1000).toFixed(2)} MW`).join("; ") || "no storage";
  const summary = [
    { figure: "case", value: `${r.case.name} (${settings.caseFile ?? "given inputs"})` },
    { figure: "typical days", value: `${run.inputs.scenarios.length}: ${run.inputs.source.scenarios}` },
    { figure: "EV sessions", value: run.inputs.source.sessions },
    { figure: "storage built", value: sites },
    { figure: "annual cost / benefit (¥ M)", value: `${M(kpis.annualCostCny)} / ${M(kpis.annualBenefitCny)} (benefit/cost ${kpis.roiPct.toFixed(0)} %)` },
    { figure: "carbon reduction", value: `${kpis.carbonReductionPct.toFixed(2)} % (${kpis.carbonBasis})` },
    { figure: "PV utilisation, base → plan", value: `${kpis.pvUtilizationBasePct.toFixed(1)} % → ${kpis.pvUtilizationPct.toFixed(1)} %` },
    { figure: "balance index, base → plan", value: `${kpis.balanceBefore.toFixed(4)} → ${kpis.balanceAfter.toFixed(4)} (level ${kpis.loadingBase.balance.level.toFixed(3)} → ${kpis.loadingPlan.balance.level.toFixed(3)}, spread over hours ${kpis.loadingBase.balance.temporal.toFixed(3)} → ${kpis.loadingPlan.balance.temporal.toFixed(3)}, over branches ${kpis.loadingBase.balance.spatial.toFixed(3)} → ${kpis.loadingPlan.balance.spatial.toFixed(3)})` },
    { figure: "largest branch loading, base → plan", value: `${kpis.loadingBase.peak.ratio.toFixed(2)} → ${kpis.loadingPlan.peak.ratio.toFixed(2)} × rating (plan: ${describePeak(kpis.loadingPlan.peak)}); ${kpis.loadingPlan.overloadHoursPerYear.toFixed(0)} branch-hours a year above rating; ratings ${r.case.network.lineLimits ? "enforced" : "not enforced"}` },
    { figure: "solution", value: `${run.method}, ${run.iterations} iterations, stopped on ${run.stop}, gap ${run.gapPct.toFixed(3)} %, ${run.seconds.toFixed(0)} s, ${run.workers} workers` },
    { figure: "run time (s)", value: `plan ${r.seconds.plan.toFixed(0)}, sweep ${r.seconds.sweep.toFixed(0)}, out of sample ${r.seconds.outOfSample.toFixed(0)}, total ${r.seconds.total.toFixed(0)}` },
  ];
  const sets = [
    { setting: "main plan", value: `K = ${settings.k} typical days, at most ${settings.maxIterations} Benders iterations, gap target ${(100 * settings.gapTol).toFixed(2)} %, workers ${settings.workers}` },
    { setting: "sweep", value: settings.sweep ? `${settings.sweep.parameter} ∈ {${settings.sweep.values.join(", ")}}, K = ${settings.sweep.k}, at most ${settings.sweep.maxIterations} iterations per run` : "not run" },
    { setting: "out of sample", value: settings.outOfSample ? `${settings.outOfSample.heldOutDays} held-out days; wait-and-see plans on the typical days: ${settings.outOfSample.evpiInSample ? "yes" : "no"}, on ${settings.outOfSample.evpiHeldOutDays} held-out days; one-day plans by ${settings.outOfSample.dayPlanMethod}` : "not run" },
  ];
  return { title: "Summary", html: para(`Generated ${r.generatedAt}.`) + htmlTable(summary) + "<h3>Settings</h3>" + htmlTable(sets) };
}

/** The plan: the sites built, the annual cost and benefits, and the study's figures next to ours. */
function planSection(r: PlanningReport, of: FiguresOf): HtmlSection {
  const { kpis } = r;
  return {
    title: "The plan",
    html:
      htmlTable(kpis.sites.map((s) => ({ bus: s.bus, energyKwh: s.energyKwh, powerKw: s.powerKw, durationH: s.durationH }))) +
      htmlTable([
        { item: "annualised storage cost (¥ M/yr)", value: M(kpis.annualCostCny) },
        { item: "energy purchase saving (¥ M/yr)", value: M(kpis.benefits.energyPurchaseCny) },
        { item: "carbon saving (¥ M/yr)", value: M(kpis.benefits.carbonCny) },
        { item: "upgrade deferral (¥ M/yr)", value: M(kpis.benefits.upgradeDeferralCny) },
        { item: "energy bought, base → plan (MWh/yr)", value: `${kpis.base.energyBoughtMwh.toFixed(0)} → ${kpis.plan.energyBoughtMwh.toFixed(0)}` },
        { item: "carbon, base → plan (t/yr)", value: `${kpis.base.carbonT.toFixed(0)} → ${kpis.plan.carbonT.toFixed(0)}` },
      ]) +
      "<h3>The study's figures next to ours</h3>" +
      htmlTable(r.comparison),
    figures: of("plan"),
  };
}

/** Sensitivity: one row per value of the swept parameter (a whole planning run each), and the study's claims. */
function sweepSection(r: PlanningReport, sw: NonNullable<PlanningReport["sweep"]>, of: FiguresOf): HtmlSection {
  const { settings } = r;
  return {
    title: `Sensitivity: ${sw.parameter.label}`,
    html:
      para(`Each value is a whole planning run (${settings.sweep ? `K = ${settings.sweep.k}, at most ${settings.sweep.maxIterations} iterations` : ""}); the typical days and EV fleets are the same in every run.`) +
      htmlTable(
        sw.rows.map((q) => ({
          [sw.parameter.name]: sweepValueLabel(sw, q.value),
          sites: q.sites.map((s) => `${s.bus}: ${(s.energyKwh / 1000).toFixed(2)} MWh`).join("; ") || "none",
          totalEnergyKwh: Math.round(q.totalEnergyKwh),
          carbonReductionPct: q.carbonReductionPct,
          pvUtilizationPct: q.pvUtilizationPct,
          annualCostCny: Math.round(q.annualCostCny),
          annualBenefitCny: Math.round(q.annualBenefitCny),
          balanceAfter: q.balanceAfter,
          gapPct: q.gapPct,
        })),
      ) +
      (r.claims ? "<h3>The study's claims next to ours</h3>" + htmlTable(r.claims) : ""),
    figures: of("sweep"),
  };
}

/** The out-of-sample quantities: RP, EEV, VSS, WS and EVPI on the typical and held-out days, and the mean-value plan. */
function outOfSampleTable(r: PlanningReport, o: NonNullable<PlanningReport["outOfSample"]>): string {
  const [st, mv] = o.heldOut.plans;
  return htmlTable([
    { quantity: "RP: x* on the typical days (¥ M/yr)", value: M(o.inSample.rpCny) },
    { quantity: "EEV: x̄ on the typical days (¥ M/yr)", value: M(o.inSample.eevCny) },
    { quantity: "VSS on the typical days (¥ k/yr)", value: k1(o.inSample.vssCny) },
    { quantity: "WS on the typical days (¥ M/yr)", value: o.inSample.wsCny === undefined ? "not computed" : M(o.inSample.wsCny) },
    { quantity: "EVPI on the typical days (¥ k/yr)", value: o.inSample.evpiCny === undefined ? "not computed" : `${k1(o.inSample.evpiCny)} (exact value in [${k1(o.inSample.evpiIntervalCny![0])}, ${k1(o.inSample.evpiIntervalCny![1])}])` },
    { quantity: `x* on ${st.days.length} held-out days (¥ M/yr)`, value: M(st.annualCny) },
    { quantity: "x̄ on the held-out days (¥ M/yr)", value: M(mv.annualCny) },
    { quantity: "VSS on the held-out days (¥ k/yr)", value: `${k1(o.heldOut.vss.meanCny)} ± ${k1(o.heldOut.vss.standardErrorCny)}` },
    { quantity: "EVPI on held-out days (¥ k/yr)", value: o.heldOut.evpi ? `${k1(o.heldOut.evpi.meanCny)} ± ${k1(o.heldOut.evpi.standardErrorCny)} (${o.heldOut.evpi.n} days)` : "not computed" },
    { quantity: "daily cost of x* on held-out days: mean, std, 5–95 % (¥ k)", value: `${k1(st.stats.mean)}, ${k1(st.stats.std)}, ${k1(st.stats.p05)}–${k1(st.stats.p95)}` },
    { quantity: "mean-value plan x̄", value: `${mv.x.eKwh.map((e, j) => (mv.x.built[j] ? `bus ${r.case.storage.candidates[j]}: ${(e / 1000).toFixed(2)} MWh` : "")).filter(Boolean).join("; ") || "no storage"} (on the mean day ${M(o.meanValue.annualCny)} M¥/yr, gap ${o.meanValue.gapPct.toFixed(2)} % after ${o.meanValue.iterations} iterations)` },
  ]);
}

/** The wait-and-see plan of each typical day with its EVPI term, under a heading; empty when none were made. */
function waitAndSeeTable(o: NonNullable<PlanningReport["outOfSample"]>): string {
  return o.inSample.waitAndSee
    ? "<h3>Wait-and-see plans per typical day</h3>" +
        htmlTable(
          o.inSample.waitAndSee.map((p, d) => ({
            day: p.scenarioId,
            date: p.date,
            probability: p.probability,
            planMWh: (p.x.eKwh.reduce((a, b) => a + b, 0) / 1000).toFixed(2),
            bestPlan: p.from,
            bestAnnualCny: Math.round(p.annualCny),
            ownAnnualCny: Math.round(p.ownAnnualCny),
            lowerBoundCny: Math.round(p.lowerBoundCny),
            evpiTermCny: Math.round(o.inSample.evpiPerDayCny![d]),
          })),
        )
    : "";
}

/** Out of sample: the definitions of VSS and EVPI, their values, and the wait-and-see plans. */
function outOfSampleSection(r: PlanningReport, o: NonNullable<PlanningReport["outOfSample"]>, of: FiguresOf): HtmlSection {
  return {
    title: "Out of sample: value of the stochastic solution and of perfect information",
    html:
      para(
        "A_d(x) = F(x) + 365 Q_d(x) is the annual cost of plan x if every day were like day d. On the typical days: RP = Σ p_d A_d(x*), EEV = Σ p_d A_d(x̄) for the plan x̄ made on the year's mean day, VSS = EEV − RP, WS = Σ p_d min_x A_d(x), EVPI = RP − WS. On the held-out days (days of the year that are not typical days, equal weights) the same quantities are means of paired daily differences, ± one standard error.",
      ) +
      outOfSampleTable(r, o) +
      waitAndSeeTable(o),
    figures: of("outOfSample"),
  };
}

/** Verification: the Benders gap, cone gaps, burnt energy, the AC re-check and unserved energy, then every day's row. */
function verificationSection(r: PlanningReport): HtmlSection {
  const { run, kpis } = r;
  const v = kpis.verification;
  return {
    title: "Verification",
    html:
      para(`Benders gap ${v.gapPct.toFixed(3)} % (stopped on ${run.stop}); largest cone gap ${v.coneGapMaxPu2.toExponential(2)} pu²; energy burnt in storage ${v.storageBurntKwh.toExponential(2)} kWh; AC power-flow re-check of every day: largest voltage difference ${v.acVMaxDiffPu.toExponential(2)} pu, loss difference ${v.acLossDiffPct.toFixed(4)} %; unserved energy ${kpis.plan.unservedMwh.toFixed(3)} MWh/yr.`) +
      htmlTable(r.verification, 3),
  };
}

/** Assumptions: the case README (or a note that there is none) and the case file as text. */
function assumptionsSection(r: PlanningReport): HtmlSection {
  return {
    title: "Assumptions",
    html: (r.caseReadme ? markdownToHtml(r.caseReadme) : para("No case README was found beside the case file.")) + "<h3>The case file</h3>" + `<pre>${escapeHtml(r.caseText)}</pre>`,
  };
}

/** The report's sections (figures and tables). */
export function reportSections(r: PlanningReport): HtmlSection[] {
  const figs = reportFigures(r);
  const of: FiguresOf = (section) => figs.filter((f) => f.section === section).map((f) => f.figure);
  const { run } = r;
  const sections: HtmlSection[] = [
    summarySection(r),
    { title: "The case and its typical days", html: para("PV plants, EV stations and storage candidates on the feeder; the typical days (K-Medoids) with their probabilities."), figures: of("case") },
  ];
  if (of("solve").length > 0) sections.push({ title: "Solve: Benders bounds", html: para(`Lower and upper bounds of the annual cost per iteration; stopped on ${run.stop} at a gap of ${run.gapPct.toFixed(3)} %.`), figures: of("solve") });
  sections.push(planSection(r, of));
  if (r.sweep) sections.push(sweepSection(r, r.sweep, of));
  if (r.outOfSample) sections.push(outOfSampleSection(r, r.outOfSample, of));
  sections.push(reproductionSection(r), verificationSection(r), assumptionsSection(r));
  return sections;
}

/** The report as a complete HTML page. */
export function reportHtml(r: PlanningReport): string {
  return pageHtml(reportSections(r), { title: r.title, css: "pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:12px}table.md td,table.md th{text-align:left}td{font-variant-numeric:tabular-nums;text-align:left}" });
}

/**
 * Writes `index.html` (the page) and `report.json` (every number of the report except the per-hour dispatch) into
 * `dir`, creating it. Returns both paths.
 */
export function writeReport(dir: string, r: PlanningReport): { html: string; json: string } {
  if (!dir) throw new ArgumentError("writeReport", "dir must be a non-empty path");
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const html = path.join(abs, "index.html");
  const json = path.join(abs, "report.json");
  fs.writeFileSync(html, reportHtml(r));
  const { run, ...rest } = r;
  const lean = {
    ...rest,
    run: { method: run.method, x: run.x, objective: run.objective, lowerBound: run.lowerBound, upperBound: run.upperBound, gapPct: run.gapPct, iterations: run.iterations, stop: run.stop, seconds: run.seconds, workers: run.workers, trace: run.trace, source: run.inputs.source },
    kpis: { ...r.kpis },
  };
  fs.writeFileSync(json, JSON.stringify(lean, null, 2));
  return { html, json };
}
