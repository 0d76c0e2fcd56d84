export * from "./case";
export * from "./case-keys";
export * from "./inputs";
export * from "./operation";
export * from "./first-stage";
export * from "./subproblem";
export * from "./dispatch";
export * from "./copper-plate";
