/**
 * The Learners tab says what it means: the qualification's title beside its number, n/a (greyed)
 * for a unit outside the learner's qualification, and an outcome typed on Unit outcomes for such a unit refused
 * by name and cell.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import { evaluateWorkbook } from "../../src/app/evaluate";
import { NOT_APPLICABLE, validateCohort } from "../../src/domain";
import { columnLetter } from "../../src/workbook/a1";
import { HEADERS, LEARNERS_SHEET, UNITS_SHEET } from "../../src/workbook/layout";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell, WorkbookPlan } from "../../src/workbook/plan";
import { evaluateInHyperFormula } from "./hyperformula-ilm";
import { catalogue, planFor } from "./helpers";

const sample = (() => {
  const raw: unknown = JSON.parse(
    readFileSync(path.resolve(__dirname, "../../examples/cohort.json"), "utf8"),
  );
  const c = validateCohort(raw, catalogue);
  if (!c.ok) throw new Error("examples/cohort.json is not valid");
  return c.value;
})();
const L3_LEARNER = "NF-007"; // 603/3738/2
const QCF_LEARNER = "NF-001"; // 500/3564/2

const learnersOf = (plan: WorkbookPlan) => {
  const s = plan.sheets.find((x) => x.kind === "learners");
  if (!s) throw new Error("no Learners tab");
  const headers = s.table.columns.map((c) => c.header);
  const cell = (registration: string, header: string): Cell => {
    const r = s.table.keys.indexOf(registration);
    return s.table.rows[r]?.[headers.indexOf(header)] ?? null;
  };
  return { sheet: s, headers, cell };
};

describe("the Learners tab's Qualification title", () => {
  const plan = planFor(sample);
  const L = learnersOf(plan);

  it("stands beside the qualification number: the catalogue's title, written as text by ilm, never an entry", () => {
    const at = L.headers.indexOf(HEADERS.qualification);
    expect(L.headers[at + 1]).toBe(HEADERS.qualificationTitle);
    expect(L.sheet.table.columns[at + 1]?.role).toBe("identity");
    for (const l of sample.learners) {
      const title = catalogue.qualifications.get(l.qualification)?.title;
      expect(title).toBeDefined();
      expect(L.cell(l.registration, HEADERS.qualificationTitle)).toEqual({ t: "text", v: title });
    }
  });

  it("is rewritten from the Qualification cell on regeneration, whatever the cell was left holding", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan);
    wb.typeAt(LEARNERS_SHEET, "NF-004", HEADERS.qualification, "600/5781/6");
    wb.typeAt(LEARNERS_SHEET, L3_LEARNER, HEADERS.qualificationTitle, "=1+1");
    const g = generate({ what: "cohort.xlsx", contents: wb.contents() });
    expect(g.ok).toBe(true);
    if (g.ok) wb.apply(g.value.plan);
    expect(wb.valueAt(LEARNERS_SHEET, "NF-004", HEADERS.qualificationTitle)).toBe(
      catalogue.qualifications.get("600/5781/6")?.title,
    );
    expect(wb.valueAt(LEARNERS_SHEET, L3_LEARNER, HEADERS.qualificationTitle)).toBe(
      catalogue.qualifications.get("603/3738/2")?.title,
    );
  });
});

describe("units outside a learner's qualification on the Learners tab", () => {
  const plan = planFor(sample);
  const L = learnersOf(plan);

  it("show n/a, never a blank that looks pending, and units inside keep their outcome or blank", () => {
    const l3 = catalogue.qualifications.get("603/3738/2");
    const units = L.headers.filter((h) => catalogue.units.has(h));
    expect(units.length).toBeGreaterThan(10);
    for (const unit of units) {
      const cell = L.cell(L3_LEARNER, unit);
      if (l3?.units.includes(unit)) expect(cell?.t === "formula" && cell.v).not.toBe(NOT_APPLICABLE);
      else expect(cell).toEqual({ t: "formula", f: `"${NOT_APPLICABLE}"`, v: NOT_APPLICABLE });
    }
    const pending = L.cell(QCF_LEARNER, "D5.03");
    expect(pending?.t === "formula" && pending.v).not.toBe(NOT_APPLICABLE);
  });

  it("are greyed by a conditional format on every unit column", () => {
    const units = L.headers.filter((h) => catalogue.units.has(h));
    const greyed = L.sheet.conditionalFormats.filter((f) => f.style === "notApplicable");
    expect(greyed.flatMap((f) => f.columns).sort()).toEqual(units.map((u) => `unit/${u}`).sort());
    for (const f of greyed) {
      const letter = columnLetter(L.sheet.table.columns.findIndex((c) => c.key === f.columns[0]));
      expect(f.formula).toBe(`${letter}2="${NOT_APPLICABLE}"`);
    }
  });

  it("leave the ILM functions' answers as the engine's (n/a reads as not passed)", () => {
    const values = evaluateInHyperFormula(planFor(sample, "ilm")).get(LEARNERS_SHEET) ?? [];
    const col = (h: string) => (values[0] ?? []).indexOf(h);
    const row = values.find((r) => r[0] === L3_LEARNER) ?? [];
    expect(row[col("D5.01")]).toBe(NOT_APPLICABLE);
    expect(row[col(HEADERS.credits)]).toBe(16);
    expect(row[col(HEADERS.achieved)]).toBe(true);
  });
});

describe("an outcome typed on Unit outcomes for a unit outside the learner's qualification", () => {
  const made = () => {
    const wb = new MemoryWorkbook();
    wb.apply(planFor(sample));
    return wb;
  };

  it("is refused by name and cell, left out of the evaluation, and the rest is evaluated", () => {
    const wb = made();
    const clean = evaluateWorkbook(wb.contents(), "cohort.xlsx");
    wb.typeAt(UNITS_SHEET, L3_LEARNER, "D7.01", "PASS");
    const r = wb.row(UNITS_SHEET, L3_LEARNER);
    const c = wb.column(UNITS_SHEET, "D7.01");
    const result = evaluateWorkbook(wb.contents(), "cohort.xlsx");
    expect(result.ok && clean.ok).toBe(true);
    if (!result.ok || !clean.ok) return;
    expect(result.value.unreadable).toEqual([
      expect.objectContaining({
        code: "unit-not-in-qualification",
        registration: L3_LEARNER,
        place: {
          sheet: UNITS_SHEET,
          table: "UnitOutcomes",
          column: "D7.01",
          cell: `${columnLetter(c)}${r + 1}`,
        },
        message: expect.stringContaining("D7.01, which is not part of qualification 603/3738/2"),
      }),
    ]);
    expect(result.value.evaluation).toEqual(clean.value.evaluation);
  });

  it("is kept in its cell on regeneration, and regeneration says so", () => {
    const wb = made();
    wb.typeAt(UNITS_SHEET, L3_LEARNER, "D7.01", "pass");
    const g = generate({ what: "cohort.xlsx", contents: wb.contents() });
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    wb.apply(g.value.plan);
    expect(wb.valueAt(UNITS_SHEET, L3_LEARNER, "D7.01")).toBe("pass");
    expect(g.value.invalid).toBe(true);
    expect(g.value.afterProblems.map((p) => [p.code, p.registration, p.place?.column])).toEqual([
      ["unit-not-in-qualification", L3_LEARNER, "D7.01"],
    ]);
    // Still evaluated: every formula keeps the engine's value.
    expect(g.value.evaluation).not.toBeNull();
  });

  it("is not refused inside the qualification", () => {
    const wb = made();
    wb.typeAt(UNITS_SHEET, L3_LEARNER, "8587-304", "PASS");
    const result = evaluateWorkbook(wb.contents(), "cohort.xlsx");
    expect(result.ok && result.value.unreadable).toEqual([]);
  });
});
