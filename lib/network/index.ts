export * from "./types";
export * from "./perunit";
export * from "./matpower";
export * from "./create";
export * from "./checks";
export * from "./fromMatpower";
export * from "./radial";
