export * from "./planning";

export * from "./calibrate";
export * from "./paperComparison";
