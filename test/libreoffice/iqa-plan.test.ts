/**
 * IQA plan parity: a sample recorded on a random workbook by a random strategy, the .xlsx written without cached
 * values and recalculated by LibreOffice: the coverage table shows the engine's coverage of the recorded workbook
 * (planSample's draw, which then draws nothing new), and every other formula of the tab the engine's value.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { generate } from "../../src/app/generate";
import { planSample, recordSample } from "../../src/app/sample";
import type { Cohort, SamplingStrategy } from "../../src/domain";
import type { Value, WorkbookContents } from "../../src/workbook/contents";
import { cellAt, valueOf } from "../../src/workbook/contents";
import { NO_ASSESSOR } from "../../src/domain/sampling";
import { IQA_PLAN_TABLES } from "../../src/workbook/iqa-plan";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { SheetPlan, TablePlan, WorkbookPlan } from "../../src/workbook/plan";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { anyStrategy } from "../domain/strategies";
import { generateCohort, rng } from "../workbook/generate";
import { describeWhenInstalled, ssconvert } from "../xlsx/helpers";
import { findSoffice, recalcWithLibreOffice } from "./recalc";

const soffice = findSoffice();
const maybe = describeWhenInstalled({ "LibreOffice (soffice)": soffice }, "the IQA plan parity test");
const maybeGnumeric = describeWhenInstalled(
  { "Gnumeric (ssconvert)": ssconvert },
  "the IQA plan parity test in Gnumeric",
);

type Recalc = (bytes: Uint8Array) => Promise<Uint8Array>;

const libreOffice: Recalc = async (bytes) => {
  if (!soffice) throw new Error("CI=true but soffice is not installed: this test must run in CI");
  return (await recalcWithLibreOffice(bytes, soffice)).bytes;
};

/** The workbook as Gnumeric saves it after recalculating every formula (`ssconvert --recalc`). */
const gnumeric: Recalc = async (bytes) => {
  if (!ssconvert)
    throw new Error("CI=true but ssconvert (gnumeric) is not installed: this test must run in CI");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-iqa-gnumeric-"));
  try {
    await fs.writeFile(path.join(dir, "in.xlsx"), bytes);
    await promisify(execFile)(
      ssconvert,
      ["--recalc", path.join(dir, "in.xlsx"), path.join(dir, "out.xlsx")],
      {
        timeout: 240_000,
        env: { ...process.env, HOME: dir },
      },
    );
    return new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx")));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
};

/** Names as people type them: spaces around and doubled, other capitals, a formula-like name, a quote. */
const NAMED = ["R. Hughes", " r. hughes", "M.  Khan ", "=A1", 'Say "hi"'];
/**
 * A learner's assessor may be none at all. A row's own assessor always names someone: a row whose Assessor cell
 * names no one while its learner's assessor does is the learner's assessor's to the engine, but no one's to the
 * tab's formulas (they read the mark sheet's cells only), so such rows are left out here.
 */
const NAMES = [...NAMED, undefined, "   "];

/** A generated cohort whose learners and some of whose rows name the assessors above. */
function cohortOf(size: number, seed: number): Cohort {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cohort = generateCohort(size, seed);
  return {
    ...cohort,
    learners: cohort.learners.map((l) => {
      const learner = { ...l };
      delete learner.assessor;
      const name = pick(NAMES);
      const assessments = Object.fromEntries(
        Object.entries(l.assessments ?? {}).map(([id, e]) => {
          const other = random() < 0.2 ? pick(NAMED) : undefined;
          return [id, other === undefined ? e : { ...e, assessor: other }];
        }),
      );
      return { ...learner, ...(name === undefined ? {} : { assessor: name }), assessments };
    }),
  };
}

const strategies = anyStrategy(["R. Hughes", "M. Khan", "Nobody"]);

/** The plan without cached values (array formulas kept), so LibreOffice computes every cell itself. */
function uncached(plan: WorkbookPlan): WorkbookPlan {
  const bare = (t: TablePlan): TablePlan => ({
    ...t,
    rows: t.rows.map((r) =>
      r.map((c) =>
        c?.t === "formula" ? { t: "formula" as const, f: c.f, ...(c.array ? { array: true } : {}) } : c,
      ),
    ),
  });
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({
      ...s,
      table: bare(s.table),
      moreTables: (s.moreTables ?? []).map(bare),
    })),
  };
}

/**
 * A table's data rows as the recalculated file shows them, read where the plan put them (Gnumeric saves no
 * tables, only their cells).
 */
function rowsOf(contents: WorkbookContents, tab: SheetPlan, name: string): Value[][] {
  const t = [tab.table, ...(tab.moreTables ?? [])].find((x) => x.name === name);
  const sheet = contents.sheets.find((s) => s.name === tab.name);
  if (!t || !sheet) throw new Error(`no table ${name} on ${tab.name}`);
  const o = t.origin ?? { row: 0, column: 0 };
  return t.rows.map((_, r) => t.columns.map((_c, c) => valueOf(cellAt(sheet, o.row + 1 + r, o.column + c))));
}

/** Booleans as numbers (a host may save TRUE as 1), so figures compare whatever the file's cell type. */
const figure = (v: Value | boolean | undefined) => (typeof v === "boolean" ? Number(v) : v);

async function parity(cohort: Cohort, strategy: SamplingStrategy, recalc: Recalc): Promise<void> {
  const g = generate({ what: "w", file: cohort, today: "2026-12-02" });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  const wb = new MemoryWorkbook();
  wb.apply(g.value.plan);
  const recording = { who: "IQA", source: "ilm command" as const, when: "2026-12-02T10:00" };
  const r = recordSample({ contents: wb.contents(), what: "w", strategy, recording });
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  const recorded = r.value.generated.plan;
  wb.apply(recorded);
  const again = planSample({ contents: wb.contents(), what: "w" });
  if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 3)));
  const { draw } = again.value;
  expect(draw.drawn).toBe(0);
  expect(draw.coverage.length).toBeGreaterThan(0);

  const shown = await readXlsxContents(await recalc(await writeXlsx(uncached(recorded))));
  const tab = recorded.sheets.find((s) => s.kind === "iqaplan") as SheetPlan;

  // Coverage by assessor and assessment: the engine's, pair for pair.
  const coverage = rowsOf(shown, tab, IQA_PLAN_TABLES.coverage).map((row) => ({
    assessor: row[0] === NO_ASSESSOR ? null : row[0],
    assessment: row[1],
    eligible: row[2],
    required: row[3],
    sampled: row[4],
    qaDone: row[5],
    disagreements: row[6],
    compliant: figure(row[7]),
  }));
  expect(coverage).toEqual(draw.coverage.map((c) => ({ ...c, compliant: figure(c.compliant) })));

  // Coverage by assessor: the engine's too.
  const assessors = rowsOf(shown, tab, IQA_PLAN_TABLES.assessors).map((row) => row.map(figure));
  expect(assessors).toEqual(
    draw.assessors.map((a) =>
      [
        a.assessor ?? NO_ASSESSOR,
        a.newAssessor,
        a.eligible,
        a.percent,
        a.required,
        a.sampled,
        a.qaDone,
        a.referrals,
        a.referralsRequired,
        a.referralsSampled,
        a.compliant,
      ].map(figure),
    ),
  );

  // Counts by stage: the values the engine cached in the plan.
  const stages = [tab.table, ...(tab.moreTables ?? [])].find(
    (t) => t.name === IQA_PLAN_TABLES.stages,
  ) as TablePlan;
  const cached = stages.rows.map((row) =>
    row.map((c) => (c === null ? null : c.t === "formula" ? figure(c.v ?? undefined) : c.v)),
  );
  expect(rowsOf(shown, tab, IQA_PLAN_TABLES.stages).map((row) => row.map(figure))).toEqual(cached);
}

/** The property: any workbook, any strategy, the sample recorded, then recalculated by `recalc`. */
const property = (recalc: Recalc) =>
  fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 6, max: 28 }),
      strategies,
      async (seed, size, strategy) => {
        await parity(cohortOf(size, seed), strategy, recalc);
      },
    ),
    { numRuns: 4 },
  );

maybe("the IQA plan recalculated by LibreOffice", () => {
  it("shows the engine's coverage of a recorded sample, for random workbooks and strategies", async () => {
    await property(libreOffice);
  }, 300_000);
});

maybeGnumeric("the IQA plan recalculated by Gnumeric", () => {
  it("shows the engine's coverage of a recorded sample, for random workbooks and strategies", async () => {
    await property(gnumeric);
  }, 300_000);
});
