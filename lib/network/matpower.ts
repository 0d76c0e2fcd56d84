/**
 * Parser of MATPOWER case files (`.m`, case format version 2) into plain matrices.
 *
 * It reads `function mpc = name`, `mpc.version`, `mpc.baseMVA`, the matrices `mpc.bus`, `mpc.gen`, `mpc.branch`,
 * `mpc.gencost` (optional) and any other `mpc.<field> = [...]` matrix; comments (`%`), `;` or newline row separators,
 * `,` or blank element separators, `...` continuations and numbers in scientific notation. It also EXECUTES the
 * small unit conversions distribution case files append after the data, e.g. in `case33bw`, `case69`:
 *
 *     [PQ, PV, REF, …] = idx_bus;  [F_BUS, …] = idx_brch;
 *     Vbase = mpc.bus(1, BASE_KV) * 1e3;   Sbase = mpc.baseMVA * 1e6;
 *     mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);
 *     mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;
 *
 * so the matrices come out in MATPOWER's standard units (Pd in MW, r and x in per unit), exactly as MATLAB would
 * leave them. Any other statement is rejected with its line number rather than silently ignored, because a skipped
 * conversion would change the units.
 */
import { DataValidationError } from "../util/errors";
import { INDEX_FUNCTIONS } from "./matpower-columns";
import { type Token, tokenize } from "./matpower-lexer";
import { evaluate, type MatrixStore, type Slice, type Value } from "./matpower-expr";

/** A MATPOWER case as matrices in MATPOWER's standard units (after the file's own conversions). */
export interface MatpowerCase {
  /** The function name (`function mpc = case33bw`), else "case". */
  name: string;
  /** `mpc.version` ("2" when absent). */
  version: string;
  /** `mpc.baseMVA`. */
  baseMVA: number;
  /** `mpc.bus`: one row per bus, MATPOWER columns (BUS_I, BUS_TYPE, PD [MW], QD [MVAr], …). */
  bus: number[][];
  /** `mpc.gen`: one row per generator. */
  gen: number[][];
  /** `mpc.branch`: one row per branch (F_BUS, T_BUS, BR_R [pu], BR_X [pu], BR_B, RATE_A [MVA], …, BR_STATUS). */
  branch: number[][];
  /** `mpc.gencost`, when the file has it. */
  gencost?: number[][];
  /** Other `mpc.<field>` matrices found in the file. */
  extra: Record<string, number[][]>;
  /** The conversion statements that were executed, as written in the file (with their line numbers). */
  conversions: string[];
}

/** Options of {@link parseMatpower}. */
export interface ParseMatpowerOptions {
  /** Name used in error messages (e.g. the file path). Default `"parseMatpower"`'s input label `"case"`. */
  source?: string;
}

class Parser implements MatrixStore {
  private pos = 0;
  readonly vars = new Map<string, Value>();
  readonly matrices = new Map<string, number[][]>();
  readonly scalars = new Map<string, number>();
  readonly strings = new Map<string, string>();
  readonly conversions: string[] = [];
  name = "case";

  constructor(
    private readonly toks: Token[],
    readonly where: string,
  ) {}

  peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)];
  }
  next(): Token {
    return this.toks[this.pos++];
  }
  fail(message: string, tok: Token = this.peek()): never {
    throw new DataValidationError(this.where, `${message} on line ${tok.line}`, { row: tok.line });
  }
  expect(text: string): Token {
    const t = this.next();
    if (t.text !== text) this.fail(`expected "${text}" but found "${t.text || t.kind}"`, t);
    return t;
  }
  isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "op" && t.text === text;
  }

  matrix(field: string): number[][] {
    const m = this.matrices.get(field);
    if (m === undefined) this.fail(`mpc.${field} is used before it is defined`);
    return m;
  }
  scalar(field: string): number {
    const v = this.scalars.get(field);
    if (v === undefined) this.fail(`mpc.${field} is used before it is defined`);
    return v;
  }

  run(): void {
    while (this.peek().kind !== "eof") this.statement();
  }

  private endStatement(): void {
    const t = this.peek();
    if (t.kind === "eof") return;
    if (t.kind === "nl" || (t.kind === "op" && (t.text === ";" || t.text === ","))) {
      this.next();
      return;
    }
    this.fail(`unexpected "${t.text}" after a statement`, t);
  }

  private statement(): void {
    const t = this.peek();
    if (t.kind === "nl" || (t.kind === "op" && (t.text === ";" || t.text === ","))) {
      this.next();
      return;
    }
    if (t.kind === "id" && t.text === "function") return this.functionLine();
    if (t.kind === "op" && t.text === "[") return this.destructure();
    if (t.kind === "id" && t.text === "mpc" && this.isOp(".", 1)) return this.mpcAssignment();
    if (t.kind === "id" && this.isOp("=", 1)) {
      this.next();
      this.next();
      this.vars.set(t.text, evaluate(this));
      this.conversions.push(`line ${t.line}: ${t.text} = …`);
      return this.endStatement();
    }
    this.fail(`unsupported statement starting with "${t.text}" (only MATPOWER case data and unit conversions are read)`, t);
  }

  private functionLine(): void {
    this.next();
    const out = this.next();
    if (out.kind !== "id") this.fail("a version-2 case file starts with `function mpc = name`", out);
    this.expect("=");
    const name = this.next();
    if (name.kind !== "id") this.fail("expected the case name after `function mpc =`", name);
    this.name = name.text;
    this.endStatement();
  }

  private destructure(): void {
    const start = this.next();
    const names: string[] = [];
    while (!this.isOp("]")) {
      const t = this.next();
      if (t.kind === "id") names.push(t.text);
      else if (!(t.kind === "op" && t.text === ",") && t.kind !== "nl") this.fail(`unexpected "${t.text}" in [ … ] =`, t);
    }
    this.expect("]");
    this.expect("=");
    const fn = this.next();
    const values = INDEX_FUNCTIONS[fn.text];
    if (fn.kind !== "id" || values === undefined) {
      this.fail(`only [ … ] = idx_bus / idx_brch / idx_gen / idx_cost is supported, found "${fn.text}"`, fn);
    }
    if (names.length > values.length) this.fail(`${fn.text} returns only ${values.length} outputs`, start);
    names.forEach((n, k) => this.vars.set(n, values[k][1]));
    this.endStatement();
  }

  private mpcAssignment(): void {
    const first = this.next();
    this.expect(".");
    const field = this.next();
    if (field.kind !== "id") this.fail("expected a field name after `mpc.`", field);
    if (this.isOp("(")) {
      // indexed assignment: mpc.F(rows, cols) = expression (a unit conversion)
      this.pos -= 3;
      const target = evaluate(this, { selectionOnly: true }) as Slice;
      this.expect("=");
      const value = evaluate(this);
      this.assignSlice(target, value, first);
      this.conversions.push(`line ${first.line}: mpc.${field.text}(…) = …`);
      return this.endStatement();
    }
    this.expect("=");
    const t = this.peek();
    if (t.kind === "op" && t.text === "[") {
      this.matrices.set(field.text, this.matrixLiteral());
    } else if (t.kind === "op" && t.text === "{") {
      this.skipCell();
    } else if (t.kind === "str") {
      this.next();
      this.strings.set(field.text, t.text);
    } else {
      const v = evaluate(this);
      if (typeof v !== "number") this.fail(`mpc.${field.text} must be a number`, t);
      this.scalars.set(field.text, v);
    }
    this.endStatement();
  }

  private assignSlice(target: Slice, value: Value, at: Token): void {
    const m = this.matrix(target.field);
    target.rows.forEach((r, a) =>
      target.cols.forEach((c, b) => {
        const v = typeof value === "number" ? value : value.data[a]?.[b];
        if (typeof value !== "number" && (value.rows.length !== target.rows.length || value.cols.length !== target.cols.length)) {
          this.fail("the two sides of the assignment have different sizes", at);
        }
        m[r - 1][c - 1] = v as number;
      }),
    );
  }

  private matrixLiteral(): number[][] {
    const open = this.expect("[");
    const rows: number[][] = [];
    let row: number[] = [];
    const endRow = () => {
      if (row.length > 0) rows.push(row);
      row = [];
    };
    for (;;) {
      const t = this.next();
      if (t.kind === "eof") this.fail("unterminated matrix (missing `]`)", open);
      if (t.kind === "op" && t.text === "]") break;
      if (t.kind === "nl" || (t.kind === "op" && t.text === ";")) {
        endRow();
        continue;
      }
      if (t.kind === "op" && t.text === ",") continue;
      let sign = 1;
      let u = t;
      if (u.kind === "op" && (u.text === "-" || u.text === "+")) {
        sign = u.text === "-" ? -1 : 1;
        u = this.next();
        if (u.spaceBefore) this.fail("a sign must touch its number inside a matrix", u);
      }
      if (u.kind === "num") row.push(sign * (u.value as number));
      else if (u.kind === "id" && (u.text === "Inf" || u.text === "inf")) row.push(sign * Infinity);
      else if (u.kind === "id" && (u.text === "NaN" || u.text === "nan")) row.push(NaN);
      else this.fail(`unexpected "${u.text}" inside a matrix (only numbers, Inf and NaN are read)`, u);
    }
    endRow();
    const width = rows[0]?.length ?? 0;
    rows.forEach((r, k) => {
      if (r.length !== width) this.fail(`matrix row ${k + 1} has ${r.length} entries, the first row has ${width}`, open);
    });
    return rows;
  }

  private skipCell(): void {
    const open = this.expect("{");
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.kind === "eof") this.fail("unterminated cell array (missing `}`)", open);
      if (t.kind === "op" && t.text === "{") depth++;
      if (t.kind === "op" && t.text === "}") depth--;
    }
  }
}

/**
 * Parses the text of a MATPOWER case file (format version 2).
 * @param text the content of the `.m` file
 * @returns the case's matrices in MATPOWER units (MW, MVAr, per unit impedances)
 * @throws DataValidationError (with the line number) on syntax the parser does not read, a missing
 *   `mpc.baseMVA`/`mpc.bus`/`mpc.branch`, or matrices with too few columns.
 * @example parseMatpower(fs.readFileSync("data/networks/case33bw.m", "utf8")).bus.length // 33
 */
export function parseMatpower(text: string, options: ParseMatpowerOptions = {}): MatpowerCase {
  const { source = "case" } = options;
  const where = `parseMatpower(${source})`;
  // a byte-order mark and CR LF or CR-only line ends are plain text too
  const p = new Parser(tokenize(text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n"), where), where);
  p.run();
  const need = (field: string, minCols: number): number[][] => {
    const m = p.matrices.get(field);
    if (m === undefined) throw new DataValidationError(where, `mpc.${field} is missing`, { field: `mpc.${field}` });
    m.forEach((r, k) => {
      if (r.length < minCols) {
        throw new DataValidationError(where, `mpc.${field} needs at least ${minCols} columns, found ${r.length}`, {
          field: `mpc.${field}`,
          row: k + 1,
        });
      }
    });
    return m;
  };
  const baseMVA = p.scalars.get("baseMVA");
  if (baseMVA === undefined || !(baseMVA > 0)) {
    throw new DataValidationError(where, "mpc.baseMVA is missing or not positive", { field: "mpc.baseMVA" });
  }
  const version = p.strings.get("version") ?? "2";
  if (version !== "2") {
    throw new DataValidationError(where, `only MATPOWER case format version 2 is read, found "${version}"`, {
      field: "mpc.version",
    });
  }
  const extra: Record<string, number[][]> = {};
  for (const [k, m] of p.matrices) if (!["bus", "gen", "branch", "gencost"].includes(k)) extra[k] = m;
  return {
    name: p.name,
    version,
    baseMVA,
    bus: need("bus", 13),
    gen: p.matrices.has("gen") ? need("gen", 10) : [],
    branch: need("branch", 11),
    gencost: p.matrices.get("gencost"),
    extra,
    conversions: p.conversions,
  };
}
