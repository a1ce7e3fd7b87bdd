/**
 * The Decision log through real files: `ilm workbook` writes a workbook, LibreOffice types marks into it as an
 * assessor does and saves it, and each regeneration adds one row per decision that changed, never touching the
 * rows it holds.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ilmIn } from "../cli/helpers";
import { logEntriesOf, LOG_SHEET } from "../../src/workbook/decision-log";
import { decodeWorkbook } from "../../src/workbook/decode";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { partText, sheetPart, describeWhenInstalled } from "../xlsx/helpers";
import { findUnoPython, type PersonSession, startPerson } from "./person";
import { findSoffice, recalcWithLibreOffice } from "./recalc";
import { valueOf } from "../../src/workbook/contents";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the Decision log test through LibreOffice",
);

const D501 = "D5.01 Assignment";
const BEST = "Best practice /40 (min 20)";
const headers = ["Context /4 (min 2)", BEST, "Barriers /16 (min 8)", "Business case /40 (min 20)"];
const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben = { registration: "NF-002", name: "Ben Okafor", qualification: "500/3564/2" };
const cohort = {
  format: "ilm-cohort/1",
  centre: { number: "123456", name: "Northfield Training" },
  cohort: "2026-A",
  learners: [asha, ben],
};

/** The <row> elements of the log's sheet part, by row number. */
function rowsXml(xml: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of xml.matchAll(/<row [^>]*r="(\d+)"[^>]*>[\s\S]*?<\/row>/g)) rows.set(m[1] as string, m[0]);
  return rows;
}

maybe("the Decision log, through files LibreOffice edits and saves", () => {
  let session: PersonSession;
  let dir: string;

  beforeAll(async () => {
    if (!soffice || !python) throw new Error("CI=true but soffice or python3-uno is missing");
    session = await startPerson(soffice, python);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-log-"));
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const file = (name: string) => path.join(dir, name);
  const bytes = async () => new Uint8Array(await fs.readFile(file("w.xlsx")));
  const ilm = (...args: string[]) => ilmIn(dir)(...args);
  const log = async () => {
    const d = decodeWorkbook(await readXlsxContents(await bytes()));
    if (!d.ok || !d.value) throw new Error(`not decoded: ${JSON.stringify(d)}`);
    return logEntriesOf([...d.value.tables.values()].find((t) => t.kind === "log"));
  };
  const logXml = async () => {
    const b = await bytes();
    return rowsXml(partText(b, sheetPart(b, LOG_SHEET)));
  };

  it("adds one row per changed decision with its before and after, then none; earlier rows stay as they were", async () => {
    await fs.writeFile(file("cohort.json"), JSON.stringify(cohort));
    expect((await ilm("workbook", "cohort.json", "--out", "w.xlsx", "--who", "R. Hughes")).code).toBe(0);
    const first = await log();
    expect(first.filter((e) => e.field === "Outcome")).toEqual([
      expect.objectContaining({
        registration: "NF-001",
        what: "D5.01",
        before: "",
        after: "PASS",
        who: "R. Hughes",
      }),
    ]);

    // An assessor lowers Asha's mark below the minimum and marks Ben, in LibreOffice.
    const marked = await session.edit(await bytes(), [
      { op: "type", tab: D501, header: BEST, registration: "NF-001", value: 10 },
      ...[3, 24, 9, 21].map((value, i) => ({
        op: "type" as const,
        tab: D501,
        header: headers[i] as string,
        registration: "NF-002",
        value,
      })),
    ]);
    await fs.writeFile(file("w.xlsx"), marked.bytes);
    const saved = await log();
    expect(saved).toEqual(first);

    const r = await ilm("workbook", "--out", "w.xlsx", "--who", "P. Shah");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/decision log: \d+ changes recorded \(\d+ typed since the last run\)/);
    const second = await log();
    expect(second.slice(0, first.length)).toEqual(first);
    const added = second.slice(first.length);
    const outcomes = added.filter((e) => e.field === "Outcome");
    expect(outcomes.map((e) => [e.registration, e.before, e.after, e.who, e.source])).toEqual([
      ["NF-001", "PASS", "REFERRAL", "unknown", "changed outside ilm"],
      ["NF-002", "", "PASS", "unknown", "changed outside ilm"],
    ]);
    const marks = added.find((e) => e.registration === "NF-001" && e.field === "Marks");
    expect(marks && [marks.before, marks.after]).toEqual(["3, 24, 9, 21", "3, 10, 9, 21"]);
    const keys = added.map((e) => `${e.registration} ${e.what} ${e.field}`);
    expect(new Set(keys).size).toBe(keys.length);

    // A second regeneration finds nothing new: no row added, and every row's XML is byte for byte the same.
    const before = await logXml();
    const again = await ilm("workbook", "--out", "w.xlsx", "--who", "P. Shah");
    expect(again.out).toContain("decision log: no change to record");
    expect(await log()).toEqual(second);
    const after = await logXml();
    for (const [r, xml] of before) expect(after.get(r)).toBe(xml);

    // The resubmission: Asha's referral is marked again and passes. The log keeps the first attempt, and the
    // mark sheet's Attempt says 2, in the file as written and after LibreOffice recalculates it.
    const resubmitted = await session.edit(await bytes(), [
      { op: "type", tab: D501, header: BEST, registration: "NF-001", value: 26 },
    ]);
    await fs.writeFile(file("w.xlsx"), resubmitted.bytes);
    expect((await ilm("workbook", "--out", "w.xlsx")).code).toBe(0);
    const third = await log();
    expect(third.slice(0, second.length)).toEqual(second);
    expect(
      third
        .slice(second.length)
        .filter((e) => e.field === "Outcome")
        .map((e) => [e.registration, e.before, e.after]),
    ).toEqual([["NF-001", "REFERRAL", "PASS"]]);
    const attempts = async (b: Uint8Array) => {
      const contents = await readXlsxContents(b);
      const sheet = contents.sheets.find((x) => x.name === D501);
      const header = sheet?.grid[0] ?? [];
      const col = (h: string) => header.findIndex((c) => valueOf(c) === h);
      return Object.fromEntries(
        (sheet?.grid ?? [])
          .slice(1, 3)
          .map((row) => [
            valueOf(row?.[col("Registration No")] ?? null),
            valueOf(row?.[col("Attempt")] ?? null),
          ]),
      );
    };
    expect(await attempts(await bytes())).toEqual({ "NF-001": 2, "NF-002": 1 });
    const recalculated = await recalcWithLibreOffice(await bytes(), soffice as string);
    expect(await attempts(recalculated.bytes)).toEqual({ "NF-001": 2, "NF-002": 1 });
  }, 300_000);
});
