export * from "./planning";

export * from "./calibrate";
export * from "./aggregationReport";
export * from "./paperComparison";
export * from "./sensitivity";
export * from "./outOfSampleDays";
export * from "./planOnDays";
export * from "./dayPlans";
export * from "./outOfSample";
export * from "./sweepClaims";
export * from "./report";
