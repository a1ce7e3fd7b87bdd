import { existsSync } from "node:fs";
import { ALLOWED } from "../../src/workbook/validations";
import { zipSync, strToU8 } from "fflate";
import { cellAt } from "../../src/workbook/contents";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { XlsxPackage } from "../../src/xlsx/package";
import { readContentsSync, readGridsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import {
  VALIDATE,
  gnumericCsv,
  partText,
  parts,
  schemaErrors,
  sheetPart,
  soffice,
  sofficeCsv,
  ssconvert,
  toolOrSkip,
} from "./helpers";
import { MARCH_15, basePlan, row, sheetPlan } from "./plans";
import { generate } from "../../src/app/generate";
import { SETTINGS_SHEET } from "../../src/workbook/settings";

const plan = basePlan();

describe("a new workbook", () => {
  const bytes = writeXlsxSync(plan);

  it("is a minimal package built from scratch that passes the schemas", async () => {
    expect(Object.keys(parts(bytes)).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/app.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
      "xl/tables/table1.xml",
      "xl/tables/table2.xml",
      "xl/tables/table3.xml",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/_rels/sheet2.xml.rels",
      "xl/worksheets/_rels/sheet3.xml.rels",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
    ]);
    if (!toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE))) return;
    expect(await schemaErrors(bytes)).toEqual([]);
  }, 60_000);

  it("has frozen panes, print titles, A4 landscape fit to width, protection and a very hidden state sheet", () => {
    const sheet = partText(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain(
      '<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>',
    );
    expect(sheet).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toContain(
      '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>',
    );
    const workbook = partText(bytes, "xl/workbook.xml");
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'D5.01 Assignment'!$1:$1</definedName>`,
    );
    expect(workbook).toContain('<sheet name="ILM state" sheetId="3" r:id="rId4" state="veryHidden"/>');
    expect(workbook).not.toContain("fullCalcOnLoad"); // every formula has its cached value
    expect(readContentsSync(bytes).sheets.map((s) => s.visibility)).toEqual([
      "visible",
      "visible",
      "veryHidden",
    ]);
  });

  it("writes table parts whose column names equal the header cells", () => {
    const table = partText(bytes, "xl/tables/table1.xml");
    const names = [...table.matchAll(/<tableColumn id="\d+" name="([^"]*)"\/>/g)].map((m) => m[1]);
    expect(names).toEqual(readGridsSync(bytes).get("D5.01 Assignment")?.[0]);
    expect(table).toContain('ref="A1:G4"');
    expect(table).toContain(
      '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1"',
    );
  });

  it("opens in LibreOffice and Gnumeric", async () => {
    if (!toolOrSkip("LibreOffice", soffice !== null) || !toolOrSkip("Gnumeric", ssconvert !== null)) return;
    const csv = await sofficeCsv(bytes, ["D5.01 Assignment"]);
    expect(csv.get("D5.01 Assignment")).toContain("NF-001,Asha Patel,3,2026-03-15,P,Pass,");
    expect((await gnumericCsv(bytes))[0]).toContain('NF-002,"Dafydd ap Gwilym",1,');
  }, 120_000);
});

describe("table and column names", () => {
  it("must be unique ignoring case, and valid for Excel", () => {
    const [a, b] = plan.sheets;
    if (!a || !b) throw new Error("plan");
    const clash = { ...b, table: { ...b.table, name: a.table.name.toUpperCase() } };
    expect(() => writeXlsxSync({ ...plan, sheets: [a, clash] })).toThrow(/two tables/);
    const cellLike = { ...b, table: { ...b.table, name: "AB12" } };
    expect(() => writeXlsxSync({ ...plan, sheets: [a, cellLike] })).toThrow(/not a valid table name/);
    const cols = [...a.table.columns];
    cols[1] = { ...(cols[1] as (typeof cols)[number]), header: "REGISTRATION no" };
    expect(() =>
      writeXlsxSync({ ...plan, sheets: [{ ...a, table: { ...a.table, columns: cols } }] }),
    ).toThrow(/two columns/);
  });

  it("may not take a defined name of the workbook", () => {
    const bytes = writeXlsxSync(plan);
    const pkg = XlsxPackage.fromBytes(bytes);
    pkg.setText(
      "xl/workbook.xml",
      (pkg.text("xl/workbook.xml") ?? "").replace(
        "<definedNames>",
        "<definedNames><definedName name=\"learners\">'Learners'!$A$1</definedName>",
      ),
    );
    expect(() => writeXlsxSync(plan, pkg.toBytes())).toThrow(/already a defined name/);
  });
});

describe("writing into an existing workbook", () => {
  const first = writeXlsxSync(plan);

  it("is deterministic: the same plan written twice gives the same bytes, and rewriting changes nothing", () => {
    expect(Buffer.from(writeXlsxSync(plan))).toEqual(Buffer.from(first));
    expect(Buffer.from(writeXlsxSync(plan, first))).toEqual(Buffer.from(first));
  });

  it("clears the cells of a shrunk table and keeps every other cell", () => {
    const pkg = XlsxPackage.fromBytes(first);
    const sheet = pkg.text("xl/worksheets/sheet1.xml") ?? "";
    pkg.setText(
      "xl/worksheets/sheet1.xml",
      sheet
        .replace('<row r="4">', '<row r="4"><c r="J4" t="inlineStr"><is><t>mine</t></is></c>')
        .replace("</sheetData>", '<row r="9"><c r="A9"><v>99</v></c></row></sheetData>'),
    );
    const shrunk: WorkbookPlan = {
      ...plan,
      sheets: [
        sheetPlan("D5.01 Assignment", "Marks_D5_01", [row("NF-001", "Asha Patel", 4, MARCH_15)]),
        ...plan.sheets.slice(1),
      ],
    };
    const out = readContentsSync(writeXlsxSync(shrunk, pkg.toBytes()));
    const s = out.sheets[0];
    if (!s) throw new Error("no sheet");
    expect(cellAt(s, 2, 0)).toBeUndefined();
    expect(cellAt(s, 3, 0)).toBeUndefined();
    expect(cellAt(s, 8, 0)).toBe(99);
    expect(cellAt(s, 3, 9)).toBe("mine");
    expect(out.tables.find((t) => t.name === "Marks_D5_01")?.area.rows).toBe(2);
  });

  it("empties the shared strings no cell uses any more, and keeps the index of every string a cell uses", () => {
    const pkg = XlsxPackage.fromBytes(first);
    const sst = pkg.text("xl/sharedStrings.xml") ?? "";
    const count = (sst.match(/<si>/g) ?? []).length;
    pkg.setText(
      "xl/sharedStrings.xml",
      sst.replace("</sst>", "<si><t>old password hunter2</t></si><si><t>a person's own text</t></si></sst>"),
    );
    const sheet = pkg.text("xl/worksheets/sheet1.xml") ?? "";
    pkg.setText(
      "xl/worksheets/sheet1.xml",
      sheet.replace('<row r="4">', `<row r="4"><c r="J4" t="s"><f>"kept"</f><v>${count + 1}</v></c>`),
    );
    const shrunk: WorkbookPlan = {
      ...plan,
      sheets: [
        sheetPlan("D5.01 Assignment", "Marks_D5_01", [row("NF-001", "Asha Patel", 4, MARCH_15)]),
        ...plan.sheets.slice(1),
      ],
    };
    const bytes = writeXlsxSync(shrunk, pkg.toBytes());
    const strings = partText(bytes, "xl/sharedStrings.xml");
    expect(strings).not.toContain("hunter2");
    expect(strings).not.toContain("Dafydd");
    expect(strings).not.toContain("王秀英");
    expect(strings).toContain("a person's own text");
    const s = readContentsSync(bytes).sheets[0];
    if (!s) throw new Error("no sheet");
    expect(cellAt(s, 3, 9)).toEqual({ f: '"kept"', v: "a person's own text" });
    expect(cellAt(s, 1, 1)).toBe("Asha Patel");
  });

  it("finds a sheet by its table and renames it, fixing the print titles; appends new sheets after the others", () => {
    const renamed: WorkbookPlan = {
      ...plan,
      sheets: [
        { ...(plan.sheets[0] as (typeof plan.sheets)[number]), name: "D5.01 Marks" },
        sheetPlan("New tab", "NewTable", [row("NF-009", "New", 1, null)]),
      ],
    };
    const bytes = writeXlsxSync(renamed, first);
    const contents = readContentsSync(bytes);
    expect(contents.sheets.map((s) => s.name)).toEqual(["D5.01 Marks", "Learners", "ILM state", "New tab"]);
    const workbook = partText(bytes, "xl/workbook.xml");
    expect(workbook).toContain(`localSheetId="0">'D5.01 Marks'!$1:$1<`);
    expect(workbook).toContain(`localSheetId="3">'New tab'!$1:$1<`);
    expect(workbook).toContain('<sheet name="New tab" sheetId="4" r:id="rId6"/>');
    expect(partText(bytes, "xl/tables/table4.xml")).toContain('id="4" name="NewTable"');
  });

  it("drops the calculation chain and asks for a recalculation when a formula has no cached value", () => {
    const files = parts(first);
    files["xl/calcChain.xml"] = strToU8(
      '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="F2" i="1"/></calcChain>',
    );
    const rels = new TextDecoder().decode(files["xl/_rels/workbook.xml.rels"]);
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    const uncached: WorkbookPlan = {
      ...plan,
      sheets: [
        sheetPlan("D5.01 Assignment", "Marks_D5_01", [
          [{ t: "text", v: "NF-001" }, null, null, null, null, { t: "formula", f: "1+1" }, null],
        ]),
      ],
    };
    const out = writeXlsxSync(uncached, zipSync(files));
    expect(Object.keys(parts(out))).not.toContain("xl/calcChain.xml");
    expect(partText(out, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(partText(out, "xl/workbook.xml")).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it("keeps a sheet's password when the plan has none, and hashes a new one that LibreOffice accepts", async () => {
    const withPassword: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map((s) => ({
        ...s,
        protection: { protect: true, password: "s3cret", allow: ALLOWED },
      })),
    };
    const protectedBytes = writeXlsxSync(withPassword);
    const sheet = partText(protectedBytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(
      /<sheetProtection algorithmName="SHA-512" hashValue="[^"]{88}" saltValue="[^"]{24}" spinCount="100000" sheet="1"/,
    );
    const hash = /hashValue="([^"]*)"/.exec(sheet)?.[1];
    const rewritten = partText(writeXlsxSync(plan, protectedBytes), "xl/worksheets/sheet1.xml");
    expect(rewritten).toContain(`hashValue="${hash}"`);
    if (!toolOrSkip("LibreOffice", soffice !== null)) return;
    const csv = await sofficeCsv(protectedBytes, ["D5.01 Assignment"]);
    expect(csv.get("D5.01 Assignment")).toContain("NF-001,Asha Patel,3,2026-03-15");
  }, 120_000);

  it("puts no hash of the session's password with the settings, and removes one an earlier release wrote", () => {
    const cohort = {
      format: "ilm-cohort/1" as const,
      centre: { number: "123456", name: "Northfield Training" },
      cohort: "2026-A",
      learners: [{ registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2" }],
    };
    const made = generate({ what: "w", file: cohort, protectionPassword: "s3cret" });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    // As an earlier release wrote it: the settings sheet protected with the password too.
    const earlier: WorkbookPlan = {
      ...made.value.plan,
      sheets: made.value.plan.sheets.map((s) =>
        s.kind === "state" ? { ...s, protection: { ...s.protection, protect: true } } : s,
      ),
    };
    const old = writeXlsxSync(earlier);
    expect(partText(old, sheetPart(old, SETTINGS_SHEET))).toContain("hashValue=");
    const again = generate({ what: "w", contents: readContentsSync(old), protectionPassword: "s3cret" });
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    const bytes = writeXlsxSync(again.value.plan, old);
    expect(partText(bytes, sheetPart(bytes, SETTINGS_SHEET))).not.toMatch(
      /sheetProtection|hashValue|saltValue/,
    );
    expect(partText(bytes, sheetPart(bytes, "Learners"))).toContain("hashValue=");
  });

  it("never leaves every sheet hidden", () => {
    const hidden: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map((s) => ({ ...s, visibility: "hidden" as const })),
    };
    const contents = readContentsSync(writeXlsxSync(hidden));
    expect(contents.sheets.map((s) => s.visibility)).toEqual(["visible", "hidden", "hidden"]);
  });
});
