/**
 * evsp — EV-aware storage planning. The public API, in data-flow order (util → io → clean → scenarios → ev →
 * network → model → cases → solve → dispatch → decomposition → results → studies → plot → web).
 *
 * Every type of every folder is exported (to annotate results and options); the functions, classes and constants
 * are the curated list below — what the notebooks, the CLI and a researcher extending a model use. Helpers behind
 * them stay internal (import them from their module inside this repository if a test needs one).
 */

// util/: typed errors, seeded random sources
export type * from "./util";
export {
  ArgumentError, DataValidationError, EvspError, InfeasibleError, LimitReachedError, QueueError, SolverError,
  UnboundedError, createRng,
} from "./util";

// io/: readers of raw EV records and series, data folders
export type * from "./io";
export {
  EV_DATASETS, EV_DATASET_FILES, SHARED_FILES, dwellHours, hasSharedData, localParts, packageRoot, parseDecimal,
  projectDataDir, readDecodedFile, readSessionFile, sharedDataDir, sharedDataFile, writeSessionsCsv,
} from "./io";

// clean/: cleaning rules, reports, rejects, the session generator
export type * from "./clean";
export {
  DEFAULT_PLAUSIBLE_YEARS, cleanSessions, cleaningReportTable, compareGeneratorParams, comparePopulations,
  fitDatasetGenerator, fitGeneratorParams, generateSessions, generatorParamsFile, loadCleanSessions,
  loadGeneratorParams, profileSessions, roundNumbers, sessionHistograms, sessionsPerDay, summarizeSessions,
  writeGeneratorParams, writeRejectsCsv,
} from "./clean";

// scenarios/: daily profiles, K-Medoids, scenario sets, the planning year, station fleets
export type * from "./scenarios";
export {
  FASTERPAM_STARTS, NUMERIC_HEADER_MODES, distanceMatrix, kMedoids, kSweep, loadPlanningYear, pam,
  parseNumericCsv, planningDayVectors, planningScenarios, reproductionStats, scenarioPvKw, silhouette,
  validateScenarioSet, writeScenarioSet,
} from "./scenarios";

// ev/: EV flexibility, station aggregates (envelope, inner, exact), disaggregation heuristics
export type * from "./ev";
export {
  DEFAULT_TOU, FlowNetwork, NRMSE_NORMALISER, RTS_WINTER_WEEKDAY_PCT, aggregateEnvelope, edmondsKarpMaxFlow,
  energyEnvelope, evFlexFromFleet, evFlexFromSession, exactPriceDispatch, exactValleyDispatch, fleetPool,
  flowDisaggregate, innerApproximation, innerDisaggregate, llfDisaggregate, makeEvFlex, quantileOf, resolveGrid,
  sampleFleet, signalCost, splitControllable, touSignal, trackingMetrics, uncontrolledProfile,
  valleyFillIndividually, valleySignal,
} from "./ev";

// network/: feeders, MATPOWER, power flow
export type * from "./network";
export {
  BUILTIN_CASES, checkPvKw, createNetwork, ieee33, loadNetwork, networkInput, parseBusValues, powerFlow, totalLoad,
  withLineRatings,
} from "./network";

// model/: the solver-neutral modelling layer and its templates
export type * from "./model";
export {
  BusInjections, COPPER_PLATE, COST_PARTS, LinExpr, Model, PLANNING_CASE_SCHEMA, addBtn2d, addCopperPlateDay, addEvStation,
  annualFirstStageCost, annualisationFactor, balanceIndexOf, btnAccuracy, buildDay, buildOpf, buildSubproblem, capexOf,
  checkCaseBuses, coneGap, distFlowNetwork, isFirstStageFeasible, lin, planningNetwork, sumOf, tangentCoefficients, toLpText,
  validatePlanningCase, withControllableShare,
} from "./model";

// cases/: planning cases and their inputs from files
export type * from "./cases";
export {
  caseNetwork, casePath, planningInputs, readPlanningCase,
} from "./cases";

// solve/: HiGHS, cones, separation, OPF
export type * from "./solve";
export {
  ConeCutPool, EvCutPool, HighsSession, coneSeparator, evExactSeparator, loadHighs, runSeparationLoop, solveModel,
  solveOpf,
} from "./solve";

// dispatch/: a station against a signal
export type * from "./dispatch";
export {
  disaggregate, dispatchExactCombinatorial, dispatchStation, scheduleIndividually,
} from "./dispatch";

// decomposition/: two-stage planning: Benders, the extensive form, sitings
export type * from "./decomposition";
export {
  BendersMaster, DEFAULT_REDIS_URL, QUICK_REPORT, QueueWorker, REPORT_DEFAULTS, SubproblemRunner, annualCostOf,
  baseCaseKey, checkRedisUrl, evaluateBase, extensiveLpModel, hasRedisServer, maximalSitings, noStorage,
  noStorageReason, queuePool, redactedUrl, runPlan, scenarioEvaluator, solveBenders, solveBySitings, solveExtensive,
  startLocalRedis, startLocalWorker,
} from "./decomposition";

// results/: a plan's KPIs, the study's figures
export type * from "./results";
export {
  STUDY_FIGURES, annualFigures, balanceParts, describePeak, loadingFigures, paperComparison, planSummary, planningKpis,
} from "./results";

// studies/: the report, sweeps, out of sample, calibration, aggregation accuracy
export type * from "./studies";
export {
  AGGREGATE_MODELS, aggregationAccuracy, aggregationReport, balanceEffect, bendersPlanner, caseAt, costStats,
  costWithoutBalance, DISTANCE_DEFINITION, distanceOf, distanceTerms, expectedLoading, heldOutInputs, meanDayInputs,
  newPeakHoursPerYear, outOfSample, pairedDifference, paperValues, planDays, planEachDay, planFigures,
  planningReport, reproduce, reproductionAssumptions, STUDY_PLAN_FIGURES, sweep, SWEEP_PARAMETERS, sweepClaims,
  sweepParameter,
} from "./studies";

// plot/: plotly figures, HTML
export type * from "./plot";
export {
  accuracyFigure, aggregationEffortFigure, balanceEffectHeatmaps, balanceEffectHtml, balancePartsChart,
  balanceWeightLabel, bendersConvergenceChart, branchLoadingChart, branchRatingsChart, caseMap, cleaningReportFigure,
  clusterProfilesFigure, coneMethodsChart, costBenefitChart, dayDispatchChart, dayHourHeatmap, dispatchFigure,
  energyDwellScatterFigure, evEnvelopeFigure, feederDiagram, figureText, generatorOverlayFigure, headLoadingChart,
  hourDistributionFigure, kSweepFigure, loadingHeatmap, opfLoadingHeatmap, opfVoltageHeatmap, outOfSampleCostChart,
  pairedDifferenceChart, populationComparisonFigure, probabilitiesFigure, pvDispatchChart, reportFigures, reportHtml,
  reproduceHtml, reproductionFigure, scenarioDaysChart, scenarioSetFigure, sessionsPerDayFigure, show, showLink,
  showTable, sitingBoundsChart, stationDayFigure, stationEnvelopeFigure, stochasticValueChart, studySweepChart,
  studyTornadoChart, sweepCostChart, sweepKpiChart, sweepStorageChart, TORNADO_FIGURES, voltageProfile, writeReport,
} from "./plot";

// web/: the calibration page
export type * from "./web";
export {
  DEFAULT_CALIBRATION, calibrationPageUrl, calibrationQuery, runCalibration, serveCalibrationPage,
  sessionFileInput, writeCalibrationPage,
} from "./web";
