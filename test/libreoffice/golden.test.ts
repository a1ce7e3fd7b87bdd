/**
 * The golden cohorts, marked the way assessors mark: `ilm workbook` writes the workbook from each cohort's roster,
 * LibreOffice types every mark, P/R, QA re-mark, date, name, comment and unit outcome the cohort file holds into
 * its cell, and `ilm evaluate marked.xlsx --json` must equal `ilm evaluate cohort.json --json`. Then `ilm export`
 * and `ilm workbook` round-trip.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import type { Cohort, Learner } from "../../src/domain";
import { builtinCatalogue } from "../../src/domain";
import {
  HEADERS,
  UNITS_SHEET,
  criterionHeader,
  markSheetName,
  qaCriterionHeader,
  qaSectionHeader,
  sectionHeader,
} from "../../src/workbook/layout";
import { findUnoPython, type PersonEdit, type PersonSession, startPerson } from "./person";
import { findSoffice } from "./recalc";
import { describeWhenInstalled } from "../xlsx/helpers";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the golden cohorts marked in LibreOffice",
);

const ROOT = path.join(__dirname, "..", "..");
const GOLDEN = [
  path.join(ROOT, "test", "golden", "boundaries.cohort.json"),
  path.join(ROOT, "test", "golden", "combinations.cohort.json"),
  path.join(ROOT, "examples", "cohort.json"),
];
const catalogue = builtinCatalogue();

/**
 * The learner as a roster gives them: no entries. Units given directly (a credit transfer) are named, without an
 * outcome, so the Unit outcomes tab has their columns to type in.
 */
function rosterOnly(l: Learner): Learner {
  const out: Learner = { ...l };
  delete (out as { assessments?: unknown }).assessments;
  if (l.units) out.units = Object.fromEntries(Object.keys(l.units).map((u) => [u, null]));
  return out;
}

/** Every entry of the cohort, as the edits an assessor makes in the workbook. */
function typing(cohort: Cohort): PersonEdit[] {
  const edits: PersonEdit[] = [];
  for (const l of cohort.learners) {
    const registration = l.registration;
    for (const [id, e] of Object.entries(l.assessments ?? {})) {
      const a = catalogue.assessments.get(id);
      if (!a) throw new Error(`unknown assessment ${id}`);
      const tab = markSheetName(a);
      const put = (header: string, value: string | number | { date: string } | null | undefined) => {
        if (value === null || value === undefined || value === "") return;
        edits.push({ op: "type", tab, header, registration, value });
      };
      if (a.kind === "sectioned") {
        a.sections.forEach((s, i) => {
          put(sectionHeader(s), e.marks?.[i]);
          put(qaSectionHeader(s), e.qaMarks?.[i]);
        });
      } else {
        for (const c of a.criteria) {
          put(criterionHeader(c.id), e.criteria?.[c.id]);
          put(qaCriterionHeader(c.id), e.qaCriteria?.[c.id]);
        }
      }
      for (const [key, header] of [
        ["submitted", HEADERS.submitted],
        ["assessed", HEADERS.assessed],
        ["iqaChecked", HEADERS.iqaChecked],
        ["externallyVerified", HEADERS.externallyVerified],
      ] as const) {
        const d = e[key];
        if (d) put(header, { date: d });
      }
      put(HEADERS.assessor, e.assessor);
      put(HEADERS.iqa, e.iqa);
      put(HEADERS.strengths, e.strengths);
      put(HEADERS.improvements, e.improvements);
      if (e.standardisationOptOut !== undefined) put(HEADERS.optOut, e.standardisationOptOut ? "Yes" : "No");
    }
    for (const [unit, outcome] of Object.entries(l.units ?? {}))
      if (outcome) edits.push({ op: "type", tab: UNITS_SHEET, header: unit, registration, value: outcome });
  }
  return edits;
}

maybe("golden cohorts marked in LibreOffice evaluate as their cohort files do", () => {
  let session: PersonSession;
  let dir: string;

  beforeAll(async () => {
    if (!soffice || !python) throw new Error("CI=true but soffice or python3-uno is missing");
    session = await startPerson(soffice, python);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-golden-"));
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const ilm = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      readFile: (p) => fs.readFile(p, "utf8"),
      cwd: dir,
    });
    return { code, out: out.join(""), err: err.join("") };
  };

  test.each(GOLDEN.map((g) => [path.basename(g), g]))(
    "%s",
    async (name, golden) => {
      const cohort = JSON.parse(await fs.readFile(golden, "utf8")) as Cohort;
      const base = name.replace(/\.json$/, "");
      await fs.writeFile(
        path.join(dir, `${base}.roster.json`),
        JSON.stringify({ ...cohort, learners: cohort.learners.map(rosterOnly) }),
      );
      const written = await ilm("workbook", `${base}.roster.json`, "--out", `${base}.xlsx`);
      expect(written.err).toBe("");
      const marked = await session.edit(
        new Uint8Array(await fs.readFile(path.join(dir, `${base}.xlsx`))),
        typing(cohort),
      );
      await fs.writeFile(path.join(dir, `${base}.marked.xlsx`), marked.bytes);

      const fromWorkbook = await ilm("evaluate", `${base}.marked.xlsx`, "--json");
      const fromFile = await ilm("evaluate", golden, "--json");
      expect(fromWorkbook.err).toBe("");
      expect(fromWorkbook.code).toBe(fromFile.code);
      expect(JSON.parse(fromWorkbook.out)).toEqual(JSON.parse(fromFile.out));

      expect((await ilm("export", `${base}.marked.xlsx`, "--out", `${base}.back.json`)).code).toBe(0);
      expect([0, 1]).toContain(
        (await ilm("workbook", `${base}.back.json`, "--out", `${base}.again.xlsx`)).code,
      );
      expect((await ilm("export", `${base}.again.xlsx`, "--out", `${base}.again.json`)).code).toBe(0);
      const back = JSON.parse(await fs.readFile(path.join(dir, `${base}.back.json`), "utf8"));
      expect(JSON.parse(await fs.readFile(path.join(dir, `${base}.again.json`), "utf8"))).toEqual(back);
      const again = await ilm("evaluate", `${base}.again.xlsx`, "--json");
      expect(JSON.parse(again.out)).toEqual(JSON.parse(fromFile.out));
    },
    180_000,
  );
});
