/**
 * The IQA plan tab: the centre's sampling strategy in words, and how far the mark sheets' rows meet it, as live
 * formulas over the mark sheets (docs/iqa.md, "The IQA plan tab"). Small tables one under another, like the
 * Dashboard: only functions every host computes (SUMPRODUCT, COUNTIFS, EXACT, TRIM, LEN, MIN, ROUND, ROUNDUP, AND,
 * SUM), bounded ranges, names matched exactly and read from their own label cells. Which assessors and assessments
 * the coverage lists is fixed when the tab is written (the pairs the engine's coverage has for the rows then);
 * the figures follow the cells. Every formula carries the engine's value.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import type { Cohort } from "../domain/cohort/schema";
import { validateCohort } from "../domain/cohort/validate";
import type { CohortEvaluation } from "../domain/engine/learner";
import { evaluateCohort } from "../domain/engine/learner";
import { usesAssessment } from "../domain/engine/summary";
import type { Result } from "../domain/problems";
import type { AssessorCoverage, Coverage, SampleRow, SamplingStrategy } from "../domain/sampling";
import {
  ASSESSOR_COVERAGE_HEADERS as AH,
  COVERAGE_HEADERS as CH,
  NO_ASSESSOR,
  describeStrategy,
  isQaDone,
  recordedCoverage,
  rowsForSampling,
} from "../domain/sampling";
import { columnLetter } from "./a1";
import { cohortOf } from "./cohort-of";
import type { SourceTable } from "./stacked-tables";
import { TableStack, rangeOf, tabColumn } from "./stacked-tables";
import { decodeWorkbook } from "./decode";
import { KEYS, STATUS, criterionKey, sectionKey } from "./layout";
import { MemoryWorkbook } from "./memory";
import type { Cell, ColumnPlan, SheetPlan, TablePlan, WorkbookPlan } from "./plan";
import type { PrintContext } from "./print";
import { printOf } from "./print";

export const IQA_PLAN_SHEET = "IQA plan";

/** The tables of the IQA plan, by name; kept stable (the settings record them). */
export const IQA_PLAN_TABLES = {
  strategy: "IQA_Strategy",
  coverage: "IQA_Coverage",
  assessors: "IQA_Assessors",
  stages: "IQA_Stages",
} as const;

/** The stages the counts table lists, in order. */
export const STAGE_LABELS = {
  interim: "Interim (marked)",
  summative: "Summative (decided)",
  all: "All active rows",
} as const;

/** What the cells record once written: the rows an IQA may sample, and every active mark-sheet row. */
export interface RecordedRows {
  /** rowsForSampling's, for the cohort the cells hold. */
  readonly rows: readonly SampleRow[];
  /** Mark-sheet rows of active learners (Status Active), with an entry or not. */
  readonly activeRows: number;
}

export interface IqaPlanInput {
  /** The IQA plan tab's name (a person's tab may have taken "IQA plan"). */
  readonly sheet: string;
  readonly markSheets: readonly { readonly assessment: Assessment; readonly table: SourceTable }[];
  /** storedStrategy(settings): null when none is set. */
  readonly strategy: Result<SamplingStrategy> | null;
  /** What the cells record (null when the cohort they hold cannot be evaluated). */
  readonly recorded: RecordedRows | null;
  /** The centre and cohort, for the printed page's header. */
  readonly print: PrintContext;
}

const STRATEGY_WORDS = {
  none: "No sampling strategy is set yet, so nothing can be counted against one. Set it in the task pane's IQA tab, or with: ilm sample --strategy strategy.json --write",
  unusable: (why: string) =>
    `The workbook's sampling strategy cannot be used (${why}), so nothing is counted against it. Set it again in the task pane's IQA tab, or with: ilm sample --strategy strategy.json --write`,
  unreadable:
    "The coverage cannot be listed: the workbook holds entries ilm cannot evaluate (ilm evaluate names them). Correct them, then run ilm again.",
  pairs:
    "Coverage lists each assessor and assessment with eligible rows when the tab was last written; the figures follow the mark sheets.",
} as const;

/** The printed page's footer. */
const PRINT_WHAT = "IQA plan: the sampling strategy and how far the mark sheets meet it";

type Value = string | number | boolean;

const text = (v: string): Cell => ({ t: "text", v });
/**
 * A formula with the engine's value; one that gives whole ranges to TRIM, LEN or EXACT inside SUMPRODUCT is written
 * as an array formula (Gnumeric applies them cell by cell only then), as the Dashboard's are; the others are not
 * (LibreOffice calculates an array formula more slowly).
 */
const formula = (f: string, v: Value | undefined): Cell => ({
  t: "formula",
  f,
  ...(v !== undefined ? { v } : {}),
  ...(/SUMPRODUCT\(/.test(f) && /(EXACT|TRIM|LEN)\(/.test(f) ? { array: true } : {}),
});

/** The tests a mark sheet's rows are counted by, each a 0/1 (or TRUE/FALSE) array over its rows. */
function testsOf(a: Assessment, t: SourceTable) {
  const r = (key: string) => rangeOf(t, key);
  const given = (key: string) => `(LEN(TRIM(${r(key)}))>0)`;
  const markKeys =
    a.kind === "sectioned"
      ? a.sections.map((_, i) => sectionKey(a.id, i))
      : a.criteria.map((c) => criterionKey(a.id, c.id));
  const marks = markKeys.filter((k) => t.has(k));
  const qa = r(KEYS.qaOutcome);
  const reMarked = `(${qa}="PASS")+(${qa}="REFERRAL")+(${qa}="INVALID")`;
  return {
    active: `(${r(KEYS.status)}="${STATUS.active}")`,
    /** The assessor has given a mark or criterion result (interim). */
    marked: marks.length === 0 ? "0" : `(${marks.map(given).join("+")}>0)`,
    /** Decided: PASS or REFERRAL (summative). */
    decided: `((${r(KEYS.outcome)}="PASS")+(${r(KEYS.outcome)}="REFERRAL"))`,
    referral: `(${r(KEYS.outcome)}="REFERRAL")`,
    /** In the sample: an IQA sample given, or re-marked. */
    sampled: `(${t.has(KEYS.iqaSample) ? `${given(KEYS.iqaSample)}+` : ""}${reMarked}>0)`,
    qaDone: `(${reMarked})`,
    outcomeDisagrees: `(${qa}<>"")*(${qa}<>${r(KEYS.outcome)})`,
    disagrees: t.has(KEYS.disagreement) ? `(${r(KEYS.disagreement)}=TRUE)` : "0",
    /** Whose row: the assessor named in the label cell `label`, or no one (null). */
    whose: (label: string | null) =>
      label === null ? `(TRIM(${r(KEYS.assessor)})="")` : `EXACT(TRIM(${r(KEYS.assessor)}),${label})`,
  };
}

type Tests = ReturnType<typeof testsOf>;

const sumOf = (parts: readonly string[]) => (parts.length === 0 ? "0" : parts.join("+"));
const product = (factors: readonly string[]) => `SUMPRODUCT(${factors.join("*")})`;
/** percent of count, rounded up as percentOf does (a person's arithmetic, then up). */
const percentFormula = (percent: string, count: string) => `ROUNDUP(ROUND(${percent}*${count}/100,9),0)`;

/**
 * The IQA plan's sheet plan: the strategy in words, coverage by assessor and assessment, coverage by assessor,
 * and counts by stage, one table under another with a blank row between.
 */
export function iqaPlanSheet(
  input: IqaPlanInput,
  base: Omit<SheetPlan, "name" | "kind" | "table">,
): SheetPlan {
  const strategy = input.strategy?.ok ? input.strategy.value : null;
  const recorded = strategy && input.recorded ? recordedCoverage(strategy, input.recorded.rows) : null;
  const sheets = new Map(input.markSheets.map((m) => [m.assessment.id, m] as const));
  const stack = new TableStack();
  const place = (name: string, columns: ColumnPlan[], rows: Cell[][]) => stack.place(name, columns, rows);
  /** The 1-based sheet row of a table's data row `i`, when the table starts at `at`. */
  const sheetRow = (at: number, i: number) => at + 2 + i;

  // 1. The strategy in words.
  const lines =
    input.strategy === null
      ? [STRATEGY_WORDS.none]
      : !input.strategy.ok
        ? [STRATEGY_WORDS.unusable(input.strategy.problems.map((p) => p.message).join("; "))]
        : [
            ...describeStrategy(input.strategy.value),
            input.recorded === null ? STRATEGY_WORDS.unreadable : STRATEGY_WORDS.pairs,
          ];
  place(
    IQA_PLAN_TABLES.strategy,
    [tabColumn("line", "IQA sampling strategy", "identity", 24)],
    lines.map((l) => [text(l)]),
  );

  // 2. Coverage by assessor and assessment, in the engine's order.
  const coverage: readonly Coverage[] = recorded?.coverage.filter((c) => sheets.has(c.assessment)) ?? [];
  const coverageAt = stack.row;
  const C = { eligible: 2, required: 3, sampled: 4, qaDone: 5, disagreements: 6, compliant: 7 };
  const at = (r: number, c: number) => `${columnLetter(c)}${r}`;
  const coverageRows = coverage.map((c, i): Cell[] => {
    const n = sheetRow(coverageAt, i);
    const m = sheets.get(c.assessment) as { assessment: Assessment; table: SourceTable };
    const t = testsOf(m.assessment, m.table);
    const eligible = strategy?.stage === "interim" ? t.marked : t.decided;
    const mine = [t.active, t.whose(c.assessor === null ? null : `$A$${n}`), eligible];
    return [
      text(c.assessor ?? NO_ASSESSOR),
      text(c.assessment),
      formula(product(mine), c.eligible),
      formula(`MIN(${strategy?.perAssessorAssessment ?? 0},${at(n, C.eligible)})`, c.required),
      formula(product([...mine, t.sampled]), c.sampled),
      formula(product([...mine, t.qaDone]), c.qaDone),
      formula(product([...mine, t.disagrees]), c.disagreements),
      formula(`${at(n, C.sampled)}>=${at(n, C.required)}`, c.compliant),
    ];
  });
  place(
    IQA_PLAN_TABLES.coverage,
    [
      tabColumn("assessor", CH.assessor, "identity", 24),
      tabColumn("assessment", CH.assessment, "identity", 14),
      tabColumn("eligible", CH.eligible, "formula", 10),
      tabColumn("required", CH.required, "formula", 10),
      tabColumn("sampled", CH.sampled, "formula", 10),
      tabColumn("qaDone", CH.qaDone, "formula", 10),
      tabColumn("disagreements", CH.disagreements, "formula", 13),
      tabColumn("compliant", CH.compliant, "formula", 11),
    ],
    coverageRows,
  );

  // 3. Coverage by assessor: the percentage and referral rules, and every assessment of theirs compliant.
  const assessors: readonly AssessorCoverage[] =
    recorded?.assessors.filter((a) => coverage.some((c) => c.assessor === a.assessor)) ?? [];
  const assessorsAt = stack.row;
  const assessorColumns = [
    tabColumn("assessor", AH.assessor, "identity", 24),
    tabColumn("new", AH.newAssessor, "identity", 14),
    tabColumn("eligible", AH.eligible, "formula", 10),
    tabColumn("percent", AH.percent, "identity", 10),
    tabColumn("required", AH.required, "formula", 10),
    tabColumn("sampled", AH.sampled, "formula", 10),
    tabColumn("qaDone", AH.qaDone, "formula", 13),
    tabColumn("referrals", AH.referrals, "formula", 11),
    tabColumn("referralsRequired", AH.referralsRequired, "formula", 11),
    tabColumn("referralsSampled", AH.referralsSampled, "formula", 11),
    tabColumn("compliant", AH.compliant, "formula", 11),
  ];
  const assessorRows = assessors.map((a, i): Cell[] => {
    const n = sheetRow(assessorsAt, i);
    const theirs = coverage.map((c, k) => ({ c, k })).filter(({ c }) => c.assessor === a.assessor);
    const first = sheetRow(coverageAt, theirs[0]?.k ?? 0);
    const last = sheetRow(coverageAt, theirs[theirs.length - 1]?.k ?? 0);
    const over = (c: number) => `SUM(${at(first, c)}:${at(last, c)})`;
    const referralsOf = (extra: (t: Tests) => string[]) =>
      sumOf(
        theirs.map(({ c }) => {
          const m = sheets.get(c.assessment) as { assessment: Assessment; table: SourceTable };
          const t = testsOf(m.assessment, m.table);
          const eligible = strategy?.stage === "interim" ? t.marked : t.decided;
          return product([t.active, t.whose(a.assessor === null ? null : `$A$${n}`), eligible, ...extra(t)]);
        }),
      );
    const referrals = strategy?.referrals ?? "none";
    return [
      text(a.assessor ?? NO_ASSESSOR),
      { t: "bool", v: a.newAssessor },
      formula(over(C.eligible), a.eligible),
      { t: "number", v: a.percent },
      formula(percentFormula(at(n, 3), at(n, 2)), a.required),
      formula(over(C.sampled), a.sampled),
      formula(over(C.qaDone), a.qaDone),
      formula(
        referralsOf((t) => [t.referral]),
        a.referrals,
      ),
      referrals === "none"
        ? { t: "number", v: 0 }
        : formula(
            referrals === "all" ? at(n, 7) : percentFormula(String(referrals.percent), at(n, 7)),
            a.referralsRequired,
          ),
      formula(
        referralsOf((t) => [t.referral, t.sampled]),
        a.referralsSampled,
      ),
      formula(
        `AND(${at(n, 5)}>=${at(n, 4)},${at(n, 9)}>=${at(n, 8)},${at(first, C.compliant)}:${at(last, C.compliant)})`,
        a.compliant,
      ),
    ];
  });
  place(IQA_PLAN_TABLES.assessors, assessorColumns, assessorRows);

  // 4. Counts by stage, over every active row of every mark sheet.
  // Their values are the engine's for the cohort the cells hold, with or without a strategy (iqaPlanWithValues).
  const stageRow = (label: string, test: ((t: Tests) => string) | null) => {
    const over = (extra: (t: Tests) => string[]) =>
      sumOf(
        input.markSheets.map(({ assessment, table }) => {
          const t = testsOf(assessment, table);
          return product([t.active, ...(test ? [test(t)] : []), ...extra(t)]);
        }),
      );
    const rows =
      test === null
        ? sumOf(
            input.markSheets.map(
              ({ table }) => `COUNTIFS(${rangeOf(table, KEYS.status)},"${STATUS.active}")`,
            ),
          )
        : over(() => []);
    return [
      text(label),
      formula(rows, undefined),
      ...[
        (t: Tests) => t.sampled,
        (t: Tests) => t.qaDone,
        (t: Tests) => t.outcomeDisagrees,
        (t: Tests) => t.disagrees,
      ].map((counted) =>
        formula(
          over((t) => [counted(t)]),
          undefined,
        ),
      ),
    ];
  };
  place(
    IQA_PLAN_TABLES.stages,
    [
      tabColumn("stage", "Stage", "identity", 24),
      tabColumn("rows", "Rows", "formula", 14),
      tabColumn("sampled", AH.sampled, "formula", 10),
      tabColumn("qaDone", AH.qaDone, "formula", 10),
      tabColumn("outcomeDisagreements", "Outcome disagreements", "formula", 13),
      tabColumn("disagreements", "Disagreements", "formula", 13),
    ],
    [
      stageRow(STAGE_LABELS.interim, (t) => t.marked),
      stageRow(STAGE_LABELS.summative, (t) => t.decided),
      stageRow(STAGE_LABELS.all, null),
    ],
  );

  const [main, ...more] = stack.tables as [TablePlan, ...TablePlan[]];
  return {
    ...base,
    name: input.sheet,
    kind: "iqaplan",
    table: main,
    moreTables: more,
    freeze: { rows: 0, columns: 0 },
    // As wide as the widest table; its tables' header rows are not repeated on every page (there are four).
    print: { ...printOf(assessorColumns, input.print, PRINT_WHAT), repeatHeaderRow: false },
  };
}

/** The counts by stage the engine gives: interim (marked), summative (decided), every active row. */
export interface StageCounts {
  readonly rows: number;
  readonly sampled: number;
  readonly qaDone: number;
  /** A QA outcome (PASS, REFERRAL or INVALID) that is not the assessor's (the Dashboard's `QA disagrees`). */
  readonly outcomeDisagreements: number;
  /** The mark sheets' Disagreement column TRUE. */
  readonly disagreements: number;
}

/** The counts by stage of the rows the cells record, in STAGE_LABELS' order. */
export function stageCounts(recorded: RecordedRows): [StageCounts, StageCounts, StageCounts] {
  const count = (rows: readonly SampleRow[], all?: number): StageCounts => ({
    rows: all ?? rows.length,
    sampled: rows.filter((r) => r.sampled).length,
    qaDone: rows.filter(isQaDone).length,
    outcomeDisagreements: rows.filter((r) => isQaDone(r) && r.qaOutcome !== r.outcome).length,
    disagreements: rows.filter((r) => r.disagrees).length,
  });
  const { rows } = recorded;
  return [
    count(rows.filter((r) => r.marked)),
    count(rows.filter((r) => r.outcome === "PASS" || r.outcome === "REFERRAL")),
    count(rows, recorded.activeRows),
  ];
}

/**
 * The IQA plan with the engine's counts by stage on its formulas, for the cohort the cells hold (the coverage
 * tables have theirs from iqaPlanSheet: they exist only with a strategy).
 */
export function iqaPlanWithValues(sheet: SheetPlan, recorded: RecordedRows): SheetPlan {
  const counts = stageCounts(recorded);
  const fill = (t: TablePlan): TablePlan =>
    t.name !== IQA_PLAN_TABLES.stages
      ? t
      : {
          ...t,
          rows: t.rows.map((row, i) => {
            const c = counts[i];
            if (!c) return row;
            const figures = [c.rows, c.sampled, c.qaDone, c.outcomeDisagreements, c.disagreements];
            let next = 0;
            return row.map((cell): Cell => {
              if (cell === null || cell.t !== "formula") return cell;
              const v = figures[next++];
              return v === undefined ? cell : { ...cell, v };
            });
          }),
        };
  return { ...sheet, table: fill(sheet.table), moreTables: (sheet.moreTables ?? []).map(fill) };
}

/**
 * The rows an IQA may sample in an evaluated cohort (rowsForSampling's), and how many mark-sheet rows are active
 * (every active learner's row on every assessment their qualification uses, with an entry or not).
 */
export function recordedOf(
  catalogue: Catalogue,
  cohort: Cohort,
  evaluation: CohortEvaluation,
  tolerance: number,
): RecordedRows {
  const assessments = [...catalogue.assessments.values()];
  const activeRows = cohort.learners
    .filter((l) => l.withdrawn !== true)
    .reduce((n, l) => {
      const q = catalogue.qualifications.get(l.qualification);
      return n + (q ? assessments.filter((a) => usesAssessment(q, a)).length : 0);
    }, 0);
  return { rows: rowsForSampling(catalogue, cohort, evaluation, tolerance), activeRows };
}

/**
 * What the cells of a plan record once written (its learners, mark sheets and settings): the cohort they hold,
 * evaluated, as rows an IQA may sample. Null when the cells cannot be read as a valid cohort.
 */
export function recordedRows(
  plan: WorkbookPlan,
  catalogue: Catalogue,
  tolerance: number,
): RecordedRows | null {
  const memory = new MemoryWorkbook();
  memory.apply(plan);
  const decoded = decodeWorkbook(memory.contents());
  if (!decoded.ok || !decoded.value) return null;
  const valid = validateCohort(cohortOf(decoded.value, catalogue).cohort, catalogue);
  if (!valid.ok) return null;
  return recordedOf(catalogue, valid.value, evaluateCohort(catalogue, valid.value), tolerance);
}
