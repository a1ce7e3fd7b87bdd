import type { Assessment, SectionedAssessment } from "../domain/catalogue/schema";
import { safeSheetName } from "./a1";

/**
 * Names the generated workbook exposes: sheet, table and column names and keys. They are STABLE: the dashboard,
 * IQA sampling and regeneration rely on them. Change one and old workbooks stop matching.
 */
export const LEARNERS_SHEET = "Learners";
export const LEARNERS_TABLE = "Learners";
export const UNITS_SHEET = "Unit outcomes";
export const UNITS_TABLE = "UnitOutcomes";

/** Column keys shared by several tables. */
export const KEYS = {
  registration: "registration",
  learner: "learner",
  status: "status",
  assessor: "assessor",
  submitted: "submitted",
  assessed: "assessed",
  iqaChecked: "iqaChecked",
  total: "total",
  outcome: "outcome",
  referred: "referred",
  qaTotal: "qaTotal",
  qaOutcome: "qaOutcome",
  disagreement: "disagreement",
  iqaSample: "iqaSample",
  iqaDecision: "iqaDecision",
  iqaAction: "iqaAction",
  actionDue: "actionDue",
  actionClosed: "actionClosed",
  attempt: "attempt",
  strengths: "strengths",
  improvements: "improvements",
  iqa: "iqa",
  externallyVerified: "externallyVerified",
  optOut: "optOut",
  qualification: "qualification",
  qualificationTitle: "qualificationTitle",
  registered: "registered",
  deadline: "deadline",
  induction: "induction",
  tutorial: "tutorial",
  coaching: "coaching",
  credits: "credits",
  achieved: "achieved",
  needs: "needs",
  ready: "ready",
  email: "email",
  notes: "notes",
  daysLeft: "daysLeft",
  progress: "progress",
} as const;

export const HEADERS = {
  registration: "Registration No",
  learner: "Learner",
  status: "Status",
  assessor: "Assessor",
  submitted: "Date submitted",
  assessed: "Date assessed",
  iqaChecked: "Date of IQA check",
  total: "Total",
  outcome: "Outcome",
  referredSections: "Referred sections",
  qaTotal: "QA Total",
  qaOutcome: "QA Outcome",
  disagreement: "Disagreement",
  iqaSample: "IQA sample",
  iqaDecision: "IQA decision",
  iqaAction: "IQA action",
  actionDue: "Action due",
  actionClosed: "Action closed",
  attempt: "Attempt",
  strengths: "Strengths",
  improvements: "Areas for improvement",
  iqa: "IQA name",
  externallyVerified: "Date externally verified",
  optOut: "Standardisation opt-out",
  qualification: "Qualification",
  qualificationTitle: "Qualification title",
  registered: "Registered",
  deadline: "Deadline",
  induction: "Induction hours",
  tutorial: "Tutorial hours",
  coaching: "Coaching hours",
  credits: "Credits",
  achieved: "Achieved",
  needs: "Needs",
  ready: "Ready to claim",
  email: "Email",
  notes: "Notes",
  daysLeft: "Days left",
  progress: "Progress",
} as const;

/** A learner's standing on the As of date (the Learners tab's Progress column). */
export const PROGRESS = {
  achieved: "Achieved",
  overdue: "Overdue",
  dueSoon: "Due soon",
  onTrack: "On track",
  withdrawn: "Withdrawn",
} as const;

/** What an IQA decides about a sampled row (the mark sheets' IQA decision column). */
export const IQA_DECISIONS = ["Agree", "Action required"] as const;

/** Status texts: Active or Withdrawn (typed on the Learners tab, copied to the other tabs). */
export const STATUS = {
  active: "Active",
  withdrawn: "Withdrawn",
  /** Still in the cohort, but the learner's qualification no longer uses this assessment or unit. */
  moved: "Qualification changed",
} as const;

export const sectionKey = (assessment: string, i: number) => `${assessment}/s${i + 1}`;
export const qaSectionKey = (assessment: string, i: number) => `${assessment}/qa/s${i + 1}`;
export const criterionKey = (assessment: string, id: string) => `${assessment}/c/${id}`;
export const qaCriterionKey = (assessment: string, id: string) => `${assessment}/qa/c/${id}`;
export const learnerUnitKey = (unit: string) => `unit/${unit}`;
export const isLearnerUnitKey = (key: string) => key.startsWith("unit/");
export const directUnitKey = (unit: string) => `direct/${unit}`;
export const isDirectUnitKey = (key: string) => key.startsWith("direct/");
export const userKey = (header: string) => `user/${header}`;
export const isUserKey = (key: string) => key.startsWith("user/");

/** "Context /4 (min 2)". */
export function sectionHeader(s: SectionedAssessment["sections"][number]): string {
  return `${s.short} /${s.max} (min ${s.min})`;
}
/** "QA Context /4". */
export function qaSectionHeader(s: SectionedAssessment["sections"][number]): string {
  return `QA ${s.short} /${s.max}`;
}
export const criterionHeader = (id: string) => `${id} P/R`;
export const qaCriterionHeader = (id: string) => `QA ${id} P/R`;

/** Excel table name for an assessment's mark sheet: "MS_D5_01", "MS_D5_02_D5_03", "MS_8580_500". */
export function markTableName(assessment: string): string {
  return `MS_${assessment.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
}

const NUMBER_WORDS: Record<string, string> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
};

/** What kind of work an assessment is, in one or two words, from its title: "Assignment 1", "Diary". */
export function assessmentWord(a: Assessment): string {
  const title = a.title.toLowerCase();
  const numbered = /assignment\s+(one|two|three|four|five|six|\d+)/.exec(title);
  if (numbered) return `Assignment ${NUMBER_WORDS[numbered[1] as string] ?? numbered[1]}`;
  if (title.includes("diary")) return "Diary";
  if (title.includes("reflective review")) return "Reflective review";
  if (title.includes("assignment")) return "Assignment";
  if (title.includes("review")) return "Review";
  const first = a.title.split(/[\s:,;]+/)[0] ?? "";
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** "D5.01 Assignment", "D5.02+D5.03 Diary", "8580-500 Assignment 1"; at most 31 characters. */
export function markSheetName(a: Assessment): string {
  return safeSheetName(`${a.id} ${assessmentWord(a)}`);
}
