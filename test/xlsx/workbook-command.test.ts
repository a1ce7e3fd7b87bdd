import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { workbookCommand } from "../../src/cli/workbook";
import type { CliIO } from "../../src/cli/io";
import { loadExcelJS } from "../../src/xlsx/exceljs";
import { readXlsx } from "../../src/xlsx/read";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-xlsx-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (p) => fs.readFile(p, "utf8"),
    cwd: dir,
  };
}

const cohort = (learners: unknown[]) => ({
  format: "ilm-cohort/1",
  centre: { number: "123456", name: "Northfield Training" },
  cohort: "2026-A",
  learners,
});
const asha = {
  registration: "NF-001",
  name: '=HYPERLINK("http://x")',
  qualification: "500/3564/2",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};

describe("ilm workbook", () => {
  it("exits 2 and writes no file at all for an invalid cohort", async () => {
    await fs.writeFile(
      path.join(dir, "c.json"),
      JSON.stringify(cohort([{ ...asha, qualification: "nope" }])),
    );
    const x = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], x)).toBe(2);
    expect(x.err.join("")).toMatch(/nope/);
    expect(await fs.readdir(dir)).toEqual(["c.json"]);
  });

  it("exits 2 without --out, and leaves an existing workbook untouched when the new cohort is invalid", async () => {
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha])));
    expect(await workbookCommand(["c.json"], io())).toBe(2);
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    const before = await fs.readFile(path.join(dir, "out.xlsx"));
    await fs.writeFile(path.join(dir, "c.json"), "{ not json");
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(2);
    expect(await fs.readFile(path.join(dir, "out.xlsx"))).toEqual(before);
    expect((await fs.readdir(dir)).sort()).toEqual(["c.json", "out.xlsx"]);
  });

  it("writes protected, frozen, landscape tabs with validation, unlocked entry cells and text names", async () => {
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Learners",
      "D5.01 Assignment",
      "D5.02+D5.03 Diary",
      "ILM state",
    ]);
    expect(wb.getWorksheet("ILM state")?.state).toBe("veryHidden");
    const ws = wb.getWorksheet("D5.01 Assignment");
    if (!ws) throw new Error("no sheet");
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1 });
    expect(ws.getCell("B2").value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell("H2").value).toBe(3);
    expect(ws.getCell("H2").protection?.locked).toBe(false);
    expect(ws.getCell("Q2").protection?.locked).not.toBe(false);
    expect(ws.getCell("Q2").formula).toMatch(/^IF\(OR\(COUNTA/);
    expect(ws.getCell("H2").dataValidation).toMatchObject({ type: "whole", formulae: [0, 4] });
  });

  it("regenerates in place: keeps typed marks, a tab the user added, and marks removed learners withdrawn", async () => {
    const ben = { registration: "NF-002", name: "Ben", qualification: "500/3564/2" };
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha, ben])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out.xlsx"));
    const marks = wb.getWorksheet("D5.01 Assignment");
    if (!marks) throw new Error("no sheet");
    marks.getCell("I3").value = 33; // Ben, Best practice
    wb.addWorksheet("My notes").getCell("A1").value = "keep me";
    await wb.xlsx.writeFile(path.join(dir, "out.xlsx"));

    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha])));
    const x = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], x)).toBe(0);
    expect(x.out.join("")).toMatch(/withdrawn: NF-002/);
    const existing = await readXlsx(new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx"))));
    const ms = existing.tables.get("MS_D5_01");
    expect(ms?.rows.get("NF-002")?.get("Best practice /40 (min 20)")).toBe(33);
    expect(existing.tables.get("Learners")?.rows.get("NF-002")?.get("Status")).toBe("Withdrawn");
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path.join(dir, "out.xlsx"));
    expect(again.getWorksheet("My notes")?.getCell("A1").value).toBe("keep me");
    expect(existsSync(path.join(dir, "out.xlsx"))).toBe(true);
  });
});
