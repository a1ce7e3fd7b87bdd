/**
 * The cohort's figures, as the Dashboard shows them and `ilm evaluate --json` reports them (`summary`). Every
 * definition is in docs/dashboard.md; the workbook's formulas compute the same numbers from the cells.
 */

/** A learner's standing on a given day. */
export type Progress = "Achieved" | "Overdue" | "Due soon" | "On track" | "Withdrawn";

export interface HeadlineFigures {
  readonly learners: number;
  readonly withdrawn: number;
  readonly achieved: number;
  readonly readyToClaim: number;
  readonly referralsOutstanding: number;
  readonly notYetMarked: number;
  readonly pastDeadline: number;
  readonly dueWithin90Days: number;
}

export interface QualificationFigures {
  readonly qualification: string;
  readonly title: string;
  readonly learners: number;
  readonly achieved: number;
  readonly readyToClaim: number;
  readonly pastDeadline: number;
  readonly dueWithin90Days: number;
  /** Achieved / learners; null when there are no learners. */
  readonly achievementRate: number | null;
}

export interface AssessmentFigures {
  readonly assessment: string;
  readonly learners: number;
  readonly pass: number;
  readonly referral: number;
  readonly incomplete: number;
  readonly invalid: number;
  readonly qaSampled: number;
  readonly qaDisagrees: number;
  /** PASS / (PASS + REFERRAL); null when there is no decision. */
  readonly passRate: number | null;
}

export interface SectionFigures {
  readonly assessment: string;
  /** The section's short name, as its mark-sheet column shows it. */
  readonly section: string;
  readonly marked: number;
  /** Mean of the marks counted in `marked`; null when none. */
  readonly meanMark: number | null;
  readonly belowMinimum: number;
}

export interface CriterionFigures {
  readonly assessment: string;
  readonly criterion: string;
  readonly marked: number;
  readonly referred: number;
}

export interface UnitFigures {
  readonly unit: string;
  readonly pass: number;
  readonly referral: number;
  readonly pending: number;
}

export interface AssessorFigures {
  readonly assessor: string;
  readonly learners: number;
  readonly decisions: number;
  readonly pass: number;
  readonly referral: number;
  readonly qaSampled: number;
  readonly qaDisagrees: number;
}

export interface CohortSummary {
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly headline: HeadlineFigures;
  readonly byQualification: readonly QualificationFigures[];
  readonly byAssessment: readonly AssessmentFigures[];
  readonly bySection: readonly SectionFigures[];
  readonly byCriterion: readonly CriterionFigures[];
  readonly byUnit: readonly UnitFigures[];
  readonly byAssessor: readonly AssessorFigures[];
}
