import { builtinCatalogue } from "../../src/domain";
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
