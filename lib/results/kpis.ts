/**
 * Planning KPIs from a run: annual cost of the storage, benefits against the base case (energy purchase, carbon,
 * upgrade deferral), ROI, PV utilisation, carbon reduction, balance index before/after, and how the run was
 * verified (cone gaps, energy burnt, AC re-check). Annual figures are 365 × the probability-weighted typical days.
 */
import type { CheckedDay, PlanRun } from "../decomposition/plan";
import { DAYS_PER_YEAR } from "../decomposition/master";
import { annualFirstStageCost, capexOf } from "../model/planning/first-stage";
import { carbonBasis } from "../model/planning/case";
import { planningNetwork } from "../model/planning/inputs";
import { loadingFigures, type LoadingFigures } from "./loading";

/** One built storage site. */
export interface SiteRow {
  bus: number;
  energyKwh: number;
  powerKw: number;
  /** Energy/power ratio, hours. */
  durationH: number;
}

/** Annual figures of a set of days. */
export interface AnnualFigures {
  energyCostCny: number;
  carbonCostCny: number;
  energyBoughtMwh: number;
  carbonT: number;
  pvAvailMwh: number;
  pvUsedMwh: number;
  pvUtilizationPct: number;
  lossMwh: number;
  storageLossMwh: number;
  unservedMwh: number;
  /** Largest and probability-weighted mean daily peak import, kW. */
  peakImportKw: number;
  expectedPeakKw: number;
  /** Expected balance index. */
  balance: number;
  operatingCostCny: number;
}

/** The KPIs of a planning run. */
export interface PlanningKpis {
  sites: SiteRow[];
  capexCny: number;
  /** Annualised storage investment and O&M, ¥/year. */
  annualCostCny: number;
  /** Energy purchase + carbon + upgrade deferral savings against the base case, ¥/year. */
  annualBenefitCny: number;
  benefits: { energyPurchaseCny: number; carbonCny: number; upgradeDeferralCny: number };
  /** Benefit / cost × 100 (the study's "return": 3.46 / 2.30 = 150 %). */
  roiPct: number;
  netBenefitCny: number;
  carbonReductionPct: number;
  /** How carbon is counted (case carbon: the constant average factor, or hourly average or marginal factors). */
  carbonBasis: string;
  pvUtilizationPct: number;
  pvUtilizationBasePct: number;
  balanceBefore: number;
  balanceAfter: number;
  /** Branch loading of the base case and of the plan: the largest |I| / Ī, hours above rating, B taken apart. */
  loadingBase: LoadingFigures;
  loadingPlan: LoadingFigures;
  base: AnnualFigures;
  plan: AnnualFigures;
  verification: {
    coneGapMaxPu2: number;
    storageBurntKwh: number;
    acVMaxDiffPu: number;
    acLossDiffPct: number;
    gapPct: number;
  };
}

/** Annual figures of days (365 × probability-weighted sums). */
export function annualFigures(days: readonly CheckedDay[]): AnnualFigures {
  const w = (f: (d: CheckedDay["dispatch"]) => number) => DAYS_PER_YEAR * days.reduce((a, d) => a + d.dispatch.probability * f(d.dispatch), 0);
  const pvAvailMwh = w((d) => d.pvAvailKwh) / 1000;
  const pvUsedMwh = w((d) => d.pvUsedKwh) / 1000;
  return {
    energyCostCny: w((d) => d.costParts.energy),
    carbonCostCny: w((d) => d.costParts.carbon),
    energyBoughtMwh: w((d) => d.energyBoughtKwh) / 1000,
    carbonT: w((d) => d.carbonT),
    pvAvailMwh,
    pvUsedMwh,
    pvUtilizationPct: pvAvailMwh > 0 ? (100 * pvUsedMwh) / pvAvailMwh : 100,
    lossMwh: w((d) => d.lossKwh) / 1000,
    storageLossMwh: w((d) => d.storageLossKwh) / 1000,
    unservedMwh: w((d) => d.unservedKwh) / 1000,
    peakImportKw: Math.max(...days.map((d) => d.dispatch.peakImportKw)),
    expectedPeakKw: days.reduce((a, d) => a + d.dispatch.probability * d.dispatch.peakImportKw, 0),
    balance: days.reduce((a, d) => a + d.dispatch.probability * d.dispatch.balance, 0),
    operatingCostCny: w((d) => d.costCny),
  };
}

/** The KPIs of a run. */
export function planningKpis(run: PlanRun): PlanningKpis {
  const c = run.case;
  const sites: SiteRow[] = c.storage.candidates
    .map((bus, j) => ({ bus, energyKwh: run.x.eKwh[j], powerKw: run.x.pKw[j], durationH: run.x.pKw[j] > 0 ? run.x.eKwh[j] / run.x.pKw[j] : 0 }))
    .filter((s, j) => run.x.built[j] && s.energyKwh > 1e-3);
  const base = annualFigures(run.base);
  const plan = annualFigures(run.plan);
  const annualCostCny = annualFirstStageCost(c, run.x);
  const benefits = {
    energyPurchaseCny: base.energyCostCny - plan.energyCostCny,
    carbonCny: base.carbonCostCny - plan.carbonCostCny,
    upgradeDeferralCny: (base.peakImportKw - plan.peakImportKw) * c.upgrade.costCnyPerKwYear,
  };
  const annualBenefitCny = benefits.energyPurchaseCny + benefits.carbonCny + benefits.upgradeDeferralCny;
  const all = run.plan;
  const branches = planningNetwork(run.inputs).branches;
  return {
    sites,
    capexCny: capexOf(c, run.x),
    annualCostCny,
    annualBenefitCny,
    benefits,
    roiPct: annualCostCny > 0 ? (100 * annualBenefitCny) / annualCostCny : 0,
    netBenefitCny: annualBenefitCny - annualCostCny,
    carbonReductionPct: base.carbonT > 0 ? (100 * (base.carbonT - plan.carbonT)) / base.carbonT : 0,
    carbonBasis: carbonBasis(c),
    pvUtilizationPct: plan.pvUtilizationPct,
    pvUtilizationBasePct: base.pvUtilizationPct,
    balanceBefore: base.balance,
    balanceAfter: plan.balance,
    loadingBase: loadingFigures(run.base, branches),
    loadingPlan: loadingFigures(run.plan, branches),
    base,
    plan,
    verification: {
      coneGapMaxPu2: Math.max(...all.map((d) => Math.max(d.dispatch.coneGapBranchPu2, d.dispatch.coneGapStoragePu2))),
      storageBurntKwh: Math.max(...all.map((d) => d.dispatch.storageBurntKwh)),
      acVMaxDiffPu: Math.max(...all.map((d) => d.acCheck.vMaxDiffPu)),
      acLossDiffPct: Math.max(...all.map((d) => d.acCheck.lossDiffPct)),
      gapPct: run.gapPct,
    },
  };
}
