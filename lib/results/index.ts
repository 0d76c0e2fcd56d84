export * from "./kpis";
export * from "./paper-comparison";
