/**
 * Dashboard parity: after LibreOffice's full recalculation, every figure on the Dashboard equals the engine's
 * summary on the same As of date, for the golden cohorts and for random cohorts (withdrawn learners, INVALID
 * entries, QA re-marks, As of dates on and around deadlines).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import { evaluateCohort, parseIsoDate, summarize, toSerial, validateCohort } from "../../src/domain";
import { formatIsoDate, fromSerial } from "../../src/domain/engine/dates";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { dashboardFigures, rounded } from "../workbook/dashboard-reader";
import { generateCohort } from "../workbook/generate";
import { withoutCachedValues } from "../workbook/helpers";
import { findSoffice, recalcWithLibreOffice } from "./recalc";
import { pdftoppm, pdftotext, sofficePdf, describeWhenInstalled } from "../xlsx/helpers";

const ARTIFACTS = path.join(__dirname, "..", "artifacts");

const soffice = findSoffice();
const maybe = describeWhenInstalled({ "LibreOffice (soffice)": soffice }, "the Dashboard parity test");
const ROOT = path.join(__dirname, "..", "..");

/** The plan with the As of date typed and every cached value taken out, so LibreOffice computes each figure. */
function typedAsOf(plan: WorkbookPlan, asOf: string): WorkbookPlan {
  const d = parseIsoDate(asOf);
  if (!d) throw new Error(asOf);
  const bare = withoutCachedValues(plan);
  return {
    ...bare,
    sheets: bare.sheets.map((s) =>
      s.kind === "dashboard"
        ? { ...s, table: { ...s.table, rows: [[{ t: "date" as const, v: toSerial(d) }]] } }
        : s,
    ),
  };
}

async function parity(cohort: Cohort, asOf: string): Promise<void> {
  if (!soffice) throw new Error("CI=true but soffice is not installed: this test must run in CI");
  const g = generate({ what: "w", file: cohort });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  const valid = validateCohort(g.value.cohort, g.value.catalogue);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems.slice(0, 3)));
  const expected = summarize(
    g.value.catalogue,
    valid.value,
    evaluateCohort(g.value.catalogue, valid.value),
    asOf,
  );
  const recalculated = await recalcWithLibreOffice(await writeXlsx(typedAsOf(g.value.plan, asOf)), soffice);
  const shown = dashboardFigures(await readXlsxContents(recalculated.bytes), asOf);
  expect(rounded(shown)).toEqual(rounded(expected));
}

/** As of dates on and around a learner's deadline: the day before, on it, after, and 90 and 91 days before. */
function aroundDeadlines(cohort: Cohort, pick: number, offset: number): string {
  const g = generate({ what: "w", file: cohort });
  if (!g.ok) return "2026-12-02";
  const deadlines = (g.value.evaluation?.learners ?? []).flatMap((l) => (l.deadline ? [l.deadline] : []));
  const d = deadlines.length > 0 ? parseIsoDate(deadlines[pick % deadlines.length] as string) : null;
  return d ? formatIsoDate(fromSerial(toSerial(d) + offset)) : "2026-12-02";
}

maybe("the Dashboard recalculated by LibreOffice", () => {
  it.each([
    ["the sample cohort", "examples/cohort.json", "2026-12-02"],
    ["the boundaries golden cohort", "test/golden/boundaries.cohort.json", "2027-06-30"],
    ["the combinations golden cohort", "test/golden/combinations.cohort.json", "2028-01-12"],
  ])(
    "shows the engine's figures for %s",
    async (_name, file, asOf) => {
      await parity(JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Cohort, asOf);
    },
    120_000,
  );

  it("shows the engine's figures for random cohorts, with As of dates on and around deadlines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 30 }),
        fc.nat(100),
        fc.constantFrom(-91, -90, -1, 0, 1),
        async (seed, size, pick, offset) => {
          const cohort = generateCohort(size, seed);
          await parity(cohort, aroundDeadlines(cohort, pick, offset));
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);
});

maybe("the Dashboard's charts, drawn by LibreOffice", () => {
  it("prints the sample cohort's Dashboard first, with both charts, saved as test/artifacts/dashboard-sample.png", async () => {
    if (!soffice || !pdftoppm || !pdftotext)
      throw new Error("CI=true but LibreOffice or poppler-utils (pdftoppm, pdftotext) is missing");
    const cohort = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;
    const g = generate({ what: "w", file: cohort });
    if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
    const { png, pageOneText } = await sofficePdf(await writeXlsx(g.value.plan));
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "dashboard-sample.png"), png);
    expect(png.length).toBeGreaterThan(10_000);
    for (const text of ["As of", "Headline", "Outcomes by assessment", "Achievement by qualification"])
      expect(pageOneText).toContain(text);
  }, 180_000);
});
