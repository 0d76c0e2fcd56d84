/**
 * The keys a planning case may hold, at every nesting level, and the check that rejects any other: a misspelt key
 * (`maxSite`, `controlable`) would otherwise be ignored silently and its default-less neighbour reported missing, or
 * worse, an optional one simply not applied. The error names the key's path and suggests the nearest known key.
 */
import { DataValidationError } from "../../util/errors";

/** A shape: a leaf (any value, validated elsewhere), a free-form record, an object of shapes or a list of one. */
type Shape = "leaf" | "free" | { [key: string]: Shape } | [Shape];

const leaves = (...keys: string[]): Record<string, Shape> => Object.fromEntries(keys.map((k) => [k, "leaf" as Shape]));

/** Every key of {@link PlanningCase} (case.ts), nested. */
export const PLANNING_CASE_SHAPE: Shape = {
  ...leaves("schema", "name", "description"),
  notes: "free",
  network: leaves("case", "vMinPu", "vMaxPu", "ratingFactor", "ratings", "lineLimits", "maxExportKw", "loadScale"),
  scenarios: leaves("k", "kWeekend", "seed", "year"),
  pv: [leaves("bus", "capacityKw")],
  ev: { ...leaves("dataset", "controllable", "model", "defaultChargerKw", "efficiency", "seed"), stations: [leaves("bus", "evCount")] },
  prices: leaves("touCnyPerKwh", "exportCnyPerKwh"),
  carbon: leaves("factorTPerMwh", "priceCnyPerT", "hourlyTPerMwh", "basis", "source"),
  penalties: leaves("pvCurtailmentCnyPerKwh", "lossCnyPerKwh", "unservedCnyPerKwh"),
  balance: leaves("weightCnyPerDay"),
  storage: leaves(
    "candidates",
    "maxSites",
    "energyCostCnyPerKwh",
    "powerCostCnyPerKw",
    "fixedCostCnyPerSite",
    "omShare",
    "lifetimeYears",
    "discountRate",
    "eToPMinH",
    "eToPMaxH",
    "maxEnergyKwhPerSite",
    "socMin",
    "socMax",
    "lossR0",
    "budgetCny",
  ),
  upgrade: leaves("costCnyPerKwYear"),
};

/** Levenshtein distance, case-insensitive (a key typed with the wrong case is one edit away at most per letter). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/** The known key nearest `key` when it is plausibly a misspelling of it (distance ≤ max(2, a third of its length)). */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Throws on the first key not in the shape, depth first in the order of the case.
 * @throws DataValidationError with field = the key's path (`storage.maxSite`, `ev.stations[1].bux`).
 */
export function checkCaseKeys(where: string, value: unknown, shape: Shape = PLANNING_CASE_SHAPE, at = ""): void {
  if (shape === "leaf" || shape === "free" || value === null || typeof value !== "object") return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkCaseKeys(where, v, shape[0], `${at}[${i}]`));
    return;
  }
  if (Array.isArray(value)) return;
  const known = Object.keys(shape);
  for (const [key, v] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (!Object.hasOwn(shape, key)) {
      const near = nearestKey(key, known);
      throw new DataValidationError(where, `unknown key "${key}"${near ? `: did you mean "${near}"?` : `; known keys here: ${known.join(", ")}`}`, { field: path });
    }
    checkCaseKeys(where, v, shape[key], path);
  }
}
