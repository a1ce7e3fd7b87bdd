import type { CriteriaAssessment } from "../catalogue/schema";
import { messages } from "../messages";
import { ownValue } from "../reserved";
import type { Outcome } from "./outcomes";

/** A criterion result as it arrives: "P", "R" (any case), or null/"" when not yet marked. */
export type CriterionInput = string | number | boolean | null | undefined;

export interface CriteriaResult {
  readonly outcome: Outcome;
  /** Ids of the criteria marked R (REFERRAL only). */
  readonly referredCriteria: string[];
  readonly messages: string[];
}

/**
 * Criterion pass/refer: PASS when every criterion is P; REFERRAL when all are marked and any is R;
 * INCOMPLETE otherwise. Results are listed in the order of `ids`.
 */
export function evaluateCriteriaList(
  ids: readonly string[],
  results: readonly CriterionInput[],
): CriteriaResult {
  const problems: string[] = [];
  const referred: string[] = [];
  let blanks = 0;
  ids.forEach((id, i) => {
    const value = results[i];
    const text = typeof value === "string" ? value.trim().toUpperCase() : value;
    if (text === null || text === undefined || text === "") blanks++;
    else if (text === "R") referred.push(id);
    else if (text !== "P") problems.push(messages.criterionNotPR(id, value));
  });
  if (problems.length > 0) return { outcome: "INVALID", referredCriteria: [], messages: problems };
  if (blanks > 0)
    return { outcome: "INCOMPLETE", referredCriteria: [], messages: [messages.notFullyMarked(blanks)] };
  if (referred.length > 0) {
    return {
      outcome: "REFERRAL",
      referredCriteria: referred,
      messages: [messages.criterionReferred(referred)],
    };
  }
  return { outcome: "PASS", referredCriteria: [], messages: [] };
}

/** Evaluates a criterion → P/R map against a catalogue assessment; unknown ids must be rejected at the edge. */
export function evaluateCriteria(
  scheme: CriteriaAssessment,
  results: Readonly<Record<string, CriterionInput>>,
): CriteriaResult {
  const ids = scheme.criteria.map((c) => c.id);
  return evaluateCriteriaList(
    ids,
    ids.map((id) => ownValue(results, id)),
  );
}
