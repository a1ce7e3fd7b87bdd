import type { Catalogue } from "../catalogue/catalogue";
import type { Assessment, Qualification } from "../catalogue/schema";
import type { AssessmentEntry, Learner } from "../cohort/schema";
import { ownValue } from "../reserved";
import type { AssessmentEvaluation, CohortEvaluation, LearnerEvaluation } from "./learner";
import type { Outcome } from "./outcomes";
import { progressOf, serialOf } from "./progress";
import type {
  AssessmentFigures,
  AssessorFigures,
  CohortSummary,
  CriterionFigures,
  HeadlineFigures,
  QualificationFigures,
  SectionFigures,
  UnitFigures,
} from "./summary.types";
import { isBlank } from "./values";

/**
 * The cohort's figures as docs/dashboard.md defines them (the Dashboard's formulas compute the same numbers from
 * the workbook's cells). Pure like the rest of the engine.
 */

/** A learner of the cohort with what the engine decided for them. */
interface Row {
  readonly learner: Learner;
  readonly evaluation: LearnerEvaluation;
  readonly qualification: Qualification;
}

/** An active learner who takes an assessment, with their result and entry on it. */
interface Taken {
  readonly row: Row;
  readonly result: AssessmentEvaluation | undefined;
  readonly entry: AssessmentEntry | undefined;
}

/**
 * An assessor's name as the Dashboard matches it: the text as the spreadsheet function TRIM leaves it (spaces,
 * U+0020 only, removed at either end and runs of them inside made one), capitals and spelling kept; null for a
 * blank name (nothing, or white space only), which names no one.
 * @example assessorName("  J.  Doyle ") // "J. Doyle"
 * @example assessorName("j. doyle") // "j. doyle" (another assessor than "J. Doyle")
 * @example assessorName("   ") // null
 * @example assessorName(undefined) // null
 */
export function assessorName(text: string | null | undefined): string | null {
  if (isBlank(text)) return null;
  return (text as string).replace(/ {2,}/g, " ").replace(/^ | $/g, "");
}

/**
 * Who answers for one mark-sheet row: the assessor the entry names or, when it names none, the learner's own (the
 * mark sheet's Assessor cell shows the learner's assessor until someone types another); null when neither is given.
 * @example entryAssessor({ assessor: "A. Khan" }, { assessor: "J. Doyle" }) // "A. Khan"
 * @example entryAssessor({}, { assessor: "J. Doyle" }) // "J. Doyle"
 * @example entryAssessor(undefined, {}) // null
 */
export function entryAssessor(
  entry: { readonly assessor?: string | undefined } | undefined,
  learner: { readonly assessor?: string | undefined },
): string | null {
  return assessorName(entry?.assessor) ?? assessorName(learner.assessor);
}

/**
 * Whether a qualification uses an assessment: the assessment covers one of its units (the learner then has a row on
 * that assessment's mark sheet).
 */
export function usesAssessment(qualification: Qualification, assessment: Assessment): boolean {
  return assessment.units.some((u) => qualification.units.includes(u));
}

/** Outcomes the IQA's re-marking gives that count as a QA sample (INCOMPLETE re-marks do not). */
function qaSampled(a: AssessmentEvaluation | undefined): boolean {
  return a?.qaOutcome === "PASS" || a?.qaOutcome === "REFERRAL" || a?.qaOutcome === "INVALID";
}

/** A sampled row whose QA outcome is not the assessor's (an assessor's INCOMPLETE, shown blank, differs). */
function qaDisagrees(a: AssessmentEvaluation | undefined): boolean {
  return a !== undefined && qaSampled(a) && a.qaOutcome !== a.outcome;
}

/** The assessor's outcome of a row; INCOMPLETE where the learner has no entry at all. */
function outcomeOf(a: AssessmentEvaluation | undefined): Outcome {
  return a?.outcome ?? "INCOMPLETE";
}

/**
 * A criterion result that counts as marked: P or R in any case, spaces around allowed (as the engine reads it).
 * @example criterionMark(" r ") // "R"
 * @example criterionMark("X") // null
 */
export function criterionMark(value: unknown): "P" | "R" | null {
  if (typeof value !== "string") return null;
  const text = value.trim().toUpperCase();
  return text === "P" || text === "R" ? text : null;
}

/**
 * A section mark the Dashboard counts: a number (not text, even numeric text) from 0 to the section's maximum.
 * @example countedMark(4, 4) // 4
 * @example countedMark(4.5, 4) // null
 * @example countedMark("3", 4) // null
 */
export function countedMark(value: unknown, max: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max ? value : null;
}

/** A ratio, or null when there is nothing to divide by. */
function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Text order for names: localeCompare in English, then by code units so that the order is always the same. */
function byName(a: string, b: string): number {
  return a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The cohort's figures on the As of date (YYYY-MM-DD). `evaluation` is the engine's evaluation of `cohort`, learner
 * for learner in the same order (evaluateCohort's). Throws when they do not match or asOf is no date.
 */
export function summarize(
  catalogue: Catalogue,
  cohort: { readonly learners: readonly Learner[] },
  evaluation: CohortEvaluation,
  asOf: string,
): CohortSummary {
  serialOf(asOf);
  if (cohort.learners.length !== evaluation.learners.length)
    throw new Error(`${evaluation.learners.length} evaluations for ${cohort.learners.length} learners`);
  const rows: Row[] = cohort.learners.map((learner, i) => {
    const e = evaluation.learners[i] as LearnerEvaluation;
    if (e.registration !== learner.registration)
      throw new Error(`learner ${i} is ${learner.registration} but its evaluation is ${e.registration}`);
    const qualification = catalogue.qualifications.get(learner.qualification);
    if (!qualification) throw new Error(`unknown qualification ${learner.qualification}`);
    return { learner, evaluation: e, qualification };
  });
  const active = rows.filter((r) => r.learner.withdrawn !== true);

  // The lists: what the cohort's learners (withdrawn ones too) take, in catalogue order.
  const taken = new Set(rows.map((r) => r.qualification.id));
  const qualifications = [...catalogue.qualifications.values()].filter((q) => taken.has(q.id));
  const cohortUnits = new Set(qualifications.flatMap((q) => q.units));
  const units = [...catalogue.units.keys()].filter((u) => cohortUnits.has(u));
  const assessments = [...catalogue.assessments.values()].filter((a) =>
    a.units.some((u) => cohortUnits.has(u)),
  );

  const progress = new Map(active.map((r) => [r, progressOf(r.evaluation, false, asOf)] as const));
  const count = (list: readonly Row[], test: (r: Row) => boolean) => list.filter(test).length;
  const pastDeadline = (r: Row) => progress.get(r) === "Overdue";
  const dueSoon = (r: Row) => progress.get(r) === "Due soon";

  const byQualification: QualificationFigures[] = qualifications.map((q) => {
    const of = active.filter((r) => r.qualification.id === q.id);
    const achieved = count(of, (r) => r.evaluation.achieved);
    return {
      qualification: q.id,
      title: q.title,
      learners: of.length,
      achieved,
      readyToClaim: count(of, (r) => r.evaluation.readyToClaim),
      pastDeadline: count(of, pastDeadline),
      dueWithin90Days: count(of, dueSoon),
      achievementRate: rate(achieved, of.length),
    };
  });

  // Each assessment's active takers with their result and entry, looked up once: every table below reads them.
  const takenBy = new Map<string, readonly Taken[]>(
    assessments.map((a) => [
      a.id,
      active
        .filter((r) => usesAssessment(r.qualification, a))
        .map((row) => ({
          row,
          result: ownValue(row.evaluation.assessments, a.id),
          entry: ownValue(row.learner.assessments, a.id),
        })),
    ]),
  );
  const takers = (a: Assessment) => takenBy.get(a.id) ?? [];

  const byAssessment: AssessmentFigures[] = assessments.map((a) => {
    const of = takers(a);
    const outcomes = of.map((t) => outcomeOf(t.result));
    const pass = outcomes.filter((o) => o === "PASS").length;
    const referral = outcomes.filter((o) => o === "REFERRAL").length;
    return {
      assessment: a.id,
      learners: of.length,
      pass,
      referral,
      incomplete: outcomes.filter((o) => o === "INCOMPLETE").length,
      invalid: outcomes.filter((o) => o === "INVALID").length,
      qaSampled: of.filter((t) => qaSampled(t.result)).length,
      qaDisagrees: of.filter((t) => qaDisagrees(t.result)).length,
      passRate: rate(pass, pass + referral),
    };
  });

  const bySection: SectionFigures[] = assessments.flatMap((a) => {
    if (a.kind !== "sectioned") return [];
    const of = takers(a);
    return a.sections.map((s, i) => {
      const marks = of
        .map((t) => countedMark(t.entry?.marks?.[i], s.max))
        .filter((m): m is number => m !== null);
      return {
        assessment: a.id,
        section: s.short,
        marked: marks.length,
        meanMark: marks.length === 0 ? null : marks.reduce((x, y) => x + y, 0) / marks.length,
        belowMinimum: marks.filter((m) => m < s.min).length,
      };
    });
  });

  const byCriterion: CriterionFigures[] = assessments.flatMap((a) => {
    if (a.kind !== "criteria") return [];
    const of = takers(a);
    return a.criteria.map((c) => {
      const marks = of.map((t) => criterionMark(ownValue(t.entry?.criteria, c.id)));
      return {
        assessment: a.id,
        criterion: c.id,
        marked: marks.filter((m) => m !== null).length,
        referred: marks.filter((m) => m === "R").length,
      };
    });
  });

  const byUnit: UnitFigures[] = units.map((u) => {
    const outcomes = active
      .filter((r) => r.qualification.units.includes(u))
      .map((r) => ownValue(r.evaluation.units, u));
    const pass = outcomes.filter((o) => o === "PASS").length;
    const referral = outcomes.filter((o) => o === "REFERRAL").length;
    return { unit: u, pass, referral, pending: outcomes.length - pass - referral };
  });

  // Every name on the roster and on any entry (withdrawn learners' too); counts are of active learners.
  const names = new Set<string>();
  for (const { learner } of rows) {
    const own = assessorName(learner.assessor);
    if (own !== null) names.add(own);
    for (const e of Object.values(learner.assessments ?? {})) {
      const named = assessorName(e.assessor);
      if (named !== null) names.add(named);
    }
  }
  const decisions = assessments.flatMap((a) =>
    takers(a).map((t) => ({ assessor: entryAssessor(t.entry, t.row.learner), result: t.result })),
  );
  const byAssessor: AssessorFigures[] = [...names].sort(byName).map((name) => {
    const theirs = decisions.filter((d) => d.assessor === name);
    const pass = theirs.filter((d) => outcomeOf(d.result) === "PASS").length;
    const referral = theirs.filter((d) => outcomeOf(d.result) === "REFERRAL").length;
    return {
      assessor: name,
      learners: count(active, (r) => assessorName(r.learner.assessor) === name),
      decisions: pass + referral,
      pass,
      referral,
      qaSampled: theirs.filter((d) => qaSampled(d.result)).length,
      qaDisagrees: theirs.filter((d) => qaDisagrees(d.result)).length,
    };
  });

  const headline: HeadlineFigures = {
    learners: active.length,
    withdrawn: rows.length - active.length,
    achieved: count(active, (r) => r.evaluation.achieved),
    readyToClaim: count(active, (r) => r.evaluation.readyToClaim),
    referralsOutstanding: byAssessment.reduce((n, a) => n + a.referral, 0),
    notYetMarked: byAssessment.reduce((n, a) => n + a.incomplete, 0),
    pastDeadline: count(active, pastDeadline),
    dueWithin90Days: count(active, dueSoon),
  };

  return { asOf, headline, byQualification, byAssessment, bySection, byCriterion, byUnit, byAssessor };
}
