/**
 * Battery storage behind a virtual resistance branch (constraint template; no binaries).
 *
 * A site at bus j with energy capacity Ē and power capacity P̄ (columns supplied by the caller: first-stage
 * variables in the extensive form, fixed copy variables in a Benders subproblem) draws pGrid_t from the bus
 * (positive = charging). Its conversion losses are those of a series resistance on the storage's own rating,
 * loss_t = R0 · pGrid_t² / P̄, with R0 the loss fraction at rated power: the current of the virtual branch at nominal
 * voltage is pGrid/1 pu and its resistance R0/P̄ shrinks as the battery (parallel strings) grows. Written as the
 * rotated cone
 *     pGrid_t² ≤ P̄ · w_t,   loss_t = R0 · w_t               (cones "storage.cone")
 * it is jointly convex in (pGrid, P̄), so the second-stage cost stays convex in the first-stage sizes (Benders-valid).
 * The battery's energy moves by what reaches it: e_t = e_{t−1} + (pGrid_t − R0 w_t) Δt, cyclic over the day
 * (e_{−1} = e_{T−1}), with socMin Ē ≤ e_t ≤ socMax Ē and −P̄ ≤ pGrid_t ≤ P̄.
 * One signed power variable means a battery can never charge and discharge at once; the only way the relaxation
 * could "burn" energy is slack in the cone (w_t above pGrid_t²/P̄), which {@link storageBurntPu} measures and an
 * objective cost on losses (`lossPenalty`) removes the incentive for.
 */
import { ArgumentError } from "../util/errors";
import type { BusInjections } from "./distflow";
import { LinExpr } from "./expr";
import { rowLookup, type VarFamily } from "./families";
import type { Model, RotatedCone } from "./model";

/** Physical parameters shared by every storage site. */
export interface StorageParams {
  /** Loss fraction at rated power (one way), R0 = 1 − η at P̄. Default 0.05. */
  lossR0?: number;
  /** State-of-charge window as fractions of Ē. Default 0.1 … 0.9. */
  socMin?: number;
  socMax?: number;
}

/** Arguments of {@link addStorage}. */
export interface AddStorageArgs extends StorageParams {
  /** 1-based buses of the sites. */
  buses: readonly number[];
  hours: readonly number[];
  /** Length of an hour slot in hours. Default 1. */
  dtH?: number;
  /** Column of the energy capacity Ē of a site (pu·h on the network power base). */
  eCapCol: (bus: number) => number;
  /** Column of the power capacity P̄ of a site (pu). */
  pCapCol: (bus: number) => number;
  /** Family-name prefix. Default "storage". */
  name?: string;
}

/** Variables of the storage sites of one model. Keys: bus, hour. */
export interface StorageVars {
  buses: number[];
  hours: number[];
  lossR0: number;
  dtH: number;
  /** Power drawn from the bus (pu; > 0 charging). */
  pGrid: VarFamily;
  /** Loss variable w (pu): loss = lossR0 · w. */
  w: VarFamily;
  /** Stored energy at the end of each hour (pu·h). */
  e: VarFamily;
  eCapCol: (bus: number) => number;
  pCapCol: (bus: number) => number;
  /** The virtual-resistance cones pGrid² ≤ P̄ · w, site by site and hour by hour. */
  cones: RotatedCone[];
  /** The state-of-charge rows e ≥ socMin Ē and e ≤ socMax Ē, by bus and hour. */
  socRows: { min: (bus: number, hour: number) => number; max: (bus: number, hour: number) => number };
}

/** Adds storage sites: limits, virtual-resistance cones, cyclic energy balance; registers their bus injections. */
export function addStorage(m: Model, inj: BusInjections, args: AddStorageArgs): StorageVars {
  const { buses, hours, dtH = 1, eCapCol, pCapCol, name = "storage", lossR0 = 0.05, socMin = 0.1, socMax = 0.9 } = args;
  const where = "addStorage";
  if (!(lossR0 > 0 && lossR0 < 1)) throw new ArgumentError(where, `lossR0 must be in (0, 1), got ${lossR0}`);
  if (!(socMin >= 0 && socMin < socMax && socMax <= 1)) throw new ArgumentError(where, `need 0 ≤ socMin < socMax ≤ 1, got ${socMin}, ${socMax}`);
  if (!(dtH > 0)) throw new ArgumentError(where, `dtH must be positive, got ${dtH}`);
  const hs = hours.slice();
  const bs = buses.slice();
  const pGrid = m.addVars(`${name}.pGrid`, { bus: bs, hour: hs }, { lb: -Infinity });
  const w = m.addVars(`${name}.w`, { bus: bs, hour: hs }, { lb: 0 });
  const e = m.addVars(`${name}.e`, { bus: bs, hour: hs }, { lb: 0 });
  const cones: RotatedCone[] = [];
  for (const b of bs) {
    const eCap = eCapCol(b);
    const pCap = pCapCol(b);
    hs.forEach((t, k) => {
      const prev = hs[(k - 1 + hs.length) % hs.length];
      m.le(`${name}.pMax`, [b, t], new LinExpr().add(pGrid.col(b, t)).add(pCap, -1), 0);
      m.ge(`${name}.pMin`, [b, t], new LinExpr().add(pGrid.col(b, t)).add(pCap, 1), 0);
      cones.push(m.addRotatedCone(`${name}.cone`, [b, t], { x: [pGrid.col(b, t)], y: pCap, z: w.col(b, t) }));
      m.eq(
        `${name}.energy`,
        [b, t],
        new LinExpr().add(e.col(b, t)).add(e.col(b, prev), -1).add(pGrid.col(b, t), -dtH).add(w.col(b, t), lossR0 * dtH),
        0,
      );
      m.ge(`${name}.socMin`, [b, t], new LinExpr().add(e.col(b, t)).add(eCap, -socMin), 0);
      m.le(`${name}.socMax`, [b, t], new LinExpr().add(e.col(b, t)).add(eCap, -socMax), 0);
      inj.addP(b, t, pGrid.col(b, t), -1);
    });
  }
  const socRows = { min: rowLookup(m.conFamily(`${name}.socMin`), where, "socMin"), max: rowLookup(m.conFamily(`${name}.socMax`), where, "socMax") };
  return { buses: bs, hours: hs, lossR0, dtH, pGrid, w, e, eCapCol, pCapCol, cones, socRows };
}

/** Σ loss over sites and hours (pu·h): lossR0 · Σ w · Δt. */
export function storageLossExpr(s: StorageVars): LinExpr {
  const out = new LinExpr();
  for (const b of s.buses) for (const t of s.hours) out.add(s.w.col(b, t), s.lossR0 * s.dtH);
  return out;
}

/**
 * Energy "burnt" by the relaxation (pu·h): Σ lossR0 · (w − pGrid²/P̄) Δt, the loss booked beyond what the virtual
 * resistance dissipates. Zero when the storage cones are tight.
 */
export function storageBurntPu(s: StorageVars, x: ArrayLike<number>): number {
  let burnt = 0;
  for (const b of s.buses) {
    const pCap = x[s.pCapCol(b)];
    for (const t of s.hours) {
      const p = x[s.pGrid.col(b, t)];
      const true_ = pCap > 1e-12 ? (p * p) / pCap : 0;
      burnt += s.lossR0 * Math.max(0, x[s.w.col(b, t)] - true_) * s.dtH;
    }
  }
  return burnt;
}
