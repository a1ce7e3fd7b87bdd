import type { GenerateRequest } from "../../src/app/generate";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import { LOG_SHEET, whenSerial, whenText } from "../../src/workbook/decision-log";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell } from "../../src/workbook/plan";
import { cohortOf } from "./helpers";

const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben = { registration: "NF-002", name: "Ben Okafor", qualification: "500/3564/2" };
const D501 = "D5.01 Assignment";
const BEST = "Best practice /40 (min 20)";
const at = { who: "Priya Shah", source: "ilm command" as const, when: "2026-12-02T09:30" };

function run(wb: MemoryWorkbook, request: Partial<GenerateRequest> = {}) {
  const contents = wb.sheets.length > 0 ? { contents: wb.contents() } : {};
  const g = generate({ what: "the workbook", ...contents, recording: at, ...request });
  if (!g.ok) throw new Error(JSON.stringify(g.problems));
  wb.apply(g.value.plan);
  return g.value;
}

function made(cohort: Cohort = cohortOf([asha, ben])): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  run(wb, { file: cohort });
  return wb;
}

/** The log's rows as text, When as YYYY-MM-DDTHH:MM. */
function logRows(wb: MemoryWorkbook): string[][] {
  const sheet = wb.sheet(LOG_SHEET);
  const table = sheet?.tables[0];
  if (!sheet || !table) throw new Error("no Decision log");
  const rows: string[][] = [];
  for (let r = table.area.row + 1; r < table.area.row + table.area.rows; r++) {
    const row = sheet.grid[r] ?? [];
    const text = (c: Cell | undefined) =>
      c === null || c === undefined ? "" : c.t === "formula" ? String(c.v ?? "") : String(c.v);
    const cells = Array.from({ length: table.area.columns }, (_, i) => row[table.area.column + i]);
    if (cells.every((c) => text(c) === "")) continue;
    rows.push(cells.map((c, i) => (i === 0 && c?.t === "number" ? whenText(c.v) : text(c))));
  }
  return rows;
}

describe("the Decision log tab", () => {
  it("records the decisions a new workbook starts with, by whom and from where", () => {
    const wb = made();
    expect(logRows(wb)).toContainEqual([
      "2026-12-02T09:30",
      "Priya Shah",
      "NF-001",
      "Asha Patel",
      "D5.01",
      "Outcome",
      "",
      "PASS",
      "ilm command",
    ]);
    expect(logRows(wb).some((r) => r[2] === "NF-002")).toBe(false);
  });

  it("adds no row when a regeneration finds nothing changed", () => {
    const wb = made();
    const before = logRows(wb);
    const again = run(wb, { recording: { ...at, when: "2026-12-03T10:00" } });
    expect(again.logged).toEqual([]);
    expect(logRows(wb)).toEqual(before);
  });

  it("records a mark typed since as changed outside ilm, with the right before and after, once", () => {
    const wb = made();
    const before = logRows(wb);
    wb.typeAt(D501, "NF-001", BEST, 10);
    run(wb, { recording: { ...at, when: "2026-12-03T10:00" } });
    const added = logRows(wb).slice(before.length);
    expect(added).toContainEqual([
      "2026-12-03T10:00",
      "unknown",
      "NF-001",
      "Asha Patel",
      "D5.01",
      "Outcome",
      "PASS",
      "REFERRAL",
      "changed outside ilm",
    ]);
    expect(added.filter((r) => r[5] === "Outcome")).toHaveLength(1);
    expect(logRows(wb).slice(0, before.length)).toEqual(before);
    run(wb, { recording: { ...at, when: "2026-12-04T10:00" } });
    expect(logRows(wb)).toHaveLength(before.length + added.length);
  });

  it("keeps every row as it was, even one a person altered on an unprotected tab", () => {
    const wb = made();
    const sheet = wb.sheet(LOG_SHEET);
    const area = sheet?.tables[0]?.area;
    if (!area) throw new Error("no log table");
    wb.setCell(LOG_SHEET, area.row + 1, area.column + 1, { t: "text", v: "P. Shah (IQA)" });
    const before = JSON.stringify(logRows(wb));
    run(wb, { recording: { ...at, when: "2026-12-03T10:00" } });
    expect(JSON.stringify(logRows(wb))).toBe(before);
  });

  it("is a locked table on its own protected tab", () => {
    const g = generate({ what: "the workbook", file: cohortOf([asha]), recording: at });
    if (!g.ok) throw new Error(JSON.stringify(g.problems));
    const log = g.value.plan.sheets.find((s) => s.kind === "log");
    expect(log?.name).toBe(LOG_SHEET);
    expect(log?.protection.protect).toBe(true);
    expect(log?.table.columns.map((c) => c.header)).toEqual([
      "When",
      "Who",
      "Registration No",
      "Learner",
      "What",
      "Field",
      "Before",
      "After",
      "Source",
    ]);
    expect(log?.table.columns.every((c) => c.role !== "entry")).toBe(true);
  });
});

describe("When", () => {
  it("is a date-time serial that reads back to the minute", () => {
    const serial = whenSerial("2026-12-02T23:59");
    expect(serial).not.toBeNull();
    expect(whenText(serial ?? 0)).toBe("2026-12-02T23:59");
    expect(whenText(whenSerial("2026-12-02T00:00") ?? 0)).toBe("2026-12-02T00:00");
  });
});
