/**
 * The solver-neutral optimisation model: typed variable families with bounds and integrality, sparse rows in named
 * constraint families, rotated second-order cones, and a linear + convex quadratic objective (minimised).
 * Solvers (lib/solve) read it through the typed accessors below; nothing here knows about HiGHS.
 */
import { ArgumentError } from "../util/errors";
import { LinExpr, mergeTerms } from "./expr";
import { ConFamily, type Dims, IndexSpace, type Key, VarFamily } from "./families";

/** A bound given as a number, or per key tuple. */
export type BoundSpec = number | ((...keys: Key[]) => number);

/** Options of {@link Model.addVars}. */
export interface VarOptions {
  /** Lower bound; default 0. Use `-Infinity` for free variables. */
  lb?: BoundSpec;
  /** Upper bound; default +Infinity. */
  ub?: BoundSpec;
  /** Integer variables (binary when bounds are 0..1). Default false. */
  integer?: boolean;
  /** Linear objective coefficient per column; default 0. */
  cost?: BoundSpec;
}

/** A rotated second-order cone Σ x_k² ≤ y·z with y, z ≥ 0, in model columns. */
export interface RotatedCone {
  family: string;
  keys: Key[];
  x: number[];
  y: number;
  z: number;
}

/** One quadratic objective term `coef · x[i] · x[j]` (i = j for a square). */
export interface QuadTerm {
  i: number;
  j: number;
  coef: number;
}

/** Size of a model. */
export interface ModelStats {
  cols: number;
  rows: number;
  nonzeros: number;
  integers: number;
  cones: number;
  quadTerms: number;
}

/** A minimisation model. */
export class Model {
  readonly name: string;
  // Columns.
  readonly colLb: number[] = [];
  readonly colUb: number[] = [];
  readonly colInt: boolean[] = [];
  readonly varFamilies: VarFamily[] = [];
  // Rows, compressed by row.
  readonly rowStart: number[] = [0];
  readonly rowCols: number[] = [];
  readonly rowVals: number[] = [];
  readonly rowLb: number[] = [];
  readonly rowUb: number[] = [];
  readonly conFamilies = new Map<string, ConFamily>();
  // Cones and objective.
  readonly cones: RotatedCone[] = [];
  readonly objective = new LinExpr();
  readonly quadratic: QuadTerm[] = [];
  private readonly familyNames = new Set<string>();

  constructor(name: string) {
    if (!name) throw new ArgumentError("Model", "a model needs a name (it appears in every solver error)");
    this.name = name;
  }

  get numCols(): number {
    return this.colLb.length;
  }

  get numRows(): number {
    return this.rowLb.length;
  }

  /**
   * Adds a family of variables over named dimensions.
   * @example const p = m.addVars("p", { bus: [2, 3], hour: [0, 1] }, { lb: -Infinity }); p.col(3, 1);
   */
  addVars(name: string, dims: Dims, options: VarOptions = {}): VarFamily {
    const { lb = 0, ub = Infinity, integer = false, cost = 0 } = options;
    if (this.familyNames.has(name)) throw new ArgumentError("Model.addVars", `variable family "${name}" already exists in model ${this.name}`);
    this.familyNames.add(name);
    const space = new IndexSpace(`Model.addVars(${name})`, dims);
    const fam = new VarFamily(name, space, this.numCols);
    const f = (spec: BoundSpec, keys: Key[]) => (typeof spec === "number" ? spec : spec(...keys));
    for (let i = 0; i < space.size; i++) {
      const keys = typeof lb === "number" && typeof ub === "number" && typeof cost === "number" ? [] : space.keysAt(i);
      const l = f(lb, keys);
      const u = f(ub, keys);
      if (Number.isNaN(l) || Number.isNaN(u) || l > u) {
        throw new ArgumentError("Model.addVars", `bad bounds [${l}, ${u}] for ${name}(${space.keysAt(i).join(",")})`);
      }
      this.colLb.push(l);
      this.colUb.push(u);
      this.colInt.push(integer);
      const c = f(cost, keys);
      if (c !== 0) this.objective.add(fam.offset + i, c);
    }
    this.varFamilies.push(fam);
    return fam;
  }

  /** Adds one scalar variable; returns its column. */
  addVar(name: string, options: VarOptions = {}): number {
    return this.addVars(name, {}, options).offset;
  }

  /** The constraint family of that name, created on first use with the given dimension names. */
  conFamily(name: string, dimNames: readonly string[] = []): ConFamily {
    let fam = this.conFamilies.get(name);
    if (!fam) {
      fam = new ConFamily(name, dimNames);
      this.conFamilies.set(name, fam);
    }
    return fam;
  }

  /**
   * Adds the row `lb ≤ expr ≤ ub` to constraint family `family` at `keys` (the expression's constant is moved to the
   * bounds). Returns the row index.
   */
  addRow(family: string, keys: readonly Key[], expr: LinExpr, lb: number, ub: number): number {
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb > ub) {
      throw new ArgumentError("Model.addRow", `bad bounds [${lb}, ${ub}] for ${family}(${keys.join(",")}) in model ${this.name}`);
    }
    const merged = mergeTerms(expr.cols, expr.coefs);
    for (const c of merged.cols) {
      if (!(c >= 0 && c < this.numCols)) throw new ArgumentError("Model.addRow", `column ${c} out of range in ${family}(${keys.join(",")})`);
    }
    const row = this.numRows;
    for (let k = 0; k < merged.cols.length; k++) {
      this.rowCols.push(merged.cols[k]);
      this.rowVals.push(merged.coefs[k]);
    }
    this.rowStart.push(this.rowCols.length);
    this.rowLb.push(lb - expr.constant);
    this.rowUb.push(ub - expr.constant);
    this.conFamily(family).record(row, keys);
    return row;
  }

  /** expr = rhs */
  eq(family: string, keys: readonly Key[], expr: LinExpr, rhs = 0): number {
    return this.addRow(family, keys, expr, rhs, rhs);
  }

  /** expr ≤ rhs */
  le(family: string, keys: readonly Key[], expr: LinExpr, rhs = 0): number {
    return this.addRow(family, keys, expr, -Infinity, rhs);
  }

  /** expr ≥ rhs */
  ge(family: string, keys: readonly Key[], expr: LinExpr, rhs = 0): number {
    return this.addRow(family, keys, expr, rhs, Infinity);
  }

  /** Adds the rotated cone Σ x_k² ≤ y·z (y, z must have lower bounds ≥ 0); returns it (a handle for read-back). */
  addRotatedCone(family: string, keys: readonly Key[], cone: { x: number[]; y: number; z: number }): RotatedCone {
    for (const c of [...cone.x, cone.y, cone.z]) {
      if (!(c >= 0 && c < this.numCols)) throw new ArgumentError("Model.addRotatedCone", `column ${c} out of range in ${family}(${keys.join(",")})`);
    }
    if (this.colLb[cone.y] < 0 || this.colLb[cone.z] < 0) {
      throw new ArgumentError("Model.addRotatedCone", `y and z must be bounded below by 0 in ${family}(${keys.join(",")})`);
    }
    const added: RotatedCone = { family, keys: keys.slice(), x: cone.x.slice(), y: cone.y, z: cone.z };
    this.cones.push(added);
    return added;
  }

  /** Adds `scale · expr` to the objective. */
  addObjective(expr: LinExpr, scale = 1): void {
    this.objective.addExpr(expr, scale);
  }

  /** Adds `coef · x[i] · x[j]` to the objective (the objective must stay convex). */
  addQuadratic(i: number, j: number, coef: number): void {
    if (coef !== 0) this.quadratic.push({ i, j, coef });
  }

  /** Changes the bounds of one column. */
  setBounds(col: number, lb: number, ub: number): void {
    if (lb > ub) throw new ArgumentError("Model.setBounds", `bad bounds [${lb}, ${ub}] for ${this.colName(col)}`);
    this.colLb[col] = lb;
    this.colUb[col] = ub;
  }

  /** Fixes one column to a value. */
  fix(col: number, value: number): void {
    this.setBounds(col, value, value);
  }

  /** The family and keys of a column. */
  colOwner(col: number): { family: VarFamily; keys: Key[] } {
    let lo = 0;
    let hi = this.varFamilies.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.varFamilies[mid].offset <= col) lo = mid;
      else hi = mid - 1;
    }
    const family = this.varFamilies[lo];
    return { family, keys: family.space.keysAt(col - family.offset) };
  }

  /** A column's family and keys as written, `family(k1,k2)` (or `family`), before LP-safe escaping. */
  colKey(col: number): string {
    const { family, keys } = this.colOwner(col);
    return keys.length ? `${family.name}(${keys.join(",")})` : family.name;
  }

  /** A readable, LP-safe name of a column: {@link colKey} with unsafe characters replaced. */
  colName(col: number): string {
    return lpSafe(this.colKey(col));
  }

  /** The constant part of the objective. */
  get objectiveConstant(): number {
    return this.objective.constant;
  }

  /** Sizes of the model. */
  stats(): ModelStats {
    return {
      cols: this.numCols,
      rows: this.numRows,
      nonzeros: this.rowCols.length,
      integers: this.colInt.filter(Boolean).length,
      cones: this.cones.length,
      quadTerms: this.quadratic.length,
    };
  }

  /**
   * A deep copy (same families, rows, cones and objective) that can be changed without touching this model.
   * @param name name of the copy; default `<name>-copy`.
   */
  clone(name = `${this.name}-copy`): Model {
    const m = new Model(name);
    // Element by element: spreading 10^5+ elements into push() overflows the call stack.
    const append = <T>(to: T[], from: readonly T[]) => {
      for (const v of from) to.push(v);
    };
    append(m.colLb, this.colLb);
    append(m.colUb, this.colUb);
    append(m.colInt, this.colInt);
    append(m.varFamilies, this.varFamilies);
    for (const f of this.varFamilies) m.familyNames.add(f.name);
    m.rowStart.length = 0;
    append(m.rowStart, this.rowStart);
    append(m.rowCols, this.rowCols);
    append(m.rowVals, this.rowVals);
    append(m.rowLb, this.rowLb);
    append(m.rowUb, this.rowUb);
    for (const [k, fam] of this.conFamilies) {
      const copy = new ConFamily(fam.name, fam.dimNames);
      fam.rows.forEach((r, i) => copy.record(r, fam.keys[i]));
      m.conFamilies.set(k, copy);
    }
    append(m.cones, this.cones.map((c) => ({ ...c, keys: c.keys.slice(), x: c.x.slice() })));
    m.objective.addExpr(this.objective);
    append(m.quadratic, this.quadratic.map((q) => ({ ...q })));
    return m;
  }

  /** Removes every cone (after a solver-specific reformulation replaced them). Returns the removed cones. */
  takeCones(): RotatedCone[] {
    return this.cones.splice(0, this.cones.length);
  }

  /** Removes these cones (handles from addRotatedCone, e.g. after a relaxation replaced them). */
  removeCones(cones: readonly RotatedCone[]): void {
    const gone = new Set(cones);
    for (let k = this.cones.length - 1; k >= 0; k--) if (gone.has(this.cones[k])) this.cones.splice(k, 1);
  }

  /** True when some column is integer. */
  get hasIntegers(): boolean {
    return this.colInt.some(Boolean);
  }
}

/** Replaces characters that CPLEX LP names may not contain. */
export function lpSafe(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_.()\[\],]/g, "_").replace(/[\[\]]/g, "_");
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}
