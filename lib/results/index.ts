export * from "./planning";

export * from "./calibrate";
export * from "./aggregation-report";
export * from "./paper-comparison";
export * from "./sensitivity";
export * from "./out-of-sample-days";
export * from "./plan-on-days";
export * from "./day-plans";
export * from "./out-of-sample";
export * from "./sweep-claims";
export * from "./report";
