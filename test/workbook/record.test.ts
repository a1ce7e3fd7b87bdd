import type { GenerateRequest } from "../../src/app/generate";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import { decodeWorkbook } from "../../src/workbook/decode";
import { STATUS } from "../../src/workbook/layout";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell, WorkbookPlan } from "../../src/workbook/plan";
import { cohortOf } from "./helpers";

const a = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  assessments: { "D5.01": { marks: [3, 24, 9, 21], strengths: "Clear structure" } },
};
const b = { registration: "NF-002", name: "Ben Okafor", qualification: "500/3564/2" };
const c = { registration: "NF-003", name: "Cara Lee", qualification: "600/5791/9" };
const D501 = "D5.01 Assignment";
const CONTEXT = "Context /4 (min 2)";
const BEST = "Best practice /40 (min 20)";

/** A workbook made from a cohort, as `ilm workbook` makes it. */
function made(cohort: Cohort = cohortOf([a, b, c])): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const g = generate({ what: "the workbook", file: cohort });
  if (!g.ok) throw new Error(JSON.stringify(g.problems));
  wb.apply(g.value.plan);
  return wb;
}

/** Regenerates in place; on a refusal the workbook is left as it was. */
function regenerate(wb: MemoryWorkbook, request: Partial<GenerateRequest> = {}) {
  const g = generate({ what: "the workbook", contents: wb.contents(), ...request });
  if (g.ok) wb.apply(g.value.plan);
  return g;
}

const codes = (g: ReturnType<typeof regenerate>) => (g.ok ? [] : g.problems.map((p) => p.code));
const snapshot = (wb: MemoryWorkbook) => JSON.stringify(wb.contents());

describe("regeneration keeps the record", () => {
  it("gives a table converted to a range its table back, with every entry where it was", () => {
    const wb = made();
    wb.typeAt(D501, "NF-002", CONTEXT, 4);
    wb.convertToRange(D501);
    const g = regenerate(wb);
    expect(g.ok).toBe(true);
    if (g.ok) expect(g.value.summary.tablesRecovered).toEqual([D501]);
    expect(wb.sheet(D501)?.tables.map((t) => t.name)).toEqual(["MS_D5_01", "MS_D5_01_Key"]);
    expect(wb.valueAt(D501, "NF-002", CONTEXT)).toBe(4);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBe(24);
  });

  it("refuses, naming the table, when a converted range's header row cannot be found", () => {
    const wb = made();
    const column = wb.column(D501, CONTEXT);
    wb.convertToRange(D501);
    wb.setCell(D501, 0, column, { t: "text", v: "Ctx" });
    const before = snapshot(wb);
    const g = regenerate(wb);
    expect(codes(g)).toEqual(["table-missing"]);
    expect(snapshot(wb)).toBe(before);
  });

  it("never takes the name of a tab the user made: its own tab gets another name", () => {
    const wb = new MemoryWorkbook();
    const mine = wb.addSheet("Unit outcomes");
    mine.grid = [[{ t: "text", v: "my own notes" }]];
    const level3 = { registration: "NF-009", name: "Dev Rao", qualification: "603/3738/2" };
    const g = generate({ what: "the workbook", contents: wb.contents(), file: cohortOf([a, level3]) });
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    wb.apply(g.value.plan);
    expect(wb.sheet("Unit outcomes")?.grid[0]?.[0]).toEqual({ t: "text", v: "my own notes" });
    expect(wb.sheets.map((s) => s.name)).toContain("Unit outcomes (2)");
  });

  it("refuses a workbook ilm did not make when asked to (the command line's --out)", () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Budget").grid = [[{ t: "number", v: 1 }]];
    const g = generate({
      what: "budget.xlsx",
      contents: wb.contents(),
      file: cohortOf([a]),
      requireIlm: true,
    });
    expect(codes(g)).toEqual(["not-ilm-workbook"]);
  });

  it("finds rows by Registration No wherever the column is, after columns are moved", () => {
    const wb = made();
    const sheet = wb.sheet(D501);
    if (!sheet) throw new Error("no tab");
    // Drag Learner in front of Registration No: swap the first two columns of every row.
    for (const row of sheet.grid) [row[0], row[1]] = [row[1] ?? null, row[0] ?? null];
    wb.typeAt(D501, "NF-002", CONTEXT, 1);
    const g = regenerate(wb, { file: cohortOf([a, b, c]) });
    expect(g.ok).toBe(true);
    expect(wb.valueAt(D501, "NF-002", CONTEXT)).toBe(1);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBe(24);
    expect(wb.valueAt(D501, "NF-002", "Status")).toBe(STATUS.active);
  });

  it("refuses, naming the column, when a mark column's header was renamed", () => {
    const wb = made();
    wb.renameHeader(D501, BEST, "Best practice");
    const before = snapshot(wb);
    const g = regenerate(wb);
    expect(codes(g)).toEqual(["column-missing"]);
    if (!g.ok) {
      expect(g.problems[0]?.place).toEqual({ sheet: D501, table: "MS_D5_01", column: BEST });
      expect(g.problems[0]?.message).toContain('"Best practice"');
    }
    expect(snapshot(wb)).toBe(before);
  });

  it("refuses a cohort file of another centre", () => {
    const wb = made();
    const other = { ...cohortOf([a, b]), centre: { number: "999999", name: "Elsewhere College" } };
    const g = regenerate(wb, { file: other });
    expect(codes(g)).toEqual(["other-centre"]);
  });

  it("refuses two rows with one registration number, ignoring case, naming both rows", () => {
    const wb = made();
    wb.setCell(D501, wb.row(D501, "NF-002"), 0, { t: "text", v: "nf-001" });
    const g = regenerate(wb);
    expect(codes(g)).toEqual(["duplicate-row"]);
    if (!g.ok) expect(g.problems[0]?.place?.cell).toBe("A2, A3");
  });

  it("refuses to grow a table over cells a person typed below it, and never reads them as a learner", () => {
    const wb = made();
    const area = wb.tableArea(D501);
    wb.type(D501, `B${area.row + area.rows + 1}`, "a note below the table");
    const g = regenerate(wb);
    expect(g.ok).toBe(true);
    if (g.ok)
      expect(g.value.cohort.learners.map((l) => l.registration)).toEqual(["NF-001", "NF-002", "NF-003"]);
    const more = regenerate(wb, { file: cohortOf([a, b, c, { ...b, registration: "NF-004" }]) });
    expect(codes(more)).toEqual(["cells-in-the-way"]);
  });

  it("keeps cells typed beside a table and on the user's own tabs", () => {
    const wb = made();
    const area = wb.tableArea(D501);
    const beside = area.column + area.columns + 2;
    wb.setCell(D501, 1, beside, { t: "text", v: "beside" });
    const g = regenerate(wb);
    expect(g.ok).toBe(true);
    expect(wb.sheet(D501)?.grid[1]?.[beside]).toEqual({ t: "text", v: "beside" });
  });

  it("refuses, naming the cell, when something typed is where a mark sheet's colour key goes", () => {
    // A workbook written before mark sheets had a colour key, with a note typed where the key now goes.
    const g0 = generate({ what: "the workbook", file: cohortOf([a, b, c]) });
    if (!g0.ok) throw new Error(JSON.stringify(g0.problems));
    const isKey = (cell: Cell | undefined) => cell?.t === "text" && cell.v.endsWith("_Key");
    const withoutKeys: WorkbookPlan = {
      ...g0.value.plan,
      sheets: g0.value.plan.sheets.map((sheet) => {
        if (sheet.kind === "marksheet") return { ...sheet, moreTables: [] };
        if (sheet.kind !== "state") return sheet;
        const rows = sheet.table.rows.filter((r) => !r.some(isKey));
        return { ...sheet, table: { ...sheet.table, rows, keys: rows.map((_, i) => String(i)) } };
      }),
    };
    const wb = new MemoryWorkbook();
    wb.apply(withoutKeys);
    const area = wb.tableArea(D501);
    wb.setCell(D501, area.row + area.rows + 1, area.column + 1, { t: "text", v: "my note" });
    const before = snapshot(wb);
    const g = regenerate(wb);
    expect(codes(g)).toEqual(["cells-in-the-way"]);
    expect(g.ok ? "" : g.problems[0]?.message).toContain("The colour key needs the cells");
    expect(snapshot(wb)).toBe(before);
  });

  it("lists a correction in the cohort file as a conflict and writes nothing until told which wins", () => {
    const wb = made();
    const corrected = cohortOf([{ ...a, assessments: { "D5.01": { marks: [3, 26, 9, 21] } } }, b, c]);
    const before = snapshot(wb);
    const g = regenerate(wb, { file: corrected });
    expect(codes(g)).toEqual(["conflict"]);
    if (!g.ok) {
      expect(g.problems[0]?.registration).toBe("NF-001");
      expect(g.problems[0]?.place).toEqual({ sheet: D501, table: "MS_D5_01", column: BEST, cell: "E2" });
      expect(g.problems[0]?.message).toContain("the workbook holds 24, the cohort file 26");
    }
    expect(snapshot(wb)).toBe(before);
    expect(regenerate(wb, { file: corrected, prefer: "workbook" }).ok).toBe(true);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBe(24);
    expect(regenerate(wb, { file: corrected, prefer: "file" }).ok).toBe(true);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBe(26);
  });

  it("keeps a mark cleared in a cell cleared (nothing brings it back)", () => {
    const wb = made();
    wb.typeAt(D501, "NF-001", BEST, null);
    expect(regenerate(wb).ok).toBe(true);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBeNull();
  });

  it("takes the roster from the file: a learner it no longer lists is kept and marked Withdrawn", () => {
    const wb = made();
    const g = regenerate(wb, { file: cohortOf([b, c]) });
    expect(g.ok).toBe(true);
    if (g.ok) expect(g.value.summary.learnersWithdrawn).toEqual(["NF-001"]);
    expect(wb.valueAt("Learners", "NF-001", "Status")).toBe(STATUS.withdrawn);
    expect(wb.valueAt(D501, "NF-001", "Status")).toBe(STATUS.withdrawn);
    expect(wb.valueAt(D501, "NF-001", BEST)).toBe(24);
  });

  it("reads a roster change made on the Learners tab: the mark sheets follow it", () => {
    const wb = made();
    wb.typeAt("Learners", "NF-002", "Learner", "Ben Okafor-Smith");
    wb.typeAt("Learners", "NF-002", "Status", "Withdrawn");
    expect(regenerate(wb).ok).toBe(true);
    expect(wb.valueAt(D501, "NF-002", "Learner")).toBe("Ben Okafor-Smith");
    expect(wb.valueAt(D501, "NF-002", "Status")).toBe(STATUS.withdrawn);
  });

  it("gives assessment ids that differ only in punctuation tables of their own", () => {
    const file = {
      format: "ilm-catalogue/1",
      name: "centre",
      assessments: [
        {
          id: "A.1",
          title: "Assignment one",
          units: ["8580-500"],
          kind: "criteria",
          criteria: [{ id: "1.1" }],
        },
        {
          id: "A-1",
          title: "Assignment two",
          units: ["8580-500"],
          kind: "criteria",
          criteria: [{ id: "1.1" }],
        },
      ],
    };
    const g = generate({
      what: "wb",
      file: cohortOf([c]),
      catalogues: [{ source: "centre.json", json: file }],
    });
    if (!g.ok) throw new Error(JSON.stringify(g.problems));
    const names = g.value.plan.sheets.map((s) => s.table.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["ms_a_1", "ms_a_1_2"]));
  });

  it("bumps the settings revision on every write", () => {
    const wb = made();
    const rev = () => {
      const d = decodeWorkbook(wb.contents());
      return d.ok && d.value ? d.value.stored.revision : null;
    };
    expect(rev()).toBe(1);
    regenerate(wb);
    expect(rev()).toBe(2);
  });

  it("puts the Dashboard first, keeps a typed As of date and a person's chart, and refuses to grow over typed cells", () => {
    const wb = made();
    expect(wb.sheets[0]?.name).toBe("Dashboard");
    expect(wb.sheet("Dashboard")?.grid[1]?.[0]).toMatchObject({ t: "formula", f: "TODAY()" });
    wb.type("Dashboard", "A2", 46100);
    wb.sheet("Dashboard")?.charts.push({ name: "My chart" });
    wb.type("Dashboard", "Z40", "a note far to the right");
    expect(regenerate(wb).ok).toBe(true);
    expect(wb.sheet("Dashboard")?.grid[1]?.[0]).toEqual({ t: "date", v: 46100 });
    expect(wb.sheet("Dashboard")?.charts.map((c) => c.name)).toContain("My chart");
    expect(wb.cell("Dashboard", "Z40")).toEqual({ t: "text", v: "a note far to the right" });
    // A note right under the last Dashboard table: a new assessor's row would need that cell.
    const area = wb.sheet("Dashboard")?.tables.find((t) => t.name === "Dash_Assessors")?.area;
    if (!area) throw new Error("no assessors table");
    const below = `A${area.row + area.rows + 1}`;
    wb.type("Dashboard", below, "mine");
    const before = snapshot(wb);
    const d = { registration: "NF-004", name: "Dev Rao", qualification: "500/3564/2", assessor: "Z. New" };
    const g = regenerate(wb, { file: cohortOf([a, b, c, d]) });
    expect(codes(g)).toEqual(["cells-in-the-way"]);
    expect(snapshot(wb)).toBe(before);
  });
});
