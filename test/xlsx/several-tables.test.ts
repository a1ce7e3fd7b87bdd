/**
 * Several tables on one sheet (SheetPlan.moreTables): each its own table part, found again by any table's name;
 * ilm owns the union of every table's old and new areas, clears and writes them in one pass, so tables may move past
 * each other's old places; every cell outside them is kept.
 */
import { existsSync } from "node:fs";
import { cellAt as contentAt, isFormulaValue } from "../../src/workbook/contents";
import type { SheetContents, WorkbookContents } from "../../src/workbook/contents";
import type { SheetPlan, TablePlan, WorkbookPlan } from "../../src/workbook/plan";
import { wholeNumbers } from "../../src/workbook/validations";
import { XlsxPackage } from "../../src/xlsx/package";
import { readContentsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import { BY_ASSESSMENT, BY_QUALIFICATION, block, dashboardPlan, dashboardSheet } from "./dashboard-plans";
import { VALIDATE, partText, schemaErrors, toolOrSkip } from "./helpers";
import { basePlan } from "./plans";

// Schema validation (xmllint over every part) takes a few seconds per workbook.
jest.setTimeout(60_000);

const canValidate = toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE));
const validate = async (bytes: Uint8Array) => {
  if (canValidate) expect(await schemaErrors(bytes)).toEqual([]);
};

/** A cell's value (a formula's cached result), undefined when blank. */
const cellAt = (sheet: SheetContents, r: number, c: number) => {
  const content = contentAt(sheet, r, c);
  return isFormulaValue(content) ? content.v : (content ?? undefined);
};

const sheetOf = (c: WorkbookContents, name: string): SheetContents => {
  const s = c.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

/** Every cell a table plan writes, checked against what was read back. */
function expectTable(sheet: SheetContents, t: TablePlan): void {
  const o = t.origin ?? { row: 0, column: 0 };
  t.columns.forEach((c, i) => expect(cellAt(sheet, o.row, o.column + i)).toBe(c.header));
  t.rows.forEach((row, r) =>
    row.forEach((cell, i) => {
      const v = cell === null ? undefined : cell.t === "formula" ? cell.v : cell.v;
      expect(cellAt(sheet, o.row + 1 + r, o.column + i)).toBe(v);
    }),
  );
}

/** A person's typed cell, added to a sheet part's XML at `ref` (row must not exist yet or exist without it). */
function typeInto(bytes: Uint8Array, sheetPart: string, ref: string, value: number): Uint8Array {
  const pkg = XlsxPackage.fromBytes(bytes);
  const xml = pkg.text(sheetPart) ?? "";
  const row = Number(/\d+/.exec(ref)?.[0]);
  const cell = `<c r="${ref}"><v>${value}</v></c>`;
  const withRow = new RegExp(`<row r="${row}"[^>]*>`).test(xml)
    ? xml.replace(new RegExp(`(<row r="${row}"[^>]*>)`), `$1${cell}`)
    : xml.replace(
        /<sheetData>([\s\S]*?)<\/sheetData>/,
        (_m, rows: string) =>
          `<sheetData>${[...rows.matchAll(/<row r="(\d+)"[\s\S]*?<\/row>|<row r="(\d+)"[^>]*\/>/g)]
            .map((m) => ({ n: Number(m[1] ?? m[2]), xml: m[0] }))
            .concat([{ n: row, xml: `<row r="${row}">${cell}</row>` }])
            .sort((a, b) => a.n - b.n)
            .map((x) => x.xml)
            .join("")}</sheetData>`,
      );
  pkg.setText(sheetPart, withRow);
  return pkg.toBytes();
}

const DASHBOARD_PART = "xl/worksheets/sheet4.xml";

describe("several tables on one sheet", () => {
  const plan = dashboardPlan();
  const bytes = writeXlsxSync(plan);

  it("are written each with its own table part and read back with every area", async () => {
    const contents = readContentsSync(bytes);
    const dash = sheetOf(contents, "Dashboard");
    expectTable(dash, BY_ASSESSMENT());
    expectTable(dash, BY_QUALIFICATION());
    const areas = Object.fromEntries(
      contents.tables.filter((t) => t.sheet === "Dashboard").map((t) => [t.name, t.area]),
    );
    expect(areas).toEqual({
      Dash_ByAssessment: { row: 2, column: 0, rows: 5, columns: 4 },
      Dash_ByQualification: { row: 9, column: 0, rows: 4, columns: 3 },
    });
    const rels = partText(bytes, "xl/worksheets/_rels/sheet4.xml.rels");
    expect(rels.match(/relationships\/table"/g)).toHaveLength(2);
    const sheet = partText(bytes, DASHBOARD_PART);
    expect(sheet).toMatch(
      /<tableParts count="2"><tablePart r:id="rId\d+"\/><tablePart r:id="rId\d+"\/><\/tableParts>/,
    );
    const ids = [4, 5].map(
      (n) => /<table [^>]*\bid="(\d+)"/.exec(partText(bytes, `xl/tables/table${n}.xml`))?.[1],
    );
    expect(new Set(ids).size).toBe(2);
    expect(partText(bytes, "xl/tables/table5.xml")).toContain('name="Dash_ByQualification"');
    expect(partText(bytes, "xl/tables/table5.xml")).toContain('ref="A10:C13"');
    await validate(bytes);
  }, 60_000);

  it("are found again by any of their names: rewriting changes nothing, a renamed sheet is found by a table", () => {
    expect(Buffer.from(writeXlsxSync(plan, bytes))).toEqual(Buffer.from(bytes));
    // The sheet renamed by a person, its main table gone (converted to a range, say): found by the other table.
    const pkg = XlsxPackage.fromBytes(bytes);
    pkg.setText(
      "xl/workbook.xml",
      (pkg.text("xl/workbook.xml") ?? "").replace('name="Dashboard"', 'name="Mine"'),
    );
    const relsPart = "xl/worksheets/_rels/sheet4.xml.rels";
    const rId = /Id="(rId\d+)"[^>]*Target="..\/tables\/table4.xml"/.exec(pkg.text(relsPart) ?? "")?.[1] ?? "";
    pkg.setText(relsPart, (pkg.text(relsPart) ?? "").replace(/<Relationship [^>]*table4.xml"\/>/, ""));
    pkg.setText(
      DASHBOARD_PART,
      (pkg.text(DASHBOARD_PART) ?? "")
        .replace(`<tablePart r:id="${rId}"/>`, "")
        .replace('<tableParts count="2">', '<tableParts count="1">'),
    );
    pkg.remove("xl/tables/table4.xml");
    const renamedMain = dashboardPlan({ table: { ...BY_ASSESSMENT(), name: "Dash_Outcomes" } });
    const out = readContentsSync(writeXlsxSync(renamedMain, pkg.toBytes()));
    expect(out.sheets.map((s) => s.name)).toEqual(["Dashboard", "D5.01 Assignment", "Learners", "ILM state"]);
    expect(
      out.tables
        .filter((t) => t.sheet === "Dashboard")
        .map((t) => t.name)
        .sort(),
    ).toEqual(["Dash_ByQualification", "Dash_Outcomes"]);
  });

  it("move past each other's old areas and keep every new cell", async () => {
    // The qualification block moves to the top, the assessment block below it, both larger: each new area covers
    // part of the other table's old area.
    const moved: SheetPlan = dashboardSheet({
      table: block(
        "Dash_ByAssessment",
        { row: 7, column: 0 },
        ["Assessment", "PASS", "REFERRAL", "Incomplete"],
        [
          ["A1", 1, 2, 3],
          ["A2", 4, 5, 6],
          ["A3", 7, 8, 9],
          ["A4", 10, 11, 12],
          ["A5", 13, 14, 15],
        ],
      ),
      moreTables: [
        block(
          "Dash_ByQualification",
          { row: 0, column: 0 },
          ["Qualification", "Learners", "Achieved"],
          [
            ["Q1", 1, 1],
            ["Q2", 2, 2],
            ["Q3", 3, 3],
            ["Q4", 4, 4],
            ["Q5", 5, 5],
          ],
        ),
      ],
      charts: [],
    });
    const out = writeXlsxSync({ ...plan, sheets: [...plan.sheets.slice(0, 3), moved] }, bytes);
    const contents = readContentsSync(out);
    const dash = sheetOf(contents, "Dashboard");
    expectTable(dash, moved.table);
    expectTable(dash, (moved.moreTables ?? [])[0] as TablePlan);
    // Old cells no table covers now are cleared: the old assessment block's fourth column (D3:D7), row 7's D.
    for (let r = 2; r <= 6; r++) expect(cellAt(dash, r, 3)).toBeUndefined();
    expect(cellAt(dash, 6, 1)).toBeUndefined();
    expect(contents.tables.filter((t) => t.sheet === "Dashboard").map((t) => [t.name, t.area.row])).toEqual([
      ["Dash_ByAssessment", 7],
      ["Dash_ByQualification", 0],
    ]);
    await validate(out);
  }, 60_000);

  it("swap places side by side, and a table that shrinks leaves no cell behind", async () => {
    const left = block("Dash_Left", { row: 0, column: 0 }, ["L", "L1", "L2"], [["a", 1, 2]]);
    const right = block("Dash_Right", { row: 0, column: 4 }, ["R", "R1"], [["b", 3]]);
    const first: WorkbookPlan = {
      mode: "portable",
      sheets: [dashboardSheet({ table: left, moreTables: [right], charts: [] })],
    };
    const one = writeXlsxSync(first);
    const swapped: WorkbookPlan = {
      mode: "portable",
      sheets: [
        dashboardSheet({
          table: { ...left, origin: { row: 0, column: 2 } },
          moreTables: [{ ...right, origin: { row: 0, column: 0 } }],
          charts: [],
        }),
      ],
    };
    const out = writeXlsxSync(swapped, one);
    await validate(out);
    const dash = sheetOf(readContentsSync(out), "Dashboard");
    expect([0, 1, 2, 3, 4, 5].map((c) => cellAt(dash, 0, c))).toEqual([
      "R",
      "R1",
      "L",
      "L1",
      "L2",
      undefined,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((c) => cellAt(dash, 1, c))).toEqual(["b", 3, "a", 1, 2, undefined]);
  });

  it("keep every cell outside all tables, before, between, beside and after them", async () => {
    let typed = bytes;
    for (const [ref, v] of [
      ["B1", 46000],
      ["A9", 1],
      ["E5", 2],
      ["A20", 3],
    ] as const)
      typed = typeInto(typed, DASHBOARD_PART, ref, v);
    const smaller = dashboardPlan({
      table: block("Dash_ByAssessment", { row: 2, column: 0 }, ["Assessment", "PASS"], [["only", 1]]),
    });
    const out = writeXlsxSync(smaller, typed);
    await validate(out);
    const dash = sheetOf(readContentsSync(out), "Dashboard");
    expect(cellAt(dash, 0, 1)).toBe(46000);
    expect(cellAt(dash, 8, 0)).toBe(1);
    expect(cellAt(dash, 4, 4)).toBe(2);
    expect(cellAt(dash, 19, 0)).toBe(3);
    // The assessment block's old cells that no table covers now are cleared.
    expect(cellAt(dash, 4, 0)).toBeUndefined();
    expect(cellAt(dash, 3, 3)).toBeUndefined();
    expectTable(dash, BY_QUALIFICATION());
  });

  it("each get their validations, and conditional formats go to the main table's columns", async () => {
    const mark = (t: TablePlan): TablePlan => ({
      ...t,
      columns: t.columns.map((c, i) =>
        i === 1 ? { ...c, role: "entry" as const, validation: wholeNumbers(0, 99, "0 to 99") } : c,
      ),
    });
    const withRules = dashboardPlan({
      table: mark(BY_ASSESSMENT()),
      moreTables: [mark(BY_QUALIFICATION())],
      conditionalFormats: [{ columns: ["referral"], formula: "C4>0", style: "referral" }],
    });
    const out = writeXlsxSync(withRules, bytes);
    const sheet = partText(out, DASHBOARD_PART);
    expect(sheet).toContain('sqref="B4:B7"');
    expect(sheet).toContain('sqref="B11:B13"');
    expect(sheet).toContain('<conditionalFormatting sqref="C4:C7">');
    // Written again: the rules are ilm's (inside its areas), so they are replaced, not repeated.
    const again = partText(writeXlsxSync(withRules, out), DASHBOARD_PART);
    expect(again.match(/<dataValidation /g)).toHaveLength(2);
    expect(again.match(/<conditionalFormatting /g)).toHaveLength(1);
    await validate(out);
  }, 60_000);

  it("must not overlap each other, and a person's table in the way of any of them is an error", () => {
    const overlapping = dashboardPlan({
      moreTables: [{ ...BY_QUALIFICATION(), origin: { row: 4, column: 2 } }],
    });
    expect(() => writeXlsxSync(overlapping)).toThrow(/Dash_ByAssessment and Dash_ByQualification .* overlap/);
    const sameName = dashboardPlan({ moreTables: [{ ...BY_QUALIFICATION(), name: "dash_byassessment" }] });
    expect(() => writeXlsxSync(sameName)).toThrow(/two tables/);
    // A person's table where the qualification block is to grow.
    const pkg = XlsxPackage.fromBytes(bytes);
    const theirs = (pkg.text("xl/tables/table5.xml") ?? "")
      .replace(
        /name="Dash_ByQualification" displayName="Dash_ByQualification"/,
        'name="Theirs" displayName="Theirs"',
      )
      .replace(/A10:C13/g, "A16:C18")
      .replace(/ id="\d+"/, ' id="99"');
    pkg.setText("xl/tables/table5.xml", theirs);
    const grown = dashboardPlan({
      moreTables: [
        block(
          "Dash_ByQualification",
          { row: 9, column: 0 },
          ["Qualification", "Learners", "Achieved"],
          Array.from({ length: 8 }, (_, i) => [`Q${i}`, i, i] as [string, number, number]),
        ),
      ],
    });
    expect(() => writeXlsxSync(grown, pkg.toBytes())).toThrow(
      /table Theirs on sheet Dashboard is in the way of table Dash_ByQualification/,
    );
  });

  it("leave the other sheets' single tables as they were", () => {
    const base = writeXlsxSync(basePlan());
    const withDash = writeXlsxSync(plan, base);
    const before = readContentsSync(base);
    const after = readContentsSync(withDash);
    for (const name of ["D5.01 Assignment", "Learners", "ILM state"]) {
      expect(sheetOf(after, name).grid).toEqual(sheetOf(before, name).grid);
    }
  });
});
