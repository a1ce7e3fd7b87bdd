import { isBlank } from "./values";
import type { Catalogue } from "../catalogue/catalogue";
import type { Assessment, Qualification } from "../catalogue/schema";
import type { AssessmentEntry, Cohort, Learner } from "../cohort/schema";
import { ownValue } from "../reserved";
import { evaluateCriteria } from "./criteria";
import { claimNeeds, needsText } from "./needs";
import { addMonths, formatIsoDate, inSpreadsheetRange, parseIsoDate } from "./dates";
import type { Outcome, UnitOutcome } from "./outcomes";
import { unitOutcomeOf } from "./outcomes";
import { evaluateRule } from "./rules";
import { evaluateSectioned } from "./sectioned";

export const EVALUATION_FORMAT = "ilm-evaluation/1";

export interface AssessmentEvaluation {
  readonly outcome: Outcome;
  /** Sectioned assessments: the assessor's total (see SectionedResult.total). */
  readonly total?: number | null;
  /** Sectioned assessments: 1-based sections below their minimum. */
  readonly referredSections?: number[];
  /** Criterion assessments: criteria marked R. */
  readonly referredCriteria?: string[];
  /** The IQA's outcome by the same rules, when QA marks or criteria are given. */
  readonly qaOutcome?: Outcome;
  readonly qaTotal?: number | null;
  readonly messages: string[];
}

export interface LearnerEvaluation {
  readonly registration: string;
  readonly qualification: string;
  readonly assessments: Record<string, AssessmentEvaluation>;
  /** Every unit of the learner's qualification. */
  readonly units: Record<string, UnitOutcome>;
  readonly credits: number;
  readonly achieved: boolean;
  readonly missing: string[];
  readonly deadline: string | null;
  readonly readyToClaim: boolean;
  /**
   * What keeps an achieved learner from being ready to claim: the hours that are short, in the words
   * "induction 0 of 1 h", "tutorial 1 of 2 h", "coaching 82 of 100 h" (in that order). Empty when the learner has
   * not achieved, and when every hour is there. Withdrawal is not a need: a withdrawn learner is never ready to
   * claim, whatever this says (see readyToClaim).
   */
  readonly readyNeeds: string[];
  /**
   * Why the learner is not ready to claim, exactly as the Learners tab's Needs cell shows it (Portable formulas):
   * "withdrawn" for a withdrawn learner, the units the rules of combination still need (by id: see needsText),
   * then every hour that is short (induction and tutorial always, coaching for the passed units), joined with
   * "; ". Empty exactly when the learner is ready to claim.
   */
  readonly needs: string;
}

export interface CohortEvaluation {
  readonly format: typeof EVALUATION_FORMAT;
  readonly learners: LearnerEvaluation[];
}

/** Marks or criteria of one assessment, assessor's and QA's. */
export function evaluateAssessment(assessment: Assessment, entry: AssessmentEntry): AssessmentEvaluation {
  if (assessment.kind === "sectioned") {
    const marks = entry.marks ?? assessment.sections.map(() => null);
    const r = evaluateSectioned(assessment, marks);
    const qa = entry.qaMarks ? evaluateSectioned(assessment, entry.qaMarks) : undefined;
    return {
      outcome: r.outcome,
      total: r.total,
      referredSections: r.referredSections,
      ...(qa ? { qaOutcome: qa.outcome, qaTotal: qa.total } : {}),
      messages:
        qa && qa.outcome === "INVALID" ? [...r.messages, ...qa.messages.map((m) => `QA ${m}`)] : r.messages,
    };
  }
  const r = evaluateCriteria(assessment, entry.criteria ?? {});
  const qa = entry.qaCriteria ? evaluateCriteria(assessment, entry.qaCriteria) : undefined;
  return {
    outcome: r.outcome,
    referredCriteria: r.referredCriteria,
    ...(qa ? { qaOutcome: qa.outcome } : {}),
    messages:
      qa && qa.outcome === "INVALID" ? [...r.messages, ...qa.messages.map((m) => `QA ${m}`)] : r.messages,
  };
}

/**
 * The registration date plus the qualification's duration (EDATE); null where no duration is stated, and where the
 * deadline would fall after 9999-12-31 (validation refuses such a registration date: see checkLearner).
 */
export function deadline(qualification: Qualification, registered: string | null | undefined): string | null {
  if (qualification.durationMonths === null || !registered) return null;
  const date = parseIsoDate(registered);
  if (!date) return null;
  const due = addMonths(date, qualification.durationMonths);
  return inSpreadsheetRange(due) ? formatIsoDate(due) : null;
}

/** Credits of the PASSED units that belong to the qualification. */
export function credits(
  catalogue: Catalogue,
  qualification: Qualification,
  outcome: (unit: string) => UnitOutcome,
): number {
  let sum = 0;
  for (const u of qualification.units) if (outcome(u) === "PASS") sum += catalogue.units.get(u)?.credits ?? 0;
  return sum;
}

/** The most practice hours any passed unit requires (0 when none states a minimum). */
export function practiceHoursNeeded(
  catalogue: Catalogue,
  qualification: Qualification,
  outcome: (unit: string) => UnitOutcome,
): number {
  let most = 0;
  for (const u of qualification.units) {
    if (outcome(u) === "PASS") most = Math.max(most, catalogue.units.get(u)?.practiceHours ?? 0);
  }
  return most;
}

/** Hours a learner has recorded (the cohort's `hours`). */
export type LearnerHours = NonNullable<Learner["hours"]>;

/**
 * The induction, tutorial and coaching hours below what the qualification and the passed units require, in
 * that order, as "what got of needed h" (hours not recorded are 0). Coaching needs practiceHoursNeeded.
 * @example hoursShort(catalogue, l5Diploma, { induction: 1, tutorial: 1, coaching: 82 }, allPassed) // ["tutorial 1 of 2 h", "coaching 82 of 100 h"]
 * @example hoursShort(catalogue, l5Diploma, {}, allPassed) // ["induction 0 of 1 h", "tutorial 0 of 2 h", "coaching 0 of 100 h"]
 */
export function hoursShort(
  catalogue: Catalogue,
  qualification: Qualification,
  hours: LearnerHours,
  outcome: (unit: string) => UnitOutcome,
): string[] {
  const needs: [what: string, got: number, need: number][] = [
    ["induction", hours.induction ?? 0, qualification.inductionHours ?? 0],
    ["tutorial", hours.tutorial ?? 0, qualification.tutorialHours ?? 0],
    ["coaching", hours.coaching ?? 0, practiceHoursNeeded(catalogue, qualification, outcome)],
  ];
  return needs
    .filter(([, got, need]) => got < need)
    .map(([what, got, need]) => `${what} ${got} of ${need} h`);
}

/**
 * Whether an assessment entry holds nothing: every mark, criterion, date and text blank, no opt-out given.
 * @example isEmptyEntry({ marks: [null, null, null] }) // true
 * @example isEmptyEntry({ submitted: "2026-01-15" }) // false
 */
export function isEmptyEntry(entry: AssessmentEntry): boolean {
  const blankList = (list: readonly unknown[] | undefined) => (list ?? []).every((v) => isBlank(v));
  const blankRecord = (record: Readonly<Record<string, unknown>> | undefined) =>
    Object.values(record ?? {}).every((v) => isBlank(v));
  return (
    blankList(entry.marks) &&
    blankList(entry.qaMarks) &&
    blankRecord(entry.criteria) &&
    blankRecord(entry.qaCriteria) &&
    [
      entry.submitted,
      entry.assessed,
      entry.iqaChecked,
      entry.externallyVerified,
      entry.actionDue,
      entry.actionClosed,
    ].every((v) => isBlank(v)) &&
    [entry.assessor, entry.iqa, entry.strengths, entry.improvements, entry.iqaSample, entry.iqaAction].every(
      (v) => isBlank(v),
    ) &&
    entry.standardisationOptOut === undefined &&
    entry.iqaDecision === undefined
  );
}

/** Everything the product decides for one learner. Trusts a learner checked by validateCohort. */
export function evaluateLearner(catalogue: Catalogue, learner: Learner): LearnerEvaluation {
  const qualification = catalogue.qualifications.get(learner.qualification) as Qualification;
  // Results are built with Object.fromEntries and read with ownValue: an id is only ever an own key.
  const assessments: [string, AssessmentEvaluation][] = [];
  const fromAssessments = new Map<string, UnitOutcome>();
  for (const [id, entry] of Object.entries(learner.assessments ?? {})) {
    // An entry with nothing in it is no entry: a workbook row nobody has typed in says the same.
    if (isEmptyEntry(entry)) continue;
    const assessment = catalogue.assessments.get(id) as Assessment;
    const result = evaluateAssessment(assessment, entry);
    assessments.push([id, result]);
    for (const u of assessment.units) fromAssessments.set(u, unitOutcomeOf(result.outcome));
  }
  const unitOutcomes = new Map<string, UnitOutcome>(
    qualification.units.map((u) => [u, fromAssessments.get(u) ?? ownValue(learner.units, u) ?? "PENDING"]),
  );
  const units: Record<string, UnitOutcome> = Object.fromEntries(unitOutcomes);
  const outcome = (u: string): UnitOutcome => unitOutcomes.get(u) ?? "PENDING";

  const rule = evaluateRule(qualification.rule, (u) => outcome(u) === "PASS", catalogue);
  const readyNeeds = rule.met ? hoursShort(catalogue, qualification, learner.hours ?? {}, outcome) : [];
  // A withdrawn learner is never claimed for, however complete the record (achieved still says what was passed).
  const readyToClaim = learner.withdrawn !== true && rule.met && readyNeeds.length === 0;
  const needs = claimNeeds({
    withdrawn: learner.withdrawn === true,
    rule: rule.met
      ? ""
      : needsText(qualification.rule, {
          passed: (u) => outcome(u) === "PASS",
          credits: (u) => catalogue.units.get(u)?.credits ?? 0,
        }),
    hours: hoursShort(catalogue, qualification, learner.hours ?? {}, outcome),
  });

  return {
    registration: learner.registration,
    qualification: qualification.id,
    assessments: Object.fromEntries(assessments),
    units,
    credits: credits(catalogue, qualification, outcome),
    achieved: rule.met,
    missing: rule.missing,
    deadline: deadline(qualification, learner.registered),
    readyToClaim,
    readyNeeds,
    needs,
  };
}

export function evaluateCohort(catalogue: Catalogue, cohort: Cohort): CohortEvaluation {
  return { format: EVALUATION_FORMAT, learners: cohort.learners.map((l) => evaluateLearner(catalogue, l)) };
}

/** True when some assessment (assessor's or QA's) is INVALID. */
export function hasInvalid(evaluation: CohortEvaluation): boolean {
  return evaluation.learners.some((l) =>
    Object.values(l.assessments).some((a) => a.outcome === "INVALID" || a.qaOutcome === "INVALID"),
  );
}
