/**
 * The network formulations an operated day can be built on (the last entry of its build list, operation.ts): they
 * tie the devices' bus injections and the substation together.
 *
 * - DistFlow with second-order cones: voltage drops, branch cones, power balance at every bus, the safe upper voltage
 *   limit, with its losses (at the loss price) and the balance index (weighted) as cost terms.
 * - The copper plate: one lossless energy balance per hour and no voltage or line limits, and the storage's loss cone
 *   replaced by four of its tangent planes. Every term it drops from the day's cost is ≥ 0 and every constraint it
 *   drops only enlarges the feasible set, so its optimal cost is a lower bound of the day's cost for every
 *   first-stage decision: the Benders master's copper-plate proxy (θ_s ≥ copper-plate cost_s, master.ts). Loads are
 *   served in full (no unserved-load slack: with no network limits unserved load never pays at its penalty).
 */
import { balanceIndexExpr } from "../balance-index";
import { addBalances, addBranchCones, addDistFlowVariables, addVoltageDrop, type DistFlowRows, type DistFlowVars } from "../distflow";
import { LinExpr } from "../expr";
import type { RotatedCone } from "../model";
import type { StorageVars } from "../storage";
import { radialIndex } from "../../network/radial";
import type { DayContext, Substation } from "./day-templates";

/** The devices of a day, as the network formulation receives them. */
export interface DayDevices {
  storage: StorageVars;
  substation: Substation;
}

/**
 * A network formulation: `V` the columns it adds before the devices' (so that they come first in the model), `H`
 * the handles its rows return.
 */
export interface DayNetwork<V, H> {
  /** Scope the day's family names take under this network, after the day's prefix ("" or "cp:"). */
  scope: string;
  /** Whether loads get an unserved-load slack. */
  shedSlack: boolean;
  /** Adds the network's columns and registers its cost terms. */
  addVariables(ctx: DayContext): V;
  /** Adds the rows that tie the devices together. */
  addRows(ctx: DayContext, vars: V, devices: DayDevices): H;
}

/** What the DistFlow network's rows hand back: its branch cones and its balance rows. */
export interface DistFlowHandles {
  branchCones: RotatedCone[];
  rows: DistFlowRows;
}

/** The DistFlow columns, and the (unweighted) balance index B over them whose weighted term addVariables registers. */
export interface DistFlowColumns {
  dist: DistFlowVars;
  balanceIndex: LinExpr;
}

/**
 * DistFlow with second-order cones, fed by the substation. The safe upper voltage limit enters as rows, or with
 * `safeVoltage: "lazy"` not at all (a cut loop adds it, see OperationDayOptions).
 */
export function distFlowNetwork(safeVoltage: "rows" | "lazy" = "rows"): DayNetwork<DistFlowColumns, DistFlowHandles> {
  return {
    scope: "",
    shedSlack: true,
    addVariables(ctx) {
      const { m, net, c, prefix, hours, baseKva, dtH } = ctx;
      const dist = addDistFlowVariables(m, net, hours, {
        vMinPu: c.network.vMinPu,
        vMaxPu: c.network.vMaxPu,
        lineLimits: c.network.lineLimits,
        pSubMinPu: c.network.maxExportKw === null ? -Infinity : -c.network.maxExportKw / baseKva,
        prefix,
      });
      const ri = radialIndex(net);
      const kwh = baseKva * dtH;
      const losses = new LinExpr();
      for (const t of hours) net.branches.forEach((br, e) => losses.add(dist.l.col(br.id, t), c.penalties.lossCnyPerKwh * ri.rPu[e] * kwh));
      const balanceIndex = balanceIndexExpr(net, dist);
      ctx.costs.add("losses", losses);
      ctx.costs.add("balance", new LinExpr().addExpr(balanceIndex, c.balance.weightCnyPerDay));
      return { dist, balanceIndex };
    },
    addRows(ctx, { dist }, { substation: sub }) {
      const { m, net, prefix, hours, inj } = ctx;
      for (const t of hours) {
        m.eq(`${prefix}subSplit`, [t], new LinExpr().add(dist.pSub.col(t)).add(sub.imp.col(t), -1).add(sub.exp.col(t), 1), 0);
        addPeakRow(ctx, sub, t);
      }
      addVoltageDrop(m, net, dist);
      const branchCones = addBranchCones(m, net, dist);
      return { branchCones, rows: addBalances(m, net, dist, inj, safeVoltage === "rows") };
    },
  };
}

/**
 * The copper plate: the storage's loss cones p² ≤ P̄ w replaced by tangent planes at p/P̄ = ±1, ±½
 * (w ≥ 2ρ p − ρ² P̄, valid for all p, P̄), and per hour imp − exp + Σ_bus injections = 0 (loads and uncontrolled
 * EV charging are the injections' constants), with the substation's peak rows.
 */
export const COPPER_PLATE: DayNetwork<void, void> = {
  scope: "cp:",
  shedSlack: false,
  addVariables() {},
  addRows(ctx, _vars, { storage, substation: sub }) {
    const { m, net, prefix, hours, inj } = ctx;
    m.removeCones(storage.cones);
    for (const cone of storage.cones) {
      const [p] = cone.x;
      for (const rho of [1, -1, 0.5, -0.5]) m.ge(`${prefix}lossTangent`, [...cone.keys, rho], new LinExpr().add(cone.z).add(p, -2 * rho).add(cone.y, rho * rho), 0);
    }
    for (const t of hours) {
      const e = new LinExpr().add(sub.imp.col(t)).add(sub.exp.col(t), -1);
      for (const b of net.buses) e.addExpr(inj.p(b.bus, t));
      m.eq(`${prefix}balance`, [t], e, 0);
      addPeakRow(ctx, sub, t);
    }
  },
};

/** The substation's peak row of hour t: peak ≥ imp_t (kW). */
function addPeakRow(ctx: DayContext, sub: Substation, t: number): void {
  ctx.m.le(`${ctx.prefix}peak`, [t], new LinExpr().add(sub.imp.col(t), ctx.baseKva).add(sub.peakKw, -1), 0);
}
