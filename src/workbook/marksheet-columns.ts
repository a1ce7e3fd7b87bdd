/**
 * Mark-sheet columns: the head and tail every mark sheet shares, and the sectioned marks or criterion results
 * with their outcome formulas.
 */

import type { Assessment, CriteriaAssessment, SectionedAssessment } from "../domain/catalogue/schema";
import type { AssessmentEntry } from "../domain/cohort/schema";
import { textConstant } from "./a1";
import { criterionCell, markCell } from "./cells";
import type { ColumnSpec } from "./columns";
import { WIDTH, dateEntry, formulaColumn, identityColumns, lettersOf, textEntry } from "./columns";
import {
  HEADERS,
  KEYS,
  criterionHeader,
  criterionKey,
  qaCriterionHeader,
  qaCriterionKey,
  qaSectionHeader,
  qaSectionKey,
  sectionHeader,
  sectionKey,
} from "./layout";
import type { FormulaMode } from "./plan";
import type { RowSource } from "./rows";
import { FORMATS } from "./styles";

function entryOf(row: RowSource, assessment: string): AssessmentEntry | undefined {
  return row.learner?.assessments?.[assessment];
}

function dateColumn(
  key: string,
  header: string,
  pick: (e: AssessmentEntry) => string | null | undefined,
  a: string,
): ColumnSpec {
  return dateEntry(key, header, (r) => {
    const e = entryOf(r, a);
    return e ? pick(e) : null;
  });
}

/** Columns every mark sheet starts with: identity, assessor, dates of submission, assessment and IQA check. */
function markSheetHead(a: Assessment): ColumnSpec[] {
  return [
    ...identityColumns(),
    textEntry(
      KEYS.assessor,
      HEADERS.assessor,
      WIDTH.person,
      (r) => entryOf(r, a.id)?.assessor ?? r.learner?.assessor,
    ),
    dateColumn(KEYS.submitted, HEADERS.submitted, (e) => e.submitted, a.id),
    dateColumn(KEYS.assessed, HEADERS.assessed, (e) => e.assessed, a.id),
    dateColumn(KEYS.iqaChecked, HEADERS.iqaChecked, (e) => e.iqaChecked, a.id),
  ];
}

/** Columns every mark sheet ends with: comments, IQA, external verification, opt-out. */
function markSheetTail(a: Assessment): ColumnSpec[] {
  return [
    textEntry(KEYS.strengths, HEADERS.strengths, WIDTH.comment, (r) => entryOf(r, a.id)?.strengths, true),
    textEntry(
      KEYS.improvements,
      HEADERS.improvements,
      WIDTH.comment,
      (r) => entryOf(r, a.id)?.improvements,
      true,
    ),
    textEntry(KEYS.iqa, HEADERS.iqa, WIDTH.person, (r) => entryOf(r, a.id)?.iqa ?? r.learner?.iqa),
    dateColumn(KEYS.externallyVerified, HEADERS.externallyVerified, (e) => e.externallyVerified, a.id),
    {
      plan: {
        key: KEYS.optOut,
        header: HEADERS.optOut,
        role: "entry",
        width: 14,
        validation: {
          type: "list",
          values: ["Yes", "No"],
          message: "Yes if the learner refused the script's use for standardisation.",
        },
      },
      cell: (r) => {
        const v = entryOf(r, a.id)?.standardisationOptOut;
        return v === undefined ? null : { t: "text", v: v ? "Yes" : "No" };
      },
    },
  ];
}

/**
 * Sectioned marks, portable: INVALID when a mark is not a number, negative or above its maximum; "" while a
 * section is blank (INCOMPLETE); PASS with the pass total and every section's minimum; REFERRAL otherwise.
 */
function sectionedOutcome(
  a: SectionedAssessment,
  refs: readonly string[],
  range: string,
  mode: FormulaMode,
): string {
  if (mode === "ilm") return `IFERROR(ILM.RESULT(${range},${textConstant(a.id)}),"INVALID")`;
  const invalid = sectionedInvalid(a, refs, range);
  const pass = [`SUM(${range})>=${a.passTotal}`, ...a.sections.map((s, i) => `${refs[i]}>=${s.min}`)];
  return `IF(${invalid},"INVALID",IF(COUNTBLANK(${range})>0,"",IF(AND(${pass.join(",")}),"PASS","REFERRAL")))`;
}

function sectionedInvalid(a: SectionedAssessment, refs: readonly string[], range: string): string {
  const bad = a.sections.flatMap((s, i) => [`${refs[i]}<0`, `${refs[i]}>${s.max}`]);
  return `OR(COUNTA(${range})>COUNT(${range}),${bad.join(",")})`;
}

function sectionedTotal(a: SectionedAssessment, refs: readonly string[], range: string): string {
  return `IF(${sectionedInvalid(a, refs, range)},"",IF(COUNT(${range})=0,"",SUM(${range})))`;
}

export function sectionedColumns(a: SectionedAssessment, mode: FormulaMode): ColumnSpec[] {
  const marks = (qa: boolean): ColumnSpec[] =>
    a.sections.map((s, i) => {
      const header = qa ? qaSectionHeader(s) : sectionHeader(s);
      return {
        plan: {
          key: qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i),
          header,
          role: "entry",
          width: Math.max(WIDTH.mark, Math.min(22, header.length + 2)),
          validation: {
            type: "whole",
            min: 0,
            max: s.max,
            message: `A whole mark from 0 to ${s.max} (minimum ${s.min} to pass).`,
          },
        },
        cell: (r) => markCell((qa ? entryOf(r, a.id)?.qaMarks : entryOf(r, a.id)?.marks)?.[i]),
      };
    });
  // Formulas find their columns by key once the column order below is known.
  let letters: ((key: string) => string) | undefined;
  const col = (key: string) => (letters ??= lettersOf(columns))(key);
  const refsOf = (qa: boolean, n: number) =>
    a.sections.map((_, i) => `${col(qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i))}${n}`);
  const rangeOf = (qa: boolean, n: number) => {
    const refs = refsOf(qa, n);
    return `${refs[0]}:${refs[refs.length - 1]}`;
  };
  const columns: ColumnSpec[] = [
    ...markSheetHead(a),
    ...marks(false),
    ...marks(true),
    formulaColumn(KEYS.total, HEADERS.total, (n) => sectionedTotal(a, refsOf(false, n), rangeOf(false, n)), {
      width: 8,
    }),
    formulaColumn(KEYS.outcome, HEADERS.outcome, (n) =>
      sectionedOutcome(a, refsOf(false, n), rangeOf(false, n), mode),
    ),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (n) => {
        const refs = refsOf(false, n);
        const outcome = `${col(KEYS.outcome)}${n}`;
        if (mode === "ilm") {
          const names = `{${a.sections.map((s) => textConstant(s.short)).join(",")}}`;
          return `IF(${outcome}="REFERRAL",IFERROR(ILM.REFERRED(${rangeOf(false, n)},${textConstant(a.id)},${names}),""),"")`;
        }
        const parts = a.sections.map((s, i) => `IF(${refs[i]}<${s.min},${textConstant(`, ${s.short}`)},"")`);
        return `IF(${outcome}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true },
    ),
    formulaColumn(
      KEYS.qaTotal,
      HEADERS.qaTotal,
      (n) => sectionedTotal(a, refsOf(true, n), rangeOf(true, n)),
      { width: 8 },
    ),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (n) =>
      sectionedOutcome(a, refsOf(true, n), rangeOf(true, n), mode),
    ),
    ...markSheetTail(a),
  ];
  return columns;
}

/** Criterion pass/refer, portable: INVALID when a cell is not P or R; "" while one is blank; PASS when all are P. */
function criteriaOutcome(count: number, range: string, mode: FormulaMode): string {
  if (mode === "ilm") return `IFERROR(ILM.CRITERIA(${range}),"INVALID")`;
  return (
    `IF(COUNTA(${range})>SUMPRODUCT((${range}="P")+(${range}="R")),"INVALID",` +
    `IF(COUNTA(${range})<${count},"",IF(SUMPRODUCT((${range}="R")*1)>0,"REFERRAL","PASS")))`
  );
}

export function criteriaColumns(a: CriteriaAssessment, mode: FormulaMode): ColumnSpec[] {
  const pr = { type: "list", values: ["P", "R"], message: "P (pass) or R (refer)." } as const;
  const marks = (qa: boolean): ColumnSpec[] =>
    a.criteria.map((c) => ({
      plan: {
        key: qa ? qaCriterionKey(a.id, c.id) : criterionKey(a.id, c.id),
        header: qa ? qaCriterionHeader(c.id) : criterionHeader(c.id),
        role: "entry",
        numberFormat: FORMATS.text,
        width: qa ? 10 : 8,
        validation: pr,
      },
      cell: (r) => criterionCell((qa ? entryOf(r, a.id)?.qaCriteria : entryOf(r, a.id)?.criteria)?.[c.id]),
    }));
  // Formulas find their columns by key once the column order below is known.
  let letters: ((key: string) => string) | undefined;
  const col = (key: string) => (letters ??= lettersOf(columns))(key);
  const rangeOf = (qa: boolean, n: number) => {
    const first = a.criteria[0] as { id: string };
    const last = a.criteria[a.criteria.length - 1] as { id: string };
    const key = qa ? qaCriterionKey : criterionKey;
    return `${col(key(a.id, first.id))}${n}:${col(key(a.id, last.id))}${n}`;
  };
  const columns: ColumnSpec[] = [
    ...markSheetHead(a),
    ...marks(false),
    ...marks(true),
    formulaColumn(KEYS.outcome, HEADERS.outcome, (n) =>
      criteriaOutcome(a.criteria.length, rangeOf(false, n), mode),
    ),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (n) => {
        const parts = a.criteria.map(
          (c) => `IF(${col(criterionKey(a.id, c.id))}${n}="R",${textConstant(`, ${c.id}`)},"")`,
        );
        return `IF(${col(KEYS.outcome)}${n}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true },
    ),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (n) =>
      criteriaOutcome(a.criteria.length, rangeOf(true, n), mode),
    ),
    ...markSheetTail(a),
  ];
  return columns;
}
