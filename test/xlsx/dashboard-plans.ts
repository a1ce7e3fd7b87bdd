/** Hand-made plans of a Dashboard-like sheet (several small tables, native charts, first tab) for the .xlsx tests. */
import type {
  Cell,
  ChartPlan,
  ColumnPlan,
  SheetPlan,
  TablePlan,
  WorkbookPlan,
} from "../../src/workbook/plan";
import { ALLOWED } from "../../src/workbook/validations";
import { basePlan } from "./plans";

const text = (v: string): Cell => ({ t: "text", v });
const num = (v: number): Cell => ({ t: "number", v });
/** A formula with its cached result (what a reader that does not recalculate shows). */
const counted = (f: string, v: number): Cell => ({ t: "formula", f, v });

const col = (key: string, header: string, width = 12): ColumnPlan => ({
  key,
  header,
  role: "formula",
  width,
});

/** A small table: one text column, then number columns. */
export function block(
  name: string,
  origin: { row: number; column: number },
  headers: readonly string[],
  rows: readonly (readonly [string, ...number[]])[],
): TablePlan {
  return {
    name,
    origin,
    columns: headers.map((h, i) => col(h.toLowerCase().replace(/\W+/g, "-"), h, i === 0 ? 18 : 11)),
    rows: rows.map(([label, ...values]) => [
      text(label),
      ...values.map((v, i) => (i === 0 ? num(v) : counted(`${v}+0`, v))),
    ]),
    keys: rows.map(([label]) => label),
  };
}

export const BY_ASSESSMENT = (rowsFirst = 2): TablePlan =>
  block(
    "Dash_ByAssessment",
    { row: rowsFirst, column: 0 },
    ["Assessment", "PASS", "REFERRAL", "Incomplete"],
    [
      ["D5.01 Assignment", 9, 2, 3],
      ["D5.02 Diary", 6, 1, 7],
      ["D5.03 Reflection", 11, 0, 3],
      ["D5.04 Practice", 4, 4, 6],
    ],
  );

export const BY_QUALIFICATION = (rowsFirst = 9): TablePlan =>
  block(
    "Dash_ByQualification",
    { row: rowsFirst, column: 0 },
    ["Qualification", "Learners", "Achieved"],
    [
      ["600/5791/9", 14, 6],
      ["600/5793/2", 8, 3],
      ["603/0153/4", 5, 5],
    ],
  );

export const OUTCOMES_CHART: ChartPlan = {
  name: "ilm-outcomes-by-assessment",
  title: "Outcomes by assessment",
  kind: "stackedBar",
  categories: "$A$4:$A$7",
  series: [
    { name: "PASS", values: "$B$4:$B$7" },
    { name: "REFERRAL", values: "$C$4:$C$7" },
    { name: "Incomplete", values: "$D$4:$D$7" },
  ],
  anchor: { row: 1, column: 5, rows: 16, columns: 8 },
};

export const ACHIEVEMENT_CHART: ChartPlan = {
  name: "ilm-achievement-by-qualification",
  title: "Achievement by qualification",
  kind: "bar",
  categories: "$A$11:$A$13",
  series: [
    { name: "Learners", values: "$B$11:$B$13" },
    { name: "Achieved", values: "$C$11:$C$13" },
  ],
  anchor: { row: 18, column: 5, rows: 14, columns: 8 },
};

export function dashboardSheet(extra: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name: "Dashboard",
    kind: "dashboard",
    table: BY_ASSESSMENT(),
    moreTables: [BY_QUALIFICATION()],
    charts: [OUTCOMES_CHART, ACHIEVEMENT_CHART],
    position: "first",
    conditionalFormats: [],
    freeze: { rows: 0, columns: 0 },
    protection: { protect: false, allow: ALLOWED },
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: false },
    visibility: "visible",
    ...extra,
  };
}

/** The base plan's sheets after a Dashboard (which the plan lists last: position "first" puts it first). */
export function dashboardPlan(extra: Partial<SheetPlan> = {}): WorkbookPlan {
  const base = basePlan();
  return { ...base, sheets: [...base.sheets, dashboardSheet(extra)] };
}
