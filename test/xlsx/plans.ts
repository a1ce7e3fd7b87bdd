/** Small hand-made plans for the .xlsx adapter's tests. */
import type { Cell, ColumnPlan, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { ALLOWED, dates, oneOf, wholeNumbers } from "../../src/workbook/validations";

export const columns: ColumnPlan[] = [
  { key: "registration", header: "Registration No", role: "identity", numberFormat: "@", width: 16 },
  { key: "name", header: "Learner", role: "identity", numberFormat: "@", width: 24 },
  {
    key: "mark",
    header: "Mark /4 (min 2)",
    role: "entry",
    numberFormat: "0",
    width: 10,
    validation: wholeNumbers(0, 4, "A whole number from 0 to 4"),
  },
  {
    key: "date",
    header: "Date",
    role: "entry",
    numberFormat: "yyyy-mm-dd",
    width: 12,
    validation: dates("A date"),
  },
  {
    key: "pr",
    header: "P/R",
    role: "entry",
    width: 6,
    validation: oneOf(["P", "R"], "P or R"),
  },
  { key: "outcome", header: "Outcome", role: "formula", width: 12 },
  { key: "comment", header: "Comment", role: "entry", width: 30, wrap: true },
];

export function row(reg: string, name: string, mark: number | null, date: number | null): Cell[] {
  return [
    { t: "text", v: reg },
    { t: "text", v: name },
    mark === null ? null : { t: "number", v: mark },
    date === null ? null : { t: "date", v: date },
    { t: "text", v: "P" },
    { t: "formula", f: `IF(C{r}>=2,"Pass","Refer")`, v: mark !== null && mark >= 2 ? "Pass" : "Refer" },
    null,
  ];
}

export function sheetPlan(
  name: string,
  table: string,
  rows: Cell[][],
  extra: Partial<SheetPlan> = {},
): SheetPlan {
  const numbered = rows.map((r, i) =>
    r.map((c) => (c !== null && c.t === "formula" ? { ...c, f: c.f.replace(/\{r\}/g, String(i + 2)) } : c)),
  );
  return {
    name,
    kind: "marksheet",
    table: {
      name: table,
      columns,
      rows: numbered,
      keys: numbered.map((r) => String(r[0] !== null && r[0].t === "text" ? r[0].v : "")),
    },
    conditionalFormats: [{ columns: ["outcome"], formula: 'F2="Refer"', style: "referral" }],
    freeze: { rows: 1, columns: 2 },
    protection: { protect: true, allow: ALLOWED },
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "visible",
    ...extra,
  };
}

/** 2026-03-15 and 2025-12-01 as 1900-system serials. */
export const MARCH_15 = 46096;
export const DEC_1 = 46357 - 356;

export function basePlan(): WorkbookPlan {
  return {
    mode: "portable",
    sheets: [
      sheetPlan("D5.01 Assignment", "Marks_D5_01", [
        row("NF-001", "Asha Patel", 3, MARCH_15),
        row("NF-002", "Dafydd ap Gwilym", 1, DEC_1),
        row("NF-003", "王秀英", null, null),
      ]),
      sheetPlan("Learners", "Learners", [row("NF-001", "Asha Patel", 4, MARCH_15)], {
        kind: "learners",
        conditionalFormats: [],
      }),
      sheetPlan("ILM state", "ILM_state", [row("x", "y", 0, null)], {
        kind: "state",
        visibility: "veryHidden",
        conditionalFormats: [],
      }),
    ],
  };
}
