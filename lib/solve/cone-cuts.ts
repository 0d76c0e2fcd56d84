/**
 * Outer approximation of rotated cones by tangent cuts, as a {@link Separator} with a persistent cut pool.
 * The pool stores each cut by the cone's family and keys, so it applies to any later model that has the same cones
 * (a re-solve with changed loads, PV or first-stage values starts from the cuts already found).
 */
import { keyString } from "../model/families";
import { coneGap, tangentCoefficients } from "../model/cones";
import type { RotatedCone } from "../model/model";
import type { RowInput } from "./highs";
import type { Separator } from "./separation";

interface StoredCut {
  ax: number[];
  ay: number;
  az: number;
}

/** Tangent cuts found so far, keyed by cone (family + keys). Share one pool between solves of similar models. */
export class ConeCutPool {
  private readonly cuts = new Map<string, StoredCut[]>();

  /** Number of stored cuts. */
  get size(): number {
    let n = 0;
    for (const list of this.cuts.values()) n += list.length;
    return n;
  }

  /** Stores a cut of a cone. */
  add(cone: RotatedCone, cut: StoredCut): void {
    const k = `${cone.family}|${keyString(cone.keys)}`;
    const list = this.cuts.get(k);
    if (list) list.push(cut);
    else this.cuts.set(k, [cut]);
  }

  /** The stored cuts of a cone, as rows over that cone's columns. */
  rowsFor(cone: RotatedCone): RowInput[] {
    const list = this.cuts.get(`${cone.family}|${keyString(cone.keys)}`) ?? [];
    return list.map((c) => toRow(cone, c));
  }

  /** Forgets every cut. */
  clear(): void {
    this.cuts.clear();
  }
}

function toRow(cone: RotatedCone, c: StoredCut): RowInput {
  return { cols: [...cone.x, cone.y, cone.z], coefs: [...c.ax, c.ay, c.az], lb: -Infinity, ub: 0 };
}

/** Options of {@link coneSeparator}. */
export interface ConeSeparatorOptions {
  /** A cone is cut when Σx² − y·z exceeds this (model units), or a function read at every call. Default 1e-9. */
  tol?: number | (() => number);
  /** Pool to seed from and to store new cuts in. Default: a fresh pool. */
  pool?: ConeCutPool;
}

/** The outer-approximation separator of a model's cones. */
export function coneSeparator(cones: readonly RotatedCone[], options: ConeSeparatorOptions = {}): Separator & { pool: ConeCutPool } {
  const { tol = 1e-9, pool = new ConeCutPool() } = options;
  return {
    name: "cone",
    pool,
    seed(): RowInput[] {
      return cones.flatMap((c) => pool.rowsFor(c));
    },
    separate(x: Float64Array): RowInput[] {
      const rows: RowInput[] = [];
      const limit = typeof tol === "number" ? tol : tol();
      for (const cone of cones) {
        if (-coneGap(cone, x) > limit) {
          const cut = tangentCoefficients(cone, x);
          pool.add(cone, cut);
          rows.push(toRow(cone, cut));
        }
      }
      return rows;
    },
  };
}
