/** Sitings as membership flags over the candidates (candidate order): the sets the exact methods enumerate. */

/** Every set of `size` candidates out of `n` (as membership flags), in lexicographic order. */
export function maximalSitings(n: number, size: number): boolean[][] {
  const out: boolean[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === size) {
      out.push(Array.from({ length: n }, (_, j) => chosen.includes(j)));
      return;
    }
    for (let j = start; j <= n - (size - chosen.length); j++) pick(j + 1, [...chosen, j]);
  };
  pick(0, []);
  return out;
}

/** Every siting of `size` sites or fewer (as flags), the largest first. */
export function sitingsUpTo(n: number, size: number): boolean[][] {
  const out: boolean[][] = [];
  for (let k = Math.min(size, n); k >= 0; k--) out.push(...maximalSitings(n, k));
  return out;
}

/** How many sitings {@link sitingsUpTo} lists: Σ_{k ≤ size} C(n, k). */
export function sitingCountUpTo(n: number, size: number): number {
  let total = 0;
  let c = 1; // C(n, k)
  for (let k = 0; k <= Math.min(size, n); k++) {
    total += c;
    c = (c * (n - k)) / (k + 1);
  }
  return Math.round(total);
}
