import fc from "fast-check";
import type { Learner, UnitOutcome } from "../../src/domain";
import { buildCatalogue, builtinCatalogueFile, evaluateLearner, evaluateSectioned } from "../../src/domain";
import { ilm, L3 } from "./helpers";

const sectioned = [...ilm.assessments.values()].filter((a) => a.kind === "sectioned");
const outcome = fc.constantFrom<UnitOutcome | null>("PASS", "REFERRAL", "PENDING", null);

/** Valid marks (0 to the maximum, whole or half marks) for one of the seed mark schemes. */
const markedScheme = fc
  .constantFrom(...sectioned)
  .chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.tuple(...a.sections.map((s) => fc.integer({ min: 0, max: (s.max ?? 0) * 2 }).map((n) => n / 2))),
      fc.nat({ max: a.sections.length - 1 }),
    ),
  );

/** Any learner of any seed qualification: direct unit outcomes and valid or invalid marks for its assessments. */
const anyLearner: fc.Arbitrary<Learner> = fc.constantFrom(...ilm.qualifications.values()).chain((q) => {
  const assessments = [...ilm.assessments.values()].filter((a) => a.units.every((u) => q.units.includes(u)));
  const covered = new Set(assessments.flatMap((a) => a.units));
  const direct = q.units.filter((u) => !covered.has(u));
  return fc.record({
    registration: fc.constant("P-1"),
    name: fc.constant("Property Learner"),
    qualification: fc.constant(q.id),
    registered: fc.constant("2025-06-30"),
    hours: fc.record({ induction: fc.nat(3), tutorial: fc.nat(5), coaching: fc.nat(150) }),
    units: fc
      .tuple(...direct.map(() => outcome))
      .map((os) => Object.fromEntries(direct.map((u, i) => [u, os[i] ?? null]))),
    assessments: fc
      .tuple(
        ...assessments.map((a) =>
          a.kind === "sectioned"
            ? fc.record({
                marks: fc.tuple(
                  ...a.sections.map((s) => fc.option(fc.integer({ min: -1, max: (s.max ?? 0) + 1 }))),
                ),
              })
            : fc.record({
                criteria: fc
                  .tuple(...a.criteria.map(() => fc.constantFrom("P", "P", "P", "R", null)))
                  .map((rs) => Object.fromEntries(a.criteria.map((c, i) => [c.id, rs[i] ?? null]))),
              }),
        ),
      )
      .map((entries) => Object.fromEntries(assessments.map((a, i) => [a.id, entries[i] ?? {}]))),
  });
});

const reversed = <T>(record: Record<string, T> | undefined) =>
  record && Object.fromEntries(Object.entries(record).reverse());

describe("properties of the rules", () => {
  it("raising one mark never turns PASS into REFERRAL (or anything else)", () => {
    fc.assert(
      fc.property(markedScheme, fc.integer({ min: 1, max: 80 }), ([a, marks, i], raise) => {
        const before = evaluateSectioned(a, marks);
        const max = a.sections[i]?.max ?? 0;
        const raised = marks.map((m, j) => (j === i ? Math.min(max, m + raise / 2) : m));
        const after = evaluateSectioned(a, raised);
        if (before.outcome === "PASS") expect(after.outcome).toBe("PASS");
        if (after.outcome === "REFERRAL") expect(before.outcome).toBe("REFERRAL");
      }),
      { numRuns: 2000 },
    );
  });

  it("the order of units or assessments in a learner never changes a result", () => {
    fc.assert(
      fc.property(anyLearner, (l) => {
        const shuffled: Learner = { ...l, units: reversed(l.units), assessments: reversed(l.assessments) };
        expect(evaluateLearner(ilm, shuffled)).toEqual(evaluateLearner(ilm, l));
      }),
      { numRuns: 500 },
    );
  });

  it("the order of a qualification's units in the catalogue never changes outcomes, credits or achievement", () => {
    const file = builtinCatalogueFile();
    const built = buildCatalogue([
      {
        file: {
          ...file,
          qualifications: file.qualifications.map((q) => ({ ...q, units: [...q.units].reverse() })),
        },
        source: "reversed",
      },
    ]);
    if (!built.ok) throw new Error("reversed catalogue should build");
    fc.assert(
      fc.property(anyLearner, (l) => {
        const a = evaluateLearner(ilm, l);
        const b = evaluateLearner(built.value, l);
        expect([b.units, b.credits, b.achieved, b.readyToClaim]).toEqual([
          a.units,
          a.credits,
          a.achieved,
          a.readyToClaim,
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it("credits never exceed the sum of the qualification's unit credits", () => {
    fc.assert(
      fc.property(anyLearner, (l) => {
        const q = ilm.qualifications.get(l.qualification);
        const most = (q?.units ?? []).reduce((s, u) => s + (ilm.units.get(u)?.credits ?? 0), 0);
        const e = evaluateLearner(ilm, l);
        expect(e.credits).toBeGreaterThanOrEqual(0);
        expect(e.credits).toBeLessThanOrEqual(most);
      }),
      { numRuns: 1000 },
    );
  });

  it("the Level 3 rule never accepts a mix of the two groups, and accepts exactly the mandatory units plus one whole group", () => {
    const units = ["8587-300", "8587-301", "8587-302", "8587-303", "8587-304", "8587-305"];
    fc.assert(
      fc.property(fc.tuple(...units.map(() => outcome)), (os) => {
        const given = Object.fromEntries(units.map((u, i) => [u, os[i] ?? null]));
        const e = evaluateLearner(ilm, {
          registration: "L3-1",
          name: "Level Three",
          qualification: L3,
          units: given,
        });
        const passed = (u: string) => given[u] === "PASS";
        const group1 = passed("8587-302") && passed("8587-303");
        const group2 = passed("8587-304") && passed("8587-305");
        expect(e.achieved).toBe(passed("8587-300") && passed("8587-301") && (group1 || group2));
        expect(e.missing.length === 0).toBe(e.achieved);
      }),
      { numRuns: 2000 },
    );
  });
});
