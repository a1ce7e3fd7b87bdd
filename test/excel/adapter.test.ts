import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as ExcelJS from "exceljs";
import { builtinCatalogue } from "../../src/domain/catalogue/builtin";
import { applyPlan } from "../../src/excel/apply";
import { REQUEST_LIMIT } from "../../src/excel/batch";
import { shiftReferences } from "../../src/workbook/formula";
import { createExcelPort } from "../../src/excel/port";
import { buildWorkbookPlan } from "../../src/workbook/build";
import { headerRowHeight } from "../../src/workbook/plan";
import type { WorkbookState } from "../../src/workbook/port";
import { STATE_SHEET } from "../../src/workbook/state";
import { planToXlsx } from "../../src/xlsx/write";
import { stateFor, typicalCohort } from "./cohort";
import { FakeExcel, moveFormula } from "./fake-excel";
import type { SheetModel } from "./fake-excel";

function portOn(fake: FakeExcel) {
  return createExcelPort({ run: fake.run, isSetSupported: fake.isSetSupported });
}

async function generated(n: number, version = "1.13") {
  const fake = new FakeExcel(version);
  const result = await portOn(fake).generate(stateFor(n));
  if (!result.ok) throw new Error(result.error);
  return { fake, summary: result.value };
}

function sheetOf(fake: FakeExcel, prefix: string): SheetModel {
  const sheet = fake.model.sheets.find((s) => s.name.startsWith(prefix));
  if (!sheet) throw new Error(`no sheet ${prefix}`);
  return sheet;
}

/** Column index of a header in row 1 of a fake sheet. */
function column(sheet: SheetModel, header: string): number {
  for (let c = 0; c < 200; c++) if (sheet.valueAt(0, c) === header) return c;
  throw new Error(`no column ${header} in ${sheet.name}`);
}

function rowOf(sheet: SheetModel, registration: string): number {
  for (let r = 1; r < 20_000; r++) if (sheet.valueAt(r, 0) === registration) return r;
  throw new Error(`no row ${registration} in ${sheet.name}`);
}

describe("Office.js adapter against the typed Excel fake", () => {
  test("5,000 learners need exactly as many syncs as 50, and no request reaches 4 MB", async () => {
    const small = await generated(50);
    const large = await generated(5000);
    expect(large.fake.syncs).toBe(small.fake.syncs);
    expect(large.fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
    expect(small.fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
    // The large workbook really holds 5,000 learners (the request count is not flat because data was dropped).
    const learners = sheetOf(large.fake, "Learners");
    expect(learners.valueAt(5000, 0)).toBe("NF-05000");
    expect(large.fake.model.tables.find((t) => t.name === "Learners")?.rect.rows).toBe(5001);
  }, 60_000);

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
    const result = await portOn(fake).generate({ ...base, cohort: { ...base.cohort, learners } });
    if (!result.ok) throw new Error(result.error);
    expect(fake.largestRequest).toBeLessThan(REQUEST_LIMIT);
  }, 60_000);

  test("calculation is suspended in every write request and the workbook is recalculated once", async () => {
    const { fake } = await generated(30);
    expect(fake.model.calculations).toEqual(["Full"]);
    // Every request that wrote sheet contents started by suspending calculation; only the two reads of a new
    // workbook (sheets and tables, then their headers) and the final recalculation did not.
    expect(fake.model.suspensions).toBe(fake.syncs - 2 - 1);
  });

  test("a name typed as =HYPERLINK(...) and a comment starting with = stay text", async () => {
    const { fake } = await generated(12);
    const learners = sheetOf(fake, "Learners");
    const name = learners.cell(rowOf(learners, "NF-00006"), column(learners, "Learner"));
    expect(name?.formula).toBeNull();
    expect(name?.value).toBe('=HYPERLINK("x") 5');
    const marks = sheetOf(fake, "8580-500");
    const comments = marks.cell(rowOf(marks, "NF-00003"), column(marks, "Areas for improvement"));
    expect(comments?.formula).toBeNull();
    expect(comments?.value).toBe("=Reflect more on barriers");
  });

  test("regeneration through the port keeps typed entries on their learner's row and marks removed learners withdrawn", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    const first = stateFor(24);
    expect((await port.generate(first)).ok).toBe(true);

    // People type into the sheets: a mark, a comment, a date; and add their own column's value.
    const d501 = sheetOf(fake, "D5.01");
    // NF-00007's marks came from the cohort file; what is typed in the workbook wins over them.
    const row7 = rowOf(d501, "NF-00007");
    expect(d501.valueAt(row7, findHeader(d501, "Context"))).toBe(2);
    d501.ensure(row7, findHeader(d501, "Context")).value = 4;
    d501.ensure(row7, column(d501, "Strengths")).value = "Typed in Excel";

    // The cohort changes: learners added, one removed.
    const cohort = typicalCohort(40);
    const changed: WorkbookState = {
      ...first,
      cohort: { ...cohort, learners: cohort.learners.filter((l) => l.registration !== "NF-00010") },
    };
    const second = await port.generate(changed);
    if (!second.ok) throw new Error(second.error);
    expect(second.value.entriesKept).toBeGreaterThanOrEqual(2);
    expect(second.value.learnersWithdrawn).toContain("NF-00010");

    const after = sheetOf(fake, "D5.01");
    const row = rowOf(after, "NF-00007");
    expect(after.valueAt(row, findHeader(after, "Context"))).toBe(4);
    expect(after.valueAt(row, column(after, "Strengths"))).toBe("Typed in Excel");
    const learners = sheetOf(fake, "Learners");
    expect(learners.valueAt(rowOf(learners, "NF-00010"), column(learners, "Status"))).toMatch(/withdrawn/i);
    expect(rowOf(learners, "NF-00040")).toBeGreaterThan(0);
    // Tables were resized over the written rows, never grown row by row.
    expect(fake.used.has("Table.resize")).toBe(true);
    expect(fake.model.tables.find((t) => t.name === "Learners")?.rect.rows).toBe(41);
  });

  test("regenerating a protected workbook unprotects with the stored password and protects again", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    const state: WorkbookState = { ...stateFor(10), protectionPassword: "s3cret" };
    expect((await port.generate(state)).ok).toBe(true);
    expect(sheetOf(fake, "Learners").protection).toMatchObject({ protected: true, password: "s3cret" });
    const again = await port.generate({ ...state, cohort: typicalCohort(14) });
    expect(again).toMatchObject({ ok: true });
    expect(sheetOf(fake, "Learners").protection.protected).toBe(true);
  });

  test("the state lives in a veryHidden sheet and round-trips through loadState", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    expect(await port.loadState()).toEqual({ ok: true, value: null });
    const state = stateFor(8, "ilm");
    expect((await port.generate(state)).ok).toBe(true);
    expect(fake.model.sheet(STATE_SHEET)?.visibility).toBe("VeryHidden");
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
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/ExcelApi 1\.8/) });
  });

  test("outside Excel the port says so instead of throwing", async () => {
    const port = createExcelPort();
    expect((await port.capabilities()).ok).toBe(false);
    expect(await port.loadState()).toMatchObject({ ok: false, error: expect.stringMatching(/inside Excel/) });
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

  test("without ExcelApi 1.13 tables are re-created over the rows instead of resized", async () => {
    const fake = new FakeExcel("1.12");
    const port = portOn(fake);
    expect((await port.generate(stateFor(12))).ok).toBe(true);
    const again = await port.generate(stateFor(30));
    expect(again.ok).toBe(true);
    expect(fake.used.has("Table.resize")).toBe(false);
    expect(fake.used.has("Table.convertToRange")).toBe(true);
    expect(fake.model.tables.find((t) => t.name === "Learners")?.rect.rows).toBe(31);
  });

  test("a sheet protected with an unknown password gives a plain message", async () => {
    const fake = new FakeExcel();
    const port = portOn(fake);
    expect((await port.generate(stateFor(6))).ok).toBe(true);
    sheetOf(fake, "Learners").protection = { protected: true, password: "someone else's" };
    const result = await port.generate(stateFor(8));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/protected with a password/) });
  });

  test("no code in src/excel adds table rows (TableRowCollection.add)", () => {
    const dir = join(__dirname, "../../src/excel");
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/\brows\s*\.\s*add\b/);
      expect(code).not.toMatch(/\.rows\s*\.\s*(add|getItemAt)\b|addRows/);
      expect(code).not.toMatch(/TableRowCollection/);
    }
  });
});

function findHeader(sheet: SheetModel, prefix: string): number {
  for (let c = 0; c < 200; c++) if (String(sheet.valueAt(0, c)).startsWith(prefix)) return c;
  throw new Error(`no header ${prefix}`);
}

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
  test("values, formulas and number formats per cell, and the header row height", async () => {
    const state = stateFor(60);
    const { plan } = buildWorkbookPlan({
      cohort: state.cohort,
      catalogue: builtinCatalogue(),
      mode: "portable",
    });
    const fake = new FakeExcel();
    const inventory = { sheets: new Map(), tables: new Map() };
    await fake.run(async (context) =>
      applyPlan(context, plan, inventory, { features: { core: true, api19: true, tableResize: true } }),
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(plan)) as unknown as ArrayBuffer);
    let compared = 0;
    const differences: string[] = [];
    for (const sheetPlan of plan.sheets) {
      const xs = wb.getWorksheet(sheetPlan.name);
      const fs = fake.model.sheet(sheetPlan.name);
      if (!xs || !fs) throw new Error(`missing ${sheetPlan.name}`);
      const rows = Math.max(sheetPlan.table.rows.length, 1) + 1;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < sheetPlan.table.columns.length; c++) {
          const x = xs.getCell(r + 1, c + 1);
          const f = fs.cell(r, c);
          const xFormula = x.formula ? `=${x.formula}` : null;
          const xValue = xFormula ? "" : plain(x.value);
          const fValue = f ? (f.formula ? "" : f.value) : "";
          const at = `${sheetPlan.name}!${x.address}`;
          if ((f?.formula ?? null) !== xFormula)
            differences.push(`${at} formula ${f?.formula} vs ${xFormula}`);
          if (fValue !== xValue) differences.push(`${at} value ${String(fValue)} vs ${String(xValue)}`);
          // Header cells are text in both; the Office.js adapter formats them "@" so a header is never parsed.
          if (r > 0 && (f?.format ?? "General") !== (x.numFmt || "General"))
            differences.push(`${at} format ${f?.format} vs ${x.numFmt}`);
          compared++;
        }
      }
      const headerHeight = headerRowHeight(sheetPlan.table.columns);
      if (fs.heights.get(0) !== headerHeight || xs.getRow(1).height !== headerHeight)
        differences.push(`${sheetPlan.name} header height ${fs.heights.get(0)} vs ${xs.getRow(1).height}`);
    }
    expect(differences.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  }, 60_000);
});

function plain(value: ExcelJS.CellValue): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}
