/**
 * Every sentence the rules engine says, in one place (en-GB). The engine returns these as values; the command
 * line, the custom functions, the mark sheets and the task pane show them unchanged.
 */
export const messages = {
  markNotANumber: (section: string, value: unknown) => `${section}: ${quote(value)} is not a number`,
  markNegative: (section: string, value: number) => `${section}: mark ${value} is negative`,
  markAboveMaximum: (section: string, value: number, max: number) =>
    `${section}: mark ${value} is above the maximum of ${max}`,
  wrongMarkCount: (expected: number, got: number) =>
    `expected ${expected} section ${plural(expected, "mark", "marks")}, got ${got}`,
  sectionBelowMinimum: (section: string, value: number, min: number) =>
    `${section}: ${value} is below the minimum of ${min}`,
  totalBelowPass: (total: number, passTotal: number) =>
    `total ${total} is below the pass total of ${passTotal}`,
  criterionNotPR: (criterion: string, value: unknown) =>
    `criterion ${criterion}: ${quote(value)} is not P or R`,
  unknownCriterion: (criterion: string, assessment: string) => `${assessment} has no criterion ${criterion}`,
  criterionReferred: (criteria: readonly string[]) =>
    `${plural(criteria.length, "criterion", "criteria")} ${criteria.join(", ")} referred`,
  notFullyMarked: (missing: number) =>
    `not fully marked: ${missing} ${plural(missing, "entry", "entries")} blank`,
  unknownQualification: (id: string) => `unknown qualification ${quote(id)}`,
  unknownUnit: (id: string) => `unknown unit ${quote(id)}`,
  unknownAssessment: (id: string) => `unknown assessment ${quote(id)}`,
  unitNotInQualification: (unit: string, qualification: string) =>
    `unit ${unit} is not part of qualification ${qualification}`,
  assessmentNotInQualification: (assessment: string, qualification: string) =>
    `assessment ${assessment} covers no unit of qualification ${qualification}`,
  unitGivenTwice: (unit: string, assessment: string) =>
    `unit ${unit} is given directly and also through assessment ${assessment}`,
  unitOutcomeNotKnown: (value: unknown) => `${quote(value)} is not PASS, REFERRAL or PENDING`,
  missingUnit: (unit: string, title: string) => `${unit} (${title})`,
  missingUnits: (units: readonly string[], assessmentTitle: string) =>
    `${joinAnd(units)} (${lowerFirst(assessmentTitle)})`,
  missingCredits: (needed: number, earned: number, label: string | undefined, open: readonly string[]) => {
    const amount = earned > 0 ? `${needed - earned} more credits` : `${needed} credits`;
    const where = label ? `${label} (${open.join(", ")})` : open.join(", ");
    return `${amount} from ${where}`;
  },
  missingOneOf: (alternatives: readonly string[]) => alternatives.join(" or "),
  rangesDiffer: (what: string, expected: number, got: number) =>
    `${what} has ${got} ${plural(got, "cell", "cells")} but there are ${expected} sections`,
  notADate: (value: unknown) => `${quote(value)} is not a date (use YYYY-MM-DD)`,
  dateOutOfRange: (date: string) =>
    `${date} is not between 1900-03-01 and 9999-12-31, the dates every spreadsheet shows the same`,
  deadlineOutOfRange: (registered: string, months: number, qualification: string) =>
    `${registered} plus ${months} months (the duration of ${qualification}) is after 9999-12-31, the last date a spreadsheet shows`,
  noDuration: (qualification: string) => `${qualification} states no duration`,
  dateBlank: (what: string) => `${what} is blank`,
  limitNegative: (what: string, value: number) => `${what}: ${value} is negative`,
  minimumAboveMaximum: (section: string, min: number, max: number) =>
    `${section}: minimum ${min} is above the maximum ${max}`,
  notALine: (what: string, rows: number, columns: number) =>
    `${what} must be one row or one column, not ${rows} rows by ${columns} columns`,
  listsDiffer: (what: string, got: number, other: string, expected: number) =>
    `${what} has ${got} ${plural(got, "cell", "cells")} but ${other} has ${expected}`,
  blanksNotACount: (value: unknown) => `blanks: ${quote(value)} is not a number of blank cells`,
  blanksDiffer: (what: string, blanks: number, empty: number, zeros: number) =>
    `blanks is ${blanks} but ${what} has ${empty} empty ${plural(empty, "cell", "cells")}` +
    (zeros > 0 ? ` and ${zeros} ${plural(zeros, "cell", "cells")} of 0` : "") +
    ` (give COUNTBLANK of the same range)`,
  notSectioned: (assessment: string) => `assessment ${assessment} is marked by criteria, not by sections`,
  takenFromCatalogue: (what: string, assessment: string) =>
    `leave out ${what}: assessment ${assessment} takes it from the catalogue`,
} as const;

export function quote(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (value === null || value === undefined) return "blank";
  return String(value);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
