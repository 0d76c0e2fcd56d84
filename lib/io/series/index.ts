export * from "./types";
export * from "./time-zone";
export * from "./quality";
export * from "./opsd-france";
export * from "./opsd-household";
export * from "./aep";
export * from "./detect";
