/**
 * Branch loading of a set of operated days: the largest loading ratio |I| / Ī (where and when), the branch-hours
 * above rating in a year, and the balance index taken apart.
 *
 * The balance index B is the mean squared loading ratio x² over branches e and hours t (lib/model/balance-index.ts).
 * A mean of squares is the square of the mean plus the spread, and the spread splits into the spread of each
 * branch's hours around its own mean and the spread of the branches' means:
 *
 *   (1/ET) Σ x²_et = x̄²  +  (1/E) Σ_e (x̄_e − x̄)²  +  (1/ET) Σ_e Σ_t (x_et − x̄_e)²
 *                    level    spatial                 temporal
 *
 * so a change of B says whether the feeder carries more (level) or carries it less evenly over hours (temporal) or
 * over branches (spatial). Each part is computed per day and weighted by the days' probabilities, as B is.
 */
import type { CheckedDay } from "../decomposition/plan";
import { DAYS_PER_YEAR } from "../decomposition/master";

/** The most loaded branch-hour of a set of days. */
export interface LoadingPeak {
  /** |I| / Ī (1 = at rating). */
  ratio: number;
  branchId: number;
  fromBus: number;
  toBus: number;
  /** Hour of the day, 0…23. */
  hour: number;
  /** The typical day's id and date. */
  day: string;
  date: string;
}

/** The balance index B and its parts (level + spatial + temporal = index). */
export interface BalanceParts {
  index: number;
  level: number;
  spatial: number;
  temporal: number;
}

/** Loading figures of a set of days ({@link loadingFigures}). */
export interface LoadingFigures {
  peak: LoadingPeak;
  /** Branch-hours above rating (ratio > 1 + 1e-6) in a year: 365 × the probability-weighted count per day. */
  overloadHoursPerYear: number;
  balance: BalanceParts;
}

/** A branch's id and ends, as the network input lists them (index = the dispatch's branch index). */
export interface BranchEnds {
  id: number | string;
  fromBus: number;
  toBus: number;
}

/** The balance parts of one day's loading matrix `x[hour][branch]`. */
export function balanceParts(x: readonly (readonly number[])[]): BalanceParts {
  const T = x.length;
  const E = T > 0 ? x[0].length : 0;
  if (T === 0 || E === 0) return { index: 0, level: 0, spatial: 0, temporal: 0 };
  const meanE = new Array<number>(E).fill(0);
  let sq = 0;
  for (const row of x) row.forEach((v, e) => ((meanE[e] += v / T), (sq += v * v)));
  const mean = meanE.reduce((a, b) => a + b, 0) / E;
  let spatial = 0;
  let temporal = 0;
  meanE.forEach((m, e) => {
    spatial += (m - mean) ** 2 / E;
    for (let t = 0; t < T; t++) temporal += (x[t][e] - m) ** 2 / (E * T);
  });
  return { index: sq / (E * T), level: mean * mean, spatial, temporal };
}

/** Loading figures of days operated on a network whose branches are `branches` (dispatch order). */
export function loadingFigures(days: readonly CheckedDay[], branches: readonly BranchEnds[]): LoadingFigures {
  let peak: LoadingPeak = { ratio: 0, branchId: NaN, fromBus: NaN, toBus: NaN, hour: NaN, day: "", date: "" };
  let over = 0;
  const balance: BalanceParts = { index: 0, level: 0, spatial: 0, temporal: 0 };
  for (const { dispatch: d } of days) {
    d.branchLoading.forEach((row, hour) =>
      row.forEach((ratio, e) => {
        if (ratio > 1 + 1e-6) over += d.probability;
        if (ratio > peak.ratio) {
          const b = branches[e];
          peak = { ratio, branchId: Number(b.id), fromBus: b.fromBus, toBus: b.toBus, hour, day: d.scenarioId, date: d.date };
        }
      }),
    );
    const parts = balanceParts(d.branchLoading);
    for (const k of ["index", "level", "spatial", "temporal"] as const) balance[k] += d.probability * parts[k];
  }
  return { peak, overloadHoursPerYear: DAYS_PER_YEAR * over, balance };
}

/** "1.42 × rating on branch 15 (15→16) at 13:00 of S3 (2019-07-17)". */
export function describePeak(p: LoadingPeak): string {
  if (!Number.isFinite(p.branchId)) return "no branch loaded";
  return `${p.ratio.toFixed(2)} × rating on branch ${p.branchId} (${p.fromBus}→${p.toBus}) at ${String(p.hour).padStart(2, "0")}:00 of ${p.day} (${p.date})`;
}
