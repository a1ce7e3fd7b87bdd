import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Cohort } from "../../domain/cohort/schema";
import { validateCohort } from "../../domain/cohort/validate";
import type { AssessmentEvaluation, LearnerEvaluation } from "../../domain/engine/learner";
import { evaluateCohort } from "../../domain/engine/learner";
import { daysLeft, progressOf } from "../../domain/engine/progress";
import { summarize, usesAssessment } from "../../domain/engine/summary";
import type { HeadlineFigures } from "../../domain/engine/summary.types";
import { ownValue } from "../../domain/reserved";
import type { Result } from "../../domain/problems";
import type { Overview, ReferredAssessment, ReferredLearner, WatchedLearner } from "./overview.types";

/** The Dashboard's Headline rows, in its order and with its labels. */
const HEADLINE: readonly [keyof HeadlineFigures, string][] = [
  ["learners", "Learners"],
  ["withdrawn", "Withdrawn"],
  ["achieved", "Achieved"],
  ["readyToClaim", "Ready to claim"],
  ["referralsOutstanding", "Referrals outstanding"],
  ["notYetMarked", "Not yet marked"],
  ["pastDeadline", "Past deadline"],
  ["dueWithin90Days", "Due within 90 days"],
];

/**
 * The Overview of a cohort on the As of date (YYYY-MM-DD): the engine's headline figures, the learners overdue or
 * due soon with what each still needs, and the learners with referrals outstanding. Problems when the cohort as the
 * cells hold it cannot be evaluated (an unknown qualification typed on the Learners tab, say).
 */
export function overviewOf(catalogue: Catalogue, cohort: Cohort, asOf: string): Result<Overview> {
  const valid = validateCohort(cohort, catalogue);
  if (!valid.ok) return valid;
  const evaluation = evaluateCohort(catalogue, valid.value);
  const summary = summarize(catalogue, valid.value, evaluation, asOf);
  const rows = valid.value.learners.map((learner, i) => ({
    learner,
    evaluation: evaluation.learners[i] as LearnerEvaluation,
  }));
  const active = rows.filter((r) => r.learner.withdrawn !== true);

  // Watched: whoever is not ready to claim while their deadline has passed or is within 90 days. That is Progress
  // Overdue or Due soon, and also a learner who has achieved but whose hours are short (Progress Achieved).
  const watch: WatchedLearner[] = active.flatMap(({ learner, evaluation: e }) => {
    const standing = progressOf({ achieved: false, deadline: e.deadline }, false, asOf);
    const left = daysLeft(e.deadline, asOf);
    if (e.readyToClaim || (standing !== "Overdue" && standing !== "Due soon")) return [];
    if (e.deadline === null || left === null) return [];
    return [
      {
        registration: learner.registration,
        name: learner.name,
        progress: standing,
        achieved: e.achieved,
        deadline: e.deadline,
        daysLeft: left,
        needs: e.achieved ? e.readyNeeds : e.missing,
      },
    ];
  });
  watch.sort((a, b) => a.daysLeft - b.daysLeft);

  const referrals: ReferredLearner[] = active.flatMap(({ learner, evaluation: e }) => {
    const qualification = catalogue.qualifications.get(learner.qualification);
    if (!qualification) return [];
    const assessments = [...catalogue.assessments.values()].flatMap((a): ReferredAssessment[] => {
      if (!usesAssessment(qualification, a)) return [];
      const result = ownValue(e.assessments, a.id);
      if (result?.outcome !== "REFERRAL") return [];
      return [
        {
          assessment: a.id,
          parts: referredParts(result, (i) =>
            a.kind === "sectioned" ? a.sections[i - 1]?.short : undefined,
          ),
        },
      ];
    });
    return assessments.length === 0
      ? []
      : [{ registration: learner.registration, name: learner.name, assessments }];
  });

  return {
    ok: true,
    value: {
      asOf,
      headline: HEADLINE.map(([key, label]) => ({ label, value: summary.headline[key] })),
      learners: summary.headline.learners,
      watch,
      referrals,
    },
  };
}

/** The sections below their minimum (by short name) or the criteria marked R. */
function referredParts(
  result: AssessmentEvaluation,
  sectionName: (oneBased: number) => string | undefined,
): string[] {
  const sections = (result.referredSections ?? []).map((i) => sectionName(i) ?? `section ${i}`);
  return [...sections, ...(result.referredCriteria ?? [])];
}
