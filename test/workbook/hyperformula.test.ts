import { generate } from "../../src/app/generate";
import {
  builtinCatalogue,
  evaluateCohort,
  parseIsoDate,
  summarize,
  toSerial,
  validateCohort,
} from "../../src/domain";
import type { WorkbookContents } from "../../src/workbook/contents";
import { dashboardFigures, rounded } from "./dashboard-reader";
import { planFor } from "./helpers";
import { compareWithEngine } from "./expected";
import { generateCohort } from "./generate";
import { evaluateInHyperFormula } from "./hyperformula-ilm";

const catalogue = builtinCatalogue();

describe("the workbook plan evaluated by HyperFormula", () => {
  const cohort = generateCohort(300, 11);

  it("in ILM functions mode gives the engine's answers in every outcome, credit, achievement, deadline and claim cell", () => {
    const plan = planFor(cohort, "ilm");
    expect(JSON.stringify(plan.sheets.map((s) => s.table.rows))).toContain("ILM.RESULT(");
    const values = evaluateInHyperFormula(plan);
    const result = compareWithEngine(plan, cohort, catalogue, (s) => values.get(s));
    expect(result.mismatches.slice(0, 10)).toEqual([]);
    for (const o of ["PASS", "REFERRAL", "INCOMPLETE", "INVALID"])
      expect(result.outcomes[o]).toBeGreaterThan(10);
  });

  it("in Portable mode gives the same answers with native formulas only", () => {
    const plan = planFor(cohort, "portable");
    expect(JSON.stringify(plan.sheets.map((s) => s.table.rows))).not.toContain("ILM.");
    const values = evaluateInHyperFormula(plan);
    const result = compareWithEngine(plan, cohort, catalogue, (s) => values.get(s));
    expect(result.mismatches.slice(0, 10)).toEqual([]);
  });
});

describe("the Dashboard evaluated by HyperFormula in ILM functions mode", () => {
  it("shows the engine's figures on an As of date near the deadlines", () => {
    const cohort = generateCohort(120, 5);
    const g = generate({ what: "w", file: cohort, mode: "ilm" });
    if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
    const valid = validateCohort(g.value.cohort, g.value.catalogue);
    if (!valid.ok) throw new Error("invalid");
    const evaluation = evaluateCohort(g.value.catalogue, valid.value);
    const deadline = evaluation.learners.find((l) => l.deadline)?.deadline ?? "2027-01-01";
    const asOf = deadline;
    const serial = toSerial(parseIsoDate(asOf) as NonNullable<ReturnType<typeof parseIsoDate>>);
    const plan = {
      ...g.value.plan,
      sheets: g.value.plan.sheets.map((s) =>
        s.kind === "dashboard"
          ? { ...s, table: { ...s.table, rows: [[{ t: "date" as const, v: serial }]] } }
          : s,
      ),
    };
    const values = evaluateInHyperFormula(plan);
    const contents: WorkbookContents = {
      sheets: plan.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        grid: values.get(s.name) ?? [],
      })),
      tables: plan.sheets.flatMap((s) =>
        [s.table, ...(s.moreTables ?? [])].map((t) => ({
          name: t.name,
          sheet: s.name,
          area: {
            row: t.origin?.row ?? 0,
            column: t.origin?.column ?? 0,
            rows: Math.max(t.rows.length, 1) + 1,
            columns: t.columns.length,
          },
        })),
      ),
      definedNames: [],
    };
    expect(JSON.stringify(plan)).toContain("ILM.RESULT(");
    expect(rounded(dashboardFigures(contents, asOf))).toEqual(
      rounded(summarize(g.value.catalogue, valid.value, evaluation, asOf)),
    );
  });
});
