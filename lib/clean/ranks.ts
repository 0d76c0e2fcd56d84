/**
 * Ranks and rank correlation.
 */
import { ss } from "./stats";

/** Ranks 1…n with ties averaged. */
export function averageRanks(values: readonly number[]): number[] {
  const idx = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation (Pearson correlation of average ranks); NaN for fewer than 3 pairs. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 3) return NaN;
  return ss.sampleCorrelation(averageRanks(x), averageRanks(y));
}
