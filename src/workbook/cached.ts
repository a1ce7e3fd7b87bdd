/**
 * Cached values: the value each formula cell of the plan shows, from the engine's evaluation of the cohort the
 * cells hold, written with the formula. A reader without a calculation engine (Protected View, a mail preview, a
 * tool that only reads files) then shows the outcomes too, and a spreadsheet that recalculates gets the same.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import { parseIsoDate, toSerial } from "../domain/engine/dates";
import type { AssessmentEvaluation, CohortEvaluation, LearnerEvaluation } from "../domain/engine/learner";
import type { Outcome } from "../domain/engine/outcomes";
import { hoursShort } from "../domain/engine/learner";
import { NOT_APPLICABLE } from "../domain/engine/lists";
import { claimNeeds } from "../domain/engine/needs";
import { KEYS, isLearnerUnitKey } from "./layout";
import type { Cell, FormulaMode, SheetPlan, TablePlan, WorkbookPlan } from "./plan";
import type { Cohort, Learner } from "../domain/cohort/schema";
import { daysLeft, progressOf } from "../domain/engine/progress";
import { summarize } from "../domain/engine/summary";
import type { CohortSummary } from "../domain/engine/summary.types";
import { DASHBOARD_TABLES } from "./dashboard";
import { feedbackWithValues } from "./feedback-tab";
import { iqaPlanWithValues, recordedOf } from "./iqa-plan";
import { registrationKey } from "./registration";
import { disagrees } from "../domain/sampling/disagree";
import { ownValue } from "../domain/reserved";

type Cached = string | number | boolean;

/** How an outcome shows: INCOMPLETE as a blank (the formulas give ""). */
export function outcomeText(outcome: Outcome | undefined): string {
  return outcome === undefined || outcome === "INCOMPLETE" ? "" : outcome;
}

/** The value a mark sheet's formula column shows for a learner's evaluated entry (absent: nothing typed). */
function markSheetValue(
  a: Assessment,
  key: string,
  ev: AssessmentEvaluation | undefined,
): Cached | undefined {
  switch (key) {
    case KEYS.total:
      return ev && ev.outcome !== "INVALID" && typeof ev.total === "number" ? ev.total : "";
    case KEYS.outcome:
      return outcomeText(ev?.outcome);
    case KEYS.referred: {
      if (ev?.outcome !== "REFERRAL") return "";
      if (a.kind === "sectioned")
        return (ev.referredSections ?? []).map((n) => a.sections[n - 1]?.short ?? "").join(", ");
      return (ev.referredCriteria ?? []).join(", ");
    }
    case KEYS.qaTotal:
      return ev && ev.qaOutcome !== undefined && ev.qaOutcome !== "INVALID" && typeof ev.qaTotal === "number"
        ? ev.qaTotal
        : "";
    case KEYS.qaOutcome:
      return outcomeText(ev?.qaOutcome);
    default:
      return undefined;
  }
}

/** The value a mark sheet's Disagreement cell shows for a learner. */
function iqaValue(
  a: Assessment,
  key: string,
  learner: Learner | undefined,
  iqa: IqaValues,
): Cached | undefined {
  if (!learner) return undefined;
  switch (key) {
    case KEYS.disagreement:
      return disagrees(a, ownValue(learner.assessments, a.id), iqa.tolerance);
    default:
      return undefined;
  }
}

/** The value a Learners formula column shows for a learner. */
function learnersValue(
  key: string,
  e: LearnerEvaluation,
  learner: Learner | undefined,
  catalogue: Catalogue,
  mode: FormulaMode,
  asOf: string,
): Cached | undefined {
  const q = catalogue.qualifications.get(e.qualification);
  if (isLearnerUnitKey(key)) {
    const unit = key.slice("unit/".length);
    if (q && !q.units.includes(unit)) return NOT_APPLICABLE;
    const outcome = e.units[unit];
    return outcome === "PASS" || outcome === "REFERRAL" ? outcome : "";
  }
  switch (key) {
    case KEYS.deadline: {
      const d = e.deadline ? parseIsoDate(e.deadline) : null;
      return d ? toSerial(d) : "";
    }
    case KEYS.credits:
      return e.credits;
    case KEYS.achieved:
      return e.achieved;
    case KEYS.needs:
      if (mode === "portable") return e.needs;
      // ILM functions mode: ILM.NEEDS words the rules' part (units named with their titles).
      return claimNeeds({
        withdrawn: learner?.withdrawn === true,
        rule: e.achieved ? "" : e.missing.join("; "),
        hours: q ? hoursShort(catalogue, q, learner?.hours ?? {}, (u) => e.units[u] ?? "PENDING") : [],
      });
    case KEYS.daysLeft:
      return daysLeft(e.deadline, asOf) ?? "";
    case KEYS.progress:
      return progressOf(e, learner?.withdrawn === true, asOf);
    case KEYS.ready:
      return e.readyToClaim;
    default:
      return undefined;
  }
}

/** What the mark sheets' Disagreement formulas show besides the evaluation: the workbook's mark tolerance. */
export interface IqaValues {
  readonly tolerance: number;
}

/**
 * The plan with a cached value on every formula cell the engine can answer for. Rows of learners the evaluation
 * does not cover (no valid roster row) keep their formulas without a value, and the file then asks for a full
 * calculation when it is opened.
 */
export function withCachedValues(
  plan: WorkbookPlan,
  cohort: Cohort,
  evaluation: CohortEvaluation,
  catalogue: Catalogue,
  asOf: string,
  iqa: IqaValues,
): WorkbookPlan {
  const byKey = new Map(evaluation.learners.map((l) => [registrationKey(l.registration), l]));
  const learners = new Map(cohort.learners.map((l) => [registrationKey(l.registration), l]));
  const summary = summarize(catalogue, cohort, evaluation, asOf);
  const sheet = (s: SheetPlan): SheetPlan => {
    if (s.kind === "dashboard") return dashboardWithValues(s, summary);
    if (s.kind === "iqaplan")
      return iqaPlanWithValues(s, recordedOf(catalogue, cohort, evaluation, iqa.tolerance));
    if (s.kind !== "marksheet" && s.kind !== "learners") return s;
    const assessment = s.assessment !== undefined ? catalogue.assessments.get(s.assessment) : undefined;
    if (s.kind === "marksheet" && !assessment) return s;
    const rows = s.table.rows.map((row, i) => {
      const e = byKey.get(registrationKey(s.table.keys[i] ?? ""));
      if (!e) return row;
      return row.map((cell, c): Cell => {
        if (cell === null || cell.t !== "formula") return cell;
        const key = s.table.columns[c]?.key ?? "";
        const v =
          s.kind === "learners"
            ? learnersValue(key, e, learners.get(registrationKey(e.registration)), catalogue, plan.mode, asOf)
            : (markSheetValue(assessment as Assessment, key, e.assessments[assessment?.id ?? ""]) ??
              iqaValue(assessment as Assessment, key, learners.get(registrationKey(e.registration)), iqa));
        return v === undefined ? cell : { ...cell, v };
      });
    });
    return { ...s, table: { ...s.table, rows } };
  };
  const valued = { ...plan, sheets: plan.sheets.map(sheet) };
  // The Feedback tab reads the cells (and cached values) of the tabs above.
  return {
    ...valued,
    sheets: valued.sheets.map((s) => (s.kind === "feedback" ? feedbackWithValues(s, valued, catalogue) : s)),
  };
}

/** The Dashboard's figures from the engine's summary, row for row as the Dashboard lists them. */
function dashboardWithValues(s: SheetPlan, summary: CohortSummary): SheetPlan {
  const h = summary.headline;
  const headline = [
    h.learners,
    h.withdrawn,
    h.achieved,
    h.readyToClaim,
    h.referralsOutstanding,
    h.notYetMarked,
    h.pastDeadline,
    h.dueWithin90Days,
  ];
  const rate = (r: number | null) => r ?? "";
  const values = new Map<string, (label: string, i: number) => readonly Cached[] | undefined>([
    [DASHBOARD_TABLES.headline, (_l, i) => [headline[i] ?? ""]],
    [
      DASHBOARD_TABLES.qualifications,
      (l) => {
        const q = summary.byQualification.find((x) => x.qualification === l);
        return (
          q && [
            q.learners,
            q.achieved,
            q.readyToClaim,
            q.pastDeadline,
            q.dueWithin90Days,
            rate(q.achievementRate),
          ]
        );
      },
    ],
    [
      DASHBOARD_TABLES.assessments,
      (l) => {
        const a = summary.byAssessment.find((x) => x.assessment === l);
        return (
          a && [
            a.learners,
            a.pass,
            a.referral,
            a.incomplete,
            a.invalid,
            a.qaSampled,
            a.qaDisagrees,
            rate(a.passRate),
          ]
        );
      },
    ],
    [
      DASHBOARD_TABLES.units,
      (l) => {
        const u = summary.byUnit.find((x) => x.unit === l);
        return u && [u.pass, u.referral, u.pending];
      },
    ],
    [
      DASHBOARD_TABLES.assessors,
      (l) => {
        const a = summary.byAssessor.find((x) => x.assessor === l);
        return a && [a.learners, a.decisions, a.pass, a.referral, a.qaSampled, a.qaDisagrees];
      },
    ],
  ]);
  const sections = (row: readonly Cell[]) => {
    const [a, sec] = [literalText(row[0]), literalText(row[1])];
    const x = summary.bySection.find((y) => y.assessment === a && y.section === sec);
    return x && [x.marked, x.meanMark ?? "", x.belowMinimum];
  };
  const criteria = (row: readonly Cell[]) => {
    const [a, c] = [literalText(row[0]), literalText(row[1])];
    const x = summary.byCriterion.find((y) => y.assessment === a && y.criterion === c);
    return x && [x.marked, x.referred];
  };
  const fill = (t: TablePlan): TablePlan => {
    const rows = t.rows.map((row, i) => {
      const label = literalText(row[0]);
      const figures =
        t.name === DASHBOARD_TABLES.sections
          ? sections(row)
          : t.name === DASHBOARD_TABLES.criteria
            ? criteria(row)
            : values.get(t.name)?.(label, i);
      if (!figures) return row;
      // Figures fill the formula cells after the labels, in order.
      let next = 0;
      return row.map((cell): Cell => {
        if (cell === null || cell.t !== "formula") return cell;
        const v = figures[next++];
        return v === undefined ? cell : { ...cell, v };
      });
    });
    return { ...t, rows };
  };
  const asOf = fillAsOf(s.table, summary.asOf);
  return { ...s, table: asOf, moreTables: (s.moreTables ?? []).map(fill) };
}

/** The As of cell's value when it is TODAY(): the date the figures were counted from. */
function fillAsOf(t: TablePlan, asOf: string): TablePlan {
  const d = parseIsoDate(asOf);
  if (!d) return t;
  return {
    ...t,
    rows: t.rows.map((row) =>
      row.map((cell): Cell => (cell !== null && cell.t === "formula" ? { ...cell, v: toSerial(d) } : cell)),
    ),
  };
}

function literalText(c: Cell | undefined): string {
  return c === undefined || c === null || c.t === "formula" ? "" : String(c.v);
}
