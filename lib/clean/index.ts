export * from "./rules";
export * from "./duplicates";
export * from "./power-inference";
export * from "./clean";
export * from "./rejects";
export * from "./summary";
