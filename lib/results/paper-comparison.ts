/**
 * The figures the study reports (Luo, Teng & Tan 2023, as given by the article in ../shared/study/) next to ours.
 * The study's values are constants here, with their wording; ours come from a run's KPIs.
 */
import type { PlanRun } from "../decomposition/plan";
import type { PlanningKpis } from "./kpis";

/** What the study reports for its base plan (50 % controllable EVs). */
export const STUDY_FIGURES = {
  sites: [16, 21],
  energyMwh: [2.25, 3.32],
  annualCostMcny: 2.3,
  annualBenefitMcny: 3.46,
  energyPurchaseSavingMcny: 2.67,
  carbonSavingMcny: 0.67,
  upgradeDeferralMcny: 0.12,
  benefitToCostPct: 150,
  carbonReductionPctAt50: 18,
  carbonReductionPctHigh: 30,
  pvUtilizationBasePct: 86,
  pvUtilizationPlanPct: 97,
  bendersIterationsBelow: 30,
} as const;

/** One row of the comparison. */
export interface ComparisonRow {
  figure: string;
  study: string;
  ours: string;
}

const m = (cny: number) => (cny / 1e6).toFixed(2);

/** The study's reported figures next to a run's. */
export function paperComparison(run: PlanRun, kpis: PlanningKpis): ComparisonRow[] {
  const S = STUDY_FIGURES;
  return [
    { figure: "storage sites (bus)", study: S.sites.join(", "), ours: kpis.sites.map((s) => s.bus).join(", ") || "none" },
    { figure: "storage energy (MWh)", study: S.energyMwh.join(", "), ours: kpis.sites.map((s) => (s.energyKwh / 1000).toFixed(2)).join(", ") || "0" },
    { figure: "storage power (MW)", study: "not reported", ours: kpis.sites.map((s) => (s.powerKw / 1000).toFixed(2)).join(", ") || "0" },
    { figure: "annual cost (¥ M)", study: S.annualCostMcny.toFixed(2), ours: m(kpis.annualCostCny) },
    { figure: "annual benefit (¥ M)", study: S.annualBenefitMcny.toFixed(2), ours: m(kpis.annualBenefitCny) },
    { figure: "  energy purchase saving (¥ M)", study: S.energyPurchaseSavingMcny.toFixed(2), ours: m(kpis.benefits.energyPurchaseCny) },
    { figure: "  carbon saving (¥ M)", study: S.carbonSavingMcny.toFixed(2), ours: m(kpis.benefits.carbonCny) },
    { figure: "  upgrade deferral (¥ M)", study: S.upgradeDeferralMcny.toFixed(2), ours: m(kpis.benefits.upgradeDeferralCny) },
    { figure: "benefit / cost", study: `${S.benefitToCostPct} %`, ours: `${kpis.roiPct.toFixed(0)} %` },
    { figure: `carbon reduction at ${(100 * run.case.ev.controllable).toFixed(0)} % EV control`, study: `${S.carbonReductionPctAt50} % (at 50 %)`, ours: `${kpis.carbonReductionPct.toFixed(1)} %` },
    { figure: "PV utilisation, base → plan", study: `≈ ${S.pvUtilizationBasePct} % → > ${S.pvUtilizationPlanPct} %`, ours: `${kpis.pvUtilizationBasePct.toFixed(1)} % → ${kpis.pvUtilizationPct.toFixed(1)} %` },
    { figure: "balance index, base → plan", study: "improves (no value given)", ours: `${kpis.balanceBefore.toFixed(3)} → ${kpis.balanceAfter.toFixed(3)}` },
    { figure: "Benders iterations (gap)", study: `< ${S.bendersIterationsBelow}`, ours: `${run.iterations} (${run.gapPct.toFixed(2)} %, ${run.stop})` },
  ];
}
