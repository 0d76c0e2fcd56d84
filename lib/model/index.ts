export * from "./expr";
export * from "./families";
export * from "./model";
export * from "./cones";
export * from "./lpFormat";
export * from "./distflow";
export * from "./opf";
