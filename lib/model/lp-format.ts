/**
 * Writes a {@link Model} in CPLEX LP format (as read by HiGHS, CPLEX, Gurobi, SCIP …), for inspection, export and an
 * independent solve path. Strings are collected in an array and joined once, so writing stays linear in model size
 * (10^5+ columns in well under a second).
 * Ranged rows (finite lb < ub) are written as two rows named `<name>_lo` and `<name>_hi`. Cones are not part of the
 * LP format: convert them first (outer-approximation cuts or Ben-Tal–Nemirovski) — {@link toLpText} refuses a model
 * that still holds cones unless `ignoreCones` is set.
 */
import { ArgumentError } from "../util/errors";
import { mergeTerms } from "./expr";
import { lpSafe, type Model } from "./model";

/** Options of {@link toLpText}. */
export interface LpTextOptions {
  /** Write the model even if it holds cones (they are dropped). Default false. */
  ignoreCones?: boolean;
}

const TERMS_PER_LINE = 8;

function num(v: number): string {
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return Number.isInteger(v) ? String(v) : v.toPrecision(17).replace(/\.?0+(e|$)/, "$1");
}

function pushTerms(out: string[], cols: readonly number[], coefs: readonly number[], names: string[]): void {
  if (cols.length === 0) {
    out.push(" 0 ", names[0] ?? "", "");
    return;
  }
  for (let k = 0; k < cols.length; k++) {
    const c = coefs[k];
    out.push(k === 0 ? (c < 0 ? " - " : " ") : c < 0 ? " - " : " + ", num(Math.abs(c)), " ", names[cols[k]]);
    if ((k + 1) % TERMS_PER_LINE === 0) out.push("\n  ");
  }
}

/** The row names used by {@link toLpText} (family(keys)_r<row>). */
export function lpRowNames(model: Model): string[] {
  const names = new Array<string>(model.numRows);
  for (const fam of model.conFamilies.values()) {
    for (let i = 0; i < fam.rows.length; i++) {
      const keys = fam.keys[i];
      names[fam.rows[i]] = lpSafe(`${fam.name}${keys.length ? `(${keys.join(",")})` : ""}_r${fam.rows[i]}`);
    }
  }
  return names;
}

/** The model as CPLEX LP text. */
export function toLpText(model: Model, options: LpTextOptions = {}): string {
  const { ignoreCones = false } = options;
  if (model.cones.length > 0 && !ignoreCones) {
    throw new ArgumentError("toLpText", `model ${model.name} holds ${model.cones.length} cones, which LP format cannot express`);
  }
  const names = Array.from({ length: model.numCols }, (_, c) => model.colName(c));
  const out: string[] = [`\\ model ${model.name}\n`, "Minimize\n obj:"];
  const obj = mergeTerms(model.objective.cols, model.objective.coefs);
  pushTerms(out, obj.cols, obj.coefs, names);
  if (model.quadratic.length > 0) {
    out.push(" + [");
    model.quadratic.forEach((q, k) => {
      const c = 2 * q.coef;
      out.push(k === 0 ? (c < 0 ? " - " : " ") : c < 0 ? " - " : " + ", num(Math.abs(c)), " ");
      out.push(q.i === q.j ? `${names[q.i]} ^ 2` : `${names[q.i]} * ${names[q.j]}`);
      if ((k + 1) % TERMS_PER_LINE === 0) out.push("\n  ");
    });
    out.push(" ] / 2");
  }
  if (model.objectiveConstant !== 0) out.push(model.objectiveConstant < 0 ? " - " : " + ", num(Math.abs(model.objectiveConstant)));
  out.push("\nSubject To\n");
  const rowNames = lpRowNames(model);
  for (let r = 0; r < model.numRows; r++) {
    const a = model.rowStart[r];
    const b = model.rowStart[r + 1];
    const cols = model.rowCols.slice(a, b);
    const vals = model.rowVals.slice(a, b);
    const lb = model.rowLb[r];
    const ub = model.rowUb[r];
    const pieces: Array<[string, string, number]> =
      lb === ub
        ? [[rowNames[r], "=", lb]]
        : lb === -Infinity
          ? [[rowNames[r], "<=", ub]]
          : ub === Infinity
            ? [[rowNames[r], ">=", lb]]
            : [
                [`${rowNames[r]}_lo`, ">=", lb],
                [`${rowNames[r]}_hi`, "<=", ub],
              ];
    for (const [name, sense, rhs] of pieces) {
      if (!Number.isFinite(rhs)) continue;
      out.push(" ", name, ":");
      pushTerms(out, cols, vals, names);
      out.push(" ", sense, " ", num(rhs), "\n");
    }
  }
  out.push("Bounds\n");
  const generals: string[] = [];
  for (let c = 0; c < model.numCols; c++) {
    const lb = model.colLb[c];
    const ub = model.colUb[c];
    if (lb === -Infinity && ub === Infinity) out.push(" ", names[c], " free\n");
    else if (lb === ub) out.push(" ", names[c], " = ", num(lb), "\n");
    else if (!(lb === 0 && ub === Infinity)) out.push(" ", num(lb), " <= ", names[c], " <= ", num(ub), "\n");
    if (model.colInt[c]) generals.push(names[c]);
  }
  if (generals.length > 0) {
    out.push("Generals\n");
    for (let k = 0; k < generals.length; k += TERMS_PER_LINE) out.push(" ", generals.slice(k, k + TERMS_PER_LINE).join(" "), "\n");
  }
  out.push("End\n");
  return out.join("");
}

/** The integer columns of LP text written by {@link toLpText} (its Generals section), in column order. */
export function lpIntegerColumns(text: string): string[] {
  const at = text.lastIndexOf("\nGenerals\n");
  if (at < 0) return [];
  const end = text.indexOf("\nEnd", at + 1);
  return text
    .slice(at + "\nGenerals\n".length, end < 0 ? undefined : end)
    .split(/\s+/)
    .filter((s) => s.length > 0);
}

/**
 * LP text written by {@link toLpText} with some columns fixed: each named column's line in the Bounds section becomes
 * `name = value` (a line is added for a column at the default bounds [0, ∞), which has none). With a MILP's integer
 * columns fixed, any solver reading the file solves the LP of that one assignment, so enumerating the assignments
 * checks its branch and bound independently.
 * @throws ArgumentError when the text has no Bounds section or a value is not finite.
 */
export function fixLpColumns(text: string, values: ReadonlyMap<string, number>): string {
  const start = text.indexOf("\nBounds\n");
  if (start < 0) throw new ArgumentError("fixLpColumns", "the LP text has no Bounds section (not written by toLpText?)");
  for (const [name, v] of values) if (!Number.isFinite(v)) throw new ArgumentError("fixLpColumns", `column ${name}: value ${v} is not finite`);
  const from = start + "\nBounds\n".length;
  const endGenerals = text.indexOf("\nGenerals\n", from);
  const to = endGenerals >= 0 ? endGenerals + 1 : text.indexOf("\nEnd", from) + 1;
  if (to <= 0) throw new ArgumentError("fixLpColumns", "the LP text has no End after its Bounds section");
  const seen = new Set<string>();
  const lines = text.slice(from, to).split("\n");
  const out = lines.map((line) => {
    const t = line.trim().split(/\s+/);
    // " name free", " name = v" or " lb <= name <= ub".
    const name = t.length === 5 ? t[2] : t[0];
    const v = values.get(name);
    if (v === undefined || t.length < 2) return line;
    seen.add(name);
    return ` ${name} = ${num(v)}`;
  });
  const added = [...values].filter(([name]) => !seen.has(name)).map(([name, v]) => ` ${name} = ${num(v)}\n`);
  return text.slice(0, from) + added.join("") + out.join("\n") + text.slice(to);
}
