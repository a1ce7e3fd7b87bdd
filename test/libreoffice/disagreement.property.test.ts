/**
 * The mark sheets' Disagreement column in real engines: for random assessor and QA marks (and criterion results),
 * and a random mark tolerance kept in the workbook's strategy, the cells LibreOffice and Gnumeric calculate are
 * the engine's `disagrees`, row for row.
 */
import fc from "fast-check";
import { generate } from "../../src/app/generate";
import { builtinCatalogue } from "../../src/domain";
import type { AssessmentEntry, Cohort } from "../../src/domain/cohort/schema";
import type { SamplingStrategy } from "../../src/domain/sampling";
import { disagrees } from "../../src/domain/sampling";
import { cellAt, valueOf } from "../../src/workbook/contents";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { describeWhenInstalled } from "../xlsx/helpers";
import { findSoffice, recalcWithLibreOffice } from "./recalc";

const soffice = findSoffice();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice },
  "the Disagreement column test through LibreOffice",
);

const catalogue = builtinCatalogue();
const D501 = catalogue.assessments.get("D5.01");
const C500 = catalogue.assessments.get("8580-500");
if (D501?.kind !== "sectioned" || C500?.kind !== "criteria") throw new Error("catalogue changed");

/** A mark as people type them: mostly in range, sometimes blank, out of range, a decimal or words. */
const mark = (max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(max + 3, 2.5) },
    { weight: 1, arbitrary: fc.constant("absent") },
  );
/** A QA mark near the assessor's, so differences straddle the tolerance. */
const qaNear = (own: unknown, max: number) =>
  typeof own === "number"
    ? fc.oneof(
        fc.integer({ min: -4, max: 4 }).map((d) => Math.min(max, Math.max(0, own + d))),
        fc.constant(null),
      )
    : mark(max);
const criterion = fc.constantFrom("P", "R", "p", " R ", null, null, "x");

const sectionedEntry: fc.Arbitrary<AssessmentEntry> = fc
  .tuple(...D501.sections.map((s) => mark(s.max)))
  .chain((marks) =>
    fc
      .tuple(fc.boolean(), fc.tuple(...D501.sections.map((s, i) => qaNear(marks[i], s.max))))
      .map(([qa, qaMarks]) => ({ marks, ...(qa ? { qaMarks } : {}) }) as AssessmentEntry),
  );
const criteriaEntry: fc.Arbitrary<AssessmentEntry> = fc
  .tuple(
    fc.array(criterion, { minLength: 12, maxLength: 12 }),
    fc.array(criterion, { minLength: 12, maxLength: 12 }),
  )
  .map(([own, qa]) => ({
    criteria: Object.fromEntries(C500.criteria.map((c, i) => [c.id, own[i] ?? null])),
    qaCriteria: Object.fromEntries(C500.criteria.map((c, i) => [c.id, qa[i] ?? null])),
  }));

const STRATEGY: SamplingStrategy = {
  format: "ilm-sampling/1",
  stage: "summative",
  minimumPercent: 10,
  perAssessorAssessment: 1,
  newAssessors: [],
  newAssessorPercent: 100,
  referrals: "all",
  markTolerance: 0,
};

function cohortOf(sectioned: readonly AssessmentEntry[], criteria: readonly AssessmentEntry[]): Cohort {
  const learner = (i: number, qualification: string, assessments: Record<string, AssessmentEntry>) => ({
    registration: `NF-${String(i).padStart(3, "0")}`,
    name: `Learner ${i}`,
    qualification,
    assessor: "R. Hughes",
    assessments,
  });
  return {
    format: "ilm-cohort/1",
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learners: [
      ...sectioned.map((e, i) => learner(i + 1, "500/3564/2", { "D5.01": e })),
      ...criteria.map((e, i) => learner(sectioned.length + i + 1, "600/5791/9", { "8580-500": e })),
    ],
  };
}

/** Each learner's Disagreement cell on a mark sheet, by registration, as the engine reads it back. */
function disagreementCells(
  contents: Awaited<ReturnType<typeof readXlsxContents>>,
  sheetName: string,
): Map<string, unknown> {
  const sheet = contents.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no ${sheetName}`);
  const header = sheet.grid[0] ?? [];
  const col = (h: string) => header.findIndex((c) => valueOf(c) === h);
  const reg = col("Registration No");
  const dis = col("Disagreement");
  const out = new Map<string, unknown>();
  for (let r = 1; r < sheet.grid.length; r++) {
    const id = valueOf(cellAt(sheet, r, reg));
    if (typeof id === "string" && id.startsWith("NF-")) {
      const v = valueOf(cellAt(sheet, r, dis));
      out.set(id, v === 1 ? true : v === 0 ? false : v);
    }
  }
  return out;
}

maybe("the Disagreement column recalculated by LibreOffice", () => {
  it("is the engine's disagrees for random assessor and QA marks and criteria, at a random tolerance", async () => {
    if (!soffice) throw new Error("CI=true but soffice is not installed");
    let compared = 0;
    let disagreeing = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(sectionedEntry, { minLength: 25, maxLength: 25 }),
        fc.array(criteriaEntry, { minLength: 10, maxLength: 10 }),
        fc.constantFrom(0, 1, 2, 3),
        async (sectioned, criteria, tolerance) => {
          const cohort = cohortOf(sectioned, criteria);
          const made = generate({
            what: "random.xlsx",
            file: cohort,
            sampling: { strategy: { ...STRATEGY, markTolerance: tolerance } },
          });
          if (!made.ok) throw new Error(JSON.stringify(made.problems.slice(0, 3)));
          const recalculated = await recalcWithLibreOffice(await writeXlsx(made.value.plan), soffice);
          const contents = await readXlsxContents(recalculated.bytes);
          const sheets = [
            ["D5.01", "D5.01 Assignment", D501],
            ["8580-500", "8580-500 Assignment 1", C500],
          ] as const;
          for (const [id, sheetName, assessment] of sheets) {
            const cells = disagreementCells(contents, sheetName);
            for (const l of cohort.learners) {
              const entry = l.assessments?.[id];
              if (!entry) continue;
              const expected = disagrees(assessment, entry, tolerance);
              expect([l.registration, id, cells.get(l.registration)]).toEqual([l.registration, id, expected]);
              compared++;
              if (expected) disagreeing++;
            }
          }
        },
      ),
      { numRuns: 3, seed: 20261202 },
    );
    // Both answers came up often enough for the comparison to mean something.
    expect(compared).toBe(3 * 35);
    expect(disagreeing).toBeGreaterThan(20);
    expect(compared - disagreeing).toBeGreaterThan(20);
  }, 300_000);
});
