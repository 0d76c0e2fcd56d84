/**
 * Seeded, injectable random sources. Every function of the toolkit that draws random numbers takes an
 * {@link Rng} (or a seed it turns into one), so results are reproducible and tests can inject their own source.
 * Built on pure-rand's xoroshiro128+ (the generator fast-check uses).
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { ArgumentError } from "./errors";

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  /** Next uniform number in [0, 1). */
  next(): number;
}

/**
 * A seeded random source.
 * @param seed any 32-bit integer; the same seed gives the same sequence on every platform.
 * @example const rng = createRng(42); rng.next(); // 0 ≤ x < 1
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new ArgumentError("createRng", `seed must be a finite number, got ${seed}`);
  const gen = xoroshiro128plus(seed | 0);
  return {
    next(): number {
      return uniformFloat64(gen);
    },
  };
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new ArgumentError("randomInt", `n must be a positive integer, got ${n}`);
  return Math.floor(rng.next() * n);
}

/** A new array holding `items` in a uniformly random order (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** `k` distinct items drawn uniformly without replacement (order random). */
export function sampleWithoutReplacement<T>(rng: Rng, items: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 0 || k > items.length) {
    throw new ArgumentError("sampleWithoutReplacement", `k must be an integer in [0, ${items.length}], got ${k}`);
  }
  return shuffled(rng, items).slice(0, k);
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
