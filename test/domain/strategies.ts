/** Sampling strategies for tests: one fixed strategy, and any strategy a centre could write. */
import fc from "fast-check";
import type { SamplingStrategy } from "../../src/domain";

/** The example strategy: 10%, one per assessor and assessment, D. Price new, every referral, tolerance 2. */
export const STRATEGY: SamplingStrategy = {
  format: "ilm-sampling/1",
  stage: "summative",
  minimumPercent: 10,
  perAssessorAssessment: 1,
  newAssessors: ["D. Price"],
  newAssessorPercent: 100,
  referrals: "all",
  markTolerance: 2,
};

/** STRATEGY with some fields changed. */
export const strategyWith = (extra: Partial<SamplingStrategy>): SamplingStrategy => ({
  ...STRATEGY,
  ...extra,
});

/** Percentages as centres write them: whole, and with decimals near the ends. */
const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(12.5, 33.3, 0.1, 99.9));

/**
 * Any valid strategy, its new assessors picked from `names` (spelt as the test's workbook does, or not), its mark
 * tolerance from `tolerance`.
 */
export function anyStrategy(
  names: readonly string[],
  tolerance: fc.Arbitrary<number> = fc.integer({ min: 0, max: 3 }),
): fc.Arbitrary<SamplingStrategy> {
  return fc.record({
    format: fc.constant("ilm-sampling/1" as const),
    stage: fc.constantFrom("summative" as const, "interim" as const),
    minimumPercent: percent,
    perAssessorAssessment: fc.integer({ min: 0, max: 4 }),
    newAssessors: fc.subarray([...names]),
    newAssessorPercent: percent,
    referrals: fc.oneof(
      fc.constant("all" as const),
      fc.constant("none" as const),
      percent.map((p) => ({ percent: p })),
    ),
    markTolerance: tolerance,
  });
}
