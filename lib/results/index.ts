export * from "./planning";

export * from "./calibrate";
