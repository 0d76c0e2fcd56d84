export * from "./params";
export * from "./run";
export * from "./page-files";
