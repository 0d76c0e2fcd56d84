/**
 * One planning run summarised, the one record of a plan everywhere it is printed or compared: `evsp plan --json`
 * prints it, each row of a sweep is one (with the swept value), the report's JSON holds it. Each quantity has one
 * name here — the name planningKpis gives it — so a field means the same in every output.
 */
import type { PlanRun } from "../decomposition/plan";
import { planningKpis, type PlanningKpis, type SiteRow } from "./kpis";
import { describePeak } from "./loading";

/** Storage built at one bus (a KPI site row without its duration). */
export type SiteSize = Omit<SiteRow, "durationH">;

/** The summary of a planning run ({@link planSummary}). */
export interface PlanSummary {
  /** The case's name, and how it was solved. */
  case: string;
  method: PlanRun["method"];
  /** Storage built, site by site and in total. */
  sites: SiteSize[];
  totalEnergyKwh: number;
  totalPowerKw: number;
  /** Annual cost of the plan (the upper bound for Benders), ¥/year; the lower bound; their gap (%). */
  objectiveCny: number;
  lowerBoundCny: number;
  upperBoundCny: number;
  gapPct: number;
  iterations: number;
  /** Why the solve stopped. */
  stop: PlanRun["stop"];
  /** Why nothing is built, when nothing is. */
  noStorageReason?: string;
  workers: number;
  /** Number of typical days. */
  scenarios: number;
  /** The KPIs against the base case (planningKpis). */
  annualCostCny: number;
  annualBenefitCny: number;
  roiPct: number;
  carbonReductionPct: number;
  /** How carbon is counted (PlanningKpis.carbonBasis). */
  carbonBasis: string;
  pvUtilizationPct: number;
  pvUtilizationBasePct: number;
  balanceBefore: number;
  balanceAfter: number;
  /** The largest branch loading |I| / Ī of the base case and of the plan (1 = at rating), where the plan's is, and the plan's branch-hours above rating per year. */
  maxLoadingBase: number;
  maxLoadingPlan: number;
  maxLoadingPlanAt: string;
  overloadHoursPerYear: number;
  /** How the plan's days were verified: cone gap, energy burnt, AC re-check, unserved energy (MWh/year). */
  coneGapMaxPu2: number;
  storageBurntKwh: number;
  acVMaxDiffPu: number;
  acLossDiffPct: number;
  unservedMwh: number;
  /** Where the days and the EV sessions came from. */
  sources: { scenarios: string; sessions: string };
  /** Wall-clock seconds (the only fields that change between two runs of the same case). */
  timing: { seconds: number; subproblemSeconds: number; masterSeconds: number };
}

/** The summary of a run (its KPIs computed when not given). */
export function planSummary(run: PlanRun, kpis: PlanningKpis = planningKpis(run)): PlanSummary {
  const v = kpis.verification;
  return {
    case: run.case.name,
    method: run.method,
    sites: kpis.sites.map((s) => ({ bus: s.bus, energyKwh: s.energyKwh, powerKw: s.powerKw })),
    totalEnergyKwh: kpis.sites.reduce((a, s) => a + s.energyKwh, 0),
    totalPowerKw: kpis.sites.reduce((a, s) => a + s.powerKw, 0),
    objectiveCny: run.objective,
    lowerBoundCny: run.lowerBound,
    upperBoundCny: run.upperBound,
    gapPct: run.gapPct,
    iterations: run.iterations,
    stop: run.stop,
    ...(run.noStorageReason !== undefined ? { noStorageReason: run.noStorageReason } : {}),
    workers: run.workers,
    scenarios: run.inputs.scenarios.length,
    annualCostCny: kpis.annualCostCny,
    annualBenefitCny: kpis.annualBenefitCny,
    roiPct: kpis.roiPct,
    carbonReductionPct: kpis.carbonReductionPct,
    carbonBasis: kpis.carbonBasis,
    pvUtilizationPct: kpis.pvUtilizationPct,
    pvUtilizationBasePct: kpis.pvUtilizationBasePct,
    balanceBefore: kpis.balanceBefore,
    balanceAfter: kpis.balanceAfter,
    maxLoadingBase: kpis.loadingBase.peak.ratio,
    maxLoadingPlan: kpis.loadingPlan.peak.ratio,
    maxLoadingPlanAt: describePeak(kpis.loadingPlan.peak),
    overloadHoursPerYear: kpis.loadingPlan.overloadHoursPerYear,
    coneGapMaxPu2: v.coneGapMaxPu2,
    storageBurntKwh: v.storageBurntKwh,
    acVMaxDiffPu: v.acVMaxDiffPu,
    acLossDiffPct: v.acLossDiffPct,
    unservedMwh: kpis.plan.unservedMwh,
    sources: { scenarios: run.inputs.source.scenarios, sessions: run.inputs.source.sessions },
    timing: {
      seconds: run.seconds,
      subproblemSeconds: run.trace.reduce((a, t) => a + t.subproblemSeconds, 0),
      masterSeconds: run.trace.reduce((a, t) => a + t.masterSeconds, 0),
    },
  };
}
