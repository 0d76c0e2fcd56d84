/**
 * The open assumptions of the study — what the article does not publish and our paper case had to choose — each with
 * the bounds a reproduction searches and why, how a value changes a case, and the distance from a plan's figures to
 * the study's table (Luo, Teng & Tan 2023, lib/results/paper-comparison.ts).
 *
 * A candidate is a whole case: its values applied to the paper case give a case file that `evsp plan --config`
 * plans like any other (ratings follow the PV it hosts, fleets are drawn for its stations).
 *
 * The distance is a sum of dimensionless terms, each 0 when our figure equals the study's:
 *   sites      |{16, 21} \ our sites| / 2                      (0, ½ or 1)
 *   energy     |E − 5570 kWh| / 5570 kWh                       (total storage energy)
 *   cost       |C − ¥2.30 M| / ¥2.30 M                         (annual cost)
 *   benefit    |B − ¥3.46 M| / ¥3.46 M                         (annual benefit)
 *   carbon     |c − 18 %| / 18 %                               (carbon reduction at 50 % EV control)
 *   pv         |u₀ − 86 %| / 86 % + max(0, 97 % − u) / 97 %    (PV use: base case near 86 %, plan above 97 %)
 * with equal weights: no figure of the table counts more than another.
 */
import * as fs from "fs";
import { casePath } from "../cases/read-case";
import { type PlanningCase, validatePlanningCase } from "../model/planning/case";
import { STUDY_FIGURES } from "../results/paper-comparison";
import type { PlanningKpis } from "../results/kpis";
import { ArgumentError } from "../util/errors";
import { CASE_CHANGES } from "./sensitivity";

/** One open assumption: its bounds and how a value changes the case. */
export interface Assumption {
  name: string;
  label: string;
  unit: string;
  /** The paper case's value and the bounds searched; `integer`: whole values only (a choice between layouts). */
  paper: number;
  low: number;
  high: number;
  integer?: boolean;
  /** Why these bounds. */
  bounds: string;
  apply(c: PlanningCase, value: number): PlanningCase;
}

const scaled = (c: PlanningCase, v: number) => c.pv.map((p) => ({ ...p, capacityKw: Math.round(p.capacityKw * v) }));

/** The co-located layout (PV at 16 and 21, EV at 12, 16 and 21) of data/cases/paper-ieee33-colocated.json. */
function colocatedLayout(): Pick<PlanningCase, "pv"> & { stations: PlanningCase["ev"]["stations"] } {
  const co = validatePlanningCase(JSON.parse(fs.readFileSync(casePath("paper-ieee33-colocated"), "utf8")));
  return { pv: co.pv, stations: co.ev.stations };
}

/**
 * The assumptions searched for a case (placement only on IEEE-33, where the study's layout is known), in the order
 * they apply: placement first (it replaces the PV list), then the scales.
 */
export function reproductionAssumptions(c: PlanningCase): Assumption[] {
  const list = [...feederAssumptions(c), ...priceAssumptions(c)];
  return c.network.case === "ieee33" ? [placementAssumption(), ...list] : list;
}

/** What the feeder hosts: PV, export, EVs. */
function feederAssumptions(c: PlanningCase): Assumption[] {
  return [
    {
      name: "pvScale",
      label: "PV capacity",
      unit: "× case",
      paper: 1,
      low: 0.7,
      high: 2,
      bounds: "The study does not publish its PV capacity. 0.7–2 × the paper case's 4.36 MW spans 3.1–8.7 MW on a 3.7 MW feeder, from little curtailment to more PV than any hour's load.",
      apply: (x, v) => ({ ...x, pv: scaled(x, v) }),
    },
    {
      name: "maxExportKw",
      label: "export limit",
      unit: "kW",
      paper: c.network.maxExportKw ?? 0,
      low: 0,
      high: 2000,
      bounds: "0 (no back-feed, the paper case) to 2 MW (about half the feeder's peak) back into the upstream grid.",
      apply: (x, v) => ({ ...x, network: { ...x.network, maxExportKw: v } }),
    },
    {
      name: "evScale",
      label: "EV fleet size",
      unit: "× case",
      paper: 1,
      low: 0.5,
      high: 3,
      bounds: "100–600 EVs at the three stations (the paper case: 200); the study's fleet sizes are not given, only that aggregation is exact above about 50 EVs per station.",
      apply: (x, v) => ({ ...x, ev: { ...x.ev, stations: x.ev.stations.map((s) => ({ ...s, evCount: Math.max(1, Math.round(s.evCount * v)) })) } }),
    },
  ];
}

/** What energy, carbon, balance and storage cost. */
function priceAssumptions(c: PlanningCase): Assumption[] {
  const mean = c.prices.touCnyPerKwh.reduce((a, b) => a + b, 0) / 24;
  return [
    {
      name: "touSpread",
      label: "tariff spread",
      unit: "× case",
      paper: 1,
      low: 0.5,
      high: 1.5,
      bounds: "Each hour's price moved away from the daily mean by this factor (1: peak/valley 3.5; 1.5: about 8, as in provinces with deep valley prices; 0.5: 1.7).",
      apply: (x, v) => ({ ...x, prices: { ...x.prices, touCnyPerKwh: x.prices.touCnyPerKwh.map((p) => Math.max(0.05, mean + v * (p - mean))) } }),
    },
    {
      name: "carbonPrice",
      label: "carbon price",
      unit: "¥/tCO₂",
      paper: c.carbon.priceCnyPerT,
      low: 40,
      high: 300,
      bounds: "China's ETS range in 2021–2024 (¥40–100/t) up to an EU-like ¥300/t (≈ €40/t).",
      apply: CASE_CHANGES.carbonPrice,
    },
    {
      name: "balanceWeight",
      label: "balance weight",
      unit: "¥/day",
      paper: c.balance.weightCnyPerDay,
      low: 0,
      high: 100000,
      bounds: "From cost alone to 50 × the paper case's weight (then the balance term is worth about half the daily energy bill); the study does not publish its weights.",
      apply: CASE_CHANGES.balanceWeight,
    },
    {
      name: "storageCostScale",
      label: "storage cost",
      unit: "× case",
      paper: 1,
      low: 0.5,
      high: 1.5,
      bounds: "Grid-side LFP system prices of 2021–2024 (≈ ¥0.6–1.8/Wh) around the paper case's ¥1.2/Wh.",
      apply: CASE_CHANGES.storageCostScale,
    },
  ];
}

/** Where PV and EV sit on IEEE-33: the paper case's spread, or co-located as the article describes the study's. */
function placementAssumption(): Assumption {
  let co: ReturnType<typeof colocatedLayout> | undefined;
  return {
    name: "placement",
    label: "PV and EV placement",
    unit: "0 spread, 1 co-located",
    paper: 0,
    low: 0,
    high: 1,
    integer: true,
    bounds: "0: the paper case's plants at 16, 21, 25, 32 and stations at 12, 21, 29; 1: co-located on the feeders of 16 and 21 (paper-ieee33-colocated.json), as the article describes the study's sites.",
    apply: (x, v) => {
      if (v === 0) return x;
      co ??= colocatedLayout();
      return { ...x, pv: co.pv, ev: { ...x.ev, stations: co.stations } };
    },
  };
}

/** Values of the assumptions, by name. */
export type AssumptionValues = Record<string, number>;

/** The paper case's values. */
export function paperValues(assumptions: readonly Assumption[]): AssumptionValues {
  return Object.fromEntries(assumptions.map((a) => [a.name, a.paper]));
}

/**
 * The case at `values` (names not given keep the paper value), named after them and validated.
 * @throws ArgumentError for an unknown name or a value outside its bounds.
 */
export function caseAt(c: PlanningCase, assumptions: readonly Assumption[], values: AssumptionValues, name = `${c.name}-candidate`): PlanningCase {
  for (const key of Object.keys(values)) if (!assumptions.some((a) => a.name === key)) throw new ArgumentError("caseAt", `unknown assumption "${key}"`, { field: key });
  let out = c;
  for (const a of assumptions) {
    const v = values[a.name] ?? a.paper;
    if (!(v >= a.low - 1e-12 && v <= a.high + 1e-12) || (a.integer && !Number.isInteger(v))) throw new ArgumentError("caseAt", `${a.name} = ${v} is outside ${a.low}…${a.high}${a.integer ? " (whole values)" : ""}`, { field: a.name });
    out = a.apply(out, v);
  }
  const changed = assumptions.filter((a) => (values[a.name] ?? a.paper) !== a.paper).map((a) => `${a.name} ${+(values[a.name] as number).toPrecision(4)}`);
  return validatePlanningCase({ ...out, name, description: `${c.description} Assumptions changed: ${changed.join(", ") || "none"}.` });
}

/** The figures of one plan that the distance compares. */
export interface PlanFigures {
  sites: number[];
  energyKwh: number;
  annualCostCny: number;
  annualBenefitCny: number;
  carbonReductionPct: number;
  pvUtilizationPct: number;
  pvUtilizationBasePct: number;
}

/** A plan's figures from its KPIs. */
export function planFigures(k: PlanningKpis): PlanFigures {
  return {
    sites: k.sites.map((s) => s.bus),
    energyKwh: k.sites.reduce((a, s) => a + s.energyKwh, 0),
    annualCostCny: k.annualCostCny,
    annualBenefitCny: k.annualBenefitCny,
    carbonReductionPct: k.carbonReductionPct,
    pvUtilizationPct: k.pvUtilizationPct,
    pvUtilizationBasePct: k.pvUtilizationBasePct,
  };
}

/** The study's figures in the same shape (PV use: the base case's ≈ 86 % and the plan's threshold 97 %). */
export const STUDY_PLAN_FIGURES: PlanFigures = {
  sites: [...STUDY_FIGURES.sites],
  energyKwh: 1000 * STUDY_FIGURES.energyMwh.reduce((a, b) => a + b, 0),
  annualCostCny: 1e6 * STUDY_FIGURES.annualCostMcny,
  annualBenefitCny: 1e6 * STUDY_FIGURES.annualBenefitMcny,
  carbonReductionPct: STUDY_FIGURES.carbonReductionPctAt50,
  pvUtilizationPct: STUDY_FIGURES.pvUtilizationPlanPct,
  pvUtilizationBasePct: STUDY_FIGURES.pvUtilizationBasePct,
};

/** The distance's terms (see the module doc), each 0 at the study's figure. */
export type DistanceTerms = Record<"sites" | "energy" | "cost" | "benefit" | "carbon" | "pv", number>;

/** The terms of the distance from `f` to the study's figures. */
export function distanceTerms(f: PlanFigures, s: PlanFigures = STUDY_PLAN_FIGURES): DistanceTerms {
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  return {
    sites: s.sites.filter((b) => !f.sites.includes(b)).length / s.sites.length,
    energy: rel(f.energyKwh, s.energyKwh),
    cost: rel(f.annualCostCny, s.annualCostCny),
    benefit: rel(f.annualBenefitCny, s.annualBenefitCny),
    carbon: rel(f.carbonReductionPct, s.carbonReductionPct),
    pv: rel(f.pvUtilizationBasePct, s.pvUtilizationBasePct) + Math.max(0, s.pvUtilizationPct - f.pvUtilizationPct) / s.pvUtilizationPct,
  };
}

/** The distance: the sum of the terms. */
export function distanceOf(terms: DistanceTerms): number {
  return Object.values(terms).reduce((a, b) => a + b, 0);
}
