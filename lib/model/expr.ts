/**
 * Sparse linear expressions over model columns: Σ coef·x[col] + constant.
 * Terms may repeat a column; they are merged when a row is added to a model.
 */

/** A sparse linear expression. Build with {@link lin} or {@link LinExpr.add}. */
export class LinExpr {
  readonly cols: number[] = [];
  readonly coefs: number[] = [];
  constant = 0;

  /** Adds `coef · x[col]` (coefficient 1 by default). Zero coefficients are skipped. Returns `this`. */
  add(col: number, coef = 1): this {
    if (coef !== 0) {
      this.cols.push(col);
      this.coefs.push(coef);
    }
    return this;
  }

  /** Adds `scale · other` (terms and constant). Returns `this`. */
  addExpr(other: LinExpr, scale = 1): this {
    for (let k = 0; k < other.cols.length; k++) this.add(other.cols[k], scale * other.coefs[k]);
    this.constant += scale * other.constant;
    return this;
  }

  /** Adds a constant. Returns `this`. */
  addConstant(c: number): this {
    this.constant += c;
    return this;
  }

  /** Number of (unmerged) terms. */
  get length(): number {
    return this.cols.length;
  }

  /** The value of the expression at the primal point `x`. */
  evaluate(x: ArrayLike<number>): number {
    let s = this.constant;
    for (let k = 0; k < this.cols.length; k++) s += this.coefs[k] * x[this.cols[k]];
    return s;
  }
}

/**
 * A linear expression from alternating `col, coef` pairs, e.g. `lin(a, 1, b, -2)` = a − 2b.
 * @throws RangeError when given an odd number of arguments.
 */
export function lin(...pairs: number[]): LinExpr {
  if (pairs.length % 2 !== 0) throw new RangeError("lin: expected col, coef pairs");
  const e = new LinExpr();
  for (let k = 0; k < pairs.length; k += 2) e.add(pairs[k], pairs[k + 1]);
  return e;
}

/** Σ x[col] over `cols` (each with coefficient `coef`). */
export function sumOf(cols: Iterable<number>, coef = 1): LinExpr {
  const e = new LinExpr();
  for (const c of cols) e.add(c, coef);
  return e;
}

/**
 * Merges repeated columns of parallel arrays, dropping exact zeros. Returns new arrays sorted by column.
 * Used when a row enters a model, so that solvers never see duplicate entries.
 */
export function mergeTerms(cols: readonly number[], coefs: readonly number[]): { cols: number[]; coefs: number[] } {
  if (cols.length <= 1) return { cols: cols.slice(), coefs: coefs.slice() };
  const order = cols.map((_, i) => i).sort((a, b) => cols[a] - cols[b]);
  const outC: number[] = [];
  const outV: number[] = [];
  for (const i of order) {
    const c = cols[i];
    if (outC.length > 0 && outC[outC.length - 1] === c) outV[outV.length - 1] += coefs[i];
    else {
      outC.push(c);
      outV.push(coefs[i]);
    }
  }
  const keepC: number[] = [];
  const keepV: number[] = [];
  for (let k = 0; k < outC.length; k++) {
    if (outV[k] !== 0) {
      keepC.push(outC[k]);
      keepV.push(outV[k]);
    }
  }
  return { cols: keepC, coefs: keepV };
}
