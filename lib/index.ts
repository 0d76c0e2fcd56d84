/**
 * evsp — EV-aware storage planning. The public API: one barrel per folder, in data-flow order
 * (util → io → clean → scenarios → ev → network → model → solve → dispatch → decomposition → results → studies → plot
 * → web).
 */
export * from "./util";
export * from "./io";
export * from "./clean";
export * from "./scenarios";
export * from "./ev";
export * from "./network";
export * from "./model";
export * from "./solve";
export * from "./dispatch";
export * from "./decomposition";
export * from "./results";
export * from "./studies";
export * from "./plot";
export * from "./web";
