/**
 * A solved model's values read back through the model's typed families (never by parsing names):
 * `sol.value(v, bus, hour)`, `sol.table(v)` → rows keyed like the input, `sol.dual("balance", bus, hour)`.
 */
import type { Key, VarFamily } from "../model/families";
import type { Model } from "../model/model";
import type { ConeGapReport } from "../model/cones";
import { ArgumentError } from "../util/errors";
import type { SolveStatus } from "./highs";

/** What every solve reports besides values. */
export interface SolveInfo {
  status: SolveStatus;
  objective: number;
  /** Wall-clock seconds of the whole solve (all rounds). */
  seconds: number;
  /** Solver runs (1 without cones; the cut rounds with outer approximation). */
  rounds: number;
  /** Cuts added, per separator name. */
  cuts: Record<string, number>;
  /** Cone gaps at the solution (all zeros when the model has no cones). */
  cone: ConeGapReport;
  /** Sizes as solved (after any cone reformulation, including cuts). */
  size: { cols: number; rows: number };
}

/** Values of one solve of a {@link Model}. */
export class Solution {
  constructor(
    readonly model: Model,
    /** Primal values of the model's columns. */
    readonly x: Float64Array,
    /** Row duals of the model's own rows (cuts excluded): ∂ objective / ∂ row bound. */
    readonly rowDual: Float64Array,
    /** Reduced costs of the model's columns. */
    readonly colDual: Float64Array,
    readonly info: SolveInfo,
  ) {}

  get objective(): number {
    return this.info.objective;
  }

  /** The value of one variable. */
  value(fam: VarFamily, ...keys: Key[]): number {
    return this.x[fam.col(...keys)];
  }

  /** Every value of a family, in the family's flat order (last dimension fastest). */
  values(fam: VarFamily): Float64Array {
    return this.x.slice(fam.offset, fam.offset + fam.size);
  }

  /** The family's values as a 2-D array [key of dim 0][key of dim 1] (families with two dimensions). */
  matrix(fam: VarFamily): number[][] {
    if (fam.space.names.length !== 2) throw new ArgumentError("Solution.matrix", `${fam.name} has ${fam.space.names.length} dimensions, not 2`);
    const [n0, n1] = fam.space.keys.map((k) => k.length);
    return Array.from({ length: n0 }, (_, i) => Array.from(this.x.subarray(fam.offset + i * n1, fam.offset + (i + 1) * n1)));
  }

  /** The family's values as rows keyed like the input: `{ <dim>: key, …, value }`. */
  table(fam: VarFamily): Array<Record<string, Key> & { value: number }> {
    const out: Array<Record<string, Key> & { value: number }> = [];
    for (let i = 0; i < fam.size; i++) {
      const keys = fam.space.keysAt(i);
      const row: Record<string, Key> = {};
      fam.space.names.forEach((n, d) => (row[n] = keys[d]));
      out.push({ ...row, value: this.x[fam.offset + i] } as Record<string, Key> & { value: number });
    }
    return out;
  }

  /** The dual of one row of a constraint family (undefined when no such row). */
  dual(family: string, ...keys: Key[]): number | undefined {
    const row = this.model.conFamilies.get(family)?.row(...keys);
    return row === undefined ? undefined : this.rowDual[row];
  }

  /** Every dual of a constraint family with its keys. */
  duals(family: string): Array<{ keys: Key[]; dual: number }> {
    const fam = this.model.conFamilies.get(family);
    if (!fam) throw new ArgumentError("Solution.duals", `no constraint family "${family}" in model ${this.model.name}`);
    return fam.rows.map((r, i) => ({ keys: fam.keys[i], dual: this.rowDual[r] }));
  }
}
