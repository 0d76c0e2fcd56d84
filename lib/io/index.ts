export * from "./paths";
export * from "./session";
export * from "./series";
