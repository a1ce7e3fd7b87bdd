/**
 * The workbook is the record, through real files: `ilm workbook` writes a workbook, LibreOffice makes the edits a
 * person makes and saves it, `ilm workbook` regenerates it. Every failure the record issue lists is reproduced
 * here and now keeps every entry, or refuses with the file byte-for-byte unchanged.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ilmIn } from "../cli/helpers";
import { decodeWorkbook } from "../../src/workbook/decode";
import type { DecodedWorkbook } from "../../src/workbook/decode";
import { valueOf } from "../../src/workbook/contents";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { partText, parts, partsOfSheet, sheetPart, sofficeCsv, describeWhenInstalled } from "../xlsx/helpers";
import { row, sheetPlan } from "../xlsx/plans";
import { findUnoPython, type PersonEdit, type PersonSession, startPerson } from "./person";
import { findSoffice } from "./recalc";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the record test through LibreOffice",
);

const D501 = "D5.01 Assignment";
const BEST = "Best practice /40 (min 20)";
const CONTEXT = "Context /4 (min 2)";

const centre = { number: "123456", name: "Northfield Training" };
const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  email: "asha@example.org",
  notes: "prefers mornings",
  registered: "2025-09-01",
  assessments: { "D5.01": { marks: [3, 24, 9, 21], strengths: "Clear structure", submitted: "2026-01-15" } },
};
const ben = {
  registration: "NF-002",
  name: "Ben Okafor",
  qualification: "500/3564/2",
  registered: "2025-10-01",
};
const cara = { registration: "NF-003", name: "Cara Lee", qualification: "600/5791/9" };
const cohort = (learners: unknown[], c = centre) => ({
  format: "ilm-cohort/1",
  centre: c,
  cohort: "2026-A",
  learners,
});

maybe("the workbook is the record, through files LibreOffice edits and saves", () => {
  let session: PersonSession;
  let dir: string;

  beforeAll(async () => {
    if (!soffice || !python) throw new Error("CI=true but soffice or python3-uno is missing");
    session = await startPerson(soffice, python);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-record-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const ilm = (...args: string[]) => ilmIn(dir)(...args);
  const file = (name: string) => path.join(dir, name);
  const writeCohort = (learners: unknown[], name = "cohort.json", c = centre) =>
    fs.writeFile(file(name), JSON.stringify(cohort(learners, c)));
  const bytes = async (name = "w.xlsx") => new Uint8Array(await fs.readFile(file(name)));
  const made = async (learners: unknown[] = [asha, ben, cara]) => {
    await writeCohort(learners);
    const r = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  };
  /** LibreOffice opens w.xlsx, makes the edits and saves it over w.xlsx. */
  const person = async (edits: readonly PersonEdit[]) => {
    const result = await session.edit(await bytes(), edits);
    await fs.writeFile(file("w.xlsx"), result.bytes);
  };
  const decoded = async (): Promise<DecodedWorkbook> => {
    const d = decodeWorkbook(await readXlsxContents(await bytes()));
    if (!d.ok || !d.value) throw new Error(`not decoded: ${JSON.stringify(d)}`);
    return d.value;
  };
  const valueAt = async (table: string, registration: string, header: string) => {
    const d = await decoded();
    const t = d.tables.get(table);
    const key = t?.columns.find((c) => c.header === header)?.key;
    const row = t?.rows.find((r) => r?.registration === registration);
    return key === undefined ? undefined : valueOf(row?.cells.get(key));
  };
  const refusedUnchanged = async (args: string[], code: RegExp) => {
    const before = await bytes();
    const r = await ilm(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(code);
    expect(await bytes()).toEqual(before);
    return r;
  };

  it("gives a table converted to a range its table back, keeping every mark, date and comment", async () => {
    await made();
    await person([
      { op: "type", tab: D501, header: CONTEXT, registration: "NF-002", value: 4 },
      { op: "type", tab: D501, header: "Strengths", registration: "NF-002", value: "Reflective" },
      { op: "convertToRange", tab: D501 },
    ]);
    expect((await readXlsxContents(await bytes())).tables.map((t) => t.name)).not.toContain("MS_D5_01");
    const r = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
    expect(r.code).toBe(0);
    expect(r.out).toContain("tables given back");
    expect((await readXlsxContents(await bytes())).tables.map((t) => t.name)).toContain("MS_D5_01");
    expect(await valueAt("MS_D5_01", "NF-002", CONTEXT)).toBe(4);
    expect(await valueAt("MS_D5_01", "NF-002", "Strengths")).toBe("Reflective");
    expect(await valueAt("MS_D5_01", "NF-001", BEST)).toBe(24);
  }, 120_000);

  it("never deletes a tab the user made with a name ilm later needs, and refuses a workbook ilm never made", async () => {
    await made([asha]);
    await person([{ op: "addUserSheet", name: "Unit outcomes", values: [["mine", 1]], chart: false }]);
    const level3 = { registration: "NF-009", name: "Dev Rao", qualification: "603/3738/2" };
    await writeCohort([asha, level3]);
    const r = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
    expect(r.code).toBe(0);
    const contents = await readXlsxContents(await bytes());
    expect(contents.sheets.find((s) => s.name === "Unit outcomes")?.grid[0]?.[0]).toBe("mine");
    expect(contents.sheets.map((s) => s.name)).toContain("Unit outcomes (2)");

    // A workbook ilm never made: its tabs are not ilm's to overwrite.
    const foreign = await writeXlsx({
      mode: "portable",
      sheets: [sheetPlan("Learners", "Budget", [row("B-1", "Rent", 3, null)])],
    });
    await fs.writeFile(file("foreign.xlsx"), (await session.edit(foreign, [])).bytes);
    const before = await bytes("foreign.xlsx");
    const refused = await ilm("workbook", "cohort.json", "--out", "foreign.xlsx");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("was not made by ilm");
    expect(await bytes("foreign.xlsx")).toEqual(before);
  }, 120_000);

  it("matches rows by Registration No after Learner is dragged in front of it", async () => {
    await made();
    await person([
      { op: "unprotectSheet", tab: D501 },
      { op: "moveColumn", tab: D501, header: "Learner", before: "Registration No" },
      { op: "type", tab: D501, header: CONTEXT, registration: "NF-002", value: 1 },
    ]);
    const r = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
    expect(r.code).toBe(0);
    expect(await valueAt("MS_D5_01", "NF-002", CONTEXT)).toBe(1);
    expect(await valueAt("MS_D5_01", "NF-001", BEST)).toBe(24);
    expect(await valueAt("MS_D5_01", "NF-002", "Status")).toBe("Active");
    const d = await decoded();
    expect(d.tables.get("MS_D5_01")?.rows.filter((x) => x !== null)).toHaveLength(2);
  }, 120_000);

  it("refuses, naming the column, when a mark column's header was renamed, and changes nothing", async () => {
    await made();
    await person([
      { op: "unprotectSheet", tab: D501 },
      { op: "renameHeader", tab: D501, header: BEST, to: "Best practice" },
    ]);
    const r = await refusedUnchanged(["workbook", "cohort.json", "--out", "w.xlsx"], /Best practice/);
    expect(r.err).toContain(`The column "${BEST}" of MS_D5_01 is missing`);
  }, 120_000);

  it("refuses another centre's cohort", async () => {
    await made();
    await writeCohort([asha, ben], "other.json", { number: "999999", name: "Elsewhere College" });
    await refusedUnchanged(["workbook", "other.json", "--out", "w.xlsx"], /centre 999999/);
  }, 60_000);

  it("refuses two rows with one registration number (ignoring case), naming both", async () => {
    await made();
    await person([
      { op: "unprotectSheet", tab: D501 },
      { op: "typeAt", tab: D501, address: "A3", value: "nf-001" },
    ]);
    await refusedUnchanged(
      ["workbook", "cohort.json", "--out", "w.xlsx"],
      /Rows 2 and 3 of MS_D5_01 are both for nf-001/,
    );
  }, 120_000);

  it("keeps a row LibreOffice duplicated below a table out of the table, and refuses to grow over it", async () => {
    await made();
    await person([
      { op: "unprotectSheet", tab: D501 },
      { op: "duplicateRow", tab: D501, registration: "NF-002", where: "inside" },
    ]);
    expect((await ilm("workbook", "cohort.json", "--out", "w.xlsx")).code).toBe(0);
    const d = await decoded();
    expect(d.tables.get("MS_D5_01")?.rows.map((x) => x?.registration)).toEqual(["NF-001", "NF-002"]);
    await writeCohort([asha, ben, cara, { ...ben, registration: "NF-004" }]);
    await refusedUnchanged(
      ["workbook", "cohort.json", "--out", "w.xlsx"],
      /cells there hold what someone typed/,
    );
  }, 120_000);

  it("keeps cells beside and below a table, notes, hidden columns, widths, and a user tab's chart, pivot table and note", async () => {
    await made();
    await person([
      { op: "unprotectSheet", tab: D501 },
      { op: "typeAt", tab: D501, address: "AB2", value: "beside the table" },
      { op: "typeAt", tab: D501, address: "B4", value: "a note below the table" },
      { op: "addNote", tab: D501, header: BEST, registration: "NF-001", text: "checked with IQA" },
      { op: "hideColumn", tab: D501, header: "QA Context /4" },
      {
        op: "addUserSheet",
        name: "Progress",
        values: [
          ["Month", "Done"],
          ["Jan", 3],
          ["Feb", 5],
        ],
        chart: true,
        note: { address: "A1", text: "my chart" },
        pivot: true,
      },
    ]);
    const before = parts(await bytes());
    const beforeXml = await (async () => partText(await bytes(), sheetPart(await bytes(), D501)))();
    const sheetXml = async () => partText(await bytes(), sheetPart(await bytes(), D501));
    const cols = (xml: string) => /<cols>.*?<\/cols>/s.exec(xml)?.[0];
    expect(cols(beforeXml)).toMatch(/hidden="(1|true)"/);
    const r = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
    expect(r.code).toBe(0);
    const after = parts(await bytes());
    // The hidden column and every width stay as the person left them.
    expect(cols(await sheetXml())).toBe(cols(beforeXml));
    expect(Object.keys(before).some((n) => n.startsWith("xl/pivotTables/"))).toBe(true);
    // The person's parts (not those of ilm's Dashboard, whose charts are redrawn with the figures).
    const ilms = partsOfSheet(await bytes(), "Dashboard");
    for (const name of Object.keys(before).filter(
      (n) => /chart|drawing|comments|vmlDrawing|pivot/i.test(n) && !ilms.has(n),
    ))
      expect([name, after[name]]).toEqual([name, before[name]]);
    const contents = await readXlsxContents(await bytes());
    const sheet = contents.sheets.find((s) => s.name === D501);
    expect(sheet?.grid[1]?.[27]).toBe("beside the table");
    expect(sheet?.grid[3]?.[1]).toBe("a note below the table");
    const d = await decoded();
    expect(d.tables.get("MS_D5_01")?.rows.map((x) => x?.registration)).toEqual(["NF-001", "NF-002"]);
    // The note below the table is in the way of a new learner's row: refused, not overwritten.
    await writeCohort([asha, ben, cara, { ...ben, registration: "NF-004" }]);
    await refusedUnchanged(
      ["workbook", "cohort.json", "--out", "w.xlsx"],
      /cells there hold what someone typed: B4/,
    );
  }, 120_000);

  it("lists a correction in the cohort file as a conflict, writes nothing, and applies it with --prefer file", async () => {
    await made();
    await person([{ op: "type", tab: D501, header: BEST, registration: "NF-001", value: 25 }]);
    await writeCohort([
      { ...asha, assessments: { "D5.01": { ...asha.assessments["D5.01"], marks: [3, 26, 9, 21] } } },
      ben,
      cara,
    ]);
    const r = await refusedUnchanged(
      ["workbook", "cohort.json", "--out", "w.xlsx"],
      /1 conflicts with the cohort file/,
    );
    expect(r.err).toContain("'D5.01 Assignment'!E2");
    expect(r.err).toContain("the workbook holds 25, the cohort file 26");
    expect((await ilm("workbook", "cohort.json", "--out", "w.xlsx", "--prefer", "workbook")).code).toBe(0);
    expect(await valueAt("MS_D5_01", "NF-001", BEST)).toBe(25);
    expect((await ilm("workbook", "cohort.json", "--out", "w.xlsx", "--prefer", "file")).code).toBe(0);
    expect(await valueAt("MS_D5_01", "NF-001", BEST)).toBe(26);
  }, 120_000);

  it("keeps a cleared mark cleared, and exits 1 when an assessor typed an INVALID mark", async () => {
    await made();
    await person([
      { op: "clear", tab: D501, header: BEST, registration: "NF-001" },
      { op: "type", tab: D501, header: CONTEXT, registration: "NF-002", value: 9 },
    ]);
    const r = await ilm("workbook", "--out", "w.xlsx");
    expect(r.code).toBe(1);
    expect(await valueAt("MS_D5_01", "NF-001", BEST)).toBeNull();
    expect(await valueAt("MS_D5_01", "NF-002", CONTEXT)).toBe(9);
  }, 120_000);

  it("keeps no learner name, mark, email, note or password in the hidden sheet; email and notes are on the Learners tab", async () => {
    await made();
    const hidden = await decoded();
    const settingsSheet = (await readXlsxContents(await bytes())).sheets.find(
      (s) => s.name === hidden.settingsSheet,
    );
    const text = JSON.stringify(settingsSheet?.grid);
    for (const secret of ["Asha", "NF-001", "asha@example.org", "prefers mornings", "Clear structure", "24"])
      expect(text).not.toContain(secret);
    expect(await valueAt("Learners", "NF-001", "Email")).toBe("asha@example.org");
    expect(await valueAt("Learners", "NF-001", "Notes")).toBe("prefers mornings");
  }, 60_000);

  it("evaluates the marked workbook as it evaluates the same cohort as a file, and export then workbook round-trips", async () => {
    await made();
    await person([
      { op: "type", tab: D501, header: CONTEXT, registration: "NF-002", value: 2 },
      { op: "type", tab: D501, header: BEST, registration: "NF-002", value: 20 },
      { op: "type", tab: D501, header: "Barriers /16 (min 8)", registration: "NF-002", value: 8 },
      { op: "type", tab: D501, header: "Business case /40 (min 20)", registration: "NF-002", value: 20 },
      {
        op: "type",
        tab: D501,
        header: "Date assessed",
        registration: "NF-002",
        value: { date: "2026-02-03" },
      },
    ]);
    const fromWorkbook = await ilm("evaluate", "w.xlsx", "--json");
    expect(fromWorkbook.err).toBe("");
    const exported = await ilm("export", "w.xlsx", "--out", "back.json");
    expect(exported.code).toBe(0);
    const fromFile = await ilm("evaluate", "back.json", "--json");
    expect(fromWorkbook.out).toBe(fromFile.out);
    expect(JSON.parse(fromWorkbook.out).learners[1].assessments["D5.01"].outcome).toBe("PASS");
    const back = JSON.parse(await fs.readFile(file("back.json"), "utf8"));
    expect(back.learners[1].assessments["D5.01"].assessed).toBe("2026-02-03");
    expect((await ilm("workbook", "back.json", "--out", "again.xlsx")).code).toBe(0);
    expect((await ilm("export", "again.xlsx", "--out", "again.json")).code).toBe(0);
    expect(JSON.parse(await fs.readFile(file("again.json"), "utf8"))).toEqual(back);
  }, 120_000);

  it("never moves a date in a workbook of the 1904 date system, however often it is regenerated", async () => {
    await made();
    await person([
      { op: "use1904DateSystem" },
      {
        op: "type",
        tab: D501,
        header: "Date assessed",
        registration: "NF-002",
        value: { date: "2026-02-03" },
      },
    ]);
    const shown = async () => (await sofficeCsv(await bytes(), [D501, "Learners"])).get(D501);
    const before = await shown();
    expect(before).toContain("2026-02-03");
    // The dates the switch moved now differ from the cohort file's: a conflict, listed, nothing written.
    await refusedUnchanged(
      ["workbook", "cohort.json", "--out", "w.xlsx"],
      /the workbook holds "2030-01-16", the cohort file "2026-01-15"/,
    );
    for (let i = 0; i < 2; i++) expect((await ilm("workbook", "--out", "w.xlsx")).code).toBe(0);
    expect(await shown()).toBe(before);
    expect((await ilm("export", "w.xlsx", "--out", "back.json")).code).toBe(0);
    const back = JSON.parse(await fs.readFile(file("back.json"), "utf8"));
    expect(back.learners[1].assessments["D5.01"].assessed).toBe("2026-02-03");
  }, 120_000);
});
