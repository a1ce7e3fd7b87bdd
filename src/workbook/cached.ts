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
import { needsText } from "./compile";
import { KEYS, isLearnerUnitKey } from "./layout";
import type { Cell, FormulaMode, SheetPlan, WorkbookPlan } from "./plan";
import { registrationKey } from "./registration";

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

/** The value a Learners formula column shows for a learner. */
function learnersValue(
  key: string,
  e: LearnerEvaluation,
  catalogue: Catalogue,
  mode: FormulaMode,
): Cached | undefined {
  if (isLearnerUnitKey(key)) {
    const outcome = e.units[key.slice("unit/".length)];
    return outcome === "PASS" || outcome === "REFERRAL" ? outcome : "";
  }
  const q = catalogue.qualifications.get(e.qualification);
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
      if (mode === "ilm") return e.missing.join("; ");
      return q
        ? needsText(q.rule, {
            passed: (u) => e.units[u] === "PASS",
            credits: (u) => catalogue.units.get(u)?.credits ?? 0,
          })
        : undefined;
    case KEYS.ready:
      return e.readyToClaim;
    default:
      return undefined;
  }
}

/**
 * The plan with a cached value on every formula cell the engine can answer for. Rows of learners the evaluation
 * does not cover (no valid roster row) keep their formulas without a value, and the file then asks for a full
 * calculation when it is opened.
 */
export function withCachedValues(
  plan: WorkbookPlan,
  evaluation: CohortEvaluation,
  catalogue: Catalogue,
): WorkbookPlan {
  const byKey = new Map(evaluation.learners.map((l) => [registrationKey(l.registration), l]));
  const sheet = (s: SheetPlan): SheetPlan => {
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
            ? learnersValue(key, e, catalogue, plan.mode)
            : markSheetValue(assessment as Assessment, key, e.assessments[assessment?.id ?? ""]);
        return v === undefined ? cell : { ...cell, v };
      });
    });
    return { ...s, table: { ...s.table, rows } };
  };
  return { ...plan, sheets: plan.sheets.map(sheet) };
}
