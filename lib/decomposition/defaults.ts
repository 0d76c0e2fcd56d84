/**
 * The defaults of every planning run, written once: Benders (solveBenders), the exact reference over the sitings
 * (solveBySitings), one-day plans (planDays), and the main job (planningReport and `evsp report`, whose `--quick`
 * settings are here too). Functions take them by destructuring their options from these objects, and CLI help texts
 * print them from here, so a default changes in one line.
 */

/** Defaults of {@link solveBenders}' options (each documented on BendersOptions). */
export const BENDERS_DEFAULTS = {
  /** Relative gap (UB − LB) / |UB| to stop at: 0.1 %. */
  gapTol: 1e-3,
  /** The study's iteration limit. */
  maxIterations: 30,
  timeLimitS: 3600,
  stabilisation: "level",
  levelLambda: 0.5,
  kelleyWithLevel: true,
  kelleySitings: 4,
  /** Probe sizes (kWh) evaluated before the first master. */
  probesKwh: [1000, 3000],
  coarseConeTol: 1e-4,
  coreCutsEpsilon: 0.15,
} as const;

/** Defaults of {@link solveBySitings}: the same gap, more iterations per siting (each a convex sizing problem). */
export const SITING_SEARCH_DEFAULTS = {
  gapTol: BENDERS_DEFAULTS.gapTol,
  maxIterations: 60,
} as const;

/**
 * Defaults of one-day plans ({@link planDays}, e.g. wait-and-see plans): the same gap, at most 20 iterations, and no
 * core-point cuts.
 */
export const DAY_PLAN_DEFAULTS = {
  gapTol: BENDERS_DEFAULTS.gapTol,
  maxIterations: 20,
  coreCutsEpsilon: 0,
} as const;

/** Defaults of the main job (planningReport, `evsp report`) and of `evsp sweep`. */
export const REPORT_DEFAULTS = {
  maxIterations: BENDERS_DEFAULTS.maxIterations,
  gapTol: BENDERS_DEFAULTS.gapTol,
  /** The swept parameter and its values: the EV controllable share, 0–80 % as in the study. */
  sweepParameter: "controllable",
  sweepValues: [0, 0.2, 0.5, 0.8],
  heldOutDays: 24,
  evpiHeldOutDays: 0,
  /** Benders iteration limit of each one-day (wait-and-see) plan of the out-of-sample study. */
  dayPlanIterations: BENDERS_DEFAULTS.maxIterations,
} as const;

/** `evsp report --quick`: small settings for a smoke test. */
export const QUICK_REPORT = {
  k: 2,
  maxIterations: 5,
  sweepK: 2,
  sweepIterations: 4,
  heldOutDays: 6,
  dayPlanIterations: 6,
} as const;
