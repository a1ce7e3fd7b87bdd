import fc from "fast-check";
import { generate } from "../../src/app/generate";
import type { Cohort, Learner } from "../../src/domain";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { generateCohort } from "./generate";
import { Expectations, actionArb, check, perform } from "./people";

/** New learners for a roster change, numbered so they never clash with the cohort's. */
function freshLearners(seed: number): (n: number) => Learner[] {
  let next = 0;
  return (n) =>
    generateCohort(n, seed + next + 1).learners.map((l) => ({ ...l, registration: `NEW-${seed}-${next++}` }));
}

describe("regeneration never loses or misplaces an entry", () => {
  it("after random sequences of what people do to a workbook, every typed value is on its learner and in its column, or the run refused and changed nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom("portable" as const, "ilm" as const),
        fc.array(actionArb, { minLength: 1, maxLength: 8 }),
        (seed, size, mode, actions) => {
          const cohort = generateCohort(size, seed);
          const first = generate({ what: "workbook", file: cohort, mode });
          if (!first.ok) throw new Error(JSON.stringify(first.problems));
          const wb = new MemoryWorkbook();
          wb.apply(first.value.plan);
          const expected = new Expectations();
          const roster: { current: Cohort; fresh: (n: number) => Learner[] } = {
            current: cohort,
            fresh: freshLearners(seed),
          };
          for (const action of actions) {
            const applied = perform(wb, action, expected, roster);
            const before = JSON.stringify(wb.contents());
            const g = generate({
              what: "workbook",
              contents: wb.contents(),
              ...(applied.file ? { file: applied.file } : {}),
            });
            if (!g.ok) {
              // A refusal changes nothing, and only happens where ilm cannot be sure.
              expect(JSON.stringify(wb.contents())).toBe(before);
              expect(applied.mustRefuse ? "refused" : JSON.stringify(g.problems)).toBe("refused");
              applied.undo?.();
              continue;
            }
            expect(applied.mustRefuse).toBe(false);
            wb.apply(g.value.plan);
            if (applied.file) roster.current = applied.file;
            expect(check(wb, expected)).toEqual([]);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
