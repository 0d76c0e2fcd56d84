/**
 * Infeasibility diagnosis: after a model is found infeasible, re-solve its elastic version (lib/model/elastic.ts) —
 * a priced slack on each limit that may give — and name the limits whose slack ends positive, with location and
 * amount in physical units. It runs only after an infeasible status, so a feasible model never pays for it.
 *
 * The re-solve keeps the model's cones, handled as in {@link solveModel} (outer-approximation cut loop by default),
 * so the amounts are those of the SOC model itself, not of a few seed cuts.
 *
 * Two tiers, lexicographically. First only the limits give (voltage, line, export/import, storage, EV energy), in
 * the L1 norm in per unit that their weights define (see lib/model/limit-families.ts). When even that is infeasible,
 * the load itself exceeds what the network can carry at any voltage (down to the voltage floor, `VOLTAGE_FLOOR_PU`):
 * the least fixed load (pu of active power) is left unserved first, and then, with no more load unserved than that,
 * the smallest relaxation of the limits is found. Load is data, not a limit: it gives only when nothing else can.
 */
import { buildElastic, type ElasticModel } from "../model/elastic";
import { LinExpr } from "../model/expr";
import { fmt, type LimitSpec, VOLTAGE_FLOOR_PU } from "../model/limit-families";
import type { Model } from "../model/model";
import { type BindingLimit, LimitReachedError } from "../util/errors";
import type { Separator } from "./separation";
import { type SolveOptions, solveModel } from "./solve-model";

/** Options of {@link diagnoseInfeasibility}: the cone handling of the re-solves, and the scenario to name. */
export interface DiagnoseOptions extends Pick<SolveOptions, "cones" | "coneTol" | "btnLevels" | "maxRounds" | "timeLimitS"> {
  /** Scenario day named in every entry (planning subproblems). */
  scenario?: string;
  /** Extra separators of the model (columns are shared with the elastic copy). */
  separators?: () => Separator[];
}

/** What a diagnosis found. */
export interface Diagnosis {
  /**
   * "limits": relaxing limits is enough; "load": fixed load must go unserved as well; "none": even that stays
   * infeasible (the cause lies outside the relaxable limits); "failed": a re-solve did not finish.
   */
  tier: "limits" | "load" | "none" | "failed";
  /** The limits that must give, load first, each group largest (in the norm) first. */
  binding: BindingLimit[];
  /** The relaxation's size: Σ weight · slack of the limits (pu), and of the unserved load (pu of active power). */
  limitsPu: number;
  loadPu: number;
  /** One sentence on what must give. */
  summary: string;
  seconds: number;
}

/** Slacks below this (weighted, pu) count as zero: solver noise of the re-solve. */
const NOISE_PU = 1e-7;

/**
 * Diagnoses why `model` is infeasible by relaxing `limits` (and, when they are not enough, `loads`).
 * @param model the infeasible model (not changed).
 */
export async function diagnoseInfeasibility(model: Model, limits: readonly LimitSpec[], loads: readonly LimitSpec[], options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const t0 = performance.now();
  const done = (d: Omit<Diagnosis, "seconds">): Diagnosis => ({ ...d, seconds: (performance.now() - t0) / 1000 });
  const solve = async (e: ElasticModel) => {
    const { cones = "oa", coneTol = 1e-7, btnLevels, maxRounds, timeLimitS } = options;
    // Cut rows must hold to well below the cone tolerance: a tangent cut's violation is about the cone's violation
    // divided by y + z, and a cut the solver accepts within its tolerance leaves the point where it was.
    const base = { coneTol, btnLevels, maxRounds, timeLimitS, feasibilityTol: Math.min(1e-10, coneTol), separators: options.separators?.(), throwOnFailure: false };
    let sol;
    try {
      sol = await solveModel(e.model, { ...base, cones });
    } catch (err) {
      // The outer approximation did not settle: the polyhedral approximation has no cut loop to stall.
      if (!(err instanceof LimitReachedError) || cones === "btn") throw err;
      sol = await solveModel(e.model, { ...base, cones: "btn", feasibilityTol: undefined });
    }
    return sol.info.status === "optimal" ? sol : sol.info.status === "infeasible" ? "infeasible" : "failed";
  };
  const first = await solve(buildElastic(model, limits));
  if (first === "failed") return done(failed());
  if (first !== "infeasible") {
    const binding = entries(limits, (i) => first.x[model.numCols + i], options.scenario);
    const limitsPu = first.objective;
    return done({ tier: "limits", binding, limitsPu, loadPu: 0, summary: `the smallest relaxation (L1 norm in per unit, ${fmt(limitsPu)} pu) moves ${count(binding.length, "limit")}` });
  }
  if (loads.length === 0) return done(noneFound());
  // Tier "load": the least unserved load with the limits free, then the least relaxation of the limits with no more
  // load unserved than that.
  const all = [...limits, ...loads];
  const shed = await solve(buildElastic(model, all.map((l, i) => (i < limits.length ? { ...l, weight: 0 } : l))));
  if (shed === "failed") return done(failed());
  if (shed === "infeasible") return done(noneFound());
  const e = buildElastic(model, all.map((l, i) => (i < limits.length ? l : { ...l, weight: 0 })));
  const budget = new LinExpr();
  loads.forEach((l, j) => budget.add(e.slackCols[limits.length + j], l.weight));
  e.model.le("elastic:loadBudget", [], budget, shed.objective * (1 + 1e-7) + 1e-9);
  const relax = await solve(e);
  if (relax === "failed" || relax === "infeasible") return done(failed());
  const slack = (i: number) => relax.x[model.numCols + i];
  const shedEntries = entries(loads, (j) => slack(limits.length + j), options.scenario);
  const limitEntries = entries(limits, slack, options.scenario);
  const kw = shedEntries.reduce((a, b) => a + (b.amount ?? 0), 0);
  return done({
    tier: "load",
    binding: [...shedEntries, ...limitEntries],
    limitsPu: relax.objective,
    loadPu: shed.objective,
    summary:
      `the load exceeds what the network can carry with any relaxation of its limits (voltages down to ${VOLTAGE_FLOOR_PU} pu): ` +
      `at least ${fmt(kw)} kW of fixed load must go ` +
      `unserved (${count(shedEntries.length, "bus-hour")}), and then the smallest relaxation of the limits (L1 norm in per unit, ` +
      `${fmt(relax.objective)} pu) moves ${count(limitEntries.length, "limit")}`,
  });
}

function failed(): Omit<Diagnosis, "seconds"> {
  return { tier: "failed", binding: [], limitsPu: NaN, loadPu: NaN, summary: "the diagnosis did not finish (a re-solve stopped before optimality)" };
}

function noneFound(): Omit<Diagnosis, "seconds"> {
  return { tier: "none", binding: [], limitsPu: NaN, loadPu: NaN, summary: "relaxing every voltage, line, export/import, storage and EV limit (and serving less load) does not make it feasible" };
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** The binding entries of the limits whose slack is above noise, largest weighted slack first. */
function entries(limits: readonly LimitSpec[], slack: (i: number) => number, scenario?: string): BindingLimit[] {
  const found: { size: number; entry: BindingLimit }[] = [];
  limits.forEach((l, i) => {
    const s = slack(i);
    if (!(l.weight * s > NOISE_PU)) return;
    const amount = l.amount(s);
    if (!(amount > 0) || !Number.isFinite(amount)) return;
    const where = [
      scenario !== undefined ? `day ${scenario}` : undefined,
      l.at.bus !== undefined && l.at.branch === undefined ? `bus ${l.at.bus}` : undefined,
      l.at.branch !== undefined ? `branch ${l.at.branch}` : undefined,
      l.at.hour !== undefined ? `hour ${l.at.hour}` : undefined,
    ].filter((w) => w !== undefined);
    const entry: BindingLimit = { family: l.family, label: `${where.join(", ")}: ${l.describe(amount)}` };
    if (l.at.bus !== undefined) entry.bus = l.at.bus;
    if (l.at.branch !== undefined) entry.branch = l.at.branch;
    if (l.at.hour !== undefined) entry.hour = l.at.hour;
    if (scenario !== undefined) entry.scenario = scenario;
    entry.amount = amount;
    entry.unit = l.unit;
    if (l.limit !== undefined && Number.isFinite(l.limit)) entry.limit = l.limit;
    found.push({ size: l.weight * s, entry });
  });
  return found.sort((a, b) => b.size - a.size).map((f) => f.entry);
}
