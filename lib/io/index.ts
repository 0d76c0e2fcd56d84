export * from "./paths";
export * from "./session";
