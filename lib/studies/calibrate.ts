/**
 * Calibrating a case's PV so that the base case (no storage, every EV uncontrolled) uses a target share of the
 * available PV energy over the year — the study reports ≈ 86 % before storage. All PV capacities are scaled by one
 * factor, found by bisection (utilisation falls as PV grows); each step evaluates every typical day of the base case.
 */
import type { PlanningCase } from "../model/planning/case";
import { type PlanningInputs } from "../model/planning/inputs";
import { planningInputs } from "../cases/inputs";
import { annualFigures } from "../results/kpis";
import { ArgumentError } from "../util/errors";
import { evaluateBase } from "../decomposition/plan";
import type { Workers } from "../decomposition/evaluator";

/** Options of {@link calibratePvScale}. */
export interface CalibratePvOptions {
  /** Target annual PV utilisation of the base case, %. Default 86. */
  targetPct?: number;
  /** Stop when within this many percentage points. Default 0.25. */
  tolPct?: number;
  /** Bracket of the scale factor. Default [0.25, 4]. */
  lo?: number;
  hi?: number;
  maxSteps?: number;
  workers?: Workers;
  /** Inputs already built for the case (their PV is rescaled). */
  inputs?: PlanningInputs;
  onStep?: (step: { factor: number; utilizationPct: number }) => void;
}

/** Outcome of {@link calibratePvScale}. */
export interface CalibratePvResult {
  factor: number;
  utilizationPct: number;
  steps: { factor: number; utilizationPct: number }[];
  /** The case with every PV capacity multiplied by `factor` (rounded to 10 kW). */
  case: PlanningCase;
}

function scaled(inputs: PlanningInputs, f: number): PlanningInputs {
  return {
    ...inputs,
    case: { ...inputs.case, pv: inputs.case.pv.map((p) => ({ ...p, capacityKw: p.capacityKw * f })) },
    scenarios: inputs.scenarios.map((s) => ({ ...s, pv: s.pv.map((p) => ({ ...p, availKw: p.availKw.map((v) => v * f) })) })),
  };
}

/** Finds the PV scale factor whose base case uses `targetPct` of the PV energy. */
export async function calibratePvScale(c: PlanningCase, options: CalibratePvOptions = {}): Promise<CalibratePvResult> {
  const { targetPct = 86, tolPct = 0.25, maxSteps = 12, workers, onStep } = options;
  let { lo = 0.25, hi = 4 } = options;
  if (!(targetPct > 0 && targetPct < 100)) throw new ArgumentError("calibratePvScale", `targetPct must be in (0, 100), got ${targetPct}`);
  const inputs = options.inputs ?? planningInputs(c);
  const steps: { factor: number; utilizationPct: number }[] = [];
  const utilisation = async (f: number) => {
    const u = annualFigures(await evaluateBase(scaled(inputs, f), workers)).pvUtilizationPct;
    steps.push({ factor: f, utilizationPct: u });
    onStep?.({ factor: f, utilizationPct: u });
    return u;
  };
  let best = { factor: 1, utilizationPct: await utilisation(1) };
  for (let k = 0; k < maxSteps && Math.abs(best.utilizationPct - targetPct) > tolPct; k++) {
    const f = k === 0 ? (best.utilizationPct > targetPct ? Math.min(hi, 2) : Math.max(lo, 0.5)) : Math.sqrt(lo * hi);
    if (k === 0) {
      if (best.utilizationPct > targetPct) lo = 1;
      else hi = 1;
    }
    const u = await utilisation(f);
    if (Math.abs(u - targetPct) < Math.abs(best.utilizationPct - targetPct)) best = { factor: f, utilizationPct: u };
    if (u > targetPct) lo = f;
    else hi = f;
  }
  const round10 = (kw: number) => Math.round(kw / 10) * 10;
  return {
    factor: best.factor,
    utilizationPct: best.utilizationPct,
    steps,
    case: { ...c, pv: c.pv.map((p) => ({ ...p, capacityKw: round10(p.capacityKw * best.factor) })) },
  };
}
