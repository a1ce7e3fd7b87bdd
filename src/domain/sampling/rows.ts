import type { Catalogue } from "../catalogue/catalogue";
import type { Learner } from "../cohort/schema";
import type { CohortEvaluation } from "../engine/learner";
import type { Outcome } from "../engine/outcomes";
import { entryAssessor, usesAssessment } from "../engine/summary";
import { ownValue } from "../reserved";
import { disagrees } from "./disagree";
import type { SamplingStage } from "./strategy";

/** One mark-sheet row an IQA may sample: an active learner's entry on one assessment. */
export interface SampleRow {
  readonly registration: string;
  /** The learner's name (for reports). */
  readonly learner: string;
  readonly assessment: string;
  /** Who answers for the row (entryAssessor: the row's Assessor, else the learner's); null when no one is named. */
  readonly assessor: string | null;
  /** The assessor's outcome. */
  readonly outcome: Outcome;
  /** The IQA's outcome from the QA marks or criteria; null when none are given. */
  readonly qaOutcome: Outcome | null;
  /**
   * Already sampled: the row has a QA outcome of PASS, REFERRAL or INVALID (the QA re-marks are the workbook's
   * record of a sample, as the Dashboard's `QA sampled` counts them).
   */
  readonly sampled: boolean;
  /** The IQA's re-marking disagrees with the assessor's (see disagrees). */
  readonly disagrees: boolean;
}

/**
 * Every row with an entry, of every active learner (withdrawn learners' work is not sampled), on every assessment
 * their qualification uses, in the cohort's order then the catalogue's. `evaluation` is evaluateCohort's for
 * `cohort`, learner for learner; `tolerance` is the strategy's markTolerance.
 */
export function rowsForSampling(
  catalogue: Catalogue,
  cohort: { readonly learners: readonly Learner[] },
  evaluation: CohortEvaluation,
  tolerance: number,
): SampleRow[] {
  if (cohort.learners.length !== evaluation.learners.length)
    throw new Error(`${evaluation.learners.length} evaluations for ${cohort.learners.length} learners`);
  return cohort.learners.flatMap((learner, i) => {
    if (learner.withdrawn === true) return [];
    const evaluated = evaluation.learners[i];
    const qualification = catalogue.qualifications.get(learner.qualification);
    if (!evaluated || !qualification) return [];
    return [...catalogue.assessments.values()]
      .filter((a) => usesAssessment(qualification, a))
      .flatMap((a): SampleRow[] => {
        const result = ownValue(evaluated.assessments, a.id);
        if (result === undefined) return [];
        const entry = ownValue(learner.assessments, a.id);
        const qa = result.qaOutcome ?? null;
        return [
          {
            registration: learner.registration,
            learner: learner.name,
            assessment: a.id,
            assessor: entryAssessor(entry, learner),
            outcome: result.outcome,
            qaOutcome: qa,
            sampled: qa === "PASS" || qa === "REFERRAL" || qa === "INVALID",
            disagrees: disagrees(a, entry, tolerance),
          },
        ];
      });
  });
}

/**
 * Whether a row can be sampled at a stage: `summative`, a decision (PASS or REFERRAL); `interim`, any row with an
 * entry (rowsForSampling gives only those).
 * @example isEligible("summative", { outcome: "INCOMPLETE" }) // false
 * @example isEligible("interim", { outcome: "INCOMPLETE" }) // true
 */
export function isEligible(stage: SamplingStage, row: { readonly outcome: Outcome }): boolean {
  return stage === "interim" || row.outcome === "PASS" || row.outcome === "REFERRAL";
}
