/** The rules engine and the catalogue: pure, no Office, React or ExcelJS. */
export * from "./catalogue/schema";
export * from "./catalogue/catalogue";
export * from "./catalogue/builtin";
export * from "./catalogue/load";
export * from "./cohort/schema";
export * from "./cohort/validate";
export * from "./cohort/registration";
export * from "./engine/outcomes";
export * from "./engine/sectioned";
export * from "./engine/criteria";
export * from "./engine/rules";
export * from "./engine/dates";
export * from "./engine/learner";
export * from "./messages";
export * from "./problems";
export * from "./reserved";
export * from "./zodProblems";
