/** Conditional formats of each kind of tab. */

import type { Assessment } from "../domain/catalogue/schema";
import { columnLetter } from "./a1";
import {
  KEYS,
  criterionKey,
  isDirectUnitKey,
  isLearnerUnitKey,
  qaCriterionKey,
  qaSectionKey,
  sectionKey,
} from "./layout";
import type { ColumnPlan, ConditionalFormatPlan } from "./plan";

function keyLetter(columns: readonly ColumnPlan[], key: string): string | undefined {
  const i = columns.findIndex((c) => c.key === key);
  return i < 0 ? undefined : columnLetter(i);
}

function withdrawnFormat(columns: readonly ColumnPlan[]): ConditionalFormatPlan {
  const status = keyLetter(columns, KEYS.status) as string;
  return {
    columns: [KEYS.registration, KEYS.learner, KEYS.status],
    formula: `$${status}2<>""`,
    style: "withdrawn",
  };
}

function outcomeFormats(columns: readonly ColumnPlan[], key: string): ConditionalFormatPlan[] {
  const l = keyLetter(columns, key);
  if (!l) return [];
  return [
    { columns: [key], formula: `$${l}2="REFERRAL"`, style: "referral" },
    { columns: [key], formula: `$${l}2="INVALID"`, style: "invalid" },
    { columns: [key], formula: `$${l}2="PASS"`, style: "pass" },
  ];
}

export function markSheetFormats(a: Assessment, columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(columns)];
  if (a.kind === "sectioned") {
    a.sections.forEach((s, i) => {
      for (const key of [sectionKey(a.id, i), qaSectionKey(a.id, i)]) {
        const l = keyLetter(columns, key) as string;
        out.push({ columns: [key], formula: `AND(ISNUMBER(${l}2),${l}2<${s.min})`, style: "belowMinimum" });
      }
    });
  } else {
    for (const c of a.criteria) {
      for (const key of [criterionKey(a.id, c.id), qaCriterionKey(a.id, c.id)]) {
        const l = keyLetter(columns, key) as string;
        out.push({ columns: [key], formula: `${l}2="R"`, style: "belowMinimum" });
      }
    }
  }
  return [...out, ...outcomeFormats(columns, KEYS.outcome), ...outcomeFormats(columns, KEYS.qaOutcome)];
}

/** PASS and REFERRAL coloured in each unit-outcome column. */
function unitOutcomeFormats(
  columns: readonly ColumnPlan[],
  isUnit: (key: string) => boolean,
): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [];
  for (const c of columns) {
    if (!isUnit(c.key)) continue;
    const l = keyLetter(columns, c.key) as string;
    out.push({ columns: [c.key], formula: `${l}2="REFERRAL"`, style: "referral" });
    out.push({ columns: [c.key], formula: `${l}2="PASS"`, style: "pass" });
  }
  return out;
}

export function unitsFormats(columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  return [withdrawnFormat(columns), ...unitOutcomeFormats(columns, isDirectUnitKey)];
}

export function learnersFormats(columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [
    withdrawnFormat(columns),
    ...unitOutcomeFormats(columns, isLearnerUnitKey),
  ];
  for (const key of [KEYS.achieved, KEYS.ready]) {
    const l = keyLetter(columns, key) as string;
    out.push({ columns: [key], formula: `${l}2=TRUE`, style: "pass" });
  }
  return out;
}
