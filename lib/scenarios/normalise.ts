/**
 * Normalisation and feature vectors of daily profiles, with every choice explicit:
 * - per-unit of a basis: the largest hourly value of the days kept ("max": the year's maximum hourly PV, the year's
 *   peak load) or a given value (e.g. installed PV capacity in the series' unit);
 * - day vectors joining several quantities hour by hour (PV 24 h then load 24 h = 48 dimensions), each block
 *   multiplied by its weight, so that a weight w scales that quantity's contribution to Euclidean distances by w.
 */
import { ArgumentError, DataValidationError } from "../util/errors";
import type { DayMatrix, DayType } from "./daily-profiles";

/** Per-unit basis: "max" (largest hourly value of the days kept) or a positive number in the matrix's unit. */
export type PerUnitBasis = "max" | number;

/** Options of {@link toPerUnit}. */
export interface PerUnitOptions {
  /** Default "max". */
  basis?: PerUnitBasis;
}

/** A matrix in per-unit and the basis used. */
export interface PerUnitMatrix {
  matrix: DayMatrix;
  /** The basis value, in the original unit. */
  basisValue: number;
  /** How it was chosen. */
  basis: "max" | "given";
  /** The original unit. */
  unit: string;
}

/**
 * Divides a day matrix by a basis.
 * @throws ArgumentError for a non-positive basis; DataValidationError when "max" is not positive (an all-zero matrix).
 */
export function toPerUnit(m: DayMatrix, options: PerUnitOptions = {}): PerUnitMatrix {
  const { basis = "max" } = options;
  const where = "toPerUnit";
  let value: number;
  if (basis === "max") {
    value = -Infinity;
    for (const row of m.values) for (const v of row) if (v > value) value = v;
    if (!(value > 0)) throw new DataValidationError(where, `the largest value of "${m.quantity}" is ${value}; cannot be a per-unit basis`);
  } else {
    if (!(typeof basis === "number" && Number.isFinite(basis) && basis > 0)) {
      throw new ArgumentError(where, `basis must be "max" or a positive number, got ${basis}`);
    }
    value = basis;
  }
  return {
    matrix: { ...m, unit: "pu", values: m.values.map((row) => row.map((v) => v / value)) },
    basisValue: value,
    basis: basis === "max" ? "max" : "given",
    unit: m.unit,
  };
}

/** Matrices restricted to the days they all share. */
export interface AlignedDays {
  matrices: DayMatrix[];
  dates: string[];
  /** Days of each input matrix dropped for lack of a counterpart. */
  droppedPerMatrix: number[];
}

/**
 * Keeps the days present in every matrix (same calendar date), in ascending order.
 * @throws DataValidationError when the matrices share no day.
 */
export function alignDays(matrices: DayMatrix[]): AlignedDays {
  if (matrices.length === 0) throw new ArgumentError("alignDays", "need at least one matrix");
  const sets = matrices.map((m) => new Set(m.dates));
  const dates = matrices[0].dates.filter((d) => sets.every((s) => s.has(d))).sort();
  if (dates.length === 0) throw new DataValidationError("alignDays", `no common day among ${matrices.map((m) => m.quantity).join(", ")}`);
  const keep = new Set(dates);
  const aligned = matrices.map((m) => {
    const idx = m.dates.map((d, i) => [d, i] as const).filter(([d]) => keep.has(d)).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, i]) => i);
    return { ...m, dates: idx.map((i) => m.dates[i]), dayTypes: idx.map((i) => m.dayTypes[i]), values: idx.map((i) => m.values[i]) };
  });
  return { matrices: aligned, dates, droppedPerMatrix: matrices.map((m) => m.dates.length - dates.length) };
}

/** Options of {@link dayVectors}. */
export interface DayVectorsOptions {
  /** One non-negative weight per matrix. Default 1 each. */
  weights?: number[];
}

/** Joint day vectors. */
export interface DayVectors {
  dates: string[];
  dayTypes: DayType[];
  /** `vectors[d]` = [w₁·m₁[d][0..23], w₂·m₂[d][0..23], …]. */
  vectors: number[][];
  weights: number[];
  /** Quantity of each block, in order. */
  blocks: string[];
}

/**
 * Joins aligned matrices into one vector per day.
 * @throws DataValidationError when the matrices do not hold the same dates (use {@link alignDays} first);
 *   ArgumentError for bad weights.
 */
export function dayVectors(matrices: DayMatrix[], options: DayVectorsOptions = {}): DayVectors {
  const where = "dayVectors";
  if (matrices.length === 0) throw new ArgumentError(where, "need at least one matrix");
  const { weights = matrices.map(() => 1) } = options;
  if (weights.length !== matrices.length || weights.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new ArgumentError(where, `need ${matrices.length} finite non-negative weights, got [${weights.join(", ")}]`);
  }
  const dates = matrices[0].dates;
  for (const m of matrices) {
    if (m.dates.length !== dates.length || m.dates.some((d, i) => d !== dates[i])) {
      throw new DataValidationError(where, `"${m.quantity}" does not hold the same days as "${matrices[0].quantity}" (align them first)`);
    }
  }
  const vectors = dates.map((_, d) => matrices.flatMap((m, j) => m.values[d].map((v) => v * weights[j])));
  return { dates: dates.slice(), dayTypes: matrices[0].dayTypes.slice(), vectors, weights: weights.slice(), blocks: matrices.map((m) => m.quantity) };
}
