/**
 * The elastic version of a model (solver-neutral): each limit that may give gets a priced slack column s ≥ 0, and
 * the objective becomes Σ weight · s. Solving it finds the smallest relaxation (in the weighted L1 norm the weights
 * define) under which the model is feasible; the slacks that end positive are the limits that must give.
 *
 * A limit relaxes in one of two ways (both may be used by one slack):
 * - bounds: a column's or a row's bound moves by scale · s. The bound leaves the column (or row) and goes to a new
 *   row in family `elastic:<family>` — x + scale·s ≥ lb, x − scale·s ≤ ub — so a column keeps its index and every
 *   separator (cone cuts, EV cuts) still reads it. A relaxed column lower bound falls to 0 for the columns that are
 *   a cone's y or z (|V|², |I|² stay ≥ 0, as the cones require), to −∞ otherwise;
 * - terms: s enters rows with a coefficient, the rows keeping their bounds (e.g. a fraction of a fixed load left
 *   unserved enters the balance rows of its bus). The row is rewritten as a new row with the slack terms; the old
 *   row is left free.
 * The slack columns come after every column of the model, so a point of the model extends to one of the elastic
 * model by appending them.
 */
import { ArgumentError } from "../util/errors";
import { LinExpr } from "./expr";
import type { Key } from "./families";
import type { Model } from "./model";

/** A bound that moves by `scale · s` (scale default 1, in the bound's units per unit of slack). */
export interface RelaxedBound {
  col?: number;
  row?: number;
  side: "lb" | "ub";
  scale?: number;
  /**
   * A column's lower bound once relaxed (how far it may fall at most). Default 0 for a cone's y or z, −∞ otherwise;
   * a floor below 0 on a cone's y or z is raised to 0.
   */
  floor?: number;
}

/** One limit that may give, and how its slack reads in physical units. */
export interface ElasticLimit {
  /** Limit family ("vMin", "line", "evEnergy" …). */
  family: string;
  /** Keys of the limit within its family (for the rows' keys and reports). */
  keys: readonly Key[];
  /** Objective cost per unit of slack (the norm: e.g. 1 per pu of the physical amount). */
  weight: number;
  /** Upper bound of the slack (e.g. 1 for a fraction of a load). Default +∞. */
  ub?: number;
  bounds?: readonly RelaxedBound[];
  terms?: readonly { row: number; coef: number }[];
}

/** An elastic model and the slack column of each limit (same order as the limits). */
export interface ElasticModel {
  model: Model;
  limits: readonly ElasticLimit[];
  slackCols: number[];
}

/** What {@link buildElastic} works on: the base model, its elastic copy, and the bookkeeping of the relaxations. */
interface ElasticBuild {
  where: string;
  base: Model;
  /** The elastic copy being built. */
  m: Model;
  /** Columns that are a cone's y or z (their relaxed lower bound stays ≥ 0). */
  coneFloor: Set<number>;
  /** Bounds relaxed so far (`column <name> lb`, `row <r> ub` …). */
  seen: Set<string>;
  /** Per row of the base model, the slack terms it receives. */
  termsOf: Map<number, { col: number; coef: number }[]>;
}

/**
 * Records that `what` (a bound) is relaxed, by limit `l`.
 * @throws ArgumentError when it already is.
 */
function relaxOnce(b: ElasticBuild, what: string, l: ElasticLimit): void {
  if (b.seen.has(what)) throw new ArgumentError(b.where, `${what} is relaxed twice (limit ${l.family}(${l.keys.join(",")}))`);
  b.seen.add(what);
}

/** Row `r` of `base` as a linear expression (its coefficients in stored order). */
function rowExpr(base: Model, r: number): LinExpr {
  const e = new LinExpr();
  for (let k = base.rowStart[r]; k < base.rowStart[r + 1]; k++) e.add(base.rowCols[k], base.rowVals[k]);
  return e;
}

/**
 * Moves a column's bound into a new row of family `fam` with slack `s` (x + scale·s ≥ lb or x − scale·s ≤ ub) and
 * loosens the column: its lower bound to the floor (≥ 0 on a cone's y or z), its upper bound to +∞. An infinite
 * bound is left as it is.
 */
function relaxColumnBound(b: ElasticBuild, l: ElasticLimit, s: number, fam: string, rb: RelaxedBound, col: number): void {
  const { base, m } = b;
  const scale = rb.scale ?? 1;
  if (!(col >= 0 && col < base.numCols)) throw new ArgumentError(b.where, `column ${col} out of range`);
  relaxOnce(b, `column ${base.colName(col)} ${rb.side}`, l);
  const e = new LinExpr().add(col, 1).add(s, rb.side === "lb" ? scale : -scale);
  if (rb.side === "lb") {
    if (!Number.isFinite(m.colLb[col])) return;
    m.ge(fam, l.keys, e, m.colLb[col]);
    const floor = Math.min(rb.floor ?? -Infinity, m.colLb[col]);
    m.colLb[col] = b.coneFloor.has(col) ? Math.max(0, floor) : floor;
  } else {
    if (!Number.isFinite(m.colUb[col])) return;
    m.le(fam, l.keys, e, m.colUb[col]);
    m.colUb[col] = Infinity;
  }
}

/**
 * Moves a row's bound into a new row of family `fam` (the row plus ±scale·s) and frees that side of the original
 * row. An infinite bound is left as it is.
 */
function relaxRowBound(b: ElasticBuild, l: ElasticLimit, s: number, fam: string, rb: RelaxedBound, row: number): void {
  const { base, m } = b;
  const scale = rb.scale ?? 1;
  if (!(row >= 0 && row < base.numRows)) throw new ArgumentError(b.where, `row ${row} out of range`);
  relaxOnce(b, `row ${row} ${rb.side}`, l);
  const e = rowExpr(base, row).add(s, rb.side === "lb" ? scale : -scale);
  if (rb.side === "lb") {
    if (!Number.isFinite(m.rowLb[row])) return;
    m.ge(fam, l.keys, e, m.rowLb[row]);
    m.rowLb[row] = -Infinity;
  } else {
    if (!Number.isFinite(m.rowUb[row])) return;
    m.le(fam, l.keys, e, m.rowUb[row]);
    m.rowUb[row] = Infinity;
  }
}

/** Relaxes the bounds of limit `l` with its slack column `s` and queues its slack terms for their rows. */
function relaxLimit(b: ElasticBuild, l: ElasticLimit, s: number): void {
  const fam = `elastic:${l.family}`;
  for (const rb of l.bounds ?? []) {
    if (rb.col !== undefined) relaxColumnBound(b, l, s, fam, rb, rb.col);
    else if (rb.row !== undefined) relaxRowBound(b, l, s, fam, rb, rb.row);
    else throw new ArgumentError(b.where, `a relaxed bound of ${l.family}(${l.keys.join(",")}) names neither a column nor a row`);
  }
  for (const t of l.terms ?? []) {
    if (!(t.row >= 0 && t.row < b.base.numRows)) throw new ArgumentError(b.where, `row ${t.row} out of range`);
    let list = b.termsOf.get(t.row);
    if (!list) b.termsOf.set(t.row, (list = []));
    list.push({ col: s, coef: t.coef });
  }
}

/**
 * Rows that receive slack terms: rewritten with them (same bounds, family `elastic:<row's family>`), the original
 * left free.
 */
function rewriteTermRows(b: ElasticBuild): void {
  const { base, m } = b;
  const familyOf = b.termsOf.size > 0 ? rowFamilies(base) : new Map<number, { family: string; keys: Key[] }>();
  for (const [r, terms] of b.termsOf) {
    if (b.seen.has(`row ${r} lb`) || b.seen.has(`row ${r} ub`)) throw new ArgumentError(b.where, `row ${r} is both relaxed and given slack terms`);
    const e = rowExpr(base, r);
    for (const t of terms) e.add(t.col, t.coef);
    const owner = familyOf.get(r);
    m.addRow(`elastic:${owner?.family ?? "row"}`, owner?.keys ?? [r], e, base.rowLb[r], base.rowUb[r]);
    m.rowLb[r] = -Infinity;
    m.rowUb[r] = Infinity;
  }
}

/**
 * Builds the elastic copy of `base` (the base model is not changed).
 * @throws ArgumentError when a bound is relaxed twice, a row is both relaxed and given terms, or an index is out of range.
 */
export function buildElastic(base: Model, limits: readonly ElasticLimit[], name = `${base.name}-elastic`): ElasticModel {
  const where = `buildElastic(${base.name})`;
  const m = base.clone(name);
  m.objective.cols.length = 0;
  m.objective.coefs.length = 0;
  m.objective.constant = 0;
  m.quadratic.length = 0;
  const slack = m.addVars("elastic:slack", { limit: limits.map((_, i) => i) }, {
    lb: 0,
    ub: (i) => limits[i as number].ub ?? Infinity,
    cost: (i) => limits[i as number].weight,
  });
  const slackCols = slack.cols();
  const coneFloor = new Set<number>();
  for (const c of base.cones) coneFloor.add(c.y).add(c.z);
  const b: ElasticBuild = { where, base, m, coneFloor, seen: new Set<string>(), termsOf: new Map() };
  limits.forEach((l, i) => relaxLimit(b, l, slackCols[i]));
  rewriteTermRows(b);
  return { model: m, limits, slackCols };
}

/** The family and keys of every row that belongs to one (rows added outside a family are absent). */
function rowFamilies(m: Model): Map<number, { family: string; keys: Key[] }> {
  const out = new Map<number, { family: string; keys: Key[] }>();
  for (const fam of m.conFamilies.values()) fam.rows.forEach((r, i) => out.set(r, { family: fam.name, keys: fam.keys[i] }));
  return out;
}
