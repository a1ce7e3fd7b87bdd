import fc from "fast-check";
import { anyStrategy } from "./strategies";
import type { DrawRow, Outcome, SamplingStrategy } from "../../src/domain";
import {
  OUTCOMES,
  assessorName,
  builtinCatalogue,
  disagrees,
  drawSample,
  evaluateAssessment,
  isEligible,
  percentOf,
  isQaDone,
} from "../../src/domain";

const ASSESSORS = ["A. Khan", "J. Doyle", "j. doyle", "D. Price", null] as const;
const ASSESSMENTS = ["D5.01", "D5.02+D5.03", "8580-500"];

/** Rows with unique (registration, assessment): random assessors, outcomes and samples already taken. */
const anyRows: fc.Arbitrary<DrawRow[]> = fc
  .array(
    fc.record({
      assessor: fc.constantFrom(...ASSESSORS),
      assessment: fc.constantFrom(...ASSESSMENTS),
      outcome: fc.constantFrom<Outcome>(...OUTCOMES, "PASS", "REFERRAL"),
      sampled: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      marked: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((list) =>
    list.map((r, i) => ({
      ...r,
      // Some sampled rows are re-marked already, the others only recorded in their IQA sample cells.
      qaOutcome: r.sampled && i % 3 !== 0 ? ("PASS" as const) : null,
      registration: `NF-${String(Math.floor(i / 2) + 1).padStart(3, "0")}`,
      assessment: `${r.assessment}#${i % 2}`,
    })),
  );

const strategies = anyStrategy(["D. Price", " A.  Khan", "Nobody"], fc.constant(0));
const seed = fc.string({ maxLength: 12 });

const keyOf = (r: { registration: string; assessment: string }) => `${r.registration}|${r.assessment}`;
const keys = (list: readonly DrawRow[]) => new Set(list.map(keyOf));

/** Whether a set of rows meets every rule of a strategy (checked here apart from the draw's own bookkeeping). */
function meets(strategy: SamplingStrategy, rows: readonly DrawRow[], sample: ReadonlySet<string>): boolean {
  const eligible = rows.filter((r) => isEligible(strategy.stage, r));
  const news = new Set(strategy.newAssessors.map(assessorName));
  const taken = (list: readonly DrawRow[]) => list.filter((r) => sample.has(keyOf(r))).length;
  return [...new Set(eligible.map((r) => r.assessor))].every((assessor) => {
    const theirs = eligible.filter((r) => r.assessor === assessor);
    const pct = news.has(assessor) ? strategy.newAssessorPercent : strategy.minimumPercent;
    const referred = theirs.filter((r) => r.outcome === "REFERRAL");
    const referralsNeeded =
      strategy.referrals === "all"
        ? referred.length
        : strategy.referrals === "none"
          ? 0
          : percentOf(strategy.referrals.percent, referred.length);
    return (
      taken(theirs) >= percentOf(pct, theirs.length) &&
      taken(referred) >= referralsNeeded &&
      [...new Set(theirs.map((r) => r.assessment))].every((assessment) => {
        const cell = theirs.filter((r) => r.assessment === assessment);
        return taken(cell) >= Math.min(strategy.perAssessorAssessment, cell.length);
      })
    );
  });
}

describe("drawSample, for random rows and strategies", () => {
  it("gives the same sample for the same rows, strategy and seed, whatever the rows' order", () => {
    fc.assert(
      fc.property(anyRows, strategies, seed, (rows, strategy, s) => {
        const draw = drawSample(strategy, rows, s);
        expect(drawSample(strategy, rows, s)).toEqual(draw);
        expect(drawSample(strategy, [...rows].reverse(), s)).toEqual(draw);
      }),
    );
  });

  it("meets every rule of the strategy for every assessor and assessment", () => {
    fc.assert(
      fc.property(anyRows, strategies, seed, (rows, strategy, s) => {
        const draw = drawSample(strategy, rows, s);
        const inSample = keys(draw.sample);
        const eligible = rows.filter((r) => isEligible(strategy.stage, r));
        // Only eligible rows; every one already sampled is there.
        expect(draw.sample.every((r) => isEligible(strategy.stage, r))).toBe(true);
        for (const r of eligible) if (r.sampled) expect(inSample.has(keyOf(r))).toBe(true);
        expect(draw.drawn).toBe(draw.sample.filter((r) => !r.sampled).length);
        const news = new Set(strategy.newAssessors.map(assessorName));
        for (const assessor of new Set(eligible.map((r) => r.assessor))) {
          const theirs = eligible.filter((r) => r.assessor === assessor);
          const taken = theirs.filter((r) => inSample.has(keyOf(r)));
          const pct = news.has(assessor) ? strategy.newAssessorPercent : strategy.minimumPercent;
          expect(taken.length).toBeGreaterThanOrEqual(percentOf(pct, theirs.length));
          const referred = theirs.filter((r) => r.outcome === "REFERRAL");
          const referredTaken = referred.filter((r) => inSample.has(keyOf(r))).length;
          if (strategy.referrals === "all") expect(referredTaken).toBe(referred.length);
          else if (strategy.referrals !== "none")
            expect(referredTaken).toBeGreaterThanOrEqual(
              percentOf(strategy.referrals.percent, referred.length),
            );
          for (const assessment of new Set(theirs.map((r) => r.assessment))) {
            const cell = theirs.filter((r) => r.assessment === assessment);
            const cellTaken = cell.filter((r) => inSample.has(keyOf(r))).length;
            expect(cellTaken).toBeGreaterThanOrEqual(Math.min(strategy.perAssessorAssessment, cell.length));
            expect(draw.coverage).toContainEqual({
              assessor,
              assessment,
              eligible: cell.length,
              required: Math.min(strategy.perAssessorAssessment, cell.length),
              sampled: cellTaken,
              qaDone: cell.filter(isQaDone).length,
              disagreements: 0,
              compliant: true,
            });
          }
        }
        expect(draw.compliant).toBe(true);
        expect(draw.assessors.every((a) => a.compliant)).toBe(true);
        expect(meets(strategy, rows, inSample)).toBe(true);
        // Every row has a reason to be there.
        expect(draw.sample.every((r) => r.reasons.length > 0)).toBe(true);
      }),
    );
  });

  it("draws no row more than it must: without any one drawn row some rule fails", () => {
    fc.assert(
      fc.property(anyRows, strategies, seed, (rows, strategy, s) => {
        const draw = drawSample(strategy, rows, s);
        for (const r of draw.sample.filter((row) => !row.sampled)) {
          const without = new Set([...keys(draw.sample)].filter((k) => k !== keyOf(r)));
          expect(meets(strategy, rows, without)).toBe(false);
        }
      }),
    );
  });

  it("gives each new assessor their percentage", () => {
    fc.assert(
      fc.property(anyRows, strategies, seed, (rows, strategy, s) => {
        const draw = drawSample({ ...strategy, newAssessors: ["D. Price"] }, rows, s);
        for (const a of draw.assessors) {
          expect(a.newAssessor).toBe(a.assessor === "D. Price");
          const pct = a.newAssessor ? strategy.newAssessorPercent : strategy.minimumPercent;
          expect([a.percent, a.required]).toEqual([pct, percentOf(pct, a.eligible)]);
          expect(a.sampled).toBeGreaterThanOrEqual(a.required);
        }
      }),
    );
  });

  it("never removes a row on a top-up: rows sampled since stay, and recording the whole draw adds nothing", () => {
    fc.assert(
      fc.property(anyRows, strategies, seed, fc.infiniteStream(fc.boolean()), (rows, strategy, s, marks) => {
        const first = drawSample(strategy, rows, s);
        // The IQA re-marks some rows (drawn or not): they are sampled now.
        const picked = new Set(rows.filter(() => marks.next().value).map(keyOf));
        const later = rows.map((r) => (picked.has(keyOf(r)) ? { ...r, sampled: true } : r));
        const second = keys(drawSample(strategy, later, s).sample);
        for (const r of later)
          if (r.sampled && isEligible(strategy.stage, r)) expect(second.has(keyOf(r))).toBe(true);
        // The whole first draw re-marked: the next draw is the same rows and draws nothing.
        const drawn = keys(first.sample);
        const recorded = rows.map((r) => (drawn.has(keyOf(r)) ? { ...r, sampled: true } : r));
        const again = drawSample(strategy, recorded, s);
        expect(keys(again.sample)).toEqual(drawn);
        expect(again.drawn).toBe(0);
      }),
    );
  });
});

describe("disagrees, for random assessor and QA marks", () => {
  const d501 = builtinCatalogue().assessments.get("D5.01");
  if (d501?.kind !== "sectioned") throw new Error("D5.01 is sectioned");
  const mark = (max: number) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 8, arbitrary: fc.integer({ min: 0, max: max * 2 }).map((n) => n / 2) },
    );
  const marks = fc.tuple(...d501.sections.map((s) => mark(s.max)));
  const tolerance = fc.constantFrom(0, 0.5, 1, 2, 5);

  it("follows the rule: an outcome that differs, or a mark further apart than the tolerance", () => {
    fc.assert(
      fc.property(marks, marks, tolerance, (assessor, qa, t) => {
        const entry = { marks: assessor, qaMarks: qa };
        const result = evaluateAssessment(d501, entry);
        const noQa = qa.every((m) => m === null);
        const outcomeDiffers = result.qaOutcome !== "INCOMPLETE" && result.qaOutcome !== result.outcome;
        const markDiffers = qa.some((q, i) => {
          const a = assessor[i];
          return q !== null && (a === null || a === undefined || Math.abs(q - a) > t);
        });
        expect(disagrees(d501, entry, t)).toBe(!noQa && (outcomeDiffers || markDiffers));
        // The same marks re-marked never disagree; no QA marks never do.
        expect(disagrees(d501, { marks: assessor, qaMarks: assessor }, t)).toBe(false);
        expect(disagrees(d501, { marks: assessor }, t)).toBe(false);
      }),
    );
  });
});
