import type { CatalogueFile } from "../../src/domain";
import { buildCatalogue, builtinCatalogueFile } from "../../src/domain";
import { buildWorkbookPlan } from "../../src/workbook/build";
import { HEADERS, STATUS } from "../../src/workbook/layout";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell, SheetPlan } from "../../src/workbook/plan";
import { CHUNK, STATE_TABLE, chunkText, decodeStateTable } from "../../src/workbook/state";
import { catalogue, cohortOf } from "./helpers";

const d5 = {
  registration: "NF-001",
  name: "=SUM(A1:A9)",
  qualification: "500/3564/2",
  assessor: "+44 Hughes",
  assessments: { "D5.01": { marks: [3, 24, 9, 21], strengths: "@clear" } },
};
const l5 = { registration: "NF-002", name: "Ben Okafor", qualification: "600/5781/6" };
const l3 = {
  registration: "NF-003",
  name: "Cara Lee",
  qualification: "603/3738/2",
  units: { "8587-300": "PASS" as const },
};
const l7 = { registration: "NF-004", name: "Dev Rao", qualification: "L7-DIP-PECLM" };
const all = [d5, l5, l3, l7];

const plan = (mode: "ilm" | "portable" = "portable") =>
  buildWorkbookPlan({ cohort: cohortOf(all), catalogue, mode }).plan;
const headers = (s: SheetPlan | undefined) => s?.table.columns.map((c) => c.header) ?? [];
const formulas = (s: SheetPlan) =>
  s.table.rows.flatMap((r) =>
    r.filter((c): c is Extract<Cell, { t: "formula" }> => c?.t === "formula").map((c) => c.f),
  );

describe("the workbook plan", () => {
  it("has a tab per assessment named from its id, a unit-outcomes tab, Learners, and a veryHidden state sheet", () => {
    const names = plan().sheets.map((s) => s.name);
    expect(names).toEqual([
      "Learners",
      "D5.01 Assignment",
      "D5.02+D5.03 Diary",
      "8580-500 Assignment 1",
      "8580-503 Assignment 3",
      "Unit outcomes",
      "ILM state",
    ]);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(plan().sheets.find((s) => s.kind === "state")?.visibility).toBe("veryHidden");
  });

  it("puts the exact header texts on every mark sheet and on the Learners tab", () => {
    for (const s of plan().sheets.filter((x) => x.kind === "marksheet")) {
      expect(headers(s)).toEqual(
        expect.arrayContaining([HEADERS.registration, "Learner", "Outcome", "QA Outcome"]),
      );
      expect(headers(s)).toContain("Referred sections");
    }
    const learners = headers(plan().sheets[0]);
    for (const h of [
      "Registration No",
      "Learner",
      "Qualification",
      "Deadline",
      "Credits",
      "Achieved",
      "Ready to claim",
    ]) {
      expect(learners).toContain(h);
    }
    const d501 = headers(plan().sheets[1]);
    expect(d501).toEqual(
      expect.arrayContaining(["Context /4 (min 2)", "QA Context /4", "Total", "QA Total"]),
    );
  });

  it("writes names and comments that look like formulas as text, never as formulas", () => {
    const p = plan();
    const row = p.sheets[1]?.table.rows[0] ?? [];
    expect(row).toContainEqual({ t: "text", v: "=SUM(A1:A9)" });
    expect(row).toContainEqual({ t: "text", v: "+44 Hughes" });
    expect(row).toContainEqual({ t: "text", v: "@clear" });
    for (const s of p.sheets)
      for (const f of formulas(s)) expect(f).not.toMatch(/SUM\(A1:A9\)|Hughes|@clear/);
  });

  it("uses no ILM functions, XLOOKUP, LET, LAMBDA, FILTER or other newer functions in Portable mode", () => {
    const all = plan("portable").sheets.flatMap(formulas).join("\n");
    expect(all).not.toMatch(
      /ILM\.|XLOOKUP|XMATCH|\bLET\(|LAMBDA|FILTER\(|TEXTJOIN|UNIQUE\(|SORT\(|IFS\(|SWITCH\(|CONCAT\(/,
    );
    const ilm = plan("ilm").sheets.flatMap(formulas).join("\n");
    for (const fn of [
      "ILM.RESULT(",
      "ILM.REFERRED(",
      "ILM.CRITERIA(",
      "ILM.CREDITS(",
      "ILM.ACHIEVED(",
      "ILM.DEADLINE(",
    ]) {
      expect(ilm).toContain(fn);
    }
  });

  it("compiles the Level 3 rule of combination into AND/OR over credit sums", () => {
    const learners = plan().sheets[0] as SheetPlan;
    const achieved = learners.table.columns.findIndex((c) => c.header === "Achieved");
    const row = learners.table.keys.indexOf("NF-003");
    const cell = learners.table.rows[row]?.[achieved];
    expect(cell?.t === "formula" && cell.f).toMatch(
      /^AND\(\w+\d+="PASS",\w+\d+="PASS",OR\(SUM\(IF\(.*\)>=10,SUM\(IF\(.*\)>=10\)\)$/,
    );
  });

  it("locks formula and identity columns, freezes header and identity columns, prints landscape fit to width", () => {
    for (const s of plan().sheets.filter((x) => x.kind !== "state")) {
      expect(s.protection).toEqual({ protect: true });
      expect(s.freeze).toEqual({ rows: 1, columns: 2 });
      expect(s.print).toEqual({ landscape: true, fitToWidth: true, repeatHeaderRow: true });
    }
    const withPassword = buildWorkbookPlan({
      cohort: cohortOf(all),
      catalogue,
      mode: "ilm",
      protectionPassword: "pw",
    });
    expect(withPassword.plan.sheets[0]?.protection).toEqual({ protect: true, password: "pw" });
  });
});

describe("regeneration", () => {
  it("keeps a learner removed from the cohort, marked withdrawn, with the marks typed for them", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan());
    const first = buildWorkbookPlan({
      cohort: cohortOf([l5, l3]),
      catalogue,
      mode: "portable",
      existing: wb.read(),
    });
    wb.apply(first.plan);
    expect(first.summary.learnersWithdrawn).toEqual(["NF-001", "NF-004"]);
    expect(wb.valueAt("Learners", "NF-001", "Status")).toBe(STATUS.withdrawn);
    expect(wb.valueAt("D5.01 Assignment", "NF-001", "Best practice /40 (min 20)")).toBe(24);
    expect(wb.valueAt("D5.01 Assignment", "NF-001", "Learner")).toBe("=SUM(A1:A9)");
  });

  it("lets the workbook's entries win over the cohort's, and fills only blanks from the cohort", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan());
    const sheet = "D5.01 Assignment";
    wb.setCell(sheet, wb.row(sheet, "NF-001"), wb.column(sheet, "Context /4 (min 2)"), { t: "number", v: 4 });
    wb.setCell(sheet, wb.row(sheet, "NF-001"), wb.column(sheet, "Barriers /16 (min 8)"), null);
    const cohort = cohortOf([{ ...d5, assessments: { "D5.01": { marks: [2, 30, 10, 21] } } }, l5, l3, l7]);
    wb.apply(buildWorkbookPlan({ cohort, catalogue, mode: "portable", existing: wb.read() }).plan);
    expect(wb.valueAt(sheet, "NF-001", "Context /4 (min 2)")).toBe(4);
    expect(wb.valueAt(sheet, "NF-001", "Best practice /40 (min 20)")).toBe(24);
    expect(wb.valueAt(sheet, "NF-001", "Barriers /16 (min 8)")).toBe(10);
  });

  it("matches a mark by its column key when the catalogue renames the section", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan());
    const file = structuredClone(builtinCatalogueFile()) as CatalogueFile;
    const d501 = file.assessments.find((a) => a.id === "D5.01");
    if (d501?.kind !== "sectioned") throw new Error("fixture");
    (d501.sections[1] as { short: string }).short = "Good practice";
    const renamed = buildCatalogue([{ file, source: "renamed" }]);
    if (!renamed.ok) throw new Error("fixture");
    const sheet = "D5.01 Assignment";
    wb.setCell(sheet, wb.row(sheet, "NF-001"), wb.column(sheet, "QA Best practice /40"), {
      t: "number",
      v: 31,
    });
    wb.apply(
      buildWorkbookPlan({
        cohort: cohortOf(all),
        catalogue: renamed.value,
        mode: "portable",
        existing: wb.read(),
      }).plan,
    );
    expect(wb.column(sheet, "Best practice /40 (min 20)")).toBe(-1);
    expect(wb.valueAt(sheet, "NF-001", "Good practice /40 (min 20)")).toBe(24);
    expect(wb.valueAt(sheet, "NF-001", "QA Good practice /40")).toBe(31);
  });

  it("carries a column the user added over by its header, values in the same learners' rows", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan());
    const col = wb.addColumn("Learners", "Mentor");
    wb.setCell("Learners", wb.row("Learners", "NF-003"), col, { t: "text", v: "Priya" });
    const next = buildWorkbookPlan({
      cohort: cohortOf([...all, { ...l5, registration: "NF-009" }]),
      catalogue,
      mode: "portable",
      existing: wb.read(),
    });
    wb.apply(next.plan);
    expect(wb.valueAt("Learners", "NF-003", "Mentor")).toBe("Priya");
    expect(wb.valueAt("Learners", "NF-009", "Mentor")).toBeNull();
    expect(next.summary.learnersAdded).toEqual(["NF-009"]);
  });
});

describe("the state sheet", () => {
  it("splits long state into cells under Excel's 32,767-character limit and reads it back whole", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...l5,
      registration: `R${i}`,
      notes: "x".repeat(200),
    }));
    const p = buildWorkbookPlan({ cohort: cohortOf(many), catalogue, mode: "ilm" }).plan;
    const state = p.sheets.find((s) => s.kind === "state") as SheetPlan;
    const texts = state.table.rows.map((r) => (r[1]?.t === "text" ? r[1].v : ""));
    expect(state.table.keys.filter((k) => k.startsWith("state/")).length).toBeGreaterThan(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(CHUNK);
    const wb = new MemoryWorkbook();
    wb.apply(p);
    expect(decodeStateTable(wb.read().tables.get(STATE_TABLE)).state?.cohort.learners).toHaveLength(400);
  });

  it("never cuts a surrogate pair when splitting", () => {
    const text = "a" + "😀".repeat(10);
    const parts = chunkText(text, 4);
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(encodeURIComponent(p)).toBeTruthy(); // throws on a lone surrogate
  });
});
