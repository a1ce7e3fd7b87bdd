import fc from "fast-check";
import type { Learner } from "../../src/domain";
import { ilm } from "./helpers";

/**
 * Any learner of any seed qualification (registration "P-1": give each its own): outcomes, marks, hours (some
 * missing, some in half hours) and withdrawal drawn at random.
 */
export const anyLearner: fc.Arbitrary<Learner> = fc
  .constantFrom(...ilm.qualifications.values())
  .chain((q) => {
    const assessments = [...ilm.assessments.values()].filter((a) =>
      a.units.every((u) => q.units.includes(u)),
    );
    const covered = new Set(assessments.flatMap((a) => a.units));
    const direct = q.units.filter((u) => !covered.has(u));
    return fc.record({
      registration: fc.constant("P-1"),
      name: fc.constant("Property Learner"),
      qualification: fc.constant(q.id),
      hours: fc.record(
        {
          induction: fc.nat(4).map((n) => n / 2),
          tutorial: fc.nat(10).map((n) => n / 2),
          coaching: fc.constantFrom(0, 11, 12, 99, 100, 150),
        },
        { requiredKeys: [] },
      ),
      withdrawn: fc.boolean(),
      units: fc
        .tuple(...direct.map(() => fc.constantFrom("PASS", "PASS", "REFERRAL", "PENDING", null)))
        .map((os) => Object.fromEntries(direct.map((u, i) => [u, os[i] ?? null]))),
      assessments: fc
        .tuple(
          ...assessments.map((a) =>
            a.kind === "sectioned"
              ? fc.record({
                  marks: fc.tuple(
                    ...a.sections.map((s) => fc.option(fc.constantFrom(s.min - 1, s.min, s.max))),
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
    }) as fc.Arbitrary<Learner>;
  });
