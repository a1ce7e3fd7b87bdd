/** Conditional formats of each kind of tab. */

import type { Assessment } from "../domain/catalogue/schema";
import {
  KEYS,
  PROGRESS,
  STATUS,
  criterionKey,
  isDirectUnitKey,
  isLearnerUnitKey,
  qaCriterionKey,
  qaSectionKey,
  sectionKey,
} from "./layout";
import type { ColumnPlan, ConditionalFormatPlan } from "./plan";
import { NOT_APPLICABLE } from "../domain/engine/lists";

/**
 * Where a table's columns are: `cell(key)` is the A1 reference of the key's cell in the table's first data row
 * (relative, "H2"), or undefined when the table lacks the column.
 */
export interface FormatLayout {
  readonly columns: readonly ColumnPlan[];
  readonly cell: (key: string) => string | undefined;
  /** The same with the column made absolute ("$H2"). */
  readonly fixed: (key: string) => string | undefined;
}

function withdrawnFormat(t: FormatLayout): ConditionalFormatPlan {
  const status = t.fixed(KEYS.status) as string;
  return {
    columns: [KEYS.registration, KEYS.learner, KEYS.status],
    formula: `${status}="${STATUS.withdrawn}"`,
    style: "withdrawn",
  };
}

function outcomeFormats(t: FormatLayout, key: string): ConditionalFormatPlan[] {
  const l = t.fixed(key);
  if (!l) return [];
  return [
    { columns: [key], formula: `${l}="REFERRAL"`, style: "referral" },
    { columns: [key], formula: `${l}="INVALID"`, style: "invalid" },
    { columns: [key], formula: `${l}="PASS"`, style: "pass" },
  ];
}

export function markSheetFormats(a: Assessment, t: FormatLayout): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(t)];
  if (a.kind === "sectioned") {
    a.sections.forEach((s, i) => {
      for (const key of [sectionKey(a.id, i), qaSectionKey(a.id, i)]) {
        const l = t.cell(key) as string;
        out.push({ columns: [key], formula: `AND(ISNUMBER(${l}),${l}<${s.min})`, style: "belowMinimum" });
      }
    });
  } else {
    for (const c of a.criteria) {
      for (const key of [criterionKey(a.id, c.id), qaCriterionKey(a.id, c.id)]) {
        const l = t.cell(key) as string;
        out.push({ columns: [key], formula: `${l}="R"`, style: "belowMinimum" });
      }
    }
  }
  return [...out, ...outcomeFormats(t, KEYS.outcome), ...outcomeFormats(t, KEYS.qaOutcome)];
}

/** PASS and REFERRAL coloured in each unit-outcome column. */
function unitOutcomeFormats(t: FormatLayout, isUnit: (key: string) => boolean): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [];
  for (const c of t.columns) {
    if (!isUnit(c.key)) continue;
    const l = t.cell(c.key) as string;
    out.push({ columns: [c.key], formula: `${l}="REFERRAL"`, style: "referral" });
    out.push({ columns: [c.key], formula: `${l}="PASS"`, style: "pass" });
  }
  return out;
}

export function unitsFormats(t: FormatLayout): ConditionalFormatPlan[] {
  return [withdrawnFormat(t), ...unitOutcomeFormats(t, isDirectUnitKey)];
}

export function learnersFormats(t: FormatLayout): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(t), ...unitOutcomeFormats(t, isLearnerUnitKey)];
  // A unit outside the learner's qualification shows n/a, greyed: plainly not a pending unit.
  for (const c of t.columns) {
    if (!isLearnerUnitKey(c.key)) continue;
    const l = t.cell(c.key) as string;
    out.push({ columns: [c.key], formula: `${l}="${NOT_APPLICABLE}"`, style: "notApplicable" });
  }
  for (const key of [KEYS.achieved, KEYS.ready]) {
    const l = t.cell(key) as string;
    out.push({ columns: [key], formula: `${l}=TRUE`, style: "pass" });
  }
  const progress = t.fixed(KEYS.progress);
  if (progress) {
    out.push({ columns: [KEYS.progress], formula: `${progress}="${PROGRESS.overdue}"`, style: "referral" });
    out.push({ columns: [KEYS.progress], formula: `${progress}="${PROGRESS.dueSoon}"`, style: "invalid" });
    out.push({ columns: [KEYS.progress], formula: `${progress}="${PROGRESS.achieved}"`, style: "pass" });
  }
  return out;
}
