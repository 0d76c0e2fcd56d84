/**
 * Duplicate detection: rows whose key repeats the key of an earlier row. danfojs counts the keys (`valueCounts`,
 * a hash count); only keys counted more than once are then walked in row order to keep their first occurrence.
 * (danfojs's own `dropDuplicates` and many-group `groupby` are quadratic, unusable at 100k rows; its
 * `valueCounts` turns keys that start with digits into integers, so keys are prefixed with "#".)
 */
import { danfo } from "./danfo";

/**
 * Positions of rows whose key repeats an earlier row's key (the first occurrence is not a duplicate).
 * Rows with an undefined key are never duplicates.
 * @param keys one key per row, in row order.
 * @returns the positions (indices into `keys`) of the repeats.
 */
export function duplicatePositions(keys: ReadonlyArray<string | undefined>): Set<number> {
  const defined = keys.filter((k): k is string => k !== undefined);
  const out = new Set<number>();
  if (defined.length < 2) return out;
  const { Series } = danfo();
  const counts = new Series(defined.map((k) => `#${k}`)).valueCounts();
  const repeated = counts.index.filter((_, i) => (counts.values[i] as number) > 1).map((k) => String(k).slice(1));
  if (repeated.length === 0) return out;
  const pending = new Set(repeated);
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (k === undefined || !pending.has(k)) return;
    if (seen.has(k)) out.add(i);
    else seen.add(k);
  });
  return out;
}
