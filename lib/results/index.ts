export * from "./kpis";
export * from "./paper-comparison";
export * from "./plan-summary";
export * from "./loading";
