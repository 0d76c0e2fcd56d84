/**
 * Runs the DistFlow OPF: build, solve (cones by outer approximation or Ben-Tal–Nemirovski), and return results as
 * tables keyed like the input (pandapower's res_bus / res_line), with the cone gap of the relaxation.
 */
import { distFlowLimits, loadLimits } from "../model/limit-families";
import { buildOpf, type OpfInput, type OpfProblem } from "../model/opf";
import { puToKw } from "../network/perunit";
import { radialIndex } from "../network/radial";
import type { Network } from "../network/types";
import { type SolveOptions, solveModel } from "./solve-model";
import type { Solution, SolveInfo } from "./solution";
import { type AcCheck, acCheck } from "./ac-check";
import { diagnoseInfeasibility } from "./diagnose";
import { InfeasibleError } from "../util/errors";

/** Per bus and hour. */
export interface OpfBusRow {
  bus: number;
  hour: number;
  vPu: number;
}

/** Per branch and hour: sending-end flows, current and losses. */
export interface OpfBranchRow {
  branch: number;
  fromBus: number;
  toBus: number;
  hour: number;
  pKw: number;
  qKvar: number;
  /** |I| in per unit (√ℓ). */
  iPu: number;
  lossKw: number;
}

/** The results of an OPF. */
export interface OpfResult {
  problem: OpfProblem;
  solution: Solution;
  info: SolveInfo;
  /** Objective: energy drawn at the substation over all hours (kWh). */
  objectiveKwh: number;
  /** Mean hourly active losses (kW). */
  lossKw: number;
  /** Active losses per hour (kW). */
  lossKwByHour: number[];
  /** Substation import per hour (kW, kVAr). */
  pSubKw: number[];
  qSubKvar: number[];
  /** vPu[hour][bus − 1]. */
  vPu: number[][];
  resBus: OpfBusRow[];
  resBranch: OpfBranchRow[];
  /** PV output per site (position in `input.pv`) and hour, kW. */
  pvKw: number[][];
  /** Largest |v·ℓ − P² − Q²| over branches and hours (pu²). */
  coneGapMaxPu2: number;
  /** The same injections re-solved by the AC power flow. */
  acCheck: AcCheck;
}

/** Options of {@link solveOpf}: solver and cone options. */
export type OpfSolveOptions = SolveOptions;

/**
 * Builds and solves the DistFlow OPF of `net` for `input`.
 * @throws InfeasibleError whose `binding` names the limits that must give (bus, hour, amount in pu or kW), found by
 * an elastic re-solve that runs only once the OPF is known to be infeasible (see {@link diagnoseOpf}).
 */
export async function solveOpf(net: Network, input: OpfInput = {}, options: OpfSolveOptions = {}): Promise<OpfResult> {
  const problem = buildOpf(net, input);
  let solution: Solution;
  try {
    solution = await solveModel(problem.model, options);
  } catch (err) {
    if (err instanceof InfeasibleError) throw await diagnoseOpf(problem, options, err);
    throw err;
  }
  return opfResult(problem, solution);
}

/**
 * The InfeasibleError of an infeasible OPF with its diagnosis: the voltage, line and substation limits that must give
 * (smallest relaxation, L1 norm in per unit), or — when the load is beyond what the feeder carries at any voltage —
 * the least load left unserved first. `cause` is the error of the failed solve, returned (with a note) when the
 * diagnosis itself cannot finish.
 */
export async function diagnoseOpf(problem: OpfProblem, options: OpfSolveOptions = {}, cause?: InfeasibleError): Promise<InfeasibleError> {
  const { model, net, vars, inj, rows } = problem;
  const where = "solveOpf";
  try {
    const d = await diagnoseInfeasibility(model, distFlowLimits(model, net, vars), loadLimits(net, vars, inj, rows), {
      cones: options.cones,
      coneTol: options.coneTol,
      btnLevels: options.btnLevels,
      timeLimitS: options.timeLimitS,
    });
    const what = `no operating point of ${net.name} meets its limits (${problem.hours.length === 1 ? "1 hour" : `${problem.hours.length} hours`})`;
    return new InfeasibleError(where, model.name, `${what}: ${d.summary}`, d.binding);
  } catch (err) {
    const note = `the OPF is infeasible (its diagnosis failed: ${err instanceof Error ? err.message : String(err)})`;
    return new InfeasibleError(where, model.name, note, cause?.binding ?? []);
  }
}

/** Reads an OPF solution into result tables. */
export function opfResult(problem: OpfProblem, solution: Solution): OpfResult {
  const { net, hours, vars } = problem;
  const ri = radialIndex(net);
  const kw = (pu: number) => puToKw(pu, net);
  const vPu = hours.map((t) => net.buses.map((b) => Math.sqrt(Math.max(solution.value(vars.v, b.bus, t), 0))));
  const resBus: OpfBusRow[] = [];
  hours.forEach((t) => net.buses.forEach((b, k) => resBus.push({ bus: b.bus, hour: t, vPu: vPu[t][k] })));
  const resBranch: OpfBranchRow[] = [];
  const lossKwByHour = hours.map(() => 0);
  for (const t of hours) {
    net.branches.forEach((br, e) => {
      const l = Math.max(solution.value(vars.l, br.id, t), 0);
      const lossKw = kw(ri.rPu[e] * l);
      lossKwByHour[t] += lossKw;
      resBranch.push({
        branch: br.id,
        fromBus: br.fromBus,
        toBus: br.toBus,
        hour: t,
        pKw: kw(solution.value(vars.p, br.id, t)),
        qKvar: kw(solution.value(vars.q, br.id, t)),
        iPu: Math.sqrt(l),
        lossKw,
      });
    });
  }
  const pvKw = problem.pv ? (problem.pv.space.keys[0] as number[]).map((i) => hours.map((t) => kw(solution.value(problem.pv!, i, t)))) : [];
  return {
    problem,
    solution,
    info: solution.info,
    objectiveKwh: solution.objective,
    lossKw: lossKwByHour.reduce((a, b) => a + b, 0) / hours.length,
    lossKwByHour,
    pSubKw: hours.map((t) => kw(solution.value(vars.pSub, t))),
    qSubKvar: hours.map((t) => kw(solution.value(vars.qSub, t))),
    vPu,
    resBus,
    resBranch,
    pvKw,
    coneGapMaxPu2: solution.info.cone.maxAbsGap,
    acCheck: acCheck(net, problem.inj, solution.x, hours, vPu, lossKwByHour, Math.sqrt(solution.value(vars.v, net.slackBus, hours[0]))),
  };
}
