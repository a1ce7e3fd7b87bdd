/** What the Overview tab shows, computed from the pane's cohort (see overview.ts). */

/** One headline figure, labelled as the Dashboard's Headline block labels it. */
export interface Figure {
  readonly label: string;
  readonly value: number;
}

/**
 * An active learner not ready to claim whose deadline has passed or falls within 90 days of the As of date: one who
 * has not achieved (Progress Overdue or Due soon), or one who has achieved with hours short.
 */
export interface WatchedLearner {
  readonly registration: string;
  readonly name: string;
  /** The deadline's standing: passed, or within 90 days (both days included). */
  readonly progress: "Overdue" | "Due soon";
  /** The rules of combination are met (only hours keep the learner from being claimed). */
  readonly achieved: boolean;
  /** YYYY-MM-DD. */
  readonly deadline: string;
  /** Calendar days from the As of date to the deadline: negative once it has passed. */
  readonly daysLeft: number;
  /** What the learner still needs: the rules' `missing` while not achieved, else `readyNeeds`. */
  readonly needs: readonly string[];
}

/** An assessment whose outcome is REFERRAL now. */
export interface ReferredAssessment {
  /** The catalogue id, as the mark sheet's tab names it. */
  readonly assessment: string;
  /** What was referred: sections below their minimum, or criteria marked R (empty when the rules say nothing). */
  readonly parts: readonly string[];
}

/** An active learner with referrals outstanding. */
export interface ReferredLearner {
  readonly registration: string;
  readonly name: string;
  readonly assessments: readonly ReferredAssessment[];
}

export interface Overview {
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly headline: readonly Figure[];
  /** Active learners in the cohort (withdrawn ones aside). */
  readonly learners: number;
  /** Overdue learners first (longest overdue first), then those due soon (soonest first). */
  readonly watch: readonly WatchedLearner[];
  /** In the cohort's order. */
  readonly referrals: readonly ReferredLearner[];
}
