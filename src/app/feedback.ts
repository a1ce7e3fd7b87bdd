/**
 * Feedback sheets: what goes on the ILM mark sheet (seed 004, Appendix B) a learner receives and an external verifier
 * signs, one per learner and assessment entry, from the cohort a workbook holds and the engine's evaluation. Pure
 * data: drawing it (a PDF, a tab) is the caller's.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import { registrationKey } from "../domain/cohort/registration";
import type { AssessmentEntry, Cohort, Learner } from "../domain/cohort/schema";
import type { AssessmentEvaluation, CohortEvaluation } from "../domain/engine/learner";
import type { Outcome } from "../domain/engine/outcomes";
import type { Problem, Result } from "../domain/problems";
import { ownValue } from "../domain/reserved";
import type { WorkbookContents } from "../workbook/contents";
import { markSheetRule } from "../workbook/feedback-tab";
import type { CentreCatalogueFile } from "../workbook/settings";
import { evaluateWorkbook } from "./evaluate";

/** One section of a sectioned mark sheet. */
export interface FeedbackSection {
  readonly number: number;
  readonly name: string;
  readonly max: number;
  readonly min: number;
  /** As typed: a number, text the engine calls INVALID, or null while blank. */
  readonly mark: number | string | null;
  readonly qaMark: number | string | null;
  /** Below its minimum on the assessor's marks. */
  readonly referred: boolean;
}

/** One criterion of a criterion (pass/refer) mark sheet. */
export interface FeedbackCriterion {
  readonly id: string;
  /** The catalogue's wording; null where it has none. */
  readonly text: string | null;
  readonly result: string | null;
  readonly qaResult: string | null;
  readonly referred: boolean;
}

export type FeedbackMarks =
  | {
      readonly kind: "sectioned";
      readonly sections: readonly FeedbackSection[];
      readonly maxTotal: number;
      readonly passTotal: number;
      readonly total: number | null;
      readonly qaTotal: number | null;
    }
  | { readonly kind: "criteria"; readonly criteria: readonly FeedbackCriterion[] };

export interface FeedbackSheet {
  readonly centre: { readonly number: string; readonly name: string };
  readonly cohort: string;
  readonly learner: {
    readonly registration: string;
    readonly name: string;
    readonly withdrawn: boolean;
    readonly qualification: { readonly id: string; readonly title: string };
  };
  readonly assessment: {
    readonly id: string;
    readonly title: string;
    readonly units: readonly { readonly id: string; readonly title: string }[];
  };
  /** The rule printed on the sheet. */
  readonly rule: string;
  readonly marks: FeedbackMarks;
  readonly outcome: Outcome;
  /** Undefined when QA has not re-marked. */
  readonly qaOutcome: Outcome | undefined;
  /** "2, 3" (sections) or "1.2, 3.1" (criteria); "" when none. */
  readonly referred: string;
  /** What the engine says about the marks (why INVALID, what is blank, why referred). */
  readonly messages: readonly string[];
  readonly strengths: string;
  readonly improvements: string;
  readonly assessor: string;
  readonly iqa: string;
  readonly submitted: string | null;
  readonly assessed: string | null;
  readonly iqaChecked: string | null;
  readonly externallyVerified: string | null;
  /** True when the learner opted out of the script's use for standardisation; undefined when not recorded. */
  readonly standardisationOptOut: boolean | undefined;
}

export interface FeedbackFilter {
  /** A registration number (compared as everywhere: trimmed, ignoring capitals). */
  readonly learner?: string | undefined;
  /** An assessment id of the catalogue (exact, or ignoring capitals when that names one). */
  readonly assessment?: string | undefined;
}

export interface WorkbookFeedback {
  readonly sheets: readonly FeedbackSheet[];
  /** Cells the cohort cannot hold (left out of the sheets), with their places. */
  readonly unreadable: readonly Problem[];
}

/** The rule a mark sheet prints, in the words of seed 004's mark sheets (the Feedback tab prints the same). */
export function ruleOf(assessment: Assessment): string {
  return markSheetRule(assessment);
}

/**
 * The feedback sheets of a marked workbook: one per learner and assessment entry (an entry with nothing typed in
 * it is none), in the order of the cohort and of the learner's entries, filtered by `filter`. A filter that names
 * no learner or assessment, or that leaves no sheet, is a problem.
 */
export function workbookFeedback(
  contents: WorkbookContents,
  what: string,
  filter: FeedbackFilter = {},
  catalogues?: readonly CentreCatalogueFile[],
): Result<WorkbookFeedback> {
  const evaluated = evaluateWorkbook(contents, what, catalogues);
  if (!evaluated.ok) return evaluated;
  const { cohort, catalogue, evaluation, unreadable } = evaluated.value;
  const sheets = feedbackSheets(catalogue, cohort, evaluation, filter, what);
  return sheets.ok ? { ok: true, value: { sheets: sheets.value, unreadable } } : sheets;
}

/** The feedback sheets of an evaluated cohort (see workbookFeedback). */
export function feedbackSheets(
  catalogue: Catalogue,
  cohort: Cohort,
  evaluation: CohortEvaluation,
  filter: FeedbackFilter = {},
  what = "the workbook",
): Result<FeedbackSheet[]> {
  const problem = (code: string, message: string): Result<FeedbackSheet[]> => ({
    ok: false,
    problems: [{ code, path: [], source: what, message }],
  });
  let learners = cohort.learners;
  if (filter.learner !== undefined) {
    const key = registrationKey(filter.learner);
    learners = learners.filter((l) => registrationKey(l.registration) === key);
    if (learners.length === 0)
      return problem(
        "unknown-learner",
        `has no learner with registration number ${JSON.stringify(filter.learner)}`,
      );
  }
  let assessmentId: string | undefined;
  if (filter.assessment !== undefined) {
    const wanted = filter.assessment.trim();
    assessmentId = catalogue.assessments.has(wanted)
      ? wanted
      : [...catalogue.assessments.keys()].find((id) => id.toLowerCase() === wanted.toLowerCase());
    if (assessmentId === undefined)
      return problem(
        "unknown-assessment",
        `uses no assessment ${JSON.stringify(filter.assessment)} (its assessments: ${[...catalogue.assessments.keys()].join(", ")})`,
      );
  }
  const results = new Map(evaluation.learners.map((l) => [registrationKey(l.registration), l]));
  const sheets: FeedbackSheet[] = [];
  for (const learner of learners) {
    const result = results.get(registrationKey(learner.registration));
    if (!result) continue;
    for (const [id, evaluated] of Object.entries(result.assessments)) {
      if (assessmentId !== undefined && id !== assessmentId) continue;
      const assessment = catalogue.assessments.get(id);
      const entry = ownValue(learner.assessments, id);
      if (!assessment || !entry) continue;
      sheets.push(sheetOf(catalogue, cohort, learner, assessment, entry, evaluated));
    }
  }
  if (sheets.length === 0) {
    const whose =
      filter.learner !== undefined
        ? `learner ${learners.map((l) => l.registration).join(", ")}`
        : "no learner";
    const which = assessmentId !== undefined ? ` for ${assessmentId}` : "";
    return problem(
      "no-entries",
      filter.learner !== undefined
        ? `has no marked entry of ${whose}${which}: nothing to write`
        : `has no marked entry${which}: nothing to write (a sheet is written for every learner and assessment with something typed in it)`,
    );
  }
  return { ok: true, value: sheets };
}

function sheetOf(
  catalogue: Catalogue,
  cohort: Cohort,
  learner: Learner,
  assessment: Assessment,
  entry: AssessmentEntry,
  evaluated: AssessmentEvaluation,
): FeedbackSheet {
  const qualification = catalogue.qualifications.get(learner.qualification);
  let marks: FeedbackMarks;
  let referred: string;
  if (assessment.kind === "sectioned") {
    const referredSections = new Set(evaluated.referredSections ?? []);
    const sections = assessment.sections.map((s, i) => ({
      number: i + 1,
      name: s.name,
      max: s.max,
      min: s.min,
      mark: markOf(entry.marks?.[i]),
      qaMark: markOf(entry.qaMarks?.[i]),
      referred: referredSections.has(i + 1),
    }));
    marks = {
      kind: "sectioned",
      sections,
      maxTotal: assessment.sections.reduce((sum, s) => sum + s.max, 0),
      passTotal: assessment.passTotal,
      total: evaluated.total ?? null,
      qaTotal: evaluated.qaTotal ?? null,
    };
    referred = [...referredSections].join(", ");
  } else {
    const referredCriteria = new Set(evaluated.referredCriteria ?? []);
    marks = {
      kind: "criteria",
      criteria: assessment.criteria.map((c) => ({
        id: c.id,
        text: c.text ?? null,
        result: resultOf(ownValue(entry.criteria, c.id)),
        qaResult: resultOf(ownValue(entry.qaCriteria, c.id)),
        referred: referredCriteria.has(c.id),
      })),
    };
    referred = [...referredCriteria].join(", ");
  }
  return {
    centre: { number: cohort.centre.number, name: cohort.centre.name },
    cohort: cohort.cohort,
    learner: {
      registration: learner.registration,
      name: learner.name,
      withdrawn: learner.withdrawn === true,
      qualification: { id: learner.qualification, title: qualification?.title ?? "" },
    },
    assessment: {
      id: assessment.id,
      title: assessment.title,
      units: assessment.units.map((u) => ({ id: u, title: catalogue.units.get(u)?.title ?? "" })),
    },
    rule: ruleOf(assessment),
    marks,
    outcome: evaluated.outcome,
    qaOutcome: evaluated.qaOutcome,
    referred,
    messages: evaluated.messages,
    strengths: entry.strengths ?? "",
    improvements: entry.improvements ?? "",
    assessor: entry.assessor ?? learner.assessor ?? "",
    iqa: entry.iqa ?? learner.iqa ?? "",
    submitted: entry.submitted ?? null,
    assessed: entry.assessed ?? null,
    iqaChecked: entry.iqaChecked ?? null,
    externallyVerified: entry.externallyVerified ?? null,
    standardisationOptOut: entry.standardisationOptOut,
  };
}

function markOf(value: number | string | null | undefined): number | string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  return value;
}

function resultOf(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === "") return null;
  return value.trim().toUpperCase();
}

/**
 * The file name of a learner's sheet for an assessment: `<registration>_<assessment>.pdf`, each part made safe for
 * every file system: letters A-Z and a-z, digits, `.`, `-` and `+` are kept, every other character (spaces,
 * slashes, `_`, accents, other scripts) becomes `-`, a leading `.` becomes `-` (no hidden files, never `..`), and
 * each part is cut to 64 characters.
 * @example feedbackFileName("NF-001", "D5.01") // "NF-001_D5.01.pdf"
 * @example feedbackFileName("NF 001/b", "D5.02+D5.03") // "NF-001-b_D5.02+D5.03.pdf"
 */
export function feedbackFileName(registration: string, assessment: string): string {
  const safe = (text: string) =>
    (
      text
        .replace(/[^A-Za-z0-9.+-]/g, "-")
        .replace(/^\./, "-")
        .slice(0, 64) || "-"
    ).replace(/^\./, "-");
  return `${safe(registration)}_${safe(assessment)}.pdf`;
}
