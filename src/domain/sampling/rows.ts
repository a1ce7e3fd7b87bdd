import type { Catalogue } from "../catalogue/catalogue";
import type { AssessmentEntry, Learner } from "../cohort/schema";
import { isBlank } from "../engine/values";
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
  /** The assessor has given a mark or criterion result (the rows an interim sample draws from). */
  readonly marked: boolean;
  /**
   * Already sampled: the row's IQA sample cell says why (ilm sample --write, or the IQA typed it), or it has a QA
   * outcome of PASS, REFERRAL or INVALID (QA re-marks given: the Dashboard's `QA sampled` counts them).
   */
  readonly sampled: boolean;
  /** The IQA sample cell's text, when given. */
  readonly recorded?: string;
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
            marked: isMarked(entry),
            sampled: qa === "PASS" || qa === "REFERRAL" || qa === "INVALID" || !isBlank(entry?.iqaSample),
            ...(entry?.iqaSample !== undefined && !isBlank(entry.iqaSample)
              ? { recorded: entry.iqaSample }
              : {}),
            disagrees: disagrees(a, entry, tolerance),
          },
        ];
      });
  });
}

/**
 * Whether a row can be sampled at a stage: `summative`, a decision (PASS or REFERRAL); `interim`, any row the
 * assessor has marked (a mark or criterion result given, decided or not).
 * @example isEligible("summative", { outcome: "INCOMPLETE", marked: true }) // false
 * @example isEligible("interim", { outcome: "INCOMPLETE", marked: true }) // true
 * @example isEligible("interim", { outcome: "INCOMPLETE", marked: false }) // false: only a date or a comment
 */
export function isEligible(
  stage: SamplingStage,
  row: { readonly outcome: Outcome; readonly marked: boolean },
): boolean {
  return stage === "interim" ? row.marked : row.outcome === "PASS" || row.outcome === "REFERRAL";
}

/**
 * Whether an entry holds an assessor's mark or criterion result (anything but blank, valid or not).
 * @example isMarked({ marks: [null, 4] }) // true
 * @example isMarked({ submitted: "2026-01-15" }) // false
 */
export function isMarked(entry: AssessmentEntry | undefined): boolean {
  return (
    (entry?.marks ?? []).some((v) => !isBlank(v)) ||
    Object.values(entry?.criteria ?? {}).some((v) => !isBlank(v))
  );
}
