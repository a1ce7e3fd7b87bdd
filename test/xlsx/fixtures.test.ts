import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { cellAt } from "../../src/workbook/contents";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { readContentsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import {
  FIXTURES,
  VALIDATE,
  gnumericCsv,
  partText,
  parts,
  sofficeCsv,
  soffice,
  ssconvert,
  toolOrSkip,
  LIBREOFFICE_DATE_COMPATIBILITY,
  schemaErrors,
} from "./helpers";
import { MARCH_15, basePlan, row, sheetPlan } from "./plans";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

/** The base plan with one more learner and a changed mark: the regeneration a person would run. */
function regenerated(): WorkbookPlan {
  const base = basePlan();
  return {
    ...base,
    sheets: [
      sheetPlan("D5.01 Assignment", "Marks_D5_01", [
        row("NF-001", "Asha Patel", 4, MARCH_15),
        row("NF-002", "Dafydd ap Gwilym", 1, 46001),
        row("NF-003", "王秀英", 2, null),
        row("NF-004", "Siân Evans", null, 46100),
      ]),
      ...base.sheets.slice(1),
    ],
  };
}

/** Parts ilm edits when it writes into the fixture; every other part must come through byte for byte. */
const EDITED = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "xl/sharedStrings.xml",
  "xl/worksheets/sheet1.xml",
  "xl/worksheets/sheet2.xml",
  "xl/worksheets/sheet3.xml",
  "xl/tables/table1.xml",
  "xl/tables/table2.xml",
  "xl/tables/table3.xml",
]);

describe("writing a plan into a workbook a person edited in LibreOffice", () => {
  const before = fixture("user-edits.xlsx");
  const after = writeXlsxSync(regenerated(), before);

  it("keeps every part ilm does not edit byte for byte", () => {
    const a = parts(before);
    const b = parts(after);
    const kept = Object.keys(a).filter((n) => !EDITED.has(n));
    expect(kept).toEqual(
      expect.arrayContaining([
        "xl/charts/chart1.xml",
        "xl/comments1.xml",
        "xl/comments4.xml",
        "xl/drawings/drawing1.xml",
      ]),
    );
    for (const name of kept)
      expect([name, Buffer.from(b[name] ?? [])]).toEqual([name, Buffer.from(a[name] ?? [])]);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  });

  it("keeps the cells beside and below the table, the notes, the chart, the names, widths and hidden columns", () => {
    const contents = readContentsSync(after);
    const marks = contents.sheets.find((s) => s.name === "D5.01 Assignment");
    if (!marks) throw new Error("no sheet");
    expect(cellAt(marks, 1, 8)).toBe("beside the table");
    expect(cellAt(marks, 2, 8)).toBe(42);
    expect(cellAt(marks, 3, 8)).toEqual({ f: "SUM(C2:C4)", v: 4 });
    expect(cellAt(marks, 7, 0)).toBe("below the table");
    expect(cellAt(marks, 8, 1)).toBe(7);
    expect(cellAt(marks, 4, 0)).toBe("NF-004");
    expect(cellAt(marks, 1, 2)).toBe(4);
    expect(contents.sheets.map((s) => s.name)).toEqual([
      "D5.01 Assignment",
      "Learners",
      "ILM state",
      "My chart",
    ]);
    expect(contents.definedNames).toContain("RegionTotals");
    expect(contents.tables.find((t) => t.name === "Marks_D5_01")?.area).toEqual({
      row: 0,
      column: 0,
      rows: 5,
      columns: 7,
    });

    const sheet = partText(after, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<legacyDrawing r:id="[^"]+"\/>/);
    expect(sheet).toMatch(/<col [^>]*max="2" min="2"[^>]*width="24.3"/); // the person's width, not the plan's 24
    expect(sheet).toMatch(/<col [^>]*hidden="true"[^>]*max="7" min="7"/);
    expect(sheet).toMatch(/<col [^>]*hidden="true"[^>]*max="11" min="11"/);
    expect(partText(after, "xl/worksheets/sheet4.xml")).toMatch(/<drawing r:id="[^"]+"\/>/);
    expect(partText(after, "xl/workbook.xml")).toContain("RegionTotals");
  });

  it("passes the ISO/IEC 29500 schemas", async () => {
    if (!toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE))) return;
    // The check is live: the fixture as LibreOffice saved it fails on exactly that attribute.
    expect(await schemaErrors(before)).toEqual([expect.stringMatching(/dateCompatibility/)]);
    // The fixtures' own workbookPr carries LibreOffice's dateCompatibility, which ilm keeps as the person saved it.
    expect(await schemaErrors(after, [LIBREOFFICE_DATE_COMPATIBILITY])).toEqual([]);
    expect(
      await schemaErrors(writeXlsxSync(regenerated(), fixture("user-edits-1904.xlsx")), [
        LIBREOFFICE_DATE_COMPATIBILITY,
      ]),
    ).toEqual([]);
  }, 60_000);

  it("opens in LibreOffice and Gnumeric with the values shown", async () => {
    if (!toolOrSkip("LibreOffice", soffice !== null) || !toolOrSkip("Gnumeric", ssconvert !== null)) return;
    const csv = await sofficeCsv(after, ["D5.01 Assignment", "My chart"]);
    expect(csv.get("D5.01 Assignment")).toContain("NF-004,Siân Evans,,2026-03-19,P,Refer,,,\n");
    expect(csv.get("D5.01 Assignment")).toContain("below the table");
    expect(csv.get("My chart")).toBe("North,12\nSouth,7\nEast,9\nWest,4\n");
    const gnumeric = await gnumericCsv(after);
    expect(gnumeric[0]).toContain('NF-001,"Asha Patel",4,');
    expect(gnumeric[0]).toContain("Siân Evans");
  }, 180_000);
});

describe("a workbook in the 1904 date system", () => {
  const before = fixture("user-edits-1904.xlsx");

  it("reads dates as 1900-system serials and writes them back without shifting", () => {
    const read = readContentsSync(before);
    const marks = read.sheets[0];
    if (!marks) throw new Error("no sheet");
    expect(cellAt(marks, 1, 3)).toBe(MARCH_15);
    expect(cellAt(marks, 4, 8)).toBe(46200); // a date the person typed beside the table
    const after = writeXlsxSync(basePlan(), before);
    const again = readContentsSync(after);
    expect(again.sheets[0]?.grid).toEqual(marks.grid);
    expect(partText(after, "xl/workbook.xml")).toMatch(/date1904="true"/);
  });

  it("shows the same date strings in LibreOffice before and after the write", async () => {
    if (!toolOrSkip("LibreOffice", soffice !== null)) return;
    const after = writeXlsxSync(basePlan(), before);
    const [a, b] = await Promise.all([
      sofficeCsv(before, ["D5.01 Assignment"]),
      sofficeCsv(after, ["D5.01 Assignment"]),
    ]);
    expect(b.get("D5.01 Assignment")).toContain("2026-03-15");
    expect(b.get("D5.01 Assignment")).toContain("2026-06-27");
    expect(b.get("D5.01 Assignment")).toEqual(a.get("D5.01 Assignment"));
  }, 180_000);
});
