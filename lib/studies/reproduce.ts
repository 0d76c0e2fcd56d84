/**
 * Which assumptions would give the study's figures, and are they plausible? A seeded search over the open
 * assumptions (lib/studies/reproduce-assumptions.ts: their bounds, how each changes the case, the distance) for the
 * case whose plan is closest to the study's table:
 *
 *   1. the paper case;
 *   2. a tornado: each assumption at its low and its high bound, the others at the paper case's values;
 *   3. `evaluations` seeded random cases, every assumption drawn uniformly within its bounds;
 *   4. `refine` steps of a coordinate search from the closest so far (± a quarter of each range, halved after a
 *      round without progress).
 *
 * Every candidate is a whole case planned from scratch (its own ratings, fleets and base case). The closest case is
 * then swept over the controllable EV share (the study's "storage rises slightly with control" and carbon at high
 * control), as is the paper case. Each figure's nearest value over every case planned says whether the bounds reach
 * the study's figure at all. The planner is injectable (tests use a known function of the values).
 */
import { runPlan } from "../decomposition/plan";
import type { Workers } from "../decomposition/evaluator";
import { REPORT_DEFAULTS } from "../decomposition/defaults";
import type { PlanningCase } from "../model/planning/case";
import { planningInputs } from "../cases/inputs";
import { planningKpis } from "../results/kpis";
import { ArgumentError, EvspError } from "../util/errors";
import { createRng } from "../util/random";
import {
  type Assumption, type AssumptionValues, caseAt, distanceOf, distanceTerms, type DistanceTerms, paperValues, planFigures, type PlanFigures,
  reproductionAssumptions, STUDY_PLAN_FIGURES,
} from "./reproduce-assumptions";

/** What planning one case gives the search. */
export interface CaseOutcome {
  figures: PlanFigures;
  gapPct: number;
  stop: string;
  seconds: number;
}

/** Plans a case (at K typical days) and returns its figures. */
export type CasePlanner = (c: PlanningCase) => Promise<CaseOutcome>;

/** Options of {@link reproduce}. */
export interface ReproduceOptions {
  /** Typical days of every plan. Default: the case's. */
  k?: number;
  /** Random cases after the tornado. Default 8. */
  evaluations?: number;
  /** Coordinate-search steps after them. Default 8. */
  refine?: number;
  seed?: number;
  /** Only these assumptions (names); the others stay at the paper case's values. Default: all. */
  assumptions?: string[];
  /** Controllable shares of the two sweeps. Default REPORT_DEFAULTS.sweepValues (0, 0.2, 0.5, 0.8). */
  sweepValues?: number[];
  workers?: Workers;
  /** Benders settings of every plan. Default REPORT_DEFAULTS (30 iterations, 0.1 % gap). */
  maxIterations?: number;
  gapTol?: number;
  /** Plans a case (default: Benders on `planningInputs(case, { k })`). */
  planner?: CasePlanner;
  onProgress?: (message: string) => void;
}

/** One case planned by the search. */
export interface Evaluation {
  origin: "paper" | "tornado" | "random" | "refine";
  values: AssumptionValues;
  figures: PlanFigures;
  terms: DistanceTerms;
  distance: number;
  gapPct: number;
  stop: string;
  seconds: number;
  /** Why the case could not be planned (a typed error's message); its figures are NaN and its distance infinite. */
  error?: string;
}

/** One figure of the study's table: the study's value, the paper case's and the closest case's. */
export interface FigureRow {
  name: "sites" | "energyKwh" | "annualCostCny" | "annualBenefitCny" | "carbonReductionPct" | "pvUtilizationPct" | "storageVsControl";
  study: number | number[] | string;
  paperCase: number | number[];
  closestCase: number | number[];
  unit: string;
}

/** One point of a controllable-share sweep. */
export interface SweepPoint {
  controllable: number;
  carbonReductionPct: number;
  totalEnergyKwh: number;
  gapPct: number;
}

/** How far one assumption moves each figure across its bounds (the others at the paper case's values). */
export interface TornadoRow {
  assumption: string;
  label: string;
  low: number;
  high: number;
  figures: Record<"energyKwh" | "annualCostCny" | "annualBenefitCny" | "carbonReductionPct" | "pvUtilizationPct" | "distance", { low: number; high: number }>;
}

/** Whether any case within the bounds reaches a figure, and the nearest value. */
export interface ReachRow {
  figure: keyof DistanceTerms;
  study: string;
  nearest: string;
  /** Its term of the distance (0 = the study's figure). */
  term: number;
  /** Reached: term ≤ 0.05 (within 5 %; sites: both). */
  reached: boolean;
  values: AssumptionValues;
}

/** What {@link reproduce} returns. */
export interface ReproduceResult {
  case: string;
  settings: { k: number; evaluations: number; refine: number; seed: number; sweepValues: number[] };
  assumptions: Omit<Assumption, "apply">[];
  distance: { definition: string; paperCase: number; closestCase: number; paperTerms: DistanceTerms; closestTerms: DistanceTerms };
  closest: { values: AssumptionValues; case: PlanningCase };
  figures: FigureRow[];
  closestSweep: SweepPoint[];
  paperSweep: SweepPoint[];
  tornado: TornadoRow[];
  reach: ReachRow[];
  evaluations: Evaluation[];
  seconds: number;
}

/** The written definition of the distance (reproduce-assumptions.ts), from the study's figures. */
export const DISTANCE_DEFINITION = ((S) => {
  const m = (cny: number) => `¥${(cny / 1e6).toFixed(2)} M`;
  return (
    `sum of: |{${S.sites.join(", ")}} \\ sites| / ${S.sites.length}; |E − ${S.energyKwh} kWh| / ${S.energyKwh} kWh; |cost − ${m(S.annualCostCny)}| / ${m(S.annualCostCny)}; ` +
    `|benefit − ${m(S.annualBenefitCny)}| / ${m(S.annualBenefitCny)}; |carbon − ${S.carbonReductionPct} %| / ${S.carbonReductionPct} % (at 50 % EV control); ` +
    `|base PV use − ${S.pvUtilizationBasePct} %| / ${S.pvUtilizationBasePct} % + max(0, ${S.pvUtilizationPct} % − plan PV use) / ${S.pvUtilizationPct} %`
  );
})(STUDY_PLAN_FIGURES);

/** The default planner: Benders on the case's inputs at K typical days. */
export function bendersPlanner(k: number | undefined, options: Pick<ReproduceOptions, "workers" | "maxIterations" | "gapTol">): CasePlanner {
  return async (c) => {
    const run = await runPlan(c, {
      workers: options.workers,
      inputs: planningInputs(c, k !== undefined ? { k } : {}),
      benders: { maxIterations: options.maxIterations ?? REPORT_DEFAULTS.maxIterations, gapTol: options.gapTol ?? REPORT_DEFAULTS.gapTol },
    });
    return { figures: planFigures(planningKpis(run)), gapPct: run.gapPct, stop: run.stop, seconds: run.seconds };
  };
}

const key = (v: AssumptionValues) => JSON.stringify(Object.keys(v).sort().map((k) => [k, +v[k].toPrecision(10)]));
const fmtValues = (v: AssumptionValues, a: readonly Assumption[]) => a.filter((x) => v[x.name] !== x.paper).map((x) => `${x.name} ${+v[x.name].toPrecision(4)}`).join(", ") || "paper case";
const change = (s: readonly SweepPoint[]) => (s.length > 1 && s[0].totalEnergyKwh > 0 ? (100 * (s[s.length - 1].totalEnergyKwh - s[0].totalEnergyKwh)) / s[0].totalEnergyKwh : 0);

/**
 * Searches the assumptions' bounds for the case closest to the study's figures.
 * @throws ArgumentError for an unknown assumption name or bad counts.
 */
export async function reproduce(c: PlanningCase, options: ReproduceOptions = {}): Promise<ReproduceResult> {
  const t0 = performance.now();
  const where = "reproduce";
  const { evaluations = 8, refine = 8, seed = 1, sweepValues = [...REPORT_DEFAULTS.sweepValues] } = options;
  for (const [name, n] of [["evaluations", evaluations], ["refine", refine]] as const) if (!Number.isInteger(n) || n < 0) throw new ArgumentError(where, `${name} must be a whole number ≥ 0, got ${n}`, { field: name });
  const k = options.k ?? c.scenarios.k;
  const all = reproductionAssumptions(c);
  for (const n of options.assumptions ?? []) if (!all.some((a) => a.name === n)) throw new ArgumentError(where, `unknown assumption "${n}"; known: ${all.map((a) => a.name).join(", ")}`, { field: "assumptions" });
  const searched = options.assumptions ? all.filter((a) => options.assumptions!.includes(a.name)) : all;
  const log = options.onProgress ?? (() => undefined);
  const planner = options.planner ?? bendersPlanner(k, options);
  const rng = createRng(seed);
  const atK = (x: PlanningCase): PlanningCase => ({ ...x, scenarios: { ...x.scenarios, k, kWeekend: x.scenarios.kWeekend < k ? x.scenarios.kWeekend : 0 } });

  const done = new Map<string, Evaluation>();
  const evaluate = async (values: AssumptionValues, origin: Evaluation["origin"]): Promise<Evaluation> => {
    const seen = done.get(key(values));
    if (seen) return seen;
    let e: Evaluation;
    try {
      const out = await planner(atK(caseAt(c, all, values)));
      const terms = distanceTerms(out.figures);
      e = { origin, values: { ...values }, figures: out.figures, terms, distance: distanceOf(terms), gapPct: out.gapPct, stop: out.stop, seconds: out.seconds };
    } catch (err) {
      // a case the bounds allow but the feeder cannot serve is a finding, not the end of the search
      if (!(err instanceof EvspError) || err instanceof ArgumentError) throw err;
      e = failedEvaluation(origin, values, err.message);
    }
    if (e.error) log(`  [${done.size + 1}] ${origin}: ${fmtValues(values, all)} → not planned: ${e.error}`);
    else log(`  [${done.size + 1}] ${origin}: ${fmtValues(values, all)} → distance ${e.distance.toFixed(3)} (carbon reduction ${e.figures.carbonReductionPct.toFixed(1)} %, ${(e.figures.energyKwh / 1000).toFixed(2)} MWh at ${e.figures.sites.join(", ") || "none"}, gap ${e.gapPct.toFixed(2)} %)`);
    done.set(key(values), e);
    return e;
  };

  const paper = paperValues(all);
  log(`reproduce: ${c.name}, K = ${k}, ${searched.length} assumptions, ${evaluations} random cases, ${refine} refinement steps, seed ${seed}`);
  const paperEval = await evaluate(paper, "paper");
  const tornado = await tornadoRows(searched, paper, evaluate);
  const draw = (a: Assumption) => (a.integer ? Math.min(a.high, a.low + Math.floor(rng.next() * (a.high - a.low + 1))) : a.low + rng.next() * (a.high - a.low));
  for (let i = 0; i < evaluations; i++) await evaluate({ ...paper, ...Object.fromEntries(searched.map((a) => [a.name, draw(a)])) }, "random");
  await coordinateSearch(searched, refine, () => best([...done.values()]), (v) => evaluate(v, "refine"));

  const closest = best([...done.values()]);
  const closestCase = atK(caseAt(c, all, closest.values, `${c.name}-closest-to-study`));
  const sweepOf = async (values: AssumptionValues, label: string): Promise<SweepPoint[]> => {
    log(`sweep of the controllable share for the ${label}: ${sweepValues.join(", ")}`);
    const base = atK(caseAt(c, all, values));
    const points: SweepPoint[] = [];
    for (const a of sweepValues) {
      const reuse = a === base.ev.controllable ? done.get(key(values)) : undefined;
      const f = reuse ?? { ...(await planner({ ...base, ev: { ...base.ev, controllable: a } })) };
      points.push({ controllable: a, carbonReductionPct: f.figures.carbonReductionPct, totalEnergyKwh: f.figures.energyKwh, gapPct: f.gapPct });
    }
    return points;
  };
  const closestSweep = await sweepOf(closest.values, "closest case");
  const paperSweep = key(closest.values) === key(paper) ? closestSweep : await sweepOf(paper, "paper case");
  const evals = [...done.values()];
  return {
    case: c.name,
    settings: { k, evaluations, refine, seed, sweepValues: [...sweepValues] },
    assumptions: searched.map(({ apply: _apply, ...rest }) => rest),
    distance: { definition: DISTANCE_DEFINITION, paperCase: paperEval.distance, closestCase: closest.distance, paperTerms: paperEval.terms, closestTerms: closest.terms },
    closest: { values: closest.values, case: closestCase },
    figures: figureRows(paperEval.figures, closest.figures, paperSweep, closestSweep),
    closestSweep,
    paperSweep,
    tornado,
    reach: reachRows(evals),
    evaluations: evals,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Each assumption at its low and high bound, the others at the paper case's values. */
async function tornadoRows(assumptions: readonly Assumption[], paper: AssumptionValues, evaluate: (v: AssumptionValues, origin: Evaluation["origin"]) => Promise<Evaluation>): Promise<TornadoRow[]> {
  const rows: TornadoRow[] = [];
  for (const a of assumptions) {
    const lo = await evaluate({ ...paper, [a.name]: a.low }, "tornado");
    const hi = await evaluate({ ...paper, [a.name]: a.high }, "tornado");
    const pair = (f: (e: Evaluation) => number) => ({ low: f(lo), high: f(hi) });
    rows.push({
      assumption: a.name,
      label: a.label,
      low: a.low,
      high: a.high,
      figures: {
        energyKwh: pair((e) => e.figures.energyKwh),
        annualCostCny: pair((e) => e.figures.annualCostCny),
        annualBenefitCny: pair((e) => e.figures.annualBenefitCny),
        carbonReductionPct: pair((e) => e.figures.carbonReductionPct),
        pvUtilizationPct: pair((e) => e.figures.pvUtilizationPct),
        distance: pair((e) => e.distance),
      },
    });
  }
  return rows;
}

function failedEvaluation(origin: Evaluation["origin"], values: AssumptionValues, error: string): Evaluation {
  const figures: PlanFigures = { sites: [], energyKwh: NaN, annualCostCny: NaN, annualBenefitCny: NaN, carbonReductionPct: NaN, pvUtilizationPct: NaN, pvUtilizationBasePct: NaN };
  const terms: DistanceTerms = { sites: Infinity, energy: Infinity, cost: Infinity, benefit: Infinity, carbon: Infinity, pv: Infinity };
  return { origin, values: { ...values }, figures, terms, distance: Infinity, gapPct: NaN, stop: "error", seconds: 0, error };
}

/** The evaluation with the smallest distance (the first of equals). */
function best(evals: readonly Evaluation[]): Evaluation {
  return evals.reduce((a, e) => (e.distance < a.distance ? e : a));
}

/** Coordinate search from the best point: ± step per assumption, steps halved after a round without progress. */
async function coordinateSearch(assumptions: readonly Assumption[], budget: number, current: () => Evaluation, evaluate: (v: AssumptionValues) => Promise<Evaluation>): Promise<void> {
  const step = new Map(assumptions.map((a) => [a.name, a.integer ? 1 : (a.high - a.low) / 4]));
  let used = 0;
  while (used < budget) {
    let improved = false;
    for (const a of assumptions) {
      for (const dir of [1, -1]) {
        if (used >= budget) return;
        const from = current();
        const raw = from.values[a.name] + dir * step.get(a.name)!;
        const v = Math.min(a.high, Math.max(a.low, a.integer ? Math.round(raw) : raw));
        if (v === from.values[a.name]) continue;
        used++;
        if ((await evaluate({ ...from.values, [a.name]: v })).distance < from.distance) improved = true;
      }
    }
    if (!improved) {
      for (const a of assumptions) if (!a.integer) step.set(a.name, step.get(a.name)! / 2);
      if (assumptions.every((a) => a.integer)) return;
    }
  }
}

function figureRows(p: PlanFigures, q: PlanFigures, ps: readonly SweepPoint[], qs: readonly SweepPoint[]): FigureRow[] {
  const S = STUDY_PLAN_FIGURES;
  return [
    { name: "sites", study: S.sites, paperCase: p.sites, closestCase: q.sites, unit: "bus" },
    { name: "energyKwh", study: S.energyKwh, paperCase: p.energyKwh, closestCase: q.energyKwh, unit: "kWh (all sites)" },
    { name: "annualCostCny", study: S.annualCostCny, paperCase: p.annualCostCny, closestCase: q.annualCostCny, unit: "¥/year" },
    { name: "annualBenefitCny", study: S.annualBenefitCny, paperCase: p.annualBenefitCny, closestCase: q.annualBenefitCny, unit: "¥/year" },
    { name: "carbonReductionPct", study: S.carbonReductionPct, paperCase: p.carbonReductionPct, closestCase: q.carbonReductionPct, unit: "% at 50 % EV control" },
    { name: "pvUtilizationPct", study: `> ${S.pvUtilizationPct} (base ≈ ${S.pvUtilizationBasePct})`, paperCase: p.pvUtilizationPct, closestCase: q.pvUtilizationPct, unit: "% of available PV energy, plan" },
    { name: "storageVsControl", study: "rises slightly", paperCase: change(ps), closestCase: change(qs), unit: "% change of storage energy from the lowest to the highest controllable share" },
  ];
}

function reachRows(evals: readonly Evaluation[]): ReachRow[] {
  const S = STUDY_PLAN_FIGURES;
  const show: Record<keyof DistanceTerms, [string, (f: PlanFigures) => string]> = {
    sites: [S.sites.join(", "), (f) => f.sites.join(", ") || "none"],
    energy: [`${S.energyKwh} kWh`, (f) => `${f.energyKwh.toFixed(0)} kWh`],
    cost: [`¥${(S.annualCostCny / 1e6).toFixed(2)} M`, (f) => `¥${(f.annualCostCny / 1e6).toFixed(2)} M`],
    benefit: [`¥${(S.annualBenefitCny / 1e6).toFixed(2)} M`, (f) => `¥${(f.annualBenefitCny / 1e6).toFixed(2)} M`],
    carbon: [`${S.carbonReductionPct} %`, (f) => `${f.carbonReductionPct.toFixed(1)} %`],
    pv: [`≈ ${S.pvUtilizationBasePct} % → > ${S.pvUtilizationPct} %`, (f) => `${f.pvUtilizationBasePct.toFixed(1)} % → ${f.pvUtilizationPct.toFixed(1)} %`],
  };
  return (Object.keys(show) as (keyof DistanceTerms)[]).map((figure) => {
    const e = evals.reduce((a, x) => (x.terms[figure] < a.terms[figure] ? x : a));
    const term = e.terms[figure];
    return { figure, study: show[figure][0], nearest: show[figure][1](e.figures), term, reached: term <= 0.05 + 1e-12, values: e.values };
  });
}
