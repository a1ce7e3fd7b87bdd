/**
 * The mark sheets' IQA columns: what the cohort says goes into them and comes back out; a decision typed in other
 * capitals is read as the decision, a word that is none is named by its cell and kept; Disagreement and Attempt
 * carry the engine's values.
 */
import { generate } from "../../src/app/generate";
import { openWorkbook } from "../../src/app/open";
import type { AssessmentEntry, Cohort } from "../../src/domain";
import type { WorkbookContents } from "../../src/workbook/contents";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { STRATEGY } from "../domain/strategies";
import { cohortOf } from "./helpers";

const D501 = "D5.01 Assignment";
const decided: AssessmentEntry = {
  marks: [3, 24, 9, 21],
  qaMarks: [3, 21, 9, 21],
  iqaSample: "referral; minimum 10%",
  iqaDecision: "Action required",
  iqaAction: "Say which evidence gave 24 for Best practice",
  actionDue: "2026-12-18",
  actionClosed: "2026-12-11",
};
const learner = (n: number, entry?: AssessmentEntry) => ({
  registration: `NF-00${n}`,
  name: `Learner ${n}`,
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  ...(entry ? { assessments: { "D5.01": entry } } : {}),
});

function write(
  cohort: Cohort,
  on?: WorkbookContents,
  tolerance?: number,
): { plan: WorkbookPlan; wb: MemoryWorkbook } {
  const made = generate({
    what: "w",
    file: cohort,
    ...(on ? { contents: on } : {}),
    ...(tolerance !== undefined ? { sampling: { strategy: { ...STRATEGY, markTolerance: tolerance } } } : {}),
  });
  if (!made.ok) throw new Error(JSON.stringify(made.problems.slice(0, 2)));
  const wb = new MemoryWorkbook();
  wb.apply(made.value.plan);
  return { plan: made.value.plan, wb };
}

/** A mark sheet cell's value (a formula's cached value) by header and registration. */
function cellOf(plan: WorkbookPlan, header: string, registration: string): unknown {
  const sheet = plan.sheets.find((s) => s.name === D501) as SheetPlan;
  const c = sheet.table.columns.findIndex((x) => x.header === header);
  const cell = sheet.table.rows[sheet.table.keys.indexOf(registration)]?.[c];
  return cell === null || cell === undefined ? null : cell.v;
}

describe("the mark sheets' IQA columns", () => {
  it("hold an entry's IQA sample, decision, action, due and closed dates, and read them back as given", () => {
    const cohort = cohortOf([learner(1, decided), learner(2)]);
    const { wb } = write(cohort);
    const opened = openWorkbook(wb.contents(), "w");
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    expect(opened.value.unreadable).toEqual([]);
    expect(opened.value.cohort.learners[0]?.assessments?.["D5.01"]).toEqual(decided);
    expect(opened.value.cohort.learners[1]?.assessments).toBeUndefined();
  });

  it("read a decision typed in other capitals as the decision, and name a word that is none by its cell, keeping it", () => {
    const { wb } = write(
      cohortOf([learner(1, { marks: [3, 24, 9, 21] }), learner(2, { marks: [3, 24, 9, 21] })]),
    );
    const sheet = wb.sheet(D501);
    if (!sheet) throw new Error("no D5.01 sheet");
    const col = (sheet.grid[0] ?? []).findIndex((c) => c !== null && c.v === "IQA decision");
    (sheet.grid[1] as unknown[])[col] = { t: "text", v: " agree " };
    (sheet.grid[2] as unknown[])[col] = { t: "text", v: "Maybe" };
    const opened = openWorkbook(wb.contents(), "w");
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    expect(opened.value.cohort.learners[0]?.assessments?.["D5.01"]?.iqaDecision).toBe("Agree");
    expect(opened.value.cohort.learners[1]?.assessments?.["D5.01"]?.iqaDecision).toBeUndefined();
    expect(opened.value.unreadable).toEqual([
      expect.objectContaining({
        code: "not-an-iqa-decision",
        registration: "NF-002",
        message: '"Maybe" is not Agree or Action required.',
        place: expect.objectContaining({ sheet: D501, column: "IQA decision" }),
      }),
    ]);
    // Regenerated, the cell keeps what was typed: ilm never writes over a person's entry.
    const again = generate({ what: "w", contents: wb.contents() });
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(cellOf(again.value.plan, "IQA decision", "NF-002")).toBe("Maybe");
  });

  it("show the engine's Disagreement at the workbook's tolerance, and Attempt 1 before any resubmission", () => {
    const cohort = cohortOf([
      learner(1, { marks: [3, 24, 9, 21], qaMarks: [3, 22, 9, 21] }),
      learner(2, { marks: [3, 24, 9, 21] }),
    ]);
    const strict = write(cohort).plan;
    expect(cellOf(strict, "Disagreement", "NF-001")).toBe(true);
    expect(cellOf(strict, "Disagreement", "NF-002")).toBe(false);
    const lenient = write(cohort, undefined, 2).plan;
    expect(cellOf(lenient, "Disagreement", "NF-001")).toBe(false);
    expect([cellOf(lenient, "Attempt", "NF-001"), cellOf(lenient, "Attempt", "NF-002")]).toEqual([1, 1]);
  });
});
