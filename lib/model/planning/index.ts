export * from "./case";
export * from "./caseKeys";
export * from "./inputs";
export * from "./operation";
export * from "./firstStage";
export * from "./subproblem";
export * from "./dispatch";
export * from "./copperPlate";
