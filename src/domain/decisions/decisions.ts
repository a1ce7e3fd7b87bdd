/**
 * Decisions: what a learner's record says was decided, one value per learner, subject and field, written as the
 * workbook's cells show it. The decision log records each time one of them changes.
 */

import type { Catalogue } from "../catalogue/catalogue";
import type { Assessment } from "../catalogue/schema";
import type { AssessmentEntry, Cohort } from "../cohort/schema";
import type { CohortEvaluation } from "../engine/learner";
import type { Outcome } from "../engine/outcomes";
import { isBlank } from "../engine/values";
import { ownValue } from "../reserved";

/** The fields the log follows, in the order a learner's rows are written. */
export const DECISION_FIELDS = [
  "Marks",
  "Outcome",
  "QA outcome",
  "Unit outcome",
  "Achieved",
  "Ready to claim",
] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

export interface Decision {
  readonly registration: string;
  readonly learner: string;
  /** The assessment id (Marks, Outcome, QA outcome), the unit id, or the qualification id (Achieved, Ready to claim). */
  readonly what: string;
  readonly field: DecisionField;
  /** As a cell shows it: "PASS", "REFERRAL", "INVALID", "TRUE", "FALSE", the marks, or "" (nothing decided). */
  readonly value: string;
}

/**
 * The value a field holds before anything is recorded: nothing decided for outcomes and marks, FALSE for
 * Achieved and Ready to claim (a learner starts neither), so a new learner adds no row until something changes.
 * @example startValue("Outcome") // ""
 * @example startValue("Achieved") // "FALSE"
 */
export function startValue(field: DecisionField): string {
  return field === "Achieved" || field === "Ready to claim" ? "FALSE" : "";
}

/**
 * An outcome as a mark sheet's Outcome cell shows it: blank while incomplete.
 * @example outcomeText("INCOMPLETE") // ""
 */
export function outcomeText(outcome: Outcome | undefined): string {
  return outcome === undefined || outcome === "INCOMPLETE" ? "" : outcome;
}

function entryText(v: unknown): string {
  return isBlank(v) ? "-" : String(v).trim();
}

/**
 * The assessor's marks or criterion results of a decided entry, in one line, so the log keeps what an outcome was
 * decided on: sectioned marks in section order, criteria as "id result". Blank until the outcome is PASS or
 * REFERRAL, so typing marks one by one logs nothing until they decide something.
 * @example marksText(d501, { marks: [3, 24, 9, 21] }, "PASS") // "3, 24, 9, 21"
 * @example marksText(criteria, { criteria: { "1.1": "P", "1.2": "R" } }, "REFERRAL") // "1.1 P, 1.2 R"
 */
export function marksText(assessment: Assessment, entry: AssessmentEntry, outcome: Outcome): string {
  if (outcome !== "PASS" && outcome !== "REFERRAL") return "";
  if (assessment.kind === "sectioned")
    return assessment.sections.map((_, i) => entryText(entry.marks?.[i])).join(", ");
  return assessment.criteria.map((c) => `${c.id} ${entryText(ownValue(entry.criteria, c.id))}`).join(", ");
}

/**
 * Every decision the record holds, learner by learner in the cohort's order: for each assessment of the learner's
 * qualification its marks, outcome and QA outcome, for each unit its outcome, then Achieved and Ready to claim.
 */
export function decisionsOf(catalogue: Catalogue, cohort: Cohort, evaluation: CohortEvaluation): Decision[] {
  const evaluated = new Map(evaluation.learners.map((l) => [l.registration, l]));
  return cohort.learners.flatMap((learner) => {
    const e = evaluated.get(learner.registration);
    if (!e) return [];
    const at = (what: string, field: DecisionField, value: string): Decision => ({
      registration: learner.registration,
      learner: learner.name,
      what,
      field,
      value,
    });
    const assessmentRows = Object.entries(e.assessments).flatMap(([id, a]) => {
      const assessment = catalogue.assessments.get(id);
      const entry = ownValue(learner.assessments, id);
      return [
        ...(assessment && entry ? [at(id, "Marks", marksText(assessment, entry, a.outcome))] : []),
        at(id, "Outcome", outcomeText(a.outcome)),
        at(id, "QA outcome", outcomeText(a.qaOutcome)),
      ];
    });
    const unitRows = Object.entries(e.units).map(([unit, outcome]) =>
      at(unit, "Unit outcome", outcome === "PENDING" ? "" : outcome),
    );
    return [
      ...assessmentRows,
      ...unitRows,
      at(e.qualification, "Achieved", e.achieved ? "TRUE" : "FALSE"),
      at(e.qualification, "Ready to claim", e.readyToClaim ? "TRUE" : "FALSE"),
    ];
  });
}
