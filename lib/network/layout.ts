/**
 * Bus coordinates for a one-line diagram of a radial feeder, by a tidy tree layout: x = number of branches from the
 * slack, rows assigned so that subtrees never overlap and sit as close as their contours allow (Reingold & Tilford,
 * "Tidier drawings of trees," IEEE Trans. Software Eng. SE-7(2), 1981). With the default alignment a bus sits on the
 * row of its first child, and children are ordered deepest subtree first, so the main feeder is drawn as one straight
 * line with laterals branching below it — the way feeders are drawn in the literature.
 */
import { radialIndex } from "./radial";
import type { Network } from "./types";

/** Position of a bus in the diagram. */
export interface BusCoordinate {
  bus: number;
  /** Branches between the bus and the slack. */
  x: number;
  /** Row (0 for the slack's row, negative below). */
  y: number;
}

/** Options of {@link treeLayout}. */
export interface TreeLayoutOptions {
  /** "first": a bus on its first child's row (default); "center": centred over its first and last child. */
  align?: "first" | "center";
  /** Child order: "height" = deepest subtree first (default), "bus" = by bus number. */
  order?: "height" | "bus";
  /** Minimum row distance between neighbouring subtrees. Default 1. */
  separation?: number;
}

interface Contour {
  top: number[];
  bottom: number[];
}

/**
 * Coordinates of every bus (1-based, in bus order) for drawing the feeder.
 * @example treeLayout(ieee33()).find((c) => c.bus === 18) // { bus: 18, x: 17, y: 0 }
 */
export function treeLayout(net: Network, options: TreeLayoutOptions = {}): BusCoordinate[] {
  const { align = "first", order = "height", separation = 1 } = options;
  const ri = radialIndex(net);
  const n = ri.nBus;
  const height = new Int32Array(n);
  for (let a = n - 1; a > 0; a--) {
    const k = ri.order[a];
    const p = ri.parentBus[k];
    height[p] = Math.max(height[p], height[k] + 1);
  }
  const kids = (u: number): number[] => {
    const c = Array.from(ri.children[u]);
    return order === "height" ? c.sort((a, b) => height[b] - height[a] || a - b) : c.sort((a, b) => a - b);
  };
  const rel = new Float64Array(n);
  const contours: Contour[] = new Array(n);
  // children before parents: reverse breadth-first order
  for (let a = n - 1; a >= 0; a--) {
    const u = ri.order[a];
    const cs = kids(u);
    const top: number[] = [0];
    const bottom: number[] = [0];
    if (cs.length > 0) {
      const shifts: number[] = [];
      const accTop: number[] = [];
      const accBottom: number[] = [];
      for (const c of cs) {
        const cc = contours[c];
        let s = shifts.length === 0 ? 0 : -Infinity;
        for (let d = 0; d < cc.top.length && d < accBottom.length; d++) s = Math.max(s, accBottom[d] - cc.top[d] + separation);
        shifts.push(s);
        for (let d = 0; d < cc.top.length; d++) {
          accTop[d] = d < accTop.length ? Math.min(accTop[d], s + cc.top[d]) : s + cc.top[d];
          accBottom[d] = d < accBottom.length ? Math.max(accBottom[d], s + cc.bottom[d]) : s + cc.bottom[d];
        }
      }
      const mid = align === "center" ? (shifts[0] + shifts[shifts.length - 1]) / 2 : 0;
      cs.forEach((c, i) => (rel[c] = shifts[i] - mid));
      for (let d = 0; d < accTop.length; d++) {
        top.push(accTop[d] - mid);
        bottom.push(accBottom[d] - mid);
      }
    }
    contours[u] = { top, bottom };
  }
  const row = new Float64Array(n);
  for (let a = 1; a < n; a++) {
    const k = ri.order[a];
    row[k] = row[ri.parentBus[k]] + rel[k];
  }
  return net.buses.map((b, k) => ({ bus: b.bus, x: ri.depth[k], y: row[k] === 0 ? 0 : -row[k] }));
}
