/**
 * The cleaning rules, named and in the fixed order they are applied. Each row is rejected by the FIRST rule it
 * fails, so the counts add up: rowsIn = rowsKept + Σ rejected.
 *
 * The order follows the list, except that the rules about reading a value (malformed, missing,
 * unparseable, DST gap, DST repeat) come first: a timestamp that does not exist, or names two instants, has no
 * duration to test against the later rules.
 */

/** Definitions of the rules, in the order they are applied. */
export const CLEAN_RULES = [
  {
    rule: "malformed-row",
    description: "the row itself is broken: a field count different from the header's, broken quoting, or a JSON item that is not an object",
  },
  { rule: "missing-field", description: "a required field (session id, station id, plug-in, plug-out, energy) is empty or NA" },
  {
    rule: "unparseable",
    description: "a required field is present but unreadable: not a number, not a date of the format, an impossible date, an unknown time zone",
  },
  { rule: "dst-nonexistent", description: "a local plug-in or plug-out time falls in a spring-forward DST gap: that wall time never occurred" },
  { rule: "dst-ambiguous", description: "a local plug-in or plug-out time falls in an autumn DST repeat: it names two instants" },
  {
    rule: "implausible-year",
    description:
      "the local year of plug-in or plug-out lies outside the plausible window (1990–2100 by default; CleanOptions.years, " +
      "evsp clean --min-year/--max-year): a corrupted or mistyped date such as 9999 or 1899",
  },
  { rule: "plugout-not-after-plugin", description: "plug-out is at or before plug-in" },
  { rule: "non-positive-energy", description: "energy delivered is zero or negative" },
  {
    rule: "energy-above-capacity",
    description:
      "energy above what the station's charger could deliver over the connection: E > P_limit × (dwell + timestamp resolution), " +
      "P_limit from the station's inferred power class (AC 22 kW; DC fast: the station's rating)",
  },
  { rule: "connection-too-long", description: "connection longer than the limit (48 h by default)" },
  { rule: "duplicate-row", description: "exact repeat (every field equal) of an earlier row that passed the rules above" },
  { rule: "duplicate-id", description: "same session id as an earlier row that passed the rules above" },
  { rule: "duplicate-user-start", description: "same user and same plug-in instant as an earlier row that passed the rules above" },
] as const;

/** Inclusive window of calendar years, as local years of the row's zone. */
export interface YearWindow {
  min: number;
  max: number;
}

/**
 * The plausible years of a charging session by default: 1990 (before any public EV charging data) to 2100. A date
 * outside it is a corrupted or mistyped value (9999-12-31 as "no end", 1899-12-30 as a spreadsheet's day zero), not a
 * session; the rule "implausible-year" rejects it. Years 0–99 written in full are first mapped by the reader
 * (SHORT_YEAR_CENTURY in lib/io/time-format.ts), so "0014" is 2014 and kept.
 */
export const DEFAULT_PLAUSIBLE_YEARS: Readonly<YearWindow> = Object.freeze({ min: 1990, max: 2100 });

/** Name of a cleaning rule. */
export type CleanRule = (typeof CLEAN_RULES)[number]["rule"];

/** Rule names in application order. */
export const CLEAN_RULE_NAMES: readonly CleanRule[] = CLEAN_RULES.map((r) => r.rule);

/** A count per rule, every rule present (zeros included), in rule order. */
export function emptyRuleCounts(): Record<CleanRule, number> {
  return Object.fromEntries(CLEAN_RULE_NAMES.map((r) => [r, 0])) as Record<CleanRule, number>;
}
