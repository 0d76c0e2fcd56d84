/**
 * The limits of a DistFlow model that an infeasibility diagnosis may relax ({@link buildElastic}), each with its
 * location (1-based bus or branch, hour), its physical unit and how its slack reads as an amount in that unit.
 *
 * The norm. Every slack is priced per per-unit of its physical amount on the network's base: voltage in pu of |V|,
 * line loading in pu of current (kVA at 1 pu voltage / baseKva), power in pu (kW / baseKva), energy in pu·h (kWh /
 * baseKva). The elastic objective is then the L1 norm, in per unit, of how far the limits move. Voltage and current
 * limits sit on squared quantities (v = |V|², ℓ = |I|²) and are relaxed there, with weight 1/(2·limit): the norm is
 * exact to first order (|V| = √(v_min² − s) ≈ v_min − s / (2 v_min)); the reported amounts are exact
 * (v_min − √(v_min² − s)).
 *
 * Families (tier "limits"): vMin, vMax (on v, and on the lossless voltage v̂ where the safe upper limit applies —
 * one slack moves both), line, export, import; with {@link operationDayLimits} also storageSoc and evEnergy.
 * Tier "load" ({@link loadLimits}): a fraction of every fixed load at a bus and hour left unserved (its active and
 * reactive parts together), priced per pu of active power — used only when relaxing every limit is not enough (the
 * load exceeds what the feeder can carry at any voltage).
 */
import type { Branch, Network } from "../network/types";
import { radialIndex } from "../network/radial";
import type { BusInjections, DistFlowRows, DistFlowVars } from "./distflow";
import type { ElasticLimit, RelaxedBound } from "./elastic";
import type { VarFamily } from "./families";
import type { Model } from "./model";
import type { OperationDay } from "./planning/operation";

/**
 * The lowest voltage (pu) a relaxed vMin may reach. A loaded feeder has no power-flow solution on its upper
 * (stable) branch below about 1/√2 pu at unity power factor, less with reactive load; a point below half the
 * nominal voltage is past voltage collapse, so the diagnosis sheds load there instead (and the cone cuts keep away
 * from the apex v = 0, where the outer approximation stalls).
 */
export const VOLTAGE_FLOOR_PU = 0.5;

/** A relaxable limit with what a report needs. */
export interface LimitSpec extends ElasticLimit {
  /** 1-based bus or branch and 0-based hour the limit applies at (when it applies at one). */
  at: { bus?: number; branch?: number; hour?: number };
  unit: string;
  /** The limit as set, in `unit`. */
  limit?: number;
  /** How far the limit moves (in `unit`) when the slack is `s`. */
  amount(s: number): number;
  /** What the amount means, e.g. `0.071 pu below vMin 0.9 pu`. */
  describe(amount: number): string;
}

/** A number for a message: 4 significant digits, no exponent for ordinary magnitudes. */
export function fmt(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e7 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
}

/** The variable family of that name, if the model has it. */
function familyNamed(m: Model, name: string) {
  return m.varFamilies.find((f) => f.name === name);
}

/** Options of {@link distFlowLimits}. */
export interface DistFlowLimitOptions {
  /** Columns whose upper bound is the same export limit as pSub's lower bound (per hour), relaxed with it. */
  exportCols?: (hour: number) => number | undefined;
}

/** The vMin and vMax limits of one bus and hour, pushed onto `out` (a limit only where the bound can move). */
function pushVoltageLimits(out: LimitSpec[], m: Model, d: DistFlowVars, vHat: VarFamily | undefined, bus: number, t: number): void {
  const col = d.v.col(bus, t);
  const lo = m.colLb[col];
  const hi = m.colUb[col];
  if (lo > 0 && lo < hi) {
    const vMin = Math.sqrt(lo);
    out.push({
      family: "vMin",
      keys: [bus, t],
      at: { bus, hour: t },
      weight: 1 / (2 * vMin),
      bounds: [{ col, side: "lb", floor: VOLTAGE_FLOOR_PU ** 2 }],
      unit: "pu",
      limit: vMin,
      amount: (s) => vMin - Math.sqrt(Math.max(0, lo - s)),
      describe: (a) => `${fmt(a)} pu below vMin ${fmt(vMin)} pu`,
    });
  }
  if (Number.isFinite(hi) && lo < hi) {
    const vMax = Math.sqrt(hi);
    const hatCol = vHat?.has(bus, t) ? vHat.col(bus, t) : undefined;
    const bounds: RelaxedBound[] = [{ col, side: "ub" }];
    if (hatCol !== undefined && Number.isFinite(m.colUb[hatCol])) bounds.push({ col: hatCol, side: "ub" });
    out.push({
      family: "vMax",
      keys: [bus, t],
      at: { bus, hour: t },
      weight: 1 / (2 * vMax),
      bounds,
      unit: "pu",
      limit: vMax,
      amount: (s) => Math.sqrt(hi + s) - vMax,
      describe: (a) => `${fmt(a)} pu above vMax ${fmt(vMax)} pu${bounds.length > 1 ? " (on the lossless voltage)" : ""}`,
    });
  }
}

/**
 * The current limit (rating, in kVA at 1 pu voltage) of one branch and hour, pushed onto `out` where its ℓ has a
 * finite positive bound.
 */
function pushLineLimit(out: LimitSpec[], m: Model, d: DistFlowVars, br: Branch, t: number, baseKva: number): void {
  const col = d.l.col(br.id, t);
  const hi = m.colUb[col];
  if (!Number.isFinite(hi) || !(hi > 0)) return;
  const iMax = Math.sqrt(hi);
  out.push({
    family: "line",
    keys: [br.id, t],
    at: { branch: br.id, hour: t },
    weight: 1 / (2 * iMax),
    bounds: [{ col, side: "ub" }],
    unit: "kVA",
    limit: iMax * baseKva,
    amount: (s) => (Math.sqrt(hi + s) - iMax) * baseKva,
    describe: (a) => `${fmt(a)} kVA over the rating ${fmt(iMax * baseKva)} kVA of branch ${br.fromBus}→${br.toBus} (current at 1 pu voltage)`,
  });
}

/**
 * The export (pSub's lower bound, with the upper bound of the hour's `exportCols` column when there is one) and
 * import (pSub's upper bound) limits of one hour, pushed onto `out` where finite.
 */
function pushSubstationLimits(out: LimitSpec[], m: Model, net: Network, d: DistFlowVars, t: number, exportCols: DistFlowLimitOptions["exportCols"]): void {
  const baseKva = 1000 * net.baseMva;
  const sub = d.pSub.col(t);
  if (Number.isFinite(m.colLb[sub])) {
    const limitKw = -m.colLb[sub] * baseKva;
    const exp = exportCols?.(t);
    const bounds: RelaxedBound[] = [{ col: sub, side: "lb" }];
    if (exp !== undefined && Number.isFinite(m.colUb[exp])) bounds.push({ col: exp, side: "ub" });
    out.push({
      family: "export",
      keys: [t],
      at: { bus: net.slackBus, hour: t },
      weight: 1,
      bounds,
      unit: "kW",
      limit: limitKw,
      amount: (s) => s * baseKva,
      describe: (a) => `${fmt(a)} kW above the export limit ${fmt(limitKw)} kW`,
    });
  }
  if (Number.isFinite(m.colUb[sub])) {
    const limitKw = m.colUb[sub] * baseKva;
    out.push({
      family: "import",
      keys: [t],
      at: { bus: net.slackBus, hour: t },
      weight: 1,
      bounds: [{ col: sub, side: "ub" }],
      unit: "kW",
      limit: limitKw,
      amount: (s) => s * baseKva,
      describe: (a) => `${fmt(a)} kW above the import limit ${fmt(limitKw)} kW`,
    });
  }
}

/** Voltage, line, export and import limits of the DistFlow variables `d` (the slack bus's fixed voltage excluded). */
export function distFlowLimits(m: Model, net: Network, d: DistFlowVars, options: DistFlowLimitOptions = {}): LimitSpec[] {
  const out: LimitSpec[] = [];
  const baseKva = 1000 * net.baseMva;
  const vHat = familyNamed(m, `${d.prefix}vHat`);
  for (const t of d.hours) {
    for (const b of net.buses) {
      if (b.bus === net.slackBus) continue;
      pushVoltageLimits(out, m, d, vHat, b.bus, t);
    }
    for (const br of net.branches) pushLineLimit(out, m, d, br, t, baseKva);
    pushSubstationLimits(out, m, net, d, t, options.exportCols);
  }
  return out;
}

/**
 * Tier "load": at every bus and hour with a fixed active load, a fraction f ∈ [0, 1] of its fixed injection left
 * unserved (active and reactive alike), entering the balance rows of the bus and, where the safe upper voltage is
 * modelled, its lossless balance rows. Priced per pu of active load.
 * @param rows the balance rows (addPowerBalance's) and, where the safe upper voltage has rows, the lossless ones
 * (addSafeUpperVoltage's).
 */
export function loadLimits(net: Network, d: DistFlowVars, inj: BusInjections, rows: DistFlowRows): LimitSpec[] {
  const out: LimitSpec[] = [];
  const baseKva = 1000 * net.baseMva;
  const ri = radialIndex(net);
  for (const t of d.hours) {
    for (const b of net.buses) {
      const pPu = -inj.p(b.bus, t).constant;
      const qPu = -inj.q(b.bus, t).constant;
      if (!(pPu > 0)) continue;
      const e = ri.parentBranch[b.bus - 1];
      const parent = e >= 0 ? net.branches[e].id : undefined;
      const terms: { row: number; coef: number }[] = [];
      const add = (r: number, coef: number) => {
        if (coef !== 0) terms.push({ row: r, coef });
      };
      add(rows.balance.p(b.bus, t), pPu);
      add(rows.balance.q(b.bus, t), qPu);
      if (parent !== undefined && rows.safe) {
        add(rows.safe.p(parent, t), pPu);
        add(rows.safe.q(parent, t), qPu);
      }
      const loadKw = pPu * baseKva;
      out.push({
        family: "load",
        keys: [b.bus, t],
        at: { bus: b.bus, hour: t },
        weight: pPu,
        ub: 1,
        terms,
        unit: "kW",
        limit: loadKw,
        amount: (f) => f * loadKw,
        describe: (a) => `${fmt(a)} kW of its ${fmt(loadKw)} kW fixed load unserved`,
      });
    }
  }
  return out;
}

/**
 * The limits of one operated planning day: its DistFlow limits (the export limit on pSub and on the export column
 * together), each storage site's state-of-charge window per hour (storageSoc, kWh), and each EV station's energy
 * (evEnergy, kWh: one slack by which every energy deadline of the station's flexible EVs may fall short — the
 * envelope's lower bounds for "envelope"/"exact", the share of the aggregate schedule for "inner").
 */
export function operationDayLimits(m: Model, net: Network, day: OperationDay): LimitSpec[] {
  const out = distFlowLimits(m, net, day.dist, { exportCols: (t) => (day.exp.has(t) ? day.exp.col(t) : undefined) });
  const baseKva = 1000 * net.baseMva;
  for (const b of day.storage.buses) {
    for (const t of day.storage.hours) {
      for (const [rowOf, side, what] of [[day.storage.socRows.min, "lb", "below"], [day.storage.socRows.max, "ub", "above"]] as const) {
        const r = rowOf(b, t);
        out.push({
          family: "storageSoc",
          keys: [b, t, side],
          at: { bus: b, hour: t },
          weight: 1,
          bounds: [{ row: r, side }],
          unit: "kWh",
          amount: (s) => s * baseKva,
          describe: (a) => `storage energy ${fmt(a)} kWh ${what} its state-of-charge window`,
        });
      }
    }
  }
  for (const st of day.ev) {
    if (st.eKwh) {
      const eKwh = st.eKwh;
      const bounds = eKwh.cols().filter((c) => m.colLb[c] > 0).map((col) => ({ col, side: "lb" as const }));
      if (bounds.length === 0) continue;
      const dueKwh = Math.max(...bounds.map((bd) => m.colLb[bd.col]));
      out.push({
        family: "evEnergy",
        keys: [st.name],
        at: { bus: st.bus },
        weight: 1 / baseKva,
        bounds,
        unit: "kWh",
        limit: dueKwh,
        amount: (s) => s,
        describe: (a) => `EVs of station ${st.name} ${fmt(a)} kWh short of the ${fmt(dueKwh)} kWh they need`,
      });
    } else if (st.inner) {
      const r = st.inner.convexRow;
      const vertex = st.inner.approximation.vertexKw[0] ?? [];
      const energyKwh = vertex.reduce((a, p) => a + p * st.grid.dtH, 0);
      if (!(energyKwh > 0)) continue;
      out.push({
        family: "evEnergy",
        keys: [st.name],
        at: { bus: st.bus },
        weight: energyKwh / baseKva,
        ub: 1,
        bounds: [{ row: r, side: "lb" }],
        unit: "kWh",
        limit: energyKwh,
        amount: (f) => f * energyKwh,
        describe: (a) => `EVs of station ${st.name} ${fmt(a)} kWh short of the ${fmt(energyKwh)} kWh they need`,
      });
    }
  }
  return out;
}
