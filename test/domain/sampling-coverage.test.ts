import fc from "fast-check";
import type { DrawRow, Outcome } from "../../src/domain";
import { OUTCOMES, drawSample, isQaDone, recordedCoverage } from "../../src/domain";
import { STRATEGY } from "./strategies";

const row = (n: number, extra: Partial<DrawRow> = {}): DrawRow => ({
  registration: `NF-${n}`,
  assessment: "D5.01",
  assessor: "A. Khan",
  outcome: "PASS",
  marked: true,
  sampled: false,
  ...extra,
});

describe("QA done", () => {
  it("counts a row the IQA has re-marked (a QA outcome of PASS, REFERRAL or INVALID)", () => {
    expect(isQaDone({ qaOutcome: "PASS" })).toBe(true);
    expect(isQaDone({ qaOutcome: "INVALID" })).toBe(true);
  });

  it("does not count a row in the sample that is not re-marked yet", () => {
    expect(isQaDone({ qaOutcome: null })).toBe(false);
    expect(isQaDone({ qaOutcome: "INCOMPLETE" })).toBe(false);
  });

  it("does not count a row whose QA outcome is not given", () => {
    expect(isQaDone({})).toBe(false);
  });
});

describe("the coverage the rows record", () => {
  it("counts only the rows already sampled, drawing nothing", () => {
    const rows = [row(1, { sampled: true, qaOutcome: null }), row(2), row(3, { outcome: "REFERRAL" })];
    const recorded = recordedCoverage(STRATEGY, rows);
    expect(recorded.coverage).toEqual([
      {
        assessor: "A. Khan",
        assessment: "D5.01",
        eligible: 3,
        required: 1,
        sampled: 1,
        qaDone: 0,
        disagreements: 0,
        compliant: true,
      },
    ]);
    // The referral is not in the sample yet: the assessor is not compliant.
    expect(recorded.assessors[0]).toMatchObject({ referrals: 1, referralsRequired: 1, referralsSampled: 0 });
    expect(recorded.compliant).toBe(false);
  });

  it("leaves out rows not eligible at the strategy's stage", () => {
    const rows = [row(1, { outcome: "INCOMPLETE" }), row(2, { outcome: "INCOMPLETE", marked: false })];
    expect(recordedCoverage(STRATEGY, rows).coverage).toEqual([]);
    expect(recordedCoverage({ ...STRATEGY, stage: "interim" }, rows).coverage).toMatchObject([
      { eligible: 1 },
    ]);
  });

  const anyRows = fc
    .array(
      fc.record({
        assessor: fc.constantFrom("A. Khan", "J. Doyle", "D. Price", null),
        assessment: fc.constantFrom("D5.01", "8580-500"),
        outcome: fc.constantFrom<Outcome>(...OUTCOMES),
        qaOutcome: fc.constantFrom<Outcome | null>(null, ...OUTCOMES),
        recorded: fc.boolean(),
        marked: fc.boolean(),
        disagrees: fc.boolean(),
      }),
      { maxLength: 40 },
    )
    .map((list) =>
      list.map(({ recorded, ...r }, i): DrawRow => {
        const qa = r.qaOutcome;
        return {
          ...r,
          registration: `NF-${i}`,
          sampled: recorded || qa === "PASS" || qa === "REFERRAL" || qa === "INVALID",
        };
      }),
    );

  it("equals the draw's coverage once the draw's sample is recorded", () => {
    fc.assert(
      fc.property(anyRows, fc.constantFrom("summative" as const, "interim" as const), (rows, stage) => {
        const strategy = { ...STRATEGY, stage };
        const draw = drawSample(strategy, rows, "s");
        const drawn = new Set(draw.sample.map((r) => r.registration));
        const recorded = rows.map((r) => (drawn.has(r.registration) ? { ...r, sampled: true } : r));
        expect(drawSample(strategy, recorded, "s").drawn).toBe(0);
        const { coverage, assessors, compliant } = drawSample(strategy, recorded, "s");
        expect(recordedCoverage(strategy, recorded)).toEqual({ coverage, assessors, compliant });
        expect(recordedCoverage(strategy, recorded).coverage).toEqual(draw.coverage);
      }),
    );
  });
});
