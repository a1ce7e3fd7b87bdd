export * from "./decisions";
export * from "./log";
