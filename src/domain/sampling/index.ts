/** IQA sampling: the strategy, the rows an IQA may sample, the draw, its coverage and the disagreement rule. */
export * from "./strategy";
export * from "./presets";
export * from "./random";
export * from "./rows";
export * from "./draw";
export * from "./disagree";
