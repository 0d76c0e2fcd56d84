export * from "./figure";
export * from "./html";
export * from "./show";
export * from "./network";
export * from "./scenarios";
