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
  const nCols = base.numCols;
  const nRows = base.numRows;
  const slack = m.addVars("elastic:slack", { limit: limits.map((_, i) => i) }, {
    lb: 0,
    ub: (i) => limits[i as number].ub ?? Infinity,
    cost: (i) => limits[i as number].weight,
  });
  const slackCols = slack.cols();
  const coneFloor = new Set<number>();
  for (const c of base.cones) coneFloor.add(c.y).add(c.z);
  const seen = new Set<string>();
  const once = (what: string, l: ElasticLimit) => {
    if (seen.has(what)) throw new ArgumentError(where, `${what} is relaxed twice (limit ${l.family}(${l.keys.join(",")}))`);
    seen.add(what);
  };
  const rowExpr = (r: number) => {
    const e = new LinExpr();
    for (let k = base.rowStart[r]; k < base.rowStart[r + 1]; k++) e.add(base.rowCols[k], base.rowVals[k]);
    return e;
  };
  const termsOf = new Map<number, { col: number; coef: number }[]>();
  limits.forEach((l, i) => {
    const s = slackCols[i];
    const fam = `elastic:${l.family}`;
    for (const b of l.bounds ?? []) {
      const scale = b.scale ?? 1;
      if (b.col !== undefined) {
        if (!(b.col >= 0 && b.col < nCols)) throw new ArgumentError(where, `column ${b.col} out of range`);
        once(`column ${base.colName(b.col)} ${b.side}`, l);
        const e = new LinExpr().add(b.col, 1).add(s, b.side === "lb" ? scale : -scale);
        if (b.side === "lb") {
          if (!Number.isFinite(m.colLb[b.col])) continue;
          m.ge(fam, l.keys, e, m.colLb[b.col]);
          const floor = Math.min(b.floor ?? -Infinity, m.colLb[b.col]);
          m.colLb[b.col] = coneFloor.has(b.col) ? Math.max(0, floor) : floor;
        } else {
          if (!Number.isFinite(m.colUb[b.col])) continue;
          m.le(fam, l.keys, e, m.colUb[b.col]);
          m.colUb[b.col] = Infinity;
        }
      } else if (b.row !== undefined) {
        if (!(b.row >= 0 && b.row < nRows)) throw new ArgumentError(where, `row ${b.row} out of range`);
        once(`row ${b.row} ${b.side}`, l);
        const e = rowExpr(b.row).add(s, b.side === "lb" ? scale : -scale);
        if (b.side === "lb") {
          if (!Number.isFinite(m.rowLb[b.row])) continue;
          m.ge(fam, l.keys, e, m.rowLb[b.row]);
          m.rowLb[b.row] = -Infinity;
        } else {
          if (!Number.isFinite(m.rowUb[b.row])) continue;
          m.le(fam, l.keys, e, m.rowUb[b.row]);
          m.rowUb[b.row] = Infinity;
        }
      } else {
        throw new ArgumentError(where, `a relaxed bound of ${l.family}(${l.keys.join(",")}) names neither a column nor a row`);
      }
    }
    for (const t of l.terms ?? []) {
      if (!(t.row >= 0 && t.row < nRows)) throw new ArgumentError(where, `row ${t.row} out of range`);
      let list = termsOf.get(t.row);
      if (!list) termsOf.set(t.row, (list = []));
      list.push({ col: s, coef: t.coef });
    }
  });
  // Rows that receive slack terms: rewritten with them (same bounds), the original left free.
  const familyOf = termsOf.size > 0 ? rowFamilies(base) : new Map<number, { family: string; keys: Key[] }>();
  for (const [r, terms] of termsOf) {
    if (seen.has(`row ${r} lb`) || seen.has(`row ${r} ub`)) throw new ArgumentError(where, `row ${r} is both relaxed and given slack terms`);
    const e = rowExpr(r);
    for (const t of terms) e.add(t.col, t.coef);
    const owner = familyOf.get(r);
    m.addRow(`elastic:${owner?.family ?? "row"}`, owner?.keys ?? [r], e, base.rowLb[r], base.rowUb[r]);
    m.rowLb[r] = -Infinity;
    m.rowUb[r] = Infinity;
  }
  return { model: m, limits, slackCols };
}

/** The family and keys of every row that belongs to one (rows added outside a family are absent). */
function rowFamilies(m: Model): Map<number, { family: string; keys: Key[] }> {
  const out = new Map<number, { family: string; keys: Key[] }>();
  for (const fam of m.conFamilies.values()) fam.rows.forEach((r, i) => out.set(r, { family: fam.name, keys: fam.keys[i] }));
  return out;
}
