import { readFileSync, readdirSync } from "node:fs";
import { ALLOWED } from "../../src/workbook/validations";
import { join } from "node:path";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain/cohort/schema";
import type { XContext } from "../../src/excel/api";
import type { ApplyReport } from "../../src/excel/apply";
import { applyPlan, headerRenames } from "../../src/excel/apply";
import { REQUEST_LIMIT, RESPONSE_BUDGET, RESPONSE_LIMIT } from "../../src/excel/batch";
import { FORMULA_CELL_ESTIMATE } from "../../src/excel/read";
import { LOG_TABLE } from "../../src/workbook/decision-log";
import { shiftReferences } from "../../src/workbook/formula";
import { createExcelAccess, createExcelPort } from "../../src/excel/port";
import type { HostFeatures } from "../../src/excel/requirements";
import type { SheetContents, WorkbookContents } from "../../src/workbook/contents";
import { cellAt, isFormulaValue, valueOf } from "../../src/workbook/contents";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { columnLetter } from "../../src/workbook/a1";
import type {
  Cell,
  ChartPlan,
  ColumnPlan,
  SheetPlan,
  TablePlan,
  WorkbookPlan,
} from "../../src/workbook/plan";
import { headerRowHeight } from "../../src/workbook/plan";
import type { WorkbookState } from "../../src/workbook/port";
import { SETTINGS_SHEET } from "../../src/workbook/settings";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { partText } from "../xlsx/helpers";
import { stateFor, typicalCohort } from "./cohort";
import { FakeExcel, moveFormula, parseAddress } from "./fake-excel";
import type { Rect, SheetModel } from "./fake-excel";

const ALL: HostFeatures = { core: true, api19: true, tableResize: true };

function portOn(fake: FakeExcel, onApplied?: (r: ApplyReport) => void) {
  return createExcelPort({
    run: fake.run,
    isSetSupported: fake.isSetSupported,
    ...(onApplied ? { onApplied } : {}),
  });
}

function accessOn(fake: FakeExcel, onApplied?: (r: ApplyReport) => void) {
  return createExcelAccess({
    run: fake.run,
    isSetSupported: fake.isSetSupported,
    ...(onApplied ? { onApplied } : {}),
  });
}

async function read(fake: FakeExcel): Promise<WorkbookContents> {
  const contents = await accessOn(fake).read();
  if (!contents.ok) throw new Error(contents.problems.map((p) => p.message).join(" "));
  return contents.value;
}

/** The plan generate() makes for a cohort file and what the workbook holds (with the revision it read). */
function planFor(
  contents: WorkbookContents | undefined,
  file: Cohort,
): { plan: WorkbookPlan; revision: number | null } {
  const generated = generate({ ...(contents ? { contents } : {}), what: "this workbook", file });
  if (!generated.ok) throw new Error(JSON.stringify(generated.problems.slice(0, 3)));
  return { plan: generated.value.plan, revision: generated.value.revision };
}

/** Reads the fake workbook, generates for `file`, and applies: what the task pane does. */
async function regenerate(
  fake: FakeExcel,
  file: Cohort,
): Promise<{ plan: WorkbookPlan; report: ApplyReport }> {
  const { plan, revision } = planFor(await read(fake), file);
  let report: ApplyReport | undefined;
  const applied = await accessOn(fake, (r) => (report = r)).apply(plan, revision);
  if (!applied.ok) throw new Error(applied.problems.map((p) => p.message).join(" "));
  return { plan, report: report as ApplyReport };
}

function sheetOf(fake: FakeExcel, prefix: string): SheetModel {
  const sheet = fake.model.sheets.find((s) => s.name.startsWith(prefix));
  if (!sheet) throw new Error(`no sheet ${prefix}`);
  return sheet;
}

/** Column index of a header in the header row (row `row`) of a fake sheet. */
function column(sheet: SheetModel, header: string, row = 0): number {
  for (let c = 0; c < 200; c++) if (sheet.valueAt(row, c) === header) return c;
  throw new Error(`no column ${header} in ${sheet.name}`);
}

function findHeader(sheet: SheetModel, prefix: string): number {
  for (let c = 0; c < 200; c++) if (String(sheet.valueAt(0, c)).startsWith(prefix)) return c;
  throw new Error(`no header ${prefix}`);
}

function rowOf(sheet: SheetModel, registration: string, col = 0): number {
  for (let r = 1; r < 20_000; r++) if (sheet.valueAt(r, col) === registration) return r;
  throw new Error(`no row ${registration} in ${sheet.name}`);
}

/** Every difference between two sheets' cells (formulas compared by their text: the fake does not calculate). */
function differences(a: SheetContents, b: SheetContents): string[] {
  const out: string[] = [];
  const rows = Math.max(a.grid.length, b.grid.length);
  for (let r = 0; r < rows; r++) {
    const columns = Math.max(a.grid[r]?.length ?? 0, b.grid[r]?.length ?? 0);
    for (let c = 0; c < columns; c++) {
      const x = cellAt(a, r, c);
      const y = cellAt(b, r, c);
      const same =
        isFormulaValue(x) || isFormulaValue(y)
          ? isFormulaValue(x) && isFormulaValue(y) && x.f === y.f
          : valueOf(x) === valueOf(y);
      if (!same) out.push(`${a.name} (${r},${c}): ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
  return out;
}

function snapshot(fake: FakeExcel): string {
  return JSON.stringify({
    sheets: fake.model.sheets.map((s) => [s.name, s.visibility, s.protection, [...s.cells], [...s.widths]]),
    tables: fake.model.tables.map((t) => [t.name, t.sheet.name, t.rect]),
  });
}

/** A cohort with two more learners than typicalCohort(n) would have... at the end of the roster. */
function grown(n: number, extra: number): Cohort {
  return typicalCohort(n + extra);
}

describe("reading a workbook (readContents)", () => {
  test("what Excel reads back equals the in-memory workbook's contents for the same plan, cell by cell", async () => {
    const { plan } = planFor(undefined, typicalCohort(40));
    const memory = new MemoryWorkbook();
    memory.apply(plan);
    const fake = new FakeExcel();
    await fake.run((context) => applyPlan(context, plan, { features: ALL }));
    const contents = await read(fake);
    const expected = memory.contents();

    // Excel's new workbook has its own Sheet1: after ilm's Dashboard (the first tab), before ilm's other tabs.
    const [dashboard, ...rest] = expected.sheets.map((s) => [s.name, s.visibility]);
    expect(contents.sheets.map((s) => [s.name, s.visibility])).toEqual([
      dashboard,
      ["Sheet1", "visible"],
      ...rest,
    ]);
    expect(contents.tables).toEqual(expected.tables);
    expect(contents.definedNames).toEqual([]);
    let cells = 0;
    const diffs: string[] = [];
    for (const sheet of expected.sheets) {
      const read = contents.sheets.find((s) => s.name === sheet.name) as SheetContents;
      diffs.push(...differences(read, sheet));
      cells += sheet.grid.reduce((n, row) => n + (row?.length ?? 0), 0);
    }
    expect(diffs.slice(0, 10)).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
    // A comment typed with a leading "=" stays text; a formula reads as a formula.
    const marks = contents.sheets.find((s) => s.name.startsWith("8580-500")) as SheetContents;
    const improvements = marks.grid[0]?.findIndex((c) => c === "Areas for improvement") ?? -1;
    expect(marks.grid.some((row) => row?.[improvements] === "=Reflect more on barriers")).toBe(true);
    expect(marks.grid[1]?.some((c) => isFormulaValue(c))).toBe(true);
  });

  test("defined names, hidden sheets and a person's own tables are read; a person's plain tab is not", async () => {
    const fake = new FakeExcel();
    fake.model.names.push("Budget");
    await fake.run(async (context: XContext) => {
      const notes = context.workbook.worksheets.add("Notes");
      notes.getRange("A1:B1").values = [["Only mine", 1]];
      const mine = context.workbook.worksheets.add("Mine");
      mine.getRange("C5:D7").values = [
        ["Item", "Cost"],
        ["Pens", 2],
        ["Paper", 3],
      ];
      mine.tables.add("C5:D7", true).name = "Costs";
      mine.visibility = "Hidden";
      await context.sync();
    });
    const contents = await read(fake);
    expect(contents.definedNames).toEqual(["Budget"]);
    expect(contents.tables).toEqual([
      { name: "Costs", sheet: "Mine", area: { row: 4, column: 2, rows: 3, columns: 2 } },
    ]);
    const mine = contents.sheets.find((s) => s.name === "Mine") as SheetContents;
    expect(mine.visibility).toBe("hidden");
    expect(cellAt(mine, 6, 3)).toBe(3);
    expect(mine.grid[0]).toBeUndefined();
    expect(contents.sheets.find((s) => s.name === "Notes")?.grid).toEqual([]);
  });

  test("a response that would pass 5 MB is read again in more bands", async () => {
    const fake = new FakeExcel();
    const long = "ẞ".repeat(3000); // 9,000 bytes a cell
    await fake.run(async (context: XContext) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").values = [["Key", "Text"]];
      for (let from = 0; from < 800; from += 200) {
        const rows = Array.from({ length: 200 }, (_, i) => [`R${from + i}`, long]);
        ws.getRangeByIndexes(1 + from, 0, 200, 2).numberFormat = rows.map(() => ["@", "@"]);
        ws.getRangeByIndexes(1 + from, 0, 200, 2).values = rows;
        await context.sync();
      }
      ws.tables.add("A1:B801", true).name = "Long";
      await context.sync();
    });
    const contents = await read(fake);
    expect(cellAt(contents.sheets[0] as SheetContents, 800, 1)).toBe(long);
    // The first try was refused by the 5 MB limit, as Excel on the web would; the next fitted.
    const refused = fake.requests.filter((r) => r.responseBytes >= RESPONSE_LIMIT);
    expect(refused.length).toBeGreaterThan(0);
    expect(fake.requests[fake.requests.length - 1]?.responseBytes).toBeLessThan(RESPONSE_LIMIT);
  });
});

describe("applying a plan (applyPlan)", () => {
  test("a table whose origin is B3 is written there, and the cells around it are kept", async () => {
    // A workbook whose Learners table a person moved to B3 (a row and a column inserted above and left).
    const cohort = typicalCohort(12);
    const memory = new MemoryWorkbook();
    memory.apply(planFor(undefined, cohort).plan);
    const learners = memory.sheet("Learners");
    if (!learners) throw new Error("no Learners");
    learners.grid = [[], [], ...learners.grid.map((row) => [null, ...row])];
    const t = learners.tables[0] as { area: { row: number; column: number; rows: number; columns: number } };
    t.area = { ...t.area, row: 2, column: 1 };
    const { plan } = planFor(memory.contents(), cohort);
    const sheetPlan = plan.sheets.find((s) => s.kind === "learners") as SheetPlan;
    expect(sheetPlan.table.origin).toEqual({ row: 2, column: 1 });

    // Excel holds a person's cells around where the table goes.
    const fake = new FakeExcel();
    await fake.run(async (context: XContext) => {
      const ws = context.workbook.worksheets.add("Learners");
      ws.getRange("A1").values = [["Cohort notes"]];
      ws.getRange("B2").values = [["Above the table"]];
      ws.getRange("A5").values = [["Left of the table"]];
      await context.sync();
    });
    await fake.run((context) => applyPlan(context, plan, { features: ALL }));

    const sheet = sheetOf(fake, "Learners");
    expect(sheet.valueAt(2, 1)).toBe("Registration No");
    expect(sheet.valueAt(3, 1)).toBe("NF-00001");
    expect(fake.model.table("Learners")?.rect).toEqual({
      row: 2,
      col: 1,
      rows: 13,
      cols: sheetPlan.table.columns.length,
    });
    expect(sheet.valueAt(0, 0)).toBe("Cohort notes");
    expect(sheet.valueAt(1, 1)).toBe("Above the table");
    expect(sheet.valueAt(4, 0)).toBe("Left of the table");
    expect(sheet.freeze).toEqual({ rows: 3, columns: 3 });
    // Conditional formats cover the body (from row 4), never the cells around it.
    expect(sheet.conditionalFormats.every((cf) => cf.rect.row === 3 && cf.rect.col >= 1)).toBe(true);
    expect(sheet.page.titleRows).toBe("$3:$3");

    // And it reads back as the in-memory workbook holds it.
    memory.apply(plan);
    const contents = await read(fake);
    const expected = memory.contents().sheets.find((s) => s.name === "Learners") as SheetContents;
    const got = contents.sheets.find((s) => s.name === "Learners") as SheetContents;
    const diffs = differences(got, expected).filter((d) => !/\((0,0|1,1|4,0)\)/.test(d));
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  test("cells beside and below a table, a person's own tab and column widths are kept across a regeneration", async () => {
    const fake = new FakeExcel();
    await regenerate(fake, typicalCohort(30));
    const learners = sheetOf(fake, "Learners");
    const table = fake.model.table("Learners");
    if (!table) throw new Error("no table");
    const right = table.rect.col + table.rect.cols + 1;
    const below = table.rect.row + table.rect.rows + 6;
    learners.ensure(0, right).value = "Beside";
    learners.ensure(5, right).value = 42;
    learners.ensure(below, 0).value = "Below";
    const nameColumn = column(learners, "Learner");
    learners.widths.set(nameColumn, 222);
    await fake.run(async (context: XContext) => {
      context.workbook.worksheets.add("My notes").getRange("A1:B2").values = [
        ["Mine", 1],
        ["Also mine", 2],
      ];
      await context.sync();
    });

    const { report } = await regenerate(fake, grown(30, 2));
    expect(report.printSetupFailed).toEqual([]);
    const after = sheetOf(fake, "Learners");
    expect(after.valueAt(0, right)).toBe("Beside");
    expect(after.valueAt(5, right)).toBe(42);
    expect(after.valueAt(below, 0)).toBe("Below");
    expect(after.widths.get(nameColumn)).toBe(222);
    expect(rowOf(after, "NF-00032")).toBe(32);
    expect(fake.model.table("Learners")?.rect.rows).toBe(33);
    expect(fake.model.sheet("My notes")?.valueAt(1, 0)).toBe("Also mine");
    expect(fake.model.sheets.map((s) => s.name)).toContain("Sheet1");
    expect(fake.used.has("Table.resize")).toBe(true);
    expect(fake.used.has("WorksheetCollection.delete")).toBe(false);
    expect(fake.model.headerRenames).toEqual([]);
  });

  test("a stale revision is refused and nothing is written", async () => {
    const fake = new FakeExcel();
    await regenerate(fake, typicalCohort(10));
    const { plan, revision } = planFor(await read(fake), typicalCohort(12));
    expect(revision).toBe(1);

    // A co-author regenerates meanwhile: the settings' revision moves on.
    const settings = sheetOf(fake, SETTINGS_SHEET);
    const row = rowOf(settings, "revision");
    settings.ensure(row, 1).value = "2";
    const before = snapshot(fake);
    const requests = fake.syncs;
    const refused = await accessOn(fake).apply(plan, revision);
    expect(refused).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ message: expect.stringMatching(/Someone else changed/) })],
    });
    expect(snapshot(fake)).toBe(before);
    expect(fake.syncs - requests).toBe(2); // the two reads; no write was sent

    // A plan made for a workbook without settings is refused once settings exist.
    const fresh = await accessOn(fake).apply(planFor(undefined, typicalCohort(3)).plan, null);
    expect(fresh.ok).toBe(false);
    expect(snapshot(fake)).toBe(before);
  });

  test("renaming headers in place never makes Excel rename a duplicate header", async () => {
    const columns = (headers: string[]): ColumnPlan[] =>
      headers.map((header, i) => ({ key: `k${i}/${header}`, header, role: "entry" as const, width: 10 }));
    const sheetPlan = (headers: string[]): SheetPlan => ({
      name: "Marks",
      kind: "marksheet",
      table: {
        name: "Marks",
        origin: { row: 1, column: 2 },
        columns: columns(headers),
        rows: [headers.map((h) => ({ t: "text" as const, v: `${h} value` }))],
        keys: ["NF-1"],
      },
      conditionalFormats: [],
      freeze: { rows: 1, columns: 0 },
      protection: { protect: false, allow: ALLOWED },
      print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
      visibility: "visible",
    });
    const fake = new FakeExcel();
    await fake.run((context) =>
      applyPlan(
        context,
        { mode: "portable", sheets: [sheetPlan(["Outcome", "Mark", "Notes"])] },
        { features: ALL },
      ),
    );
    // Two headers swap names, one takes a name another had, and a column is added.
    await fake.run((context) =>
      applyPlan(
        context,
        { mode: "portable", sheets: [sheetPlan(["Mark", "Outcome", "outcome (2)", "Notes"])] },
        { features: ALL },
      ),
    );
    expect(fake.model.headerRenames).toEqual([]);
    expect(fake.model.table("Marks")?.headers()).toEqual(["Mark", "Outcome", "outcome (2)", "Notes"]);
    // A table losing a column whose name a remaining column takes.
    await fake.run((context) =>
      applyPlan(context, { mode: "portable", sheets: [sheetPlan(["Notes", "Mark"])] }, { features: ALL }),
    );
    expect(fake.model.headerRenames).toEqual([]);
    expect(fake.model.table("Marks")?.headers()).toEqual(["Notes", "Mark"]);
    expect(sheetOf(fake, "Marks").valueAt(1, 4)).toBe("");
    expect(headerRenames(["A", "B"], ["B", "A"])).toHaveLength(2);
    expect(headerRenames(["A", "B"], ["A", "C"])).toEqual([[null, "C"]]);
  });

  test("print setup a host refuses (verticalFitToPages: 0) leaves protection and visibility applied", async () => {
    const fake = new FakeExcel();
    fake.refuse = (member, args) =>
      member === "PageLayout.zoom" && (args as Excel.PageLayoutZoomOptions).verticalFitToPages === 0
        ? "verticalFitToPages must be at least 1"
        : undefined;
    const { report, plan } = await regenerate(fake, typicalCohort(8));
    // Every sheet but the Feedback tab asks for fit to width (verticalFitToPages: 0); the Feedback tab for one page.
    expect(report.printSetupFailed).toEqual(plan.sheets.filter((s) => !s.print.onePage).map((s) => s.name));
    expect(sheetOf(fake, "Learners").protection.protected).toBe(true);
    expect(fake.model.sheet(SETTINGS_SHEET)?.visibility).toBe("VeryHidden");
    expect(sheetOf(fake, "Learners").page.orientation).toBe("Landscape");
    expect(sheetOf(fake, "Feedback").page).toMatchObject({
      orientation: "Portrait",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
    });
  });
});

describe("the Feedback tab in Excel", () => {
  test("drop-downs list the Learners tab's and the Dashboard's cells, rows get their heights, the choices are kept", async () => {
    const fake = new FakeExcel();
    const { plan } = await regenerate(fake, typicalCohort(8));
    const tab = plan.sheets.find((s) => s.kind === "feedback") as SheetPlan;
    const sheet = sheetOf(fake, "Feedback");
    const rule = (row: number, col: number) => sheet.validations.get(`${row},${col}`)?.rule.list?.source;
    expect(rule(1, 0)).toBe("='Learners'!$A$2:$A$9");
    expect(rule(1, 2)).toMatch(/^='Dashboard'!\$A\$\d+:\$A\$\d+$/);
    for (const t of [tab.table, ...(tab.moreTables ?? [])])
      (t.rowHeights ?? []).forEach((h, r) => expect(sheet.heights.get((t.origin?.row ?? 0) + 1 + r)).toBe(h));
    const first = sheet.valueAt(1, 0);
    expect(typeof first).toBe("string");
    // A person chooses another learner; a regeneration keeps the choice.
    const other = sheetOf(fake, "Learners").valueAt(3, 0);
    sheet.ensure(1, 0).value = other;
    await regenerate(fake, typicalCohort(8));
    expect(sheetOf(fake, "Feedback").valueAt(1, 0)).toBe(other);
    expect(other).not.toBe(first);
  });
});

/**
 * The requests that read the Decision log: it is history (it grows with the changes recorded, not with the
 * cohort), read in bands of its own planned from its size, as many as a power of two at 90% of the budget.
 */
function historyReads(fake: FakeExcel): number {
  const rect = fake.model.table(LOG_TABLE)?.rect;
  if (!rect) return 0;
  const estimate = rect.rows * (rect.cols * FORMULA_CELL_ESTIMATE + 3);
  return 2 ** Math.ceil(Math.log2(Math.max(1, estimate / (0.9 * RESPONSE_BUDGET))));
}

describe("requests and responses stay small whatever the cohort", () => {
  test("5,000 learners take as many syncs as 50 to read and to write; requests < 4 MB, responses < 5 MB", async () => {
    const measure = async (n: number) => {
      const fake = new FakeExcel();
      await regenerate(fake, typicalCohort(n));
      const start = fake.syncs;
      const contents = await read(fake);
      const reads = fake.requests.slice(start);
      const { plan, revision } = planFor(contents, typicalCohort(n));
      const writeStart = fake.syncs;
      const applied = await accessOn(fake).apply(plan, revision);
      if (!applied.ok) throw new Error(applied.problems.map((p) => p.message).join(" "));
      const writes = fake.requests.slice(writeStart);
      return { fake, reads, writes };
    };
    const small = await measure(50);
    const large = await measure(5000);
    // As many for the cohort's tabs; the Decision log's history as many more as its size needs.
    expect(large.reads.length).toBe(small.reads.length + historyReads(large.fake) - historyReads(small.fake));
    expect(historyReads(large.fake)).toBeLessThanOrEqual(2);
    expect(large.writes.length).toBe(small.writes.length);
    for (const { fake } of [small, large]) {
      expect(fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
      expect(fake.largestResponse).toBeLessThan(RESPONSE_LIMIT);
    }
    // The large workbook really holds 5,000 learners (the request count is not flat because data was dropped).
    const learners = sheetOf(large.fake, "Learners");
    expect(learners.valueAt(5000, 0)).toBe("NF-05000");
    expect(large.fake.model.table("Learners")?.rect.rows).toBe(5001);
    const summary = (m: typeof small) =>
      `${m.reads.length} reads (largest response ${Math.max(...m.reads.map((r) => r.responseBytes))} B), ${m.writes.length} writes (largest request ${Math.max(...m.writes.map((r) => r.bytes))} B)`;
    console.log(`50 learners: ${summary(small)}; 5,000 learners: ${summary(large)}`);
  }, 120_000);

  test("a cohort written in Welsh and Chinese is measured in bytes, so no request reaches 4 MB", async () => {
    const base = stateFor(5000);
    // About 4 million characters of comments on one tab, three bytes each: a request packed to the budget by
    // counting characters would carry about 9 MB.
    const comment = "计划清晰，需要更多证据。".repeat(400);
    const learners = base.cohort.learners.map((l, i) => ({
      ...l,
      name: `Siân Llŷr-Ōkawa 林${i}`,
      assessments: {
        ...l.assessments,
        ...(l.qualification === "500/3564/2" ? { "D5.01": { strengths: comment } } : {}),
      },
    }));
    const fake = new FakeExcel("1.13");
    await regenerate(fake, { ...base.cohort, learners });
    expect(fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
    // Reading it back: the comments are far longer than a read plans a cell at, so a refused read is tried again
    // in more bands; what is read is whole.
    const contents = await read(fake);
    const d501 = contents.sheets.find((s) => s.name.startsWith("D5.01")) as SheetContents;
    expect(d501.grid.some((row) => row?.some((c) => c === comment))).toBe(true);
  }, 120_000);
});

describe("the task pane's port over Excel", () => {
  test("calculation is suspended in every write request and the workbook is recalculated once", async () => {
    const fake = new FakeExcel();
    let report: ApplyReport | undefined;
    expect((await portOn(fake, (r) => (report = r)).generate(stateFor(30))).ok).toBe(true);
    expect(fake.model.calculations).toEqual(["Full"]);
    // Every write request started by suspending calculation: all but the apply's two reads, the
    // recalculation and the print setup.
    expect(fake.model.suspensions).toBe((report as ApplyReport).syncs - 2 - 1 - 1);
  });

  test("a name typed as =HYPERLINK(...) and a comment starting with = stay text", async () => {
    const fake = new FakeExcel();
    expect((await portOn(fake).generate(stateFor(12))).ok).toBe(true);
    const learners = sheetOf(fake, "Learners");
    const name = learners.cell(rowOf(learners, "NF-00006"), column(learners, "Learner"));
    expect(name?.formula).toBeNull();
    expect(name?.value).toBe('=HYPERLINK("x") 5');
    const marks = sheetOf(fake, "8580-500");
    const comments = marks.cell(rowOf(marks, "NF-00003"), column(marks, "Areas for improvement"));
    expect(comments?.formula).toBeNull();
    expect(comments?.value).toBe("=Reflect more on barriers");
  });

  test("regeneration keeps typed entries on their learner's row and marks removed learners withdrawn", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    expect((await port.generate(stateFor(24))).ok).toBe(true);
    expect((await port.loadState()).ok).toBe(true);

    const d501 = sheetOf(fake, "D5.01");
    const row7 = rowOf(d501, "NF-00007");
    expect(d501.valueAt(row7, findHeader(d501, "Context"))).toBe(2);
    d501.ensure(row7, findHeader(d501, "Context")).value = 4;
    d501.ensure(row7, column(d501, "Strengths")).value = "Typed in Excel";

    // Learners added and one withdrawn in the task pane.
    const loaded = await port.loadState();
    if (!loaded.ok || !loaded.value) throw new Error("not loaded");
    const cohort = typicalCohort(40);
    const changed: WorkbookState = {
      ...loaded.value,
      cohort: {
        ...loaded.value.cohort,
        learners: [
          ...loaded.value.cohort.learners.map((l) =>
            l.registration === "NF-00010" ? { ...l, withdrawn: true } : l,
          ),
          ...cohort.learners.slice(24),
        ],
      },
    };
    const second = await port.generate(changed);
    if (!second.ok) throw new Error(second.problems.map((p) => p.message).join(" "));
    expect(second.value.learnersWithdrawn).toContain("NF-00010");

    const after = sheetOf(fake, "D5.01");
    const row = rowOf(after, "NF-00007");
    expect(after.valueAt(row, findHeader(after, "Context"))).toBe(4);
    expect(after.valueAt(row, column(after, "Strengths"))).toBe("Typed in Excel");
    const learners = sheetOf(fake, "Learners");
    expect(learners.valueAt(rowOf(learners, "NF-00010"), column(learners, "Status"))).toMatch(/withdrawn/i);
    expect(rowOf(learners, "NF-00040")).toBeGreaterThan(0);
    expect(fake.used.has("Table.resize")).toBe(true);
    expect(fake.model.table("Learners")?.rect.rows).toBe(41);
  });

  test("a password given for the session unprotects and protects again; without it the message says so", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    port.setProtectionPassword("s3cret");
    expect((await port.generate(stateFor(10))).ok).toBe(true);
    expect(sheetOf(fake, "Learners").protection).toMatchObject({ protected: true, password: "s3cret" });
    // No trace of the password with the settings: their sheet is not protected with it.
    expect(fake.model.sheet(SETTINGS_SHEET)?.protection).toEqual({ protected: false });
    const loaded = await port.loadState();
    if (!loaded.ok || !loaded.value) throw new Error("not loaded");
    const again = await port.generate(loaded.value);
    expect(again).toMatchObject({ ok: true });
    expect(sheetOf(fake, "Learners").protection).toMatchObject({ protected: true, password: "s3cret" });
    expect((await port.convertToPortable()).ok).toBe(true);
    expect(sheetOf(fake, "Learners").protection).toMatchObject({ protected: true, password: "s3cret" });

    const before = snapshot(fake);
    port.setProtectionPassword(null);
    const without = await port.generate(loaded.value);
    expect(without).toMatchObject({
      ok: false,
      problems: [
        expect.objectContaining({
          message: expect.stringMatching(/protected with a password ilm was not given.*task pane/),
        }),
      ],
    });
    expect(snapshot(fake)).toBe(before);
  });

  test("the settings live in a veryHidden sheet and the cohort round-trips through loadState", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    expect(await port.loadState()).toEqual({ ok: true, value: null });
    const state = stateFor(8, "ilm");
    expect((await port.generate(state)).ok).toBe(true);
    expect(fake.model.sheet(SETTINGS_SHEET)?.visibility).toBe("VeryHidden");
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.mode).toBe("ilm");
    expect(loaded.ok && loaded.value?.cohort.learners.length).toBe(8);
  });

  test("convertToPortable regenerates the workbook in portable mode and keeps entries", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    expect((await port.generate(stateFor(12, "ilm"))).ok).toBe(true);
    const d501 = sheetOf(fake, "D5.01");
    const outcome = column(d501, "Outcome");
    expect(d501.cell(1, outcome)?.formula).toMatch(/ILM\./);
    const strengths = column(d501, "Strengths");
    d501.ensure(rowOf(d501, "NF-00007"), strengths).value = "kept";
    const converted = await port.convertToPortable();
    expect(converted.ok).toBe(true);
    const after = sheetOf(fake, "D5.01");
    expect(after.cell(1, column(after, "Outcome"))?.formula).not.toMatch(/ILM\./);
    expect(after.valueAt(rowOf(after, "NF-00007"), column(after, "Strengths"))).toBe("kept");
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.mode).toBe("portable");
  });

  test("capabilities say in plain words what an older Excel lacks", async () => {
    const old = new FakeExcel("1.12");
    const caps = await portOn(old).capabilities();
    expect(caps.ok).toBe(true);
    expect(caps.missing.join(" ")).toMatch(/cannot resize tables \(ExcelApi 1\.13\)/);
    const ancient = await portOn(new FakeExcel("1.7")).capabilities();
    expect(ancient.ok).toBe(false);
    expect(ancient.missing[0]).toMatch(/ExcelApi 1\.8.*Update Excel/);
    expect(await portOn(new FakeExcel("1.13")).capabilities()).toEqual({ ok: true, missing: [] });
    const refused = await portOn(new FakeExcel("1.7")).generate(stateFor(3));
    expect(refused).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ message: expect.stringMatching(/ExcelApi 1\.8/) })],
    });
  });

  test("outside Excel the port says so instead of throwing", async () => {
    const port = createExcelPort();
    expect((await port.capabilities()).ok).toBe(false);
    expect(await port.loadState()).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ message: expect.stringMatching(/inside Excel/) })],
    });
  });

  test("the port uses the global Excel.run and Office requirements when installed", async () => {
    const fake = new FakeExcel();
    const uninstall = fake.install();
    try {
      const result = await createExcelPort().generate(stateFor(6));
      expect(result.ok).toBe(true);
      expect(fake.syncs).toBeGreaterThan(0);
    } finally {
      uninstall();
    }
  });

  test("without ExcelApi 1.13 tables are re-created over exactly their new rectangle", async () => {
    const fake = new FakeExcel("1.12");
    await regenerate(fake, typicalCohort(12));
    const learners = sheetOf(fake, "Learners");
    const table = fake.model.table("Learners");
    if (!table) throw new Error("no table");
    learners.ensure(0, table.rect.cols + 1).value = "Beside";
    await regenerate(fake, typicalCohort(30));
    expect(fake.used.has("Table.resize")).toBe(false);
    expect(fake.used.has("Table.convertToRange")).toBe(true);
    expect(fake.model.table("Learners")?.rect).toMatchObject({
      row: 0,
      col: 0,
      rows: 31,
      cols: table.rect.cols,
    });
    expect(sheetOf(fake, "Learners").valueAt(0, table.rect.cols + 1)).toBe("Beside");
  });

  test("no code in src/excel adds table rows (TableRowCollection.add) or deletes anything but ilm's own chart", () => {
    const dir = join(__dirname, "../../src/excel");
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/\brows\s*\.\s*add\b/);
      expect(code).not.toMatch(/\.rows\s*\.\s*(add|getItemAt)\b|addRows/);
      expect(code).not.toMatch(/TableRowCollection/);
      // The one deletion: ilm's chart found by its name, before it is drawn again (apply.ts, drawChart).
      expect(code.replace(/\bilmChart\?\.delete\(\)/g, "")).not.toMatch(/\.delete\(/);
    }
    // In the Office.js subset, only a chart can be deleted.
    const api = readFileSync(join(dir, "api.ts"), "utf8");
    expect(api.match(/^\s*delete\(\): void;/gm)).toHaveLength(1);
    expect(api).toMatch(/export interface XChart extends[^}]*delete\(\): void;/);
  });
});

describe("the fake keeps the adapter honest", () => {
  test("reading a property that was not loaded and synced throws, as in Office.js", async () => {
    const fake = new FakeExcel();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load("values");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
      const maybe = context.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => maybe.isNullObject).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(maybe.isNullObject).toBe(true);
    });
  });

  test("values typed into a cell not formatted as text become formulas and numbers, as in Excel", async () => {
    const fake = new FakeExcel();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:C1").values = [["=SUM(1)", "12", "x"]];
      ws.getRange("A2:C2").numberFormat = [["@", "@", "@"]];
      ws.getRange("A2:C2").values = [["=SUM(1)", "12", "x"]];
      await context.sync();
    });
    const sheet = fake.model.sheets[0] as SheetModel;
    expect(sheet.cell(0, 0)?.formula).toBe("=SUM(1)");
    expect(sheet.cell(0, 1)?.value).toBe(12);
    expect(sheet.cell(1, 0)).toMatchObject({ formula: null, value: "=SUM(1)" });
    expect(sheet.cell(1, 1)?.value).toBe("12");
  });

  test("a 2-D array that does not match the range is refused at sync", async () => {
    const fake = new FakeExcel();
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["only one"]];
        await context.sync();
      }),
    ).rejects.toThrow(/InvalidArgument/);
  });

  test("APIs beyond the host's requirement set fail at sync", async () => {
    const fake = new FakeExcel("1.12");
    await expect(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1:A2").values = [["h"], [1]];
        ws.tables.add("A1:A2", true).resize("A1:A3");
        await context.sync();
      }),
    ).rejects.toThrow(/ApiNotFound/);
  });
  test("a table's headers stay unique as Excel keeps them: a duplicate gets a number, a blank becomes ColumnN", async () => {
    const fake = new FakeExcel();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B2:D3").values = [
        ["Outcome", "Mark", "Notes"],
        [1, 2, 3],
      ];
      ws.tables.add("B2:D3", true);
      await context.sync();
      // A block written over the header row lands cell by cell: swapping two names in one write collides.
      ws.getRange("B2:C2").values = [["Mark", "Outcome"]];
      ws.getRange("D2").values = [[""]];
      await context.sync();
    });
    expect(fake.model.tables[0]?.headers()).toEqual(["Mark2", "Outcome", "Column3"]);
    expect(fake.model.headerRenames.map((r) => r.to)).toEqual(["Mark2", "Column3"]);
  });

  test("responses are measured in UTF-8 bytes of what was loaded", async () => {
    const fake = new FakeExcel();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["ŵŵ"]];
      await context.sync();
      ws.getRange("A1").load("values");
      await context.sync();
    });
    expect(fake.requests[1]?.responseBytes).toBe(Buffer.byteLength(JSON.stringify({ values: [["ŵŵ"]] })));
  });
});

describe("formula references move like Excel's fill", () => {
  const cases: [string, number, number][] = [
    ['IF(AND(D2<>"",D2<2),"REFERRAL",$A2&\'My Sheet\'!B$3)', 3, 0],
    ["INDEX('D5.01 Assignment'!$K:$K,MATCH($A2,'D5.01 Assignment'!$A:$A,0))", 10, 0],
    ["SUM(D2:G2)+LOG10(A2)", 1, 2],
    ['ILM.OUTCOME(D7,E7,"A1")', 4, 1],
  ];
  test.each(cases)("%s moved by (%d, %d)", (formula, rows, cols) => {
    expect(shiftReferences(formula, rows, cols)).toBe(moveFormula(formula, rows, cols));
  });
  test("whole-row references are not modelled and fall back to writing formulas out", () => {
    expect(shiftReferences("SUM(2:2)", 1, 0)).toBeNull();
  });
});

describe("the fake's grid equals what the .xlsx adapter writes for the same plan", () => {
  test("values and formulas per cell, and the header row height", async () => {
    const { plan } = planFor(undefined, typicalCohort(60));
    const fake = new FakeExcel();
    await fake.run(async (context) => applyPlan(context, plan, { features: ALL }));

    const bytes = await writeXlsx(plan);
    const contents = await readXlsxContents(bytes);
    let compared = 0;
    const diffs: string[] = [];
    plan.sheets.forEach((sheetPlan, index) => {
      const xs = contents.sheets.find((s) => s.name === sheetPlan.name);
      const fs = fake.model.sheet(sheetPlan.name);
      if (!xs || !fs) throw new Error(`missing ${sheetPlan.name}`);
      const rows = Math.max(sheetPlan.table.rows.length, 1) + 1;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < sheetPlan.table.columns.length; c++) {
          const x = cellAt(xs, r, c);
          const f = fs.cell(r, c);
          const xFormula = isFormulaValue(x) ? `=${x.f}` : null;
          const xValue = xFormula ? "" : (valueOf(x) ?? "");
          const fValue = f ? (f.formula ? "" : f.value) : "";
          const at = `${sheetPlan.name}!R${r + 1}C${c + 1}`;
          if ((f?.formula ?? null) !== xFormula) diffs.push(`${at} formula ${f?.formula} vs ${xFormula}`);
          if (fValue !== xValue) diffs.push(`${at} value ${String(fValue)} vs ${String(xValue)}`);
          compared++;
        }
      }
      const headerHeight = headerRowHeight(sheetPlan.table.columns);
      const xml = partText(bytes, `xl/worksheets/sheet${index + 1}.xml`);
      const xHeight = Number(/<row r="1"[^>]*\sht="([\d.]+)"/.exec(xml)?.[1]);
      if (fs.heights.get(0) !== headerHeight || xHeight !== headerHeight)
        diffs.push(`${sheetPlan.name} header height ${fs.heights.get(0)} vs ${xHeight}`);
    });
    expect(diffs.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  }, 60_000);
});

// ------------------------------------------------------------------------------------------------------------
// The Dashboard: several tables and native charts on one sheet, a new tab put first.

const text = (v: string): Cell => ({ t: "text", v });
const formula = (f: string): Cell => ({ t: "formula", f });

/** A small table at `origin`: a text column of `labels`, then one formula column per header. */
function blockTable(
  name: string,
  origin: { row: number; column: number },
  first: string,
  headers: readonly string[],
  labels: readonly string[],
  source: (label: string, header: string) => string,
): TablePlan {
  const columns: ColumnPlan[] = [
    { key: "label", header: first, role: "identity", numberFormat: "@", width: 28 },
    ...headers.map((header, i) => ({
      key: `f${i}`,
      header,
      role: "formula" as const,
      ...(header.endsWith("rate") ? { numberFormat: "0%" } : {}),
      width: 12,
    })),
  ];
  return {
    name,
    origin,
    columns,
    rows: labels.map((label) => [text(label), ...headers.map((h) => formula(source(label, h)))]),
    keys: [...labels],
  };
}

/** A column of a table at `origin` as an absolute range of its data rows ("$B$24:$B$29"). */
function columnRange(table: TablePlan, column: number): string {
  const row = (table.origin?.row ?? 0) + 2;
  const letter = columnLetter((table.origin?.column ?? 0) + column);
  return `$${letter}$${row}:$${letter}$${row + table.rows.length - 1}`;
}

/**
 * A Dashboard-like sheet for a generated plan: a Headline table (the main table), a table by qualification
 * and one by assessment (one row per mark-sheet tab), and two charts drawn from them. Its formulas count over
 * the Learners and mark-sheet tables with bounded ranges, as the Dashboard's do. `assessmentFirst` puts the
 * assessment table above the qualification table (they move past each other's places).
 */
function dashboardFor(plan: WorkbookPlan, learners: number, assessmentFirst = false): SheetPlan {
  const last = learners + 1;
  const headline = blockTable(
    "ILM_Headline",
    { row: 2, column: 0 },
    "Headline",
    ["Value"],
    ["Learners", "Withdrawn", "Achieved", "Ready to claim", "Referrals outstanding", "Not yet marked"],
    (label) => `COUNTIFS(Learners!$A$2:$A$${last},"<>",Learners!$D$2:$D$${last},"${label}")`,
  );
  const qualifications = [...new Set(typicalCohort(12).learners.map((l) => l.qualification))];
  const marksheets = plan.sheets.filter((s) => s.kind === "marksheet").map((s) => s.name);
  const headers = {
    qualification: ["Learners", "Achieved", "Achievement rate"],
    assessment: ["PASS", "REFERRAL", "Incomplete"],
  };
  const height = (rows: number) => rows + 3; // header, rows, a blank row, a title row
  const top = 2 + height(6);
  const qualificationRow = assessmentFirst ? top + height(marksheets.length) : top;
  const assessmentRow = assessmentFirst ? top : top + height(qualifications.length);
  const byQualification = blockTable(
    "ILM_ByQualification",
    { row: qualificationRow, column: 0 },
    "Qualification",
    headers.qualification,
    qualifications,
    (q, h) =>
      h === "Achievement rate"
        ? `IF(B${qualificationRow + 2}=0,"",C${qualificationRow + 2}/B${qualificationRow + 2})`
        : `SUMPRODUCT((Learners!$C$2:$C$${last}="${q}")*(Learners!$H$2:$H$${last}<>"Withdrawn"))`,
  );
  const byAssessment = blockTable(
    "ILM_ByAssessment",
    { row: assessmentRow, column: 0 },
    "Assessment",
    headers.assessment,
    marksheets,
    (a, h) => `COUNTIFS('${a}'!$Z$2:$Z$${last},"${h}")`,
  );
  return {
    name: "Hand dashboard",
    kind: "dashboard",
    position: "first",
    table: headline,
    moreTables: [byQualification, byAssessment],
    charts: [
      {
        name: "ilm-outcomes-by-assessment",
        title: "Outcomes by assessment",
        kind: "stackedBar",
        categories: columnRange(byAssessment, 0),
        series: headers.assessment.map((name, i) => ({ name, values: columnRange(byAssessment, i + 1) })),
        anchor: { row: 2, column: 6, rows: 16, columns: 8 },
      },
      {
        name: "ilm-achievement-by-qualification",
        title: "Achievement by qualification",
        kind: "bar",
        categories: columnRange(byQualification, 0),
        series: ["Learners", "Achieved"].map((name, i) => ({
          name,
          values: columnRange(byQualification, i + 1),
        })),
        anchor: { row: 19, column: 6, rows: 16, columns: 8 },
      },
    ],
    conditionalFormats: [
      {
        columns: ["f2"],
        formula: `AND(ISNUMBER(D${qualificationRow + 2}),D${qualificationRow + 2}<0.5)`,
        style: "referral",
      },
    ],
    freeze: { rows: 0, columns: 0 },
    protection: { protect: false, allow: ALLOWED },
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: false },
    visibility: "visible",
  };
}

/** generate() for the fake workbook and `file`, with the Dashboard added by hand; applied as the pane does. */
async function regenerateWithDashboard(
  fake: FakeExcel,
  file: Cohort,
  assessmentFirst = false,
): Promise<{ plan: WorkbookPlan; report: ApplyReport }> {
  const { plan: generated, revision } = planFor(await read(fake), file);
  const plan: WorkbookPlan = {
    ...generated,
    sheets: [dashboardFor(generated, file.learners.length, assessmentFirst), ...generated.sheets],
  };
  let report: ApplyReport | undefined;
  const applied = await accessOn(fake, (r) => (report = r)).apply(plan, revision);
  if (!applied.ok) throw new Error(applied.problems.map((p) => p.message).join(" "));
  return { plan, report: report as ApplyReport };
}

/** Every cell of every table of a sheet plan that the fake sheet does not hold as planned. */
function missingCells(sheet: SheetModel, plan: SheetPlan): string[] {
  const out: string[] = [];
  for (const table of [plan.table, ...(plan.moreTables ?? [])]) {
    const top = table.origin?.row ?? 0;
    const left = table.origin?.column ?? 0;
    const rows: Cell[][] = [table.columns.map((c) => text(c.header)), ...table.rows.map((r) => [...r])];
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const got = sheet.cell(top + r, left + c);
        const ok =
          cell === null
            ? got === undefined || (got.formula === null && got.value === "")
            : cell.t === "formula"
              ? got?.formula === `=${cell.f}`
              : got?.formula === null && got.value === cell.v;
        if (!ok) out.push(`${table.name} (${r},${c}): ${JSON.stringify(cell)} vs ${JSON.stringify(got)}`);
      }),
    );
  }
  return out;
}

/** A table plan's rectangle, as the fake models it. */
function rectOf(table: TablePlan): Rect {
  return {
    row: table.origin?.row ?? 0,
    col: table.origin?.column ?? 0,
    rows: table.rows.length + 1,
    cols: table.columns.length,
  };
}

/** The chart the plan describes, as the fake models it. */
function expectedChart(chart: ChartPlan) {
  return {
    name: chart.name,
    type: chart.kind === "stackedBar" ? "BarStacked" : "BarClustered",
    title: chart.title,
    series: chart.series.map((s) => ({
      name: s.name,
      values: parseAddress(s.values),
      categories: parseAddress(chart.categories),
    })),
    position: {
      row: chart.anchor.row,
      col: chart.anchor.column,
      rows: chart.anchor.rows,
      cols: chart.anchor.columns,
    },
  };
}

function chartsOf(sheet: SheetModel) {
  return sheet.charts.map((c) => ({
    name: c.name,
    type: c.type,
    title: c.title,
    series: c.series.map((s) => ({ ...s })),
    position: c.position,
  }));
}

describe("the Dashboard: several tables and native charts on one sheet", () => {
  test("a Dashboard with three tables and two charts is written in as many syncs for 5,000 learners as for 50; requests < 4 MB, responses < 5 MB", async () => {
    const measure = async (n: number) => {
      const fake = new FakeExcel();
      const created = await regenerateWithDashboard(fake, typicalCohort(n));
      const start = fake.syncs;
      const { plan } = await regenerateWithDashboard(fake, typicalCohort(n));
      return { fake, first: created.report.syncs, again: fake.requests.slice(start), plan };
    };
    const small = await measure(50);
    const large = await measure(5000);
    expect(large.first).toBe(small.first);
    expect(large.again.length).toBe(small.again.length + historyReads(large.fake) - historyReads(small.fake));
    for (const { fake, plan } of [small, large]) {
      // Real bytes: the fake measures the UTF-8 JSON of every operation and of every loaded value.
      expect(fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
      expect(fake.largestResponse).toBeLessThan(RESPONSE_LIMIT);
      const dashboard = sheetOf(fake, "Hand dashboard");
      const sheetPlan = plan.sheets[0] as SheetPlan;
      expect(missingCells(dashboard, sheetPlan)).toEqual([]);
      for (const t of [sheetPlan.table, ...(sheetPlan.moreTables ?? [])])
        expect(fake.model.table(t.name)?.rect).toEqual(rectOf(t));
      expect(chartsOf(dashboard)).toEqual((sheetPlan.charts ?? []).map(expectedChart));
      // The rule for the Achievement rate column paints that column of the table by qualification only.
      const byQualification = rectOf(sheetPlan.moreTables?.[0] as TablePlan);
      expect(dashboard.conditionalFormats.map((cf) => cf.rect)).toEqual([
        { row: byQualification.row + 1, col: 3, rows: byQualification.rows - 1, cols: 1 },
      ]);
    }
    // The large workbook really holds 5,000 learners.
    expect(sheetOf(large.fake, "Learners").valueAt(5000, 0)).toBe("NF-05000");
    const bytes = (rs: readonly { bytes: number; responseBytes: number }[]) =>
      `largest request ${Math.max(...rs.map((r) => r.bytes))} B, largest response ${Math.max(...rs.map((r) => r.responseBytes))} B`;
    console.log(
      `With the Dashboard: first write ${small.first} syncs (50) / ${large.first} (5,000); regeneration ${small.again.length} syncs (50: ${bytes(small.again)}) / ${large.again.length} (5,000: ${bytes(large.again)})`,
    );
  }, 180_000);

  test("tables that move past each other's old places keep every new cell, and no old cell is left", async () => {
    for (const api of ["1.13", "1.12"]) {
      const fake = new FakeExcel(api);
      await regenerateWithDashboard(fake, typicalCohort(12));
      const dashboard = sheetOf(fake, "Hand dashboard");
      const before = new Set([...dashboard.cells.keys()]);
      // The assessment table moves above the qualification table, which moves below it.
      const { plan } = await regenerateWithDashboard(fake, typicalCohort(12), true);
      const sheetPlan = plan.sheets[0] as SheetPlan;
      expect(missingCells(dashboard, sheetPlan)).toEqual([]);
      for (const t of [sheetPlan.table, ...(sheetPlan.moreTables ?? [])])
        expect(fake.model.table(t.name)?.rect).toEqual(rectOf(t));
      // Every cell with content is in a table now: nothing of the old places is left over.
      const owned = [sheetPlan.table, ...(sheetPlan.moreTables ?? [])].map(rectOf);
      for (const [key, cell] of dashboard.cells) {
        const [row, col] = key.split(",").map(Number) as [number, number];
        const inside = owned.some(
          (r) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols,
        );
        if (!inside)
          expect({ key, value: cell.value, formula: cell.formula, format: cell.format }).toEqual({
            key,
            value: "",
            formula: null,
            format: "General",
          });
      }
      expect(before.size).toBeGreaterThan(0);
      expect(fake.model.headerRenames).toEqual([]);
    }
  }, 60_000);

  test("a table grows into the cells its neighbour gives up: the neighbour shrinks first", async () => {
    const table = (name: string, origin: { row: number; column: number }, columns: number, rows: number) =>
      blockTable(
        name,
        origin,
        `${name} label`,
        Array.from({ length: columns - 1 }, (_, i) => `${name} ${i + 1}`),
        Array.from({ length: rows }, (_, i) => `${name} row ${i + 1}`),
        (label, header) => `LEN("${label} ${header}")`,
      );
    const sheet = (wide: number, tall: number): SheetPlan => ({
      ...dashboardFor({ mode: "portable", sheets: [] }, 1),
      charts: [],
      conditionalFormats: [],
      // The main table above and to the right, `tall` rows long, written first; the other below, `wide` wide.
      table: table("High", { row: 0, column: 4 }, 2, tall),
      moreTables: [table("Low", { row: 3, column: 0 }, wide, 3)],
    });
    const fake = new FakeExcel("1.13");
    const apply = (s: SheetPlan) =>
      fake.run((context) => applyPlan(context, { mode: "portable", sheets: [s] }, { features: ALL }));
    await apply(sheet(6, 2)); // Low: A4:F7; High: E1:F3
    const grown = sheet(4, 8); // Low gives up E4:F7; High grows to E1:F9
    await apply(grown);
    const dashboard = sheetOf(fake, "Hand dashboard");
    expect(missingCells(dashboard, grown)).toEqual([]);
    expect(fake.model.table("Low")?.rect).toEqual({ row: 3, col: 0, rows: 4, cols: 4 });
    expect(fake.model.table("High")?.rect).toEqual({ row: 0, col: 4, rows: 9, cols: 2 });
    expect(fake.used.has("Table.convertToRange")).toBe(false);
    expect(fake.model.headerRenames).toEqual([]);
  });

  test("a person's chart on the Dashboard survives a regeneration; ilm's chart is replaced, not duplicated", async () => {
    const fake = new FakeExcel();
    await regenerateWithDashboard(fake, typicalCohort(20));
    // A person adds a chart of their own, and retitles ilm's chart.
    await fake.run(async (context: XContext) => {
      const ws = context.workbook.worksheets.getItem("Hand dashboard");
      const mine = ws.charts.add("BarClustered", ws.getRange("B4:B9"), "Columns");
      mine.name = "My headline chart";
      mine.title.text = "Mine";
      mine.setPosition("Q2", "W12");
      ws.charts.getItemOrNullObject("ilm-outcomes-by-assessment").title.text = "Renamed by hand";
      await context.sync();
    });
    const dashboard = sheetOf(fake, "Hand dashboard");
    const mine = dashboard.charts.find((c) => c.name === "My headline chart");
    const kept = JSON.stringify(mine);

    const { plan } = await regenerateWithDashboard(fake, typicalCohort(24));
    const sheetPlan = plan.sheets[0] as SheetPlan;
    const names = dashboard.charts.map((c) => c.name).sort();
    expect(names).toEqual([
      "My headline chart",
      "ilm-achievement-by-qualification",
      "ilm-outcomes-by-assessment",
    ]);
    // The person's chart is the same object, unchanged.
    expect(dashboard.charts.find((c) => c.name === "My headline chart")).toBe(mine);
    expect(JSON.stringify(mine)).toBe(kept);
    // ilm's charts are drawn from the plan again (the title a person typed is the plan's again).
    for (const chart of sheetPlan.charts ?? [])
      expect(chartsOf(dashboard).find((c) => c.name === chart.name)).toEqual(expectedChart(chart));
    expect(fake.used.has("Chart.delete")).toBe(true);
  });

  test("position first puts a new Dashboard tab first, and leaves it where a person moved it afterwards", async () => {
    const fake = new FakeExcel();
    await regenerateWithDashboard(fake, typicalCohort(10));
    // Both Dashboards (the generated one and the one made by hand here) went before every other tab.
    expect(
      fake.model.sheets
        .slice(0, 2)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Dashboard", "Hand dashboard"]);
    expect(fake.model.sheets.map((s) => s.name)).toContain("Sheet1");
    // A person drags the Dashboard behind the Learners tab.
    await fake.run(async (context: XContext) => {
      context.workbook.worksheets.getItem("Hand dashboard").position = 3;
      await context.sync();
    });
    const order = fake.model.sheets.map((s) => s.name);
    expect(order[3]).toBe("Hand dashboard");
    await regenerateWithDashboard(fake, typicalCohort(11));
    expect(fake.model.sheets.map((s) => s.name)).toEqual(order);
    // It reads back in tab order.
    expect((await read(fake)).sheets.map((s) => s.name)).toEqual(order);
  });
});

describe("mark sheets at a glance and readable print-outs (Office.js)", () => {
  const sample = JSON.parse(
    readFileSync(join(__dirname, "..", "..", "examples", "cohort.json"), "utf8"),
  ) as Cohort;

  test("each sheet prints its plan's pages wide, with Registration No and Learner and the header row repeated, a header and a footer", async () => {
    const fake = new FakeExcel();
    const { plan } = await regenerate(fake, sample);
    const ms = plan.sheets.find((s) => s.assessment === "D5.01") as SheetPlan;
    const page = sheetOf(fake, "D5.01 Assignment").page;
    expect(ms.print.pagesWide).toBeGreaterThan(1);
    expect(page.zoom).toEqual({ horizontalFitToPages: ms.print.pagesWide, verticalFitToPages: 0 });
    expect(page.titleColumns).toBe("$A:$B");
    expect(page.titleRows).toBe("$1:$1");
    expect(page.headerFooter).toEqual({
      leftHeader: "Centre: 123456 Northfield Training",
      centerHeader: "&B&A&B",
      rightHeader: "Cohort: 2026-A",
      leftFooter: "Unit D5.01. PASS: total 50+ and every section at its minimum; otherwise REFERRAL",
      centerFooter: "",
      rightFooter: "Page &P of &N, printed &D",
    });
    expect(sheetOf(fake, "Learners").page.titleColumns).toBe("$A:$B");
  });

  test("entry, QA and calculated columns are filled as styles.ts says; identity columns are not", async () => {
    const fake = new FakeExcel();
    await regenerate(fake, sample);
    const sheet = sheetOf(fake, "D5.01 Assignment");
    const fillOf = (header: string) => sheet.cell(1, column(sheet, header))?.fill?.replace("#", "");
    expect(fillOf("Context /4 (min 2)")).toBe("EEEEBB");
    expect(fillOf("Strengths")).toBe("EEEEBB");
    expect(fillOf("QA Context /4")).toBe("CCEEFF");
    expect(fillOf("Total")).toBe("DDDDDD");
    expect(fillOf("Outcome")).toBe("DDDDDD");
    expect(fillOf("Learner")).toBeUndefined();
  });

  test("a criterion cell shows the criterion's wording while selected", async () => {
    const fake = new FakeExcel();
    await regenerate(fake, sample);
    const sheet = sheetOf(fake, "8580-500 Assignment 1");
    const v = sheet.validations.get(`1,${column(sheet, "1.2 P/R")}`);
    expect(v?.prompt).toEqual({
      showPrompt: true,
      title: "1.2: P (pass) or R (refer)",
      message: "Identify barriers to coaching or mentoring and strategies to overcome them",
    });
  });
});
