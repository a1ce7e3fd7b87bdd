/**
 * Recording samples in random workbooks, by random strategies, one after another: what a recorded sample's cells
 * say is never changed or removed by a later draw, the same draw recorded twice writes nothing more, and the
 * coverage reported is met by the rows the cells then record.
 */
import fc from "fast-check";
import { generate } from "../../src/app/generate";
import { planSample, recordSample } from "../../src/app/sample";
import { cohortOf } from "../../src/workbook/cohort-of";
import type { WorkbookContents } from "../../src/workbook/contents";
import { decodeWorkbook } from "../../src/workbook/decode";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { anyStrategy } from "../domain/strategies";
import { generateCohort } from "../workbook/generate";

/** The cohort the cells hold with every IQA sample left out: what recording a sample must not change. */
function withoutSamples(contents: WorkbookContents): unknown {
  const decoded = decodeWorkbook(contents);
  if (!decoded.ok || !decoded.value) throw new Error("not an ilm workbook");
  return JSON.parse(
    JSON.stringify(cohortOf(decoded.value).cohort, (key, value: unknown) =>
      key === "iqaSample" ? undefined : value,
    ),
  );
}

/** Every IQA sample cell that says something, as "registration assessment" → text. */
function recorded(contents: WorkbookContents): Map<string, string> {
  const decoded = decodeWorkbook(contents);
  if (!decoded.ok || !decoded.value) throw new Error("not an ilm workbook");
  const out = new Map<string, string>();
  for (const l of cohortOf(decoded.value).cohort.learners)
    for (const [id, e] of Object.entries(l.assessments ?? {}))
      if (e.iqaSample !== undefined) out.set(`${l.registration} ${id}`, e.iqaSample);
  return out;
}

describe("recording samples in a workbook", () => {
  it("never changes or removes what a recorded sample says or any other entry, and recording the same draw again adds nothing", () => {
    let drawn = 0;
    let toppedUp = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(anyStrategy(["J. Rowe", "A. Khan", "Nobody"]), { minLength: 2, maxLength: 3 }),
        fc.string({ minLength: 1, maxLength: 6 }),
        (size, seed, strategies, sampleSeed) => {
          const made = generate({ what: "w", file: generateCohort(size, seed) });
          if (!made.ok) throw new Error(JSON.stringify(made.problems.slice(0, 2)));
          const workbook = new MemoryWorkbook();
          workbook.apply(made.value.plan);
          let contents = workbook.contents();
          let before = recorded(contents);
          expect(before.size).toBe(0);
          for (const strategy of strategies) {
            const entries = withoutSamples(contents);
            const request = { contents, what: "w", strategy, seed: sampleSeed };
            const result = recordSample({ ...request, recording: { who: "I. Qa", source: "ilm command" } });
            if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 2)));
            workbook.apply(result.value.generated.plan);
            contents = workbook.contents();
            // Every other entry and roster field is as it was: recording writes IQA sample cells only.
            expect(withoutSamples(contents)).toEqual(entries);
            const after = recorded(contents);
            // Nothing recorded before is changed or gone; each row drawn now says why.
            for (const [row, why] of before) expect([row, after.get(row)]).toEqual([row, why]);
            expect(after.size).toBe(before.size + result.value.sample.draw.drawn);
            drawn += result.value.sample.draw.drawn;
            if (before.size > 0 && after.size > before.size) toppedUp++;
            // The draw is met by the cells now: drawing again by the same strategy adds nothing.
            const again = planSample({ contents, what: "w" });
            if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 2)));
            expect(again.value.strategy).toEqual(strategy);
            expect(again.value.seed).toBe(sampleSeed);
            expect(again.value.draw.drawn).toBe(0);
            expect(again.value.draw.coverage.every((c) => c.compliant)).toBe(true);
            before = after;
          }
        },
      ),
      { numRuns: 25 },
    );
    // The runs drew rows, and topped up samples already recorded, so the checks above were exercised.
    expect(drawn).toBeGreaterThan(25);
    expect(toppedUp).toBeGreaterThan(3);
  });
});
