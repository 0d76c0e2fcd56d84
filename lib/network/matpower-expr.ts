/**
 * Evaluator of the arithmetic in MATPOWER case-file unit conversions: numbers, variables, `mpc.baseMVA`,
 * `mpc.F(rows, cols)` selections (`:`, a number or name, or a `[list]`), `+ - * / ^` and their element-wise forms,
 * unary signs and parentheses, with MATLAB's precedence (`^` binds tighter than a unary minus), and MATLAB's
 * element-wise functions of one argument that case files use (`sqrt`, `sin(acos(pf))` for reactive loads from a
 * power factor, …: {@link FUNCTIONS}).
 */
import type { Token } from "./matpower-lexer";

/** A rectangular selection of a case matrix, with its current values. Rows and columns are 1-based. */
export interface Slice {
  field: string;
  rows: number[];
  cols: number[];
  data: number[][];
}

/** A scalar or a selection. */
export type Value = number | Slice;

/** What the evaluator needs from the parser: the token stream, variables and the matrices read so far. */
export interface MatrixStore {
  readonly vars: Map<string, Value>;
  peek(k?: number): Token;
  next(): Token;
  isOp(text: string, k?: number): boolean;
  expect(text: string): Token;
  fail(message: string, tok?: Token): never;
  matrix(field: string): number[][];
  scalar(field: string): number;
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, Inf: Infinity, inf: Infinity, NaN: NaN, nan: NaN };

/**
 * MATLAB's element-wise functions of one real argument, as MATLAB computes them for arguments in their real domain
 * (angles in radians; `log` is the natural logarithm). An argument outside it (acos(1.2), sqrt(−1), log(−1)) would
 * be complex in MATLAB: an error here.
 */
export const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sind: (d) => Math.sin((d * Math.PI) / 180),
  cosd: (d) => Math.cos((d * Math.PI) / 180),
  tand: (d) => Math.tan((d * Math.PI) / 180),
  acosd: (x) => (Math.acos(x) * 180) / Math.PI,
  asind: (x) => (Math.asin(x) * 180) / Math.PI,
  atand: (x) => (Math.atan(x) * 180) / Math.PI,
  round: (x) => Math.sign(x) * Math.round(Math.abs(x)),
  floor: Math.floor,
  ceil: Math.ceil,
  fix: Math.trunc,
};

/** `name(arg)` element by element; an argument outside the function's real domain is an error naming the call. */
function applyFunction(s: MatrixStore, name: string, v: Value, at: Token): Value {
  const f = FUNCTIONS[name];
  const g = (x: number) => {
    const y = f(x);
    if (Number.isNaN(y) && !Number.isNaN(x)) s.fail(`${name}(${x}) has no real value (MATLAB would make it complex)`, at);
    return y;
  };
  return typeof v === "number" ? g(v) : { ...v, data: v.data.map((r) => r.map(g)) };
}

function combine(s: MatrixStore, a: Value, b: Value, op: string, at: Token): Value {
  const f = (x: number, y: number): number => {
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
      case ".*":
        return x * y;
      case "/":
      case "./":
        return x / y;
      default:
        return Math.pow(x, y);
    }
  };
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  if (typeof a !== "number" && typeof b !== "number") {
    if (op === "*" || op === "/" || op === "^") s.fail(`matrix "${op}" is not supported; use ".${op}"`, at);
    if (a.rows.length !== b.rows.length || a.cols.length !== b.cols.length) s.fail("operands have different sizes", at);
    return { ...a, data: a.data.map((r, i) => r.map((x, j) => f(x, b.data[i][j]))) };
  }
  if (typeof a !== "number") {
    const y = b as number;
    return { ...a, data: a.data.map((r) => r.map((x) => f(x, y))) };
  }
  const bb = b as Slice;
  if (op === "/" || op === "^") s.fail(`scalar "${op}" matrix is not supported`, at);
  return { ...bb, data: bb.data.map((r) => r.map((y) => f(a, y))) };
}

function negate(v: Value): Value {
  return typeof v === "number" ? -v : { ...v, data: v.data.map((r) => r.map((x) => -x)) };
}

function scalarOf(s: MatrixStore, v: Value, at: Token): number {
  if (typeof v === "number") return v;
  if (v.data.length === 1 && v.data[0].length === 1) return v.data[0][0];
  return s.fail("expected a single number", at);
}

function selection(s: MatrixStore, size: number): number[] {
  if (s.isOp(":")) {
    const t = s.next();
    const nxt = s.peek();
    if (nxt.kind === "op" && (nxt.text === "," || nxt.text === ")")) return Array.from({ length: size }, (_, k) => k + 1);
    return s.fail("ranges a:b are not supported in selections", t);
  }
  const at = s.peek();
  let idx: number[];
  if (s.isOp("[")) {
    s.next();
    idx = [];
    while (!s.isOp("]")) {
      if (s.isOp(",")) {
        s.next();
        continue;
      }
      idx.push(scalarOf(s, expr(s), s.peek()));
    }
    s.expect("]");
  } else {
    idx = [scalarOf(s, expr(s), at)];
  }
  for (const k of idx) {
    if (!Number.isInteger(k) || k < 1 || k > size) s.fail(`index ${k} is outside 1…${size}`, at);
  }
  return idx;
}

function mpcRef(s: MatrixStore): Value {
  s.expect("mpc");
  s.expect(".");
  const f = s.next();
  if (f.kind !== "id") return s.fail("expected a field name after `mpc.`", f);
  if (!s.isOp("(")) return s.scalar(f.text);
  s.next();
  const m = s.matrix(f.text);
  const rows = selection(s, m.length);
  s.expect(",");
  const cols = selection(s, m[0]?.length ?? 0);
  s.expect(")");
  return { field: f.text, rows, cols, data: rows.map((r) => cols.map((c) => m[r - 1][c - 1])) };
}

function primary(s: MatrixStore): Value {
  const t = s.peek();
  if (t.kind === "num") {
    s.next();
    return t.value as number;
  }
  if (t.kind === "op" && t.text === "(") {
    s.next();
    const v = expr(s);
    s.expect(")");
    return v;
  }
  if (t.kind === "id" && t.text === "mpc" && s.isOp(".", 1)) {
    const v = mpcRef(s);
    return typeof v !== "number" && v.data.length === 1 && v.data[0].length === 1 ? v.data[0][0] : v;
  }
  if (t.kind === "id") {
    s.next();
    if (Object.hasOwn(FUNCTIONS, t.text) && !s.vars.has(t.text) && s.isOp("(")) {
      s.next();
      const v = expr(s);
      s.expect(")");
      return applyFunction(s, t.text, v, t);
    }
    const v = s.vars.get(t.text) ?? CONSTANTS[t.text];
    if (v === undefined) return s.fail(`unknown name "${t.text}"`, t);
    return v;
  }
  return s.fail(`unexpected "${t.text || t.kind}" in an expression`, t);
}

function power(s: MatrixStore): Value {
  const base = primary(s);
  if (s.isOp("^") || s.isOp(".^")) {
    const op = s.next();
    let sign = 1;
    while (s.isOp("-") || s.isOp("+")) if (s.next().text === "-") sign = -sign;
    const e = primary(s);
    return combine(s, base, sign < 0 ? negate(e) : e, op.text, op);
  }
  return base;
}

function unary(s: MatrixStore): Value {
  if (s.isOp("-")) {
    s.next();
    return negate(unary(s));
  }
  if (s.isOp("+")) {
    s.next();
    return unary(s);
  }
  return power(s);
}

function term(s: MatrixStore): Value {
  let v = unary(s);
  while (s.isOp("*") || s.isOp("/") || s.isOp(".*") || s.isOp("./")) {
    const op = s.next();
    v = combine(s, v, unary(s), op.text, op);
  }
  return v;
}

function expr(s: MatrixStore): Value {
  let v = term(s);
  while (s.isOp("+") || s.isOp("-")) {
    const op = s.next();
    v = combine(s, v, term(s), op.text, op);
  }
  return v;
}

/**
 * Evaluates the expression starting at the parser's position.
 * @param options.selectionOnly read only a `mpc.F(rows, cols)` selection (the target of an assignment)
 */
export function evaluate(s: MatrixStore, options: { selectionOnly?: boolean } = {}): Value {
  if (options.selectionOnly) {
    const v = mpcRef(s);
    if (typeof v === "number") return s.fail("expected a selection mpc.F(rows, cols)");
    return v;
  }
  return expr(s);
}
