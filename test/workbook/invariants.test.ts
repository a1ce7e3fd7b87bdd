/**
 * What Excel checks when it opens a workbook and the schemas do not: invariants of every plan ilm builds. Table
 * names unique ignoring case; header cells that Excel can take as table column names unchanged; no formula near
 * Excel's 8,192-character limit, even for a 60-unit qualification; no cell over 32,767 characters.
 */
import fc from "fast-check";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { generateCohort } from "./generate";

const units = Array.from({ length: 60 }, (_, i) => `8599-${String(601 + i)}`);
/** A centre's own 60-unit qualification with every kind of rule, no mark sheet: the largest formulas ilm makes. */
const sixtyUnits = {
  format: "ilm-catalogue/1",
  name: "Northfield 60-unit award",
  units: units.map((id, i) => ({
    id,
    title: `Centre unit ${i + 1}`,
    level: 5,
    credits: 1 + (i % 3),
    glh: 10,
    practiceHours: i % 10 === 0 ? 12 : null,
  })),
  qualifications: [
    {
      id: "NF-BIG",
      title: "Northfield 60-unit award",
      level: 5,
      credits: 60,
      durationMonths: 36,
      inductionHours: 1,
      tutorialHours: 2,
      units,
      rule: {
        all: [
          { unit: units[0] },
          { unit: units[1] },
          { credits: 30, from: units.slice(2, 32), label: "Group A" },
          {
            anyOf: [
              { credits: 12, from: units.slice(32, 46), label: "Group B" },
              { credits: 12, from: units.slice(46, 60), label: "Group C" },
            ],
          },
        ],
      },
    },
  ],
};

function invariantBreaches(plan: WorkbookPlan): string[] {
  const out: string[] = [];
  const tables = plan.sheets.map((s) => s.table.name.toLowerCase());
  if (new Set(tables).size !== tables.length) out.push(`table names repeat: ${tables.join(", ")}`);
  for (const s of plan.sheets) {
    const headers = s.table.columns.map((c) => c.header);
    if (new Set(headers.map((h) => h.toLowerCase())).size !== headers.length)
      out.push(`${s.name}: headers repeat ignoring case`);
    for (const h of headers) {
      // Excel takes a header cell as its table column's name only when it is 1-255 characters, without line
      // breaks, tabs or other controls, and without surrounding spaces.
      // eslint-disable-next-line no-control-regex
      if (h.length === 0 || h.length > 255 || /[\u0000-\u001f\u007f]/.test(h) || h !== h.trim())
        out.push(`${s.name}: header ${JSON.stringify(h)} cannot be a table column name as it is`);
    }
    s.table.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell?.t === "formula" && cell.f.length > 8000)
          out.push(`${s.name} R${r + 2}C${c + 1}: formula of ${cell.f.length} characters`);
        if (cell?.t === "text" && cell.v.length > 32_767)
          out.push(`${s.name} R${r + 2}C${c + 1}: text of ${cell.v.length} characters`);
      }),
    );
  }
  return out;
}

function planOf(
  cohort: Cohort,
  mode: "ilm" | "portable",
  catalogues: { source: string; json: unknown }[] = [],
) {
  const g = generate({ what: "w", file: cohort, mode, catalogues });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return g.value.plan;
}

describe("every plan keeps within what Excel accepts", () => {
  it("for random cohorts over every qualification, in both formula modes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 25 }),
        fc.constantFrom("ilm" as const, "portable" as const),
        (seed, size, mode) => {
          expect(invariantBreaches(planOf(generateCohort(size, seed), mode))).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("for a 60-unit qualification: no formula over 8,000 characters", () => {
    const learners = units.slice(0, 6).map((_, i) => ({
      registration: `NF-${i + 1}`,
      name: `Learner ${i + 1}`,
      qualification: "NF-BIG",
      units: Object.fromEntries(units.filter((_, j) => (j + i) % 3 === 0).map((u) => [u, "PASS" as const])),
    }));
    const cohort: Cohort = {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield" },
      cohort: "big",
      learners,
    };
    for (const mode of ["portable", "ilm"] as const) {
      const plan = planOf(cohort, mode, [{ source: "big.json", json: sixtyUnits }]);
      expect(invariantBreaches(plan)).toEqual([]);
      const longest = Math.max(
        ...plan.sheets.flatMap((s) =>
          s.table.rows.flatMap((r) => r.map((c) => (c?.t === "formula" ? c.f.length : 0))),
        ),
      );
      expect(longest).toBeGreaterThan(100);
    }
  });

  it("for a centre's mark scheme whose section names hold a tab and a line break", () => {
    const centre = {
      format: "ilm-catalogue/1",
      name: "centre",
      assessments: [
        {
          id: "D7.01-ASSIGNMENT",
          title: "Centre assignment",
          kind: "sectioned",
          units: ["D7.01"],
          passTotal: 50,
          sections: [
            { name: "Role", short: "Role\tof coach", max: 50, min: 25 },
            { name: "Performance", short: "Leader\nship", max: 50, min: 25 },
          ],
        },
      ],
    };
    const cohort: Cohort = {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield" },
      cohort: "c",
      learners: [{ registration: "NF-1", name: "A", qualification: "L7-CERT-ECLM" }],
    };
    const plan = planOf(cohort, "portable", [{ source: "centre.json", json: centre }]);
    expect(invariantBreaches(plan)).toEqual([]);
    const headers = plan.sheets.flatMap((s) => s.table.columns.map((c) => c.header));
    expect(headers).toEqual(
      expect.arrayContaining(["Role of coach /50 (min 25)", "Leader ship /50 (min 25)"]),
    );
  });
});
