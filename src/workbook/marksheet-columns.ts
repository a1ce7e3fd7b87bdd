/**
 * Mark-sheet columns: the head and tail every mark sheet shares, and the sectioned marks or criterion results
 * with their outcome formulas. Formulas name each cell by its column key (the table's layout decides the
 * letters), so a person may move columns without breaking them.
 */

import type { Assessment, CriteriaAssessment, SectionedAssessment } from "../domain/catalogue/schema";
import type { AssessmentEntry } from "../domain/cohort/schema";
import { textConstant } from "./a1";
import { needsAddIn } from "./compile";
import { criterionCell, markCell, text } from "./cells";
import type { ColumnSpec, RowContext } from "./columns";
import { WIDTH, dateEntry, formulaColumn, identityColumns, textEntry } from "./columns";
import {
  HEADERS,
  IQA_DECISIONS,
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
import type { FormulaMode, ShadeName } from "./plan";
import type { RowSource } from "./rows";
import { FORMATS } from "./styles";
import { oneOf, wholeNumbers, withPrompt } from "./validations";

/** What a mark sheet's IQA columns need from the rest of the workbook. */
export interface MarkSheetOptions {
  readonly mode: FormulaMode;
  /** The strategy's markTolerance (0 while the workbook has no strategy: any difference is a disagreement). */
  readonly tolerance: number;
}

function entryOf(row: RowSource, assessment: string): AssessmentEntry | undefined {
  const entries = row.learner?.assessments;
  return entries && Object.hasOwn(entries, assessment) ? entries[assessment] : undefined;
}

/** The cells of some columns in a row: each cell's reference, and the range when they are adjacent in order. */
export function refsIn(at: RowContext, keys: readonly string[]): { list: string[]; range: string | null } {
  const list = keys.map((k) => `${at.col(k)}${at.n}`);
  const letters = keys.map((k) => at.col(k));
  const index = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const adjacent = letters.every((l, i) => i === 0 || index(l) === index(letters[i - 1] as string) + 1);
  return { list, range: adjacent ? `${list[0]}:${list[list.length - 1]}` : null };
}

function dateColumn(
  key: string,
  header: string,
  pick: (e: AssessmentEntry) => string | null | undefined,
  a: string,
): ColumnSpec {
  return dateEntry(key, header, (r) => {
    const e = entryOf(r, a);
    return e ? pick(e) : undefined;
  });
}

/** A column's plan with its fill. */
function shaded(spec: ColumnSpec, shade: ShadeName): ColumnSpec {
  return { ...spec, plan: { ...spec.plan, shade } };
}

/**
 * Columns every mark sheet ends with, after the QA block: the assessor's comments (written with the marks), who
 * marked and when, the IQA's name and check date, external verification and the opt-out (rarely typed: last).
 */
function markSheetTail(a: Assessment): ColumnSpec[] {
  const entry = (spec: ColumnSpec) => shaded(spec, "entry");
  const qa = (spec: ColumnSpec) => shaded(spec, "qa");
  return [
    qa(
      textEntry(KEYS.iqaSample, HEADERS.iqaSample, WIDTH.comment, (r) => entryOf(r, a.id)?.iqaSample, {
        wrap: true,
      }),
    ),
    {
      kind: "entry",
      plan: {
        key: KEYS.iqaDecision,
        header: HEADERS.iqaDecision,
        role: "entry",
        width: 17,
        shade: "qa",
        validation: oneOf([...IQA_DECISIONS], "Agree, or Action required (then say what in IQA action)."),
      },
      given: (r) => {
        const v = entryOf(r, a.id)?.iqaDecision;
        return v === undefined ? undefined : text(v);
      },
    },
    qa(
      textEntry(KEYS.iqaAction, HEADERS.iqaAction, WIDTH.comment, (r) => entryOf(r, a.id)?.iqaAction, {
        wrap: true,
      }),
    ),
    qa(dateColumn(KEYS.actionDue, HEADERS.actionDue, (e) => e.actionDue, a.id)),
    qa(dateColumn(KEYS.actionClosed, HEADERS.actionClosed, (e) => e.actionClosed, a.id)),
    entry(
      textEntry(KEYS.strengths, HEADERS.strengths, WIDTH.comment, (r) => entryOf(r, a.id)?.strengths, {
        wrap: true,
      }),
    ),
    entry(
      textEntry(
        KEYS.improvements,
        HEADERS.improvements,
        WIDTH.comment,
        (r) => entryOf(r, a.id)?.improvements,
        {
          wrap: true,
        },
      ),
    ),
    entry(
      textEntry(KEYS.assessor, HEADERS.assessor, WIDTH.person, (r) => entryOf(r, a.id)?.assessor, {
        fallback: (r) => r.roster?.assessor,
      }),
    ),
    entry(dateColumn(KEYS.submitted, HEADERS.submitted, (e) => e.submitted, a.id)),
    entry(dateColumn(KEYS.assessed, HEADERS.assessed, (e) => e.assessed, a.id)),
    qa(
      textEntry(KEYS.iqa, HEADERS.iqa, WIDTH.person, (r) => entryOf(r, a.id)?.iqa, {
        fallback: (r) => r.roster?.iqa,
      }),
    ),
    qa(dateColumn(KEYS.iqaChecked, HEADERS.iqaChecked, (e) => e.iqaChecked, a.id)),
    entry(dateColumn(KEYS.externallyVerified, HEADERS.externallyVerified, (e) => e.externallyVerified, a.id)),
    {
      kind: "entry",
      plan: {
        key: KEYS.optOut,
        header: HEADERS.optOut,
        role: "entry",
        // "Standardisation" (15 letters) fits on one line of the header: it never breaks mid-word.
        width: 18,
        shade: "entry",
        validation: oneOf(["Yes", "No"], "Yes if the learner refused the script's use for standardisation."),
      },
      given: (r) => {
        const v = entryOf(r, a.id)?.standardisationOptOut;
        return v === undefined ? undefined : text(v ? "Yes" : "No");
      },
    },
  ];
}

/**
 * An outcome from an ILM function: its own error (#VALUE!, ERROR.TYPE 3: a mark it cannot use) is INVALID; where
 * the function is unknown (#NAME?: the add-in is not installed, for an external verifier, a Mac, LibreOffice) the
 * cell says the add-in is needed; any other error (#BUSY! while it calculates) shows as it is.
 * Blanks are passed explicitly (COUNTBLANK of the marks), since some Excel builds send a blank cell as 0.
 */
function ilmOutcome(call: string): string {
  return `IFERROR(${call},IF(ERROR.TYPE(${call})=3,"INVALID",${needsAddIn(call)}))`;
}

/**
 * Sectioned marks, portable: INVALID when a mark is not a number, negative or above its maximum; "" while a
 * section is blank (INCOMPLETE); PASS with the pass total and every section's minimum; REFERRAL otherwise. In
 * "ILM functions" mode the add-in's ILM.RESULT decides, when the marks are adjacent and in order.
 */
function sectionedOutcome(
  a: SectionedAssessment,
  refs: { list: string[]; range: string | null },
  mode: FormulaMode,
): string {
  if (mode === "ilm" && refs.range)
    return ilmOutcome(`ILM.RESULT(${refs.range},${textConstant(a.id)},"","",COUNTBLANK(${refs.range}))`);
  const all = refs.list.join(",");
  const invalid = sectionedInvalid(a, refs.list);
  const pass = [`SUM(${all})>=${a.passTotal}`, ...a.sections.map((s, i) => `${refs.list[i]}>=${s.min}`)];
  return `IF(${invalid},"INVALID",IF(COUNTA(${all})<${a.sections.length},"",IF(AND(${pass.join(",")}),"PASS","REFERRAL")))`;
}

function sectionedInvalid(a: SectionedAssessment, refs: readonly string[]): string {
  const all = refs.join(",");
  const bad = a.sections.flatMap((s, i) => [`${refs[i]}<0`, `${refs[i]}>${s.max}`]);
  return `OR(COUNTA(${all})>COUNT(${all}),${bad.join(",")})`;
}

function sectionedTotal(a: SectionedAssessment, refs: readonly string[]): string {
  const all = refs.join(",");
  return `IF(${sectionedInvalid(a, refs)},"",IF(COUNT(${all})=0,"",SUM(${all})))`;
}

/** A cell holds something (a number, or text other than spaces), in every host. */
const given = (ref: string) => `LEN(TRIM(${ref}))>0`;

/**
 * Disagreement (the engine's `disagrees`): FALSE while every QA cell is blank; otherwise TRUE when the QA outcome is
 * a sample that is not the assessor's outcome, or one QA cell given differs (`differs`, one test per QA cell).
 * Each test is an IF, so a text mark never reaches a subtraction (OR evaluates every argument).
 */
function disagreementFormula(at: RowContext, qaRefs: readonly string[], differs: readonly string[]): string {
  const qa = `${at.col(KEYS.qaOutcome)}${at.n}`;
  const outcome = `${at.col(KEYS.outcome)}${at.n}`;
  const noQa = `AND(${qaRefs.map((r) => `LEN(TRIM(${r}))=0`).join(",")})`;
  const outcomes = `IF(OR(${qa}="PASS",${qa}="REFERRAL",${qa}="INVALID"),${qa}<>${outcome},FALSE)`;
  return `IF(${noQa},FALSE,OR(${outcomes},${differs.join(",")}))`;
}

/** The Disagreement column, given the row's QA cells and the assessor's (in the same order) and how a pair differs. */
function disagreementColumn(
  cells: (at: RowContext) => readonly [qa: readonly string[], own: readonly string[]],
  differs: (qa: string, own: string) => string,
): ColumnSpec {
  return formulaColumn(
    KEYS.disagreement,
    HEADERS.disagreement,
    (at) => {
      const [qa, own] = cells(at);
      return disagreementFormula(
        at,
        qa,
        qa.map((q, i) => differs(q, own[i] as string)),
      );
    },
    { width: 13, shade: "ilm" },
  );
}

/** A QA section mark more than `tolerance` from the assessor's, or either not a number. */
function sectionDiffers(qa: string, mark: string, tolerance: number): string {
  return `IF(${given(qa)},IF(AND(ISNUMBER(${qa}),ISNUMBER(${mark})),ROUND(ABS(${qa}-${mark}),6)>${tolerance},TRUE),FALSE)`;
}

/** A QA criterion given that is not P or R, or not the assessor's result (capitals and spaces aside). */
function criterionDiffers(qa: string, mark: string): string {
  const q = `UPPER(TRIM(${qa}))`;
  return `IF(${given(qa)},OR(AND(${q}<>"P",${q}<>"R"),${q}<>UPPER(TRIM(${mark}))),FALSE)`;
}

/**
 * Attempt: 1, and one more for each outcome the Decision log recorded replacing a REFERRAL (attemptOf). Written by
 * ilm from the log on every run (withAttempts), locked; not a formula: counting the log for every row made a full
 * recalculation of 5,000 learners take LibreOffice 115 s.
 */
function attemptColumn(): ColumnSpec {
  return {
    kind: "computed",
    plan: { key: KEYS.attempt, header: HEADERS.attempt, role: "identity", width: 9, shade: "ilm" },
    cell: () => null,
  };
}

export function sectionedColumns(a: SectionedAssessment, options: MarkSheetOptions): ColumnSpec[] {
  const { mode } = options;
  const marks = (qa: boolean): ColumnSpec[] =>
    a.sections.map((s, i): ColumnSpec => {
      const header = qa ? qaSectionHeader(s) : sectionHeader(s);
      return {
        kind: "entry",
        plan: {
          key: qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i),
          header,
          role: "entry",
          width: Math.max(WIDTH.mark, Math.min(22, header.length + 2)),
          shade: qa ? "qa" : "entry",
          validation: withPrompt(
            wholeNumbers(0, s.max, `A whole mark from 0 to ${s.max} (minimum ${s.min} to pass).`),
            `${qa ? "QA " : ""}${s.short}`,
            `${s.name}: a whole mark from 0 to ${s.max} (minimum ${s.min} to pass).`,
          ),
        },
        given: (r) => {
          const e = entryOf(r, a.id);
          const list = qa ? e?.qaMarks : e?.marks;
          return list === undefined ? undefined : markCell(list[i]);
        },
      };
    });
  const keys = (qa: boolean) => a.sections.map((_, i) => (qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i)));
  const refs = (qa: boolean, at: RowContext) => refsIn(at, keys(qa));
  return [
    ...identityColumns(),
    ...marks(false),
    formulaColumn(KEYS.total, HEADERS.total, (at) => sectionedTotal(a, refs(false, at).list), {
      width: 8,
      shade: "ilm",
    }),
    formulaColumn(KEYS.outcome, HEADERS.outcome, (at) => sectionedOutcome(a, refs(false, at), mode), {
      shade: "ilm",
    }),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (at) => {
        const r = refs(false, at);
        const outcome = `${at.col(KEYS.outcome)}${at.n}`;
        if (mode === "ilm" && r.range) {
          const names = `{${a.sections.map((s) => textConstant(s.short)).join(",")}}`;
          return `IF(${outcome}="REFERRAL",IFERROR(ILM.REFERRED(${r.range},${textConstant(a.id)},${names},COUNTBLANK(${r.range})),""),"")`;
        }
        const parts = a.sections.map(
          (s, i) => `IF(${r.list[i]}<${s.min},${textConstant(`, ${s.short}`)},"")`,
        );
        return `IF(${outcome}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true, shade: "ilm" },
    ),
    attemptColumn(),
    ...marks(true),
    formulaColumn(KEYS.qaTotal, HEADERS.qaTotal, (at) => sectionedTotal(a, refs(true, at).list), {
      width: 8,
      shade: "ilm",
    }),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (at) => sectionedOutcome(a, refs(true, at), mode), {
      shade: "ilm",
    }),
    disagreementColumn(
      (at) => [refs(true, at).list, refs(false, at).list],
      (qa, own) => sectionDiffers(qa, own, options.tolerance),
    ),
    ...markSheetTail(a),
  ];
}

/** Criterion pass/refer, portable: INVALID when a cell is not P or R; "" while one is blank; PASS when all are P. */
function criteriaOutcome(refs: { list: string[]; range: string | null }, mode: FormulaMode): string {
  if (mode === "ilm" && refs.range)
    return ilmOutcome(`ILM.CRITERIA(${refs.range},COUNTBLANK(${refs.range}))`);
  const all = refs.list.join(",");
  const valid = refs.list.map((r) => `(${r}="P")+(${r}="R")`).join("+");
  const referred = refs.list.map((r) => `(${r}="R")`).join("+");
  return (
    `IF(COUNTA(${all})>${valid},"INVALID",` +
    `IF(COUNTA(${all})<${refs.list.length},"",IF(${referred}>0,"REFERRAL","PASS")))`
  );
}

export function criteriaColumns(a: CriteriaAssessment, options: MarkSheetOptions): ColumnSpec[] {
  const { mode } = options;
  const pr = oneOf(["P", "R"], "P (pass) or R (refer).");
  const marks = (qa: boolean): ColumnSpec[] =>
    a.criteria.map((c): ColumnSpec => ({
      kind: "entry",
      plan: {
        key: qa ? qaCriterionKey(a.id, c.id) : criterionKey(a.id, c.id),
        header: qa ? qaCriterionHeader(c.id) : criterionHeader(c.id),
        role: "entry",
        numberFormat: FORMATS.text,
        width: qa ? 10 : 8,
        shade: qa ? "qa" : "entry",
        // The criterion's wording from the catalogue, shown while a cell is selected (the header has no room).
        validation: withPrompt(
          pr,
          `${qa ? "QA " : ""}${c.id}: P (pass) or R (refer)`,
          c.text !== undefined && c.text.trim() !== "" ? c.text : pr.message,
        ),
      },
      given: (r) => {
        const e = entryOf(r, a.id);
        const record = qa ? e?.qaCriteria : e?.criteria;
        if (record === undefined) return undefined;
        return criterionCell(Object.hasOwn(record, c.id) ? record[c.id] : null);
      },
    }));
  const refs = (qa: boolean, at: RowContext) =>
    refsIn(
      at,
      a.criteria.map((c) => (qa ? qaCriterionKey(a.id, c.id) : criterionKey(a.id, c.id))),
    );
  return [
    ...identityColumns(),
    ...marks(false),
    formulaColumn(KEYS.outcome, HEADERS.outcome, (at) => criteriaOutcome(refs(false, at), mode), {
      shade: "ilm",
    }),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (at) => {
        const parts = a.criteria.map(
          (c) => `IF(${at.col(criterionKey(a.id, c.id))}${at.n}="R",${textConstant(`, ${c.id}`)},"")`,
        );
        return `IF(${at.col(KEYS.outcome)}${at.n}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true, shade: "ilm" },
    ),
    attemptColumn(),
    ...marks(true),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (at) => criteriaOutcome(refs(true, at), mode), {
      shade: "ilm",
    }),
    disagreementColumn((at) => [refs(true, at).list, refs(false, at).list], criterionDiffers),
    ...markSheetTail(a),
  ];
}
