export * from "./figure";
export * from "./html";
export * from "./show";
export * from "./network";
export * from "./opf";
export * from "./scenarios";
export * from "./ev-records";
