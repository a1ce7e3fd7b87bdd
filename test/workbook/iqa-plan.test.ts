/**
 * The IQA plan tab: the stored strategy in words, coverage by assessor and assessment and by assessor, counts by
 * stage, each formula with the engine's value; no rule invented when no strategy is set; names read from their own
 * cells; cells a person typed where its tables grow refused.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import { planSample, recordSample } from "../../src/app/sample";
import type { Cohort, SamplingStrategy } from "../../src/domain";
import { SAMPLING_PRESETS, describeStrategy } from "../../src/domain";
import { DASHBOARD_TABLES } from "../../src/workbook/dashboard";
import { NO_ASSESSOR } from "../../src/domain/sampling";
import { IQA_PLAN_TABLES, STAGE_LABELS } from "../../src/workbook/iqa-plan";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell, SheetPlan, TablePlan, WorkbookPlan } from "../../src/workbook/plan";
import { generateCohort } from "./generate";

const ROOT = path.join(__dirname, "..", "..");
const sample = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;
const preset = (SAMPLING_PRESETS[0] as { strategy: SamplingStrategy }).strategy;
const recording = { who: "Test IQA", source: "ilm command" as const, when: "2026-12-02T10:00" };

const iqaOf = (p: WorkbookPlan) => p.sheets.find((s) => s.kind === "iqaplan") as SheetPlan;
const tablesOf = (s: SheetPlan): TablePlan[] => [s.table, ...(s.moreTables ?? [])];
const tableOf = (s: SheetPlan, name: string) => tablesOf(s).find((t) => t.name === name) as TablePlan;
const shown = (c: Cell | undefined) =>
  c === null || c === undefined ? null : c.t === "formula" ? (c.v ?? "(no value)") : c.v;
const values = (t: TablePlan) => t.rows.map((r) => r.map(shown));
const formulas = (t: TablePlan) =>
  t.rows.flatMap((r) => r.flatMap((c) => (c !== null && c.t === "formula" ? [c.f] : [])));

/** A workbook generated from a cohort, in memory. */
function workbookOf(cohort: Cohort): MemoryWorkbook {
  const g = generate({ what: "w", file: cohort, today: "2026-12-02" });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  const wb = new MemoryWorkbook();
  wb.apply(g.value.plan);
  return wb;
}

/** The workbook with the strategy's sample recorded; its plan, and the engine's draw on what it then holds. */
function recorded(wb: MemoryWorkbook, strategy: SamplingStrategy) {
  const r = recordSample({ contents: wb.contents(), what: "w", strategy, recording });
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  wb.apply(r.value.generated.plan);
  const again = planSample({ contents: wb.contents(), what: "w" });
  if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 3)));
  return { plan: r.value.generated.plan, draw: again.value.draw };
}

/** The coverage table as the engine's Coverage records, read from the labels and the cached values. */
function coverageShown(tab: SheetPlan) {
  return values(tableOf(tab, IQA_PLAN_TABLES.coverage)).map(
    ([assessor, assessment, eligible, required, sampled, qaDone, disagreements, compliant]) => ({
      assessor: assessor === NO_ASSESSOR ? null : assessor,
      assessment,
      eligible,
      required,
      sampled,
      qaDone,
      disagreements,
      compliant,
    }),
  );
}

describe("the IQA plan tab", () => {
  it("is a protected tab after the Feedback tab, before the Decision log: four tables one under another", () => {
    const tab = iqaOf(plan(sample));
    expect(tab.name).toBe("IQA plan");
    expect(tab.visibility).toBe("visible");
    expect(tab.protection.protect).toBe(true);
    expect(tab.print.header?.left).toContain("Centre:");
    expect(tablesOf(tab).map((t) => [t.name, t.columns.map((c) => c.header)])).toEqual([
      [IQA_PLAN_TABLES.strategy, ["IQA sampling strategy"]],
      [
        IQA_PLAN_TABLES.coverage,
        [
          "Assessor",
          "Assessment",
          "Eligible",
          "Required",
          "Sampled",
          "QA done",
          "Disagreements",
          "Compliant",
        ],
      ],
      [
        IQA_PLAN_TABLES.assessors,
        [
          "Assessor",
          "New",
          "Eligible",
          "Percent",
          "Required",
          "Sampled",
          "QA done",
          "Referrals",
          "Referrals required",
          "Referrals sampled",
          "Compliant",
        ],
      ],
      [
        IQA_PLAN_TABLES.stages,
        ["Stage", "Rows", "Sampled", "QA done", "Outcome disagreements", "Disagreements"],
      ],
    ]);
    const kinds = plan(sample).sheets.map((s) => s.kind);
    expect(kinds.slice(-4)).toEqual(["feedback", "iqaplan", "log", "state"]);
  });

  it("invents no rule without a stored strategy: it says how to set one and lists no coverage", () => {
    const tab = iqaOf(plan(sample));
    const lines = values(tableOf(tab, IQA_PLAN_TABLES.strategy)).map((r) => r[0]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/No sampling strategy is set yet/);
    expect(lines[0]).toMatch(/IQA tab/);
    expect(lines[0]).toMatch(/ilm sample --strategy strategy\.json --write/);
    expect(tableOf(tab, IQA_PLAN_TABLES.coverage).rows).toEqual([]);
    expect(tableOf(tab, IQA_PLAN_TABLES.assessors).rows).toEqual([]);
    // No percentage anywhere.
    expect(JSON.stringify(values(tableOf(tab, IQA_PLAN_TABLES.strategy)))).not.toMatch(/%/);
    // The counts by stage need no strategy: each carries the engine's value.
    const stages = values(tableOf(tab, IQA_PLAN_TABLES.stages));
    expect(stages.map((r) => r[0])).toEqual(Object.values(STAGE_LABELS));
    for (const r of stages) for (const v of r.slice(1)) expect(typeof v).toBe("number");
  });

  it("says so when the stored strategy cannot be used", () => {
    const wb = workbookOf(sample);
    const broken = { ...preset, minimumPercent: 140 };
    const g = generate({
      what: "w",
      contents: wb.contents(),
      sampling: { strategy: broken as unknown as SamplingStrategy },
    });
    if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
    const lines = values(tableOf(iqaOf(g.value.plan), IQA_PLAN_TABLES.strategy)).map((r) => r[0]);
    expect(lines).toEqual([expect.stringMatching(/cannot be used \(.*percentage from 0 to 100/)]);
    expect(tableOf(iqaOf(g.value.plan), IQA_PLAN_TABLES.coverage).rows).toEqual([]);
  });

  it("says the coverage cannot be listed while the workbook holds a learner it cannot evaluate", () => {
    const wb = workbookOf(sample);
    const learners = wb.sheet("Learners");
    const column = learners?.grid[0]?.findIndex(
      (c) => c !== null && c.t === "text" && c.v === "Qualification",
    );
    if (!learners || column === undefined || column < 0) throw new Error("no Qualification column");
    wb.setCell("Learners", 1, column, { t: "text", v: "not a qualification" });
    const g = generate({ what: "w", contents: wb.contents(), sampling: { strategy: preset } });
    if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
    const tab = iqaOf(g.value.plan);
    const lines = values(tableOf(tab, IQA_PLAN_TABLES.strategy)).map((r) => r[0]);
    expect(lines.slice(0, -1)).toEqual(describeStrategy(preset));
    expect(lines[lines.length - 1]).toMatch(/coverage cannot be listed/);
    expect(tableOf(tab, IQA_PLAN_TABLES.coverage).rows).toEqual([]);
  });

  it("shows the stored strategy in words and the engine's coverage once the sample is recorded", () => {
    const { plan: p, draw } = recorded(workbookOf(sample), preset);
    const tab = iqaOf(p);
    const lines = values(tableOf(tab, IQA_PLAN_TABLES.strategy)).map((r) => r[0]);
    expect(lines.slice(0, -1)).toEqual(describeStrategy(preset));
    expect(draw.coverage.length).toBeGreaterThan(1);
    expect(coverageShown(tab)).toEqual(draw.coverage);
    const assessors = values(tableOf(tab, IQA_PLAN_TABLES.assessors)).map((r) => ({
      assessor: r[0] === NO_ASSESSOR ? null : r[0],
      newAssessor: r[1],
      eligible: r[2],
      percent: r[3],
      required: r[4],
      sampled: r[5],
      qaDone: r[6],
      referrals: r[7],
      referralsRequired: r[8],
      referralsSampled: r[9],
      compliant: r[10],
    }));
    expect(assessors).toEqual(draw.assessors);
    // Every formula of the tab carries the engine's value.
    for (const t of tablesOf(tab))
      for (const r of t.rows) for (const c of r) if (c?.t === "formula") expect(c.v).not.toBeUndefined();
  });

  it("reads each assessor's name from its own label cell, never from inside a formula", () => {
    const generated = generateCohort(24, 7);
    const names4 = ["=A1", 'Say "hi"', undefined, " R.  Hughes "];
    const cohort: Cohort = {
      ...generated,
      learners: generated.learners.map((l, i) => {
        const rest = { ...l };
        delete rest.assessor;
        const name = names4[i % names4.length];
        return name === undefined ? rest : { ...rest, assessor: name };
      }),
    };
    const { plan: p, draw } = recorded(workbookOf(cohort), { ...preset, stage: "interim" });
    const tab = iqaOf(p);
    const coverage = tableOf(tab, IQA_PLAN_TABLES.coverage);
    const names = draw.coverage.flatMap((c) => (c.assessor === null ? [] : [c.assessor]));
    expect(new Set(names)).toEqual(new Set(["=A1", 'Say "hi"', "R. Hughes"]));
    expect(draw.coverage.some((c) => c.assessor === null)).toBe(true);
    for (const t of tablesOf(tab))
      for (const f of formulas(t))
        for (const name of names) expect(f).not.toContain(name.replace(/"/g, '""'));
    // Each row's formulas name its own label cell; a row of no one's counts blank Assessor cells.
    coverage.rows.forEach((r, i) => {
      const label = `$A$${(coverage.origin?.row ?? 0) + 2 + i}`;
      const f = (r[2] as { f: string }).f;
      if (shown(r[0]) === NO_ASSESSOR) expect(f).toMatch(/\(TRIM\([^)]*\)=""\)/);
      else expect(f).toContain(`EXACT(TRIM(`);
      if (shown(r[0]) !== NO_ASSESSOR) expect(f).toContain(label);
    });
    expect(coverageShown(tab)).toEqual(draw.coverage);
  });

  it("counts by stage as the Dashboard does: QA done and outcome disagreements of every active row", () => {
    const cohort = generateCohort(30, 11);
    const { plan: p } = recorded(workbookOf(cohort), preset);
    const stages = values(tableOf(iqaOf(p), IQA_PLAN_TABLES.stages));
    expect(stages.map((r) => r[0])).toEqual([STAGE_LABELS.interim, STAGE_LABELS.summative, STAGE_LABELS.all]);
    const dashboard = p.sheets.find((s) => s.kind === "dashboard") as SheetPlan;
    const byAssessment = values(tableOf(dashboard, DASHBOARD_TABLES.assessments));
    const sum = (c: number) => byAssessment.reduce((n, r) => n + Number(r[c]), 0);
    const all = stages[2] as (string | number | boolean | null)[];
    expect(all[1]).toBe(sum(1)); // Rows: the Dashboard's Learners by assessment
    expect(all[3]).toBe(sum(6)); // QA done: QA sampled
    expect(all[4]).toBe(sum(7)); // Outcome disagreements: QA disagrees
    expect(sum(6)).toBeGreaterThan(0);
    // Every stage's figures are numbers the engine gave.
    for (const r of stages) for (const v of r.slice(1)) expect(typeof v).toBe("number");
  });

  it("keeps a formula under Excel's 8,192 characters", () => {
    const { plan: p } = recorded(workbookOf(generateCohort(20, 3)), { ...preset, stage: "interim" });
    for (const t of tablesOf(iqaOf(p))) for (const f of formulas(t)) expect(f.length).toBeLessThan(8192);
  });

  it("takes another name when a person's tab is called IQA plan", () => {
    const mine = new MemoryWorkbook();
    mine.addSheet("IQA plan");
    mine.setCell("IQA plan", 0, 0, { t: "text", v: "my notes" });
    const fresh = generate({ what: "w", file: sample, contents: mine.contents() });
    if (!fresh.ok) throw new Error(JSON.stringify(fresh.problems.slice(0, 3)));
    expect(iqaOf(fresh.value.plan).name).toBe("IQA plan (2)");
    // Regenerated, it keeps the name it took.
    const kept = new MemoryWorkbook();
    kept.addSheet("IQA plan");
    kept.apply(fresh.value.plan);
    const again = generate({ what: "w", contents: kept.contents() });
    if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 3)));
    expect(iqaOf(again.value.plan).name).toBe("IQA plan (2)");
  });

  it("refuses to write over cells a person typed where its tables grow", () => {
    const wb = workbookOf(sample);
    const tab = wb.sheet("IQA plan");
    if (!tab) throw new Error("no IQA plan tab");
    // Below the last table: where the tables go once the coverage lists rows.
    const below = tab.grid.length + 2;
    wb.setCell("IQA plan", below, 1, { t: "text", v: "my note" });
    const r = recordSample({ contents: wb.contents(), what: "w", strategy: preset, recording });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((x) => x.code)).toContain("cells-in-the-way");
    expect(r.problems.map((x) => x.message).join(" ")).toMatch(/IQA plan's tables need the cells/);
  });
});

function plan(cohort: Cohort): WorkbookPlan {
  const g = generate({ what: "w", file: cohort });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return g.value.plan;
}
