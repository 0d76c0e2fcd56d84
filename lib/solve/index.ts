export * from "./highs";
export * from "./solution";
export * from "./separation";
export * from "./coneCuts";
export * from "./solveModel";
export * from "./opf";
export * from "./acCheck";
