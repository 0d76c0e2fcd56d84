export * from "./subproblemRunner";
export * from "./master";
export * from "./evaluator";
export * from "./benders";
export * from "./extensive";
export * from "./plan";
export * from "./extensiveLp";
export * from "./sitings";
