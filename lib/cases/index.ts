export * from "./read-case";
export * from "./inputs";
