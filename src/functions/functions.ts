import {
  achievedAnswer,
  creditsAnswer,
  criteriaAnswer,
  deadlineAnswer,
  needsAnswer,
  referredAnswer,
  resultAnswer,
  sectionPassAnswer,
  unitCreditsAnswer,
  unitTitleAnswer,
} from "./answers";
import { toExcel } from "./errors";

/*
 * The ILM.* custom functions. The JSDoc below is read at build time by custom-functions-metadata-plugin to write
 * functions.json; the plugin also appends a CustomFunctions.associate call for each function to this module.
 * Range parameters are declared unknown[][] (metadata type "any", matrix) and single values unknown ("any").
 * Under those types a blank cell arrives as "" or null in most hosts but as 0 in some Excel desktop builds, so the
 * functions that take marks also take `blanks`, the number of blank cells in the marks (COUNTBLANK of the same
 * range): with it a blank is never read as a mark of 0, however it arrives (see coerce.ts). None is volatile.
 */

/**
 * TRUE when every section's mark reaches its minimum, FALSE when any is below. #N/A while a mark is blank.
 * @customfunction SECTIONPASS
 * @param marks The section marks: one row or one column.
 * @param minimums The minimum mark of each section, in the same order.
 * @param [maxima] The maximum mark of each section; a mark above it is an error.
 * @param [blanks] How many marks are blank: COUNTBLANK of the marks' range. Give it so that a blank is never read as 0.
 * @returns TRUE or FALSE.
 */
export function sectionPass(
  marks: unknown[][],
  minimums: unknown[][],
  maxima?: unknown[][],
  blanks?: unknown,
): boolean {
  return toExcel(sectionPassAnswer(marks, minimums, maxima, blanks));
}

/**
 * The mark sheet's outcome: "PASS", "REFERRAL", or "" while not fully marked.
 * @customfunction RESULT
 * @param marks The section marks: one row or one column.
 * @param scheme An assessment id from the ILM catalogue ("D5.01"), or the minimum mark of each section.
 * @param [maxima] With minimums: the maximum mark of each section.
 * @param [pass_total] With minimums: the total needed as well (none when left out).
 * @param [blanks] How many marks are blank: COUNTBLANK of the marks' range. Give it so that a blank is never read as 0.
 * @returns "PASS", "REFERRAL" or "".
 */
export function result(
  marks: unknown[][],
  scheme: unknown[][],
  maxima?: unknown[][],
  pass_total?: unknown,
  blanks?: unknown,
): string {
  return toExcel(resultAnswer(marks, scheme, maxima, pass_total, blanks));
}

/**
 * The sections below their minimum, by name; "" when none.
 * @customfunction REFERRED
 * @param marks The section marks: one row or one column.
 * @param scheme An assessment id from the ILM catalogue ("D5.01"), or the minimum mark of each section.
 * @param [section_names] A name for each section, in the same order.
 * @param [blanks] How many marks are blank: COUNTBLANK of the marks' range. Give it so that a blank is never read as 0.
 * @returns The referred sections, separated by commas.
 */
export function referred(
  marks: unknown[][],
  scheme: unknown[][],
  section_names?: unknown[][],
  blanks?: unknown,
): string {
  return toExcel(referredAnswer(marks, scheme, section_names, blanks));
}

/**
 * The outcome of criterion pass/refer marking: "PASS" when every criterion is P, "REFERRAL" when any is R, "" while any is blank.
 * @customfunction CRITERIA
 * @param results The P or R of each assessment criterion.
 * @param [blanks] How many results are blank: COUNTBLANK of the results' range. Give it so that a blank is never read as 0.
 * @returns "PASS", "REFERRAL" or "".
 */
export function criteria(results: unknown[][], blanks?: unknown): string {
  return toExcel(criteriaAnswer(results, blanks));
}

/**
 * Credits of the passed units that belong to the qualification.
 * @customfunction CREDITS
 * @param qualification The qualification number ("600/5791/9").
 * @param units Unit ids ("8580-500"): one row or one column.
 * @param outcomes PASS, REFERRAL or PENDING for each unit, in the same order.
 * @returns The credits achieved.
 */
export function creditsOf(qualification: unknown, units: unknown[][], outcomes: unknown[][]): number {
  return toExcel(creditsAnswer(qualification, units, outcomes));
}

/**
 * TRUE when the passed units meet the qualification's rules of combination.
 * @customfunction ACHIEVED
 * @param qualification The qualification number ("600/5791/9").
 * @param units Unit ids ("8580-500"): one row or one column.
 * @param outcomes PASS, REFERRAL or PENDING for each unit, in the same order.
 * @returns TRUE or FALSE.
 */
export function achieved(qualification: unknown, units: unknown[][], outcomes: unknown[][]): boolean {
  return toExcel(achievedAnswer(qualification, units, outcomes));
}

/**
 * What is still needed for the qualification, in words; "" when achieved.
 * @customfunction NEEDS
 * @param qualification The qualification number ("600/5791/9").
 * @param units Unit ids ("8580-500"): one row or one column.
 * @param outcomes PASS, REFERRAL or PENDING for each unit, in the same order.
 * @returns The missing units and credits.
 */
export function needs(qualification: unknown, units: unknown[][], outcomes: unknown[][]): string {
  return toExcel(needsAnswer(qualification, units, outcomes));
}

/**
 * The date by which the qualification must be completed (registration date plus its duration, as EDATE). Format the cell as a date.
 * @customfunction DEADLINE
 * @param qualification The qualification number ("600/5791/9").
 * @param registered The registration date: a date, or text "YYYY-MM-DD".
 * @returns A date serial number.
 */
export function deadlineOf(qualification: unknown, registered: unknown): number {
  return toExcel(deadlineAnswer(qualification, registered));
}

/**
 * The credit value of a unit.
 * @customfunction UNITCREDITS
 * @param unit The unit id ("D5.01").
 * @returns The unit's credits.
 */
export function unitCredits(unit: unknown): number {
  return toExcel(unitCreditsAnswer(unit));
}

/**
 * The title of a unit.
 * @customfunction UNITTITLE
 * @param unit The unit id ("D5.01").
 * @returns The unit's title.
 */
export function unitTitle(unit: unknown): string {
  return toExcel(unitTitleAnswer(unit));
}
