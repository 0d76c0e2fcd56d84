export * from "./ev-dispatch";
export * from "./ev-disaggregate";
