/**
 * The study's claims about EV control (Luo, Teng & Tan 2023, as the article in ../shared/study/ reports them) next
 * to what a controllable-share sweep measures: storage rises slightly with control; carbon falls 18 % at 50 %
 * control and about 30 % at higher control; PV utilisation rises from about 86 % to above 97 %.
 * The "agrees" column applies a stated rule per claim, so the verdict is reproducible.
 */
import { STUDY_FIGURES } from "../results/paper-comparison";
import type { PlanningKpis } from "../results/kpis";
import type { SweepResult } from "./sensitivity";

/** One claim of the study and our measurement. */
export interface ClaimRow {
  claim: string;
  study: string;
  ours: string;
  /** "yes" or "no (…)", by the rule in `rule`. */
  agrees: string;
  rule: string;
}

const pct = (v: number) => `${v.toFixed(1)} %`;

/**
 * The claims table of a controllable-share sweep.
 * @param result a sweep whose parameter is "controllable".
 * @param reference KPIs of the reference plan (for PV utilisation; default: the sweep row at the value nearest 0.5).
 */
export function sweepClaims(result: SweepResult, reference?: Pick<PlanningKpis, "pvUtilizationBasePct" | "pvUtilizationPct">): ClaimRow[] {
  const S = STUDY_FIGURES;
  const rows = [...result.rows].sort((a, b) => a.value - b.value);
  const nearest = (v: number) => rows.reduce((a, r) => (Math.abs(r.value - v) < Math.abs(a.value - v) ? r : a));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const share = (v: number) => `${(100 * v).toFixed(0)} %`;
  const change = first.totalEnergyKwh > 0 ? (100 * (last.totalEnergyKwh - first.totalEnergyKwh)) / first.totalEnergyKwh : last.totalEnergyKwh > 0 ? Infinity : 0;
  const storageAgrees = change > 0 && change <= 25 ? "yes" : change > 25 ? `no (rises by ${change.toFixed(0)} %)` : change === 0 ? "no (unchanged)" : `no (falls by ${(-change).toFixed(0)} %)`;
  const mid = nearest(0.5);
  const high = last;
  const within = (ours: number, study: number) => (Math.abs(ours - study) <= 3 ? "yes" : `no (${(ours - study).toFixed(1)} points)`);
  const ref = reference ?? mid;
  const pvBase = ref.pvUtilizationBasePct;
  const pvPlan = "pvUtilizationPct" in ref ? ref.pvUtilizationPct : mid.pvUtilizationPct;
  return [
    {
      claim: "storage energy rises slightly with EV control",
      study: "rises slightly",
      ours: rows.map((r) => `${share(r.value)}: ${(r.totalEnergyKwh / 1000).toFixed(2)} MWh`).join("; "),
      agrees: storageAgrees,
      rule: `total energy at ${share(last.value)} vs ${share(first.value)}: yes when it rises by 0–25 %`,
    },
    {
      claim: `carbon reduction at ${share(mid.value)} EV control`,
      study: `${S.carbonReductionPctAt50} % (at 50 %)`,
      ours: pct(mid.carbonReductionPct),
      agrees: within(mid.carbonReductionPct, S.carbonReductionPctAt50),
      rule: "yes within 3 percentage points",
    },
    {
      claim: `carbon reduction at high EV control (${share(high.value)})`,
      study: `≈ ${S.carbonReductionPctHigh} %`,
      ours: pct(high.carbonReductionPct),
      agrees: within(high.carbonReductionPct, S.carbonReductionPctHigh),
      rule: "yes within 3 percentage points",
    },
    {
      claim: "PV utilisation, base → plan",
      study: `≈ ${S.pvUtilizationBasePct} % → > ${S.pvUtilizationPlanPct} %`,
      ours: `${pct(pvBase)} → ${pct(pvPlan)}`,
      agrees: Math.abs(pvBase - S.pvUtilizationBasePct) <= 2 && pvPlan > S.pvUtilizationPlanPct ? "yes" : "no",
      rule: `yes when the base is within 2 points of ${S.pvUtilizationBasePct} % and the plan above ${S.pvUtilizationPlanPct} %`,
    },
  ];
}
