/**
 * The simple-statistics functions the toolkit uses, loaded through the package's CommonJS build.
 *
 * The package ships ESM-only type declarations; a CommonJS file may use them only through a `resolution-mode`
 * attribute that the TypeScript bundled with tslab (5.0) cannot parse. So the library is required untyped, and
 * {@link ss} is typed by the interface below, which is checked against the real declarations (the ignored line only
 * silences the module-kind complaint; the assignment to `ss` is still type-checked).
 */
// @ts-ignore -- TS1479/TS1542: ESM-only declarations referenced from CommonJS (types only, see above)
type SimpleStatistics = typeof import("simple-statistics");

/** The subset of simple-statistics used by lib/clean (and the benches). */
export interface SimpleStats {
  mean(x: number[]): number;
  median(x: number[]): number;
  quantileSorted(x: number[], p: number): number;
  sampleStandardDeviation(x: number[]): number;
  sampleCorrelation(x: number[], y: number[]): number;
  probit(p: number): number;
  errorFunction(x: number): number;
  linearRegression(data: number[][]): { m: number; b: number };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require("simple-statistics") as SimpleStatistics;

/** simple-statistics (typed subset). */
export const ss: SimpleStats = {
  mean: lib.mean,
  median: lib.median,
  quantileSorted: lib.quantileSorted,
  sampleStandardDeviation: lib.sampleStandardDeviation,
  sampleCorrelation: lib.sampleCorrelation,
  probit: lib.probit,
  errorFunction: lib.errorFunction,
  linearRegression: lib.linearRegression,
};
