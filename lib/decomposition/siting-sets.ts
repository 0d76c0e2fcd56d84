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

/**
 * The sitings an exact search over them must cover: when opening a site costs nothing (`fixedCostCnyPerSite` 0), a
 * siting with fewer than `maxSites` sites is a special case of a larger one (sizes may be zero), so only the maximal
 * ones; otherwise every siting of at most `maxSites` sites.
 */
export function searchSitings(n: number, maxSites: number, fixedCostCnyPerSite: number): boolean[][] {
  return fixedCostCnyPerSite === 0 ? maximalSitings(n, Math.min(maxSites, n)) : sitingsUpTo(n, maxSites);
}

/** C(n, k): how many sitings {@link maximalSitings} lists. */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** How many sitings {@link sitingsUpTo} lists: Σ_{k ≤ size} C(n, k). */
export function sitingCountUpTo(n: number, size: number): number {
  let total = 0;
  for (let k = 0; k <= Math.min(size, n); k++) total += binomial(n, k);
  return total;
}
