/**
 * The Dashboard tab: the cohort's figures as live formulas over the generated tables (docs/dashboard.md defines
 * each), in small tables one under another, with an As of date at the top and two native charts beside them.
 * Only functions every host computes (COUNTIFS, SUMIFS, SUMPRODUCT, EXACT, IF): no dynamic arrays, no MAXIFS,
 * no FILTER; bounded ranges over each table's rows; names matched exactly (EXACT), never as wildcards.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import { columnLetter, textConstant } from "./a1";
import type { SourceTable } from "./stacked-tables";
import { TableStack, rangeOf, tabColumn } from "./stacked-tables";
import type { CellContent } from "./contents";
import { KEYS, STATUS, criterionKey, learnerUnitKey, sectionKey } from "./layout";
import type { Cell, ChartPlan, ColumnPlan, SheetPlan, TablePlan } from "./plan";
import { FORMATS } from "./styles";
import { dates } from "./validations";

export const DASHBOARD_SHEET = "Dashboard";

/** The tables of the Dashboard, by name; kept stable (the settings record them). */
export const DASHBOARD_TABLES = {
  asOf: "Dash_AsOf",
  headline: "Dash_Headline",
  qualifications: "Dash_Qualifications",
  assessments: "Dash_Assessments",
  sections: "Dash_Sections",
  criteria: "Dash_Criteria",
  units: "Dash_Units",
  assessors: "Dash_Assessors",
} as const;

export interface DashboardInput {
  readonly catalogue: Catalogue;
  readonly learners: SourceTable;
  readonly markSheets: readonly { readonly assessment: Assessment; readonly table: SourceTable }[];
  /** Qualification ids a learner of the cohort takes, in catalogue order. */
  readonly qualifications: readonly string[];
  /** Units on the Learners tab, and the qualifications (of the list above) that include each. */
  readonly units: readonly { readonly unit: string; readonly qualifications: readonly string[] }[];
  /** Every assessor's name, sorted. */
  readonly assessors: readonly string[];
  /** What the As of cell holds now (a typed date, or its formula), to keep. */
  readonly asOf?: CellContent;
  /** The Dashboard tab's name (a person's tab may have taken "Dashboard"). */
  readonly sheet: string;
}

const text = (v: string): Cell => ({ t: "text", v });
/** A formula; one that gives whole ranges to a function inside SUMPRODUCT is written as an array formula. */
const formula = (f: string): Cell =>
  /SUMPRODUCT\(/.test(f) && /(EXACT|TRIM)\(/.test(f) ? { t: "formula", f, array: true } : { t: "formula", f };

const ratio = (num: string, den: string) => `IF(${den}=0,"",${num}/(${den}))`;

/**
 * The Dashboard's sheet plan. Tables are laid out from the top left, one under another with a blank row between;
 * the charts sit to the right of the widest table.
 */
export function dashboardSheet(
  input: DashboardInput,
  base: Omit<SheetPlan, "name" | "kind" | "table">,
): SheetPlan {
  const { learners: L } = input;
  const asOfRef = AS_OF_CELL;
  const active = `${rangeOf(L, KEYS.status)},"<>${STATUS.withdrawn}",${rangeOf(L, KEYS.registration)},"<>"`;
  const stack = new TableStack();
  const place = (name: string, columns: ColumnPlan[], rows: Cell[][]) => stack.place(name, columns, rows);
  const cell = (t: TablePlan, r: number, c: number) => `${columnLetter(c)}${(t.origin?.row ?? 0) + 2 + r}`;

  // As of: TODAY() until the admin types a date; what is there is kept.
  const kept = input.asOf;
  const asOfCell: Cell =
    kept === undefined || kept === null
      ? formula("TODAY()")
      : typeof kept === "object"
        ? kept.v === null
          ? formula(kept.f)
          : { t: "formula", f: kept.f, v: kept.v }
        : typeof kept === "number"
          ? { t: "date", v: kept }
          : { t: "text", v: String(kept) };
  place(
    DASHBOARD_TABLES.asOf,
    [
      tabColumn("asOf", "As of", "entry", 24, {
        numberFormat: FORMATS.date,
        validation: dates("The date the deadlines are counted from (YYYY-MM-DD); =TODAY() for today."),
      }),
    ],
    [[asOfCell]],
  );

  // 1. Headline.
  const sumOver = (parts: readonly string[]) => (parts.length === 0 ? "0" : parts.join("+"));
  const perSheet = (f: (t: SourceTable) => string) => sumOver(input.markSheets.map((m) => f(m.table)));
  const statusIs = (t: SourceTable, s: string) => `${rangeOf(t, KEYS.status)},"${s}"`;
  const deadlines = (crit: string, extra = "") =>
    `COUNTIFS(${active}${extra},${rangeOf(L, KEYS.achieved)},FALSE,${rangeOf(L, KEYS.deadline)},${crit})`;
  const past = (extra = "") => deadlines(`"<"&${asOfRef}`, extra);
  const soon = (extra = "") =>
    `COUNTIFS(${active}${extra},${rangeOf(L, KEYS.achieved)},FALSE,${rangeOf(L, KEYS.deadline)},">="&${asOfRef},${rangeOf(L, KEYS.deadline)},"<="&(${asOfRef}+90))`;
  const outcomeCount = (t: SourceTable, outcome: string) =>
    `COUNTIFS(${statusIs(t, STATUS.active)},${rangeOf(t, KEYS.outcome)},"${outcome}")`;
  const headline: [string, string][] = [
    ["Learners", `COUNTIFS(${active})`],
    [
      "Withdrawn",
      `COUNTIFS(${rangeOf(L, KEYS.status)},"${STATUS.withdrawn}",${rangeOf(L, KEYS.registration)},"<>")`,
    ],
    ["Achieved", `COUNTIFS(${active},${rangeOf(L, KEYS.achieved)},TRUE)`],
    ["Ready to claim", `COUNTIFS(${active},${rangeOf(L, KEYS.ready)},TRUE)`],
    ["Referrals outstanding", perSheet((t) => outcomeCount(t, "REFERRAL"))],
    [
      "Not yet marked",
      perSheet(
        (t) =>
          `(COUNTIFS(${statusIs(t, STATUS.active)})-${outcomeCount(t, "PASS")}-${outcomeCount(t, "REFERRAL")}-${outcomeCount(t, "INVALID")})`,
      ),
    ],
    ["Past deadline", past()],
    ["Due within 90 days", soon()],
  ];
  place(
    DASHBOARD_TABLES.headline,
    [
      tabColumn("label", "Headline", "identity", 24),
      tabColumn("value", "Value", "formula", 10, { numberFormat: "0" }),
    ],
    headline.map(([label, f]) => [text(label), formula(f)]),
  );

  // 2. By qualification.
  const qualificationRows = input.qualifications.map((id): Cell[] => {
    const q = `,${rangeOf(L, KEYS.qualification)},${textConstant(id)}`;
    return [
      text(id),
      text(input.catalogue.qualifications.get(id)?.title ?? ""),
      formula(`COUNTIFS(${active}${q})`),
      formula(`COUNTIFS(${active}${q},${rangeOf(L, KEYS.achieved)},TRUE)`),
      formula(`COUNTIFS(${active}${q},${rangeOf(L, KEYS.ready)},TRUE)`),
      formula(past(q)),
      formula(soon(q)),
      null,
    ];
  });
  const qualificationsTable = place(
    DASHBOARD_TABLES.qualifications,
    [
      tabColumn("qualification", "Qualification", "identity", 14),
      tabColumn("title", "Title", "identity", 40),
      tabColumn("learners", "Learners", "formula", 10),
      tabColumn("achieved", "Achieved", "formula", 10),
      tabColumn("ready", "Ready to claim", "formula", 10),
      tabColumn("past", "Past deadline", "formula", 10),
      tabColumn("soon", "Due within 90 days", "formula", 10),
      tabColumn("rate", "Achievement rate", "formula", 12, { numberFormat: "0%" }),
    ],
    qualificationRows,
  );
  qualificationRows.forEach((r, i) => {
    r[7] = formula(ratio(cell(qualificationsTable, i, 3), cell(qualificationsTable, i, 2)));
  });

  // 3. By assessment.
  const qaCount = (t: SourceTable) =>
    ["PASS", "REFERRAL", "INVALID"]
      .map((o) => `COUNTIFS(${statusIs(t, STATUS.active)},${rangeOf(t, KEYS.qaOutcome)},"${o}")`)
      .join("+");
  const disagree = (t: SourceTable, who?: string) =>
    `SUMPRODUCT((${rangeOf(t, KEYS.status)}="${STATUS.active}")*(${rangeOf(t, KEYS.qaOutcome)}<>"")*(${rangeOf(t, KEYS.qaOutcome)}<>${rangeOf(t, KEYS.outcome)})${who ?? ""})`;
  const assessmentRows = input.markSheets.map(({ assessment, table: t }): Cell[] => [
    text(assessment.id),
    formula(`COUNTIFS(${statusIs(t, STATUS.active)})`),
    formula(outcomeCount(t, "PASS")),
    formula(outcomeCount(t, "REFERRAL")),
    null,
    formula(outcomeCount(t, "INVALID")),
    formula(qaCount(t)),
    formula(disagree(t)),
    null,
  ]);
  const assessmentsTable = place(
    DASHBOARD_TABLES.assessments,
    [
      tabColumn("assessment", "Assessment", "identity", 16),
      tabColumn("learners", "Learners", "formula", 10),
      tabColumn("pass", "PASS", "formula", 8),
      tabColumn("referral", "REFERRAL", "formula", 10),
      tabColumn("incomplete", "Incomplete", "formula", 10),
      tabColumn("invalid", "INVALID", "formula", 8),
      tabColumn("qaSampled", "QA sampled", "formula", 10),
      tabColumn("qaDisagrees", "QA disagrees", "formula", 10),
      tabColumn("passRate", "Pass rate", "formula", 10, { numberFormat: "0%" }),
    ],
    assessmentRows,
  );
  assessmentRows.forEach((r, i) => {
    const c = (k: number) => cell(assessmentsTable, i, k);
    r[4] = formula(`${c(1)}-${c(2)}-${c(3)}-${c(5)}`);
    r[8] = formula(ratio(c(2), `${c(2)}+${c(3)}`));
  });

  // 4. Which sections and criteria cause referrals.
  const sectionRows: Cell[][] = [];
  const criterionRows: Cell[][] = [];
  for (const { assessment: a, table: t } of input.markSheets) {
    if (a.kind === "sectioned") {
      a.sections.forEach((s, i) => {
        const key = sectionKey(a.id, i);
        if (!t.has(key)) return;
        const marks = rangeOf(t, key);
        const inRange = `${statusIs(t, STATUS.active)},${marks},">=0",${marks},"<="&${s.max}`;
        const marked = `COUNTIFS(${inRange})`;
        sectionRows.push([
          text(a.id),
          text(s.short),
          formula(marked),
          formula(`IF(${marked}=0,"",SUMIFS(${marks},${inRange})/${marked})`),
          formula(`COUNTIFS(${statusIs(t, STATUS.active)},${marks},">=0",${marks},"<"&${s.min})`),
        ]);
      });
    } else {
      for (const c of a.criteria) {
        const key = criterionKey(a.id, c.id);
        if (!t.has(key)) continue;
        // P or R as the engine reads them: any case ("=" compares so), spaces around ignored (TRIM).
        const results = `TRIM(${rangeOf(t, key)})`;
        const active = `(${rangeOf(t, KEYS.status)}="${STATUS.active}")`;
        criterionRows.push([
          text(a.id),
          text(c.id),
          formula(`SUMPRODUCT(${active}*((${results}="P")+(${results}="R")))`),
          formula(`SUMPRODUCT(${active}*(${results}="R"))`),
        ]);
      }
    }
  }
  place(
    DASHBOARD_TABLES.sections,
    [
      tabColumn("assessment", "Assessment", "identity", 16),
      tabColumn("section", "Section", "identity", 24),
      tabColumn("marked", "Marked", "formula", 8),
      tabColumn("mean", "Mean mark", "formula", 10, { numberFormat: "0.0" }),
      tabColumn("below", "Below minimum", "formula", 10),
    ],
    sectionRows,
  );
  place(
    DASHBOARD_TABLES.criteria,
    [
      tabColumn("assessment", "Assessment", "identity", 16),
      tabColumn("criterion", "Criterion", "identity", 10),
      tabColumn("marked", "Marked", "formula", 8),
      tabColumn("referred", "Referred", "formula", 10),
    ],
    criterionRows,
  );

  // 5. By unit: outcomes on the Learners tab, for the learners whose qualification includes the unit.
  const unitRows = input.units
    .filter((u) => L.has(learnerUnitKey(u.unit)))
    .map(({ unit, qualifications }): Cell[] => {
      const outcomes = rangeOf(L, learnerUnitKey(unit));
      const taking = sumOver(
        qualifications.map((q) => `COUNTIFS(${active},${rangeOf(L, KEYS.qualification)},${textConstant(q)})`),
      );
      const pass = `COUNTIFS(${active},${outcomes},"PASS")`;
      const referral = `COUNTIFS(${active},${outcomes},"REFERRAL")`;
      return [text(unit), formula(pass), formula(referral), formula(`${taking}-${pass}-${referral}`)];
    });
  place(
    DASHBOARD_TABLES.units,
    [
      tabColumn("unit", "Unit", "identity", 12),
      tabColumn("pass", "PASS", "formula", 8),
      tabColumn("referral", "REFERRAL", "formula", 10),
      tabColumn("pending", "Pending", "formula", 10),
    ],
    unitRows,
  );

  // 6. By assessor: names matched exactly (EXACT), on the Learners tab and on every mark sheet's rows.
  const assessorsAt = stack.row;
  const assessorRows = input.assessors.map((name, i): Cell[] => {
    // The name is read from its own label cell: a person's text never goes into a formula.
    const n = `$A$${assessorsAt + 2 + i}`;
    // Names as TRIM leaves them (spaces at either end dropped, runs inside made one), capitals and spelling kept.
    const named = (t: SourceTable) => `EXACT(TRIM(${rangeOf(t, KEYS.assessor)}),${n})`;
    const on = (t: SourceTable, outcomeTest: string) =>
      `SUMPRODUCT(${named(t)}*(${rangeOf(t, KEYS.status)}="${STATUS.active}")*${outcomeTest})`;
    const outcome = (t: SourceTable, o: string) => `(${rangeOf(t, KEYS.outcome)}="${o}")`;
    const qa = (t: SourceTable) =>
      `((${rangeOf(t, KEYS.qaOutcome)}="PASS")+(${rangeOf(t, KEYS.qaOutcome)}="REFERRAL")+(${rangeOf(t, KEYS.qaOutcome)}="INVALID"))`;
    const pass = perSheet((t) => on(t, outcome(t, "PASS")));
    const referral = perSheet((t) => on(t, outcome(t, "REFERRAL")));
    return [
      text(name),
      formula(
        `SUMPRODUCT(${named(L)}*(${rangeOf(L, KEYS.status)}<>"${STATUS.withdrawn}")*(${rangeOf(L, KEYS.registration)}<>""))`,
      ),
      formula(`(${pass})+(${referral})`),
      formula(pass),
      formula(referral),
      formula(perSheet((t) => on(t, qa(t)))),
      formula(perSheet((t) => disagree(t, `*${named(t)}`))),
    ];
  });
  place(
    DASHBOARD_TABLES.assessors,
    [
      tabColumn("assessor", "Assessor", "identity", 18),
      tabColumn("learners", "Learners", "formula", 10),
      tabColumn("decisions", "Decisions", "formula", 10),
      tabColumn("pass", "PASS", "formula", 8),
      tabColumn("referral", "REFERRAL", "formula", 10),
      tabColumn("qaSampled", "QA sampled", "formula", 10),
      tabColumn("qaDisagrees", "QA disagrees", "formula", 10),
    ],
    assessorRows,
  );

  // Charts beside the tables: outcomes by assessment (stacked), achievement by qualification.
  const rowsOf = (t: TablePlan, c: number) => {
    const first = (t.origin?.row ?? 0) + 2;
    const last = first + Math.max(t.rows.length, 1) - 1;
    return `$${columnLetter(c)}$${first}:$${columnLetter(c)}$${last}`;
  };
  const chartColumn = 10;
  const charts: ChartPlan[] = [];
  if (assessmentRows.length > 0)
    charts.push({
      name: "ilm-outcomes-by-assessment",
      title: "Outcomes by assessment",
      kind: "stackedBar",
      categories: rowsOf(assessmentsTable, 0),
      series: [
        { name: "PASS", values: rowsOf(assessmentsTable, 2) },
        { name: "REFERRAL", values: rowsOf(assessmentsTable, 3) },
        { name: "Incomplete", values: rowsOf(assessmentsTable, 4) },
        { name: "INVALID", values: rowsOf(assessmentsTable, 5) },
      ],
      anchor: { row: 0, column: chartColumn, rows: 16, columns: 8 },
    });
  if (qualificationRows.length > 0)
    charts.push({
      name: "ilm-achievement-by-qualification",
      title: "Achievement by qualification",
      kind: "bar",
      categories: rowsOf(qualificationsTable, 0),
      series: [
        { name: "Learners", values: rowsOf(qualificationsTable, 2) },
        { name: "Achieved", values: rowsOf(qualificationsTable, 3) },
      ],
      anchor: { row: 17, column: chartColumn, rows: 16, columns: 8 },
    });

  const [main, ...more] = stack.tables as [TablePlan, ...TablePlan[]];
  return {
    ...base,
    name: input.sheet,
    kind: "dashboard",
    table: main,
    moreTables: more,
    charts,
    position: "first",
    freeze: { rows: 0, columns: 0 },
  };
}

/** The As of cell's address on the Dashboard, for the Learners tab's formulas. */
export const AS_OF_CELL = "$A$2";
