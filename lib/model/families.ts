/**
 * Indexed families of variables and constraints (linopy's labelled arrays, PyPSA's `define_*` families):
 * a family has named dimensions, each a list of keys (bus numbers, hours, scenario ids …), and maps a key tuple
 * to a model column or row. Solutions map back through the same typed registry — never by parsing names.
 */
import { ArgumentError } from "../util/errors";

/** A dimension key: a bus number, an hour, a scenario name … */
export type Key = number | string;

/** Named dimensions of a family, in order, e.g. `{ bus: [1, 2, 3], hour: [0, 1] }`. */
export type Dims = Record<string, readonly Key[]>;

/** Positional lookup of keys along each dimension. */
export class IndexSpace {
  readonly names: string[];
  readonly keys: (readonly Key[])[];
  readonly size: number;
  private readonly pos: Map<Key, number>[];
  private readonly strides: number[];

  constructor(where: string, dims: Dims) {
    this.names = Object.keys(dims);
    this.keys = this.names.map((n) => dims[n]);
    this.pos = this.keys.map((ks, d) => {
      const m = new Map<Key, number>();
      ks.forEach((k, i) => {
        if (m.has(k)) throw new ArgumentError(where, `duplicate key ${String(k)} in dimension "${this.names[d]}"`);
        m.set(k, i);
      });
      return m;
    });
    this.strides = new Array(this.keys.length).fill(1);
    for (let d = this.keys.length - 2; d >= 0; d--) this.strides[d] = this.strides[d + 1] * this.keys[d + 1].length;
    this.size = this.keys.reduce((s, ks) => s * ks.length, 1);
  }

  /** Flat position of a key tuple, or -1 when a key is unknown. */
  flat(keys: readonly Key[]): number {
    if (keys.length !== this.keys.length) return -1;
    let f = 0;
    for (let d = 0; d < keys.length; d++) {
      const p = this.pos[d].get(keys[d]);
      if (p === undefined) return -1;
      f += p * this.strides[d];
    }
    return f;
  }

  /** The key tuple at a flat position. */
  keysAt(flat: number): Key[] {
    const out: Key[] = [];
    let r = flat;
    for (let d = 0; d < this.keys.length; d++) {
      const p = Math.floor(r / this.strides[d]);
      r -= p * this.strides[d];
      out.push(this.keys[d][p]);
    }
    return out;
  }

  /** Every key tuple in flat order. */
  *tuples(): Generator<Key[]> {
    for (let f = 0; f < this.size; f++) yield this.keysAt(f);
  }
}

/** A family of model columns over an {@link IndexSpace}, stored contiguously from `offset`. */
export class VarFamily {
  constructor(
    readonly name: string,
    readonly space: IndexSpace,
    readonly offset: number,
  ) {}

  /** Number of columns. */
  get size(): number {
    return this.space.size;
  }

  /**
   * The model column of a key tuple.
   * @throws ArgumentError when a key is not in the family's dimensions.
   */
  col(...keys: Key[]): number {
    const f = this.space.flat(keys);
    if (f < 0) throw new ArgumentError(`VarFamily ${this.name}`, `no entry for keys (${keys.join(", ")}); dims ${this.space.names.join(" × ")}`);
    return this.offset + f;
  }

  /** True when the key tuple belongs to the family. */
  has(...keys: Key[]): boolean {
    return this.space.flat(keys) >= 0;
  }

  /** Every column of the family, in flat order. */
  cols(): number[] {
    return Array.from({ length: this.size }, (_, i) => this.offset + i);
  }
}

/** A family of rows (constraints), added sparsely: each row remembers its key tuple. */
export class ConFamily {
  readonly rows: number[] = [];
  readonly keys: Key[][] = [];
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly dimNames: readonly string[],
  ) {}

  /** Records that `row` holds this family's constraint at `keys`. */
  record(row: number, keys: readonly Key[]): void {
    this.rows.push(row);
    this.keys.push(keys.slice());
    this.byKey.set(keyString(keys), row);
  }

  /** The model row of a key tuple, or undefined. */
  row(...keys: Key[]): number | undefined {
    return this.byKey.get(keyString(keys));
  }
}

/**
 * The rows of a constraint family by key, for a template to hand back (the family is the model's own record of its
 * rows): a key the family has no row for is an ArgumentError naming `where`, `what` and the key.
 */
export function rowLookup(family: ConFamily, where: string, what: string): (...keys: Key[]) => number {
  return (...keys) => {
    const r = family.row(...keys);
    if (r === undefined) throw new ArgumentError(where, `no ${what} row at ${keys.join(", ")}`);
    return r;
  };
}

/** A stable string for a key tuple (numbers and strings kept distinct). */
export function keyString(keys: readonly Key[]): string {
  return keys.map((k) => (typeof k === "number" ? `n${k}` : `s${k}`)).join("|");
}
