import fc from "fast-check";
import { generate } from "../../src/app/generate";
import { builtinCatalogue } from "../../src/domain";
import { canonicalCohort, cohortOf } from "../../src/workbook/cohort-of";
import { decodeWorkbook } from "../../src/workbook/decode";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { generateCohort } from "./generate";

const catalogue = builtinCatalogue();
const shape = (id: string) => {
  const a = catalogue.assessments.get(id);
  if (!a) return undefined;
  return a.kind === "sectioned" ? { sections: a.sections.length } : { criteria: a.criteria.map((c) => c.id) };
};

function written(cohort: Parameters<typeof generate>[0]["file"], contents?: MemoryWorkbook) {
  const g = generate({
    what: "workbook",
    file: cohort,
    ...(contents ? { contents: contents.contents() } : {}),
  });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  const wb = contents ?? new MemoryWorkbook();
  wb.apply(g.value.plan);
  return { wb, plan: g.value.plan };
}

describe("the decoder is the inverse of the plan builder", () => {
  it("decode(build(cohort)) is the cohort in canonical form, for random cohorts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 30 }), (seed, size) => {
        const cohort = generateCohort(size, seed);
        const { wb } = written(cohort);
        const d = decodeWorkbook(wb.contents());
        if (!d.ok || !d.value) throw new Error("not decoded");
        const back = cohortOf(d.value);
        expect(back.unreadable).toEqual([]);
        expect(back.cohort).toEqual(canonicalCohort(cohort, shape));
      }),
      { numRuns: 60 },
    );
  });

  it("building from a decoded workbook rewrites the same cells", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), (seed, size) => {
        const { wb, plan } = written(generateCohort(size, seed));
        const again = generate({ what: "workbook", contents: wb.contents() });
        if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 3)));
        const tables = (p: typeof plan) => p.sheets.filter((s) => s.kind !== "state").map((s) => s.table);
        expect(tables(again.value.plan)).toEqual(tables(plan));
      }),
      { numRuns: 40 },
    );
  });
});
