import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { workbookCommand } from "../../src/cli/workbook";
import type { CliIO } from "../../src/cli/io";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { partText, parts, sheetPart } from "./helpers";

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

/** The table part of a table, by its name. */
function tablePart(bytes: Uint8Array, name: string): string {
  const found = Object.entries(parts(bytes)).find(
    ([p, b]) => p.startsWith("xl/tables/") && new TextDecoder().decode(b).includes(` name="${name}"`),
  );
  if (!found) throw new Error(`no table part ${name}`);
  return new TextDecoder().decode(found[1]);
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
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx")));
    const contents = await readXlsxContents(bytes);
    expect(contents.sheets.map((w) => w.name)).toEqual([
      "Dashboard",
      "Learners",
      "D5.01 Assignment",
      "D5.02+D5.03 Diary",
      "Feedback",
      "IQA plan",
      "Decision log",
      "ILM state",
    ]);
    expect(contents.sheets.find((s) => s.name === "ILM state")?.visibility).toBe("veryHidden");
    // The Feedback tab: portrait A4 on one page; its drop-downs list the Learners tab's and the Dashboard's cells.
    const feedback = partText(bytes, sheetPart(bytes, "Feedback"));
    expect(feedback).toMatch(/<pageSetUpPr [^>]*fitToPage="1"/);
    expect(feedback).toMatch(
      /<pageSetup [^>]*paperSize="9"[^>]*orientation="portrait"[^>]*fitToWidth="1"[^>]*fitToHeight="1"/,
    );
    expect(feedback).toMatch(
      /<dataValidation type="list"[^>]*sqref="A2:A2"><formula1>'Learners'!\$A\$2:\$A\$2<\/formula1>/,
    );
    expect(feedback).toMatch(
      /<dataValidation type="list"[^>]*sqref="C2:C2"><formula1>'Dashboard'!\$A\$\d+:\$A\$\d+<\/formula1>/,
    );
    const d501 = contents.sheets.find((s) => s.name === "D5.01 Assignment");
    expect(d501?.grid[1]?.[1]).toBe('=HYPERLINK("http://x")');
    expect(d501?.grid[1]?.[3]).toBe(3);
    const xml = partText(bytes, sheetPart(bytes, "D5.01 Assignment"));
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(xml).toMatch(/<pane [^>]*xSplit="2" ySplit="1"[^>]*state="frozen"/);
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    expect(xml).toMatch(/<dataValidation [^>]*type="whole"[^>]*sqref="D2[^"]*"/);
    expect(xml).toContain("IF(OR(COUNTA(");
  });

  it("regenerates in place: keeps typed marks, a tab the user added, and marks removed learners withdrawn", async () => {
    const ben = { registration: "NF-002", name: "Ben", qualification: "500/3564/2" };
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha, ben])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha])));
    const x = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], x)).toBe(0);
    expect(x.out.join("")).toMatch(/withdrawn: NF-002/);
    const contents = await readXlsxContents(new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx"))));
    const learners = contents.sheets.find((s) => s.name === "Learners");
    const row = learners?.grid.find((r) => r?.[0] === "NF-002");
    expect(row?.[2]).toBe("Withdrawn");
    expect(existsSync(path.join(dir, "out.xlsx"))).toBe(true);
  });

  it("refuses registration numbers that one spreadsheet lookup could confuse: same ignoring case, or wildcards", async () => {
    const twin = { ...asha, registration: "nf-001", name: "Other" };
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha, twin])));
    const x = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], x)).toBe(2);
    expect(x.err.join("")).toMatch(/nf-001/);
    await fs.writeFile(
      path.join(dir, "c.json"),
      JSON.stringify(cohort([{ ...asha, registration: "NF*01" }])),
    );
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(2);
    expect(await fs.readdir(dir)).toEqual(["c.json"]);
  });

  it("gives centre assessments whose ids differ only in punctuation tabs and tables of their own", async () => {
    const centre = {
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
    await fs.writeFile(path.join(dir, "centre.json"), JSON.stringify(centre));
    const l5 = { registration: "NF-003", name: "Cara", qualification: "600/5791/9" };
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([l5])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx", "--catalogue", "centre.json"], io())).toBe(
      0,
    );
    const contents = await readXlsxContents(new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx"))));
    const tables = contents.tables.map((t) => t.name.toLowerCase());
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables).toEqual(expect.arrayContaining(["ms_a_1", "ms_a_1_2"]));
    // Every sheet a Learners formula names exists.
    const learners = contents.sheets.find((s) => s.name === "Learners");
    const names = new Set(contents.sheets.map((s) => s.name));
    for (const row of learners?.grid ?? [])
      for (const cell of row ?? [])
        if (typeof cell === "object" && cell !== null)
          for (const m of cell.f.matchAll(/'((?:[^']|'')+)'!/g))
            expect(names.has(m[1]?.replace(/''/g, "'") ?? "")).toBe(true);
  });

  it("keeps the workbook's file mode, and refuses a file that is read-only or open in LibreOffice or Excel", async () => {
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    const out = path.join(dir, "out.xlsx");
    await fs.chmod(out, 0o640);
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    expect((await fs.stat(out)).mode & 0o777).toBe(0o640);

    const before = await fs.readFile(out);
    await fs.writeFile(path.join(dir, ".~lock.out.xlsx#"), "someone,host,1");
    const open = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], open)).toBe(2);
    expect(open.err.join("")).toMatch(/LibreOffice/);
    await fs.rm(path.join(dir, ".~lock.out.xlsx#"));
    await fs.writeFile(path.join(dir, "~$out.xlsx"), "owner");
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(2);
    await fs.rm(path.join(dir, "~$out.xlsx"));
    await fs.chmod(out, 0o444);
    const readOnly = io();
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], readOnly)).toBe(2);
    expect(readOnly.err.join("")).toMatch(/read-only/);
    expect(await fs.readFile(out)).toEqual(before);
    expect((await fs.readdir(dir)).sort()).toEqual(["c.json", "out.xlsx"]);
  });

  it("writes a formula that is the same on every row as the table's calculated column, so Excel fills it into a new row", async () => {
    const ben = { registration: "NF-002", name: "Ben", qualification: "500/3564/2" };
    const cara = { registration: "NF-003", name: "Cara", qualification: "600/5791/9" };
    await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(cohort([asha, ben, cara])));
    expect(await workbookCommand(["c.json", "--out", "out.xlsx"], io())).toBe(0);
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx")));
    const contents = await readXlsxContents(bytes);
    const d501 = contents.sheets.find((s) => s.name === "D5.01 Assignment");
    const outcome = d501?.grid[1]?.[8];
    if (typeof outcome !== "object" || outcome === null) throw new Error("no Outcome formula");
    const table = tablePart(bytes, "MS_D5_01");
    const escaped = outcome.f.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(table).toContain(`<calculatedColumnFormula>${escaped}</calculatedColumnFormula>`);
    // On the Learners tab the formulas differ by qualification: no calculated column for Needs.
    expect(tablePart(bytes, "Learners")).not.toMatch(/name="Needs"><calculatedColumnFormula>/);
  });
});
