import fc from "fast-check";
import type { AssessmentEntry, Cohort, CohortSummary, Learner } from "../../src/domain";
import {
  evaluateCohort,
  formatIsoDate,
  fromSerial,
  progressOf,
  summarize,
  toSerial,
  usesAssessment,
  validateCohort,
} from "../../src/domain";
import { ilm } from "./helpers";

const NAMES = ["J. Doyle", "j. doyle", " J. Doyle", "A. Khan", "Ángela Ruiz", "  "];
const name = fc.option(fc.constantFrom(...NAMES), { nil: undefined });
const day = (from: string, to: string) =>
  fc
    .integer({
      min: toSerial({ year: +from.slice(0, 4), month: 1, day: 1 }),
      max: toSerial({ year: +to.slice(0, 4), month: 12, day: 31 }),
    })
    .map((n) => formatIsoDate(fromSerial(n)));

/** Marks around a section's range: blank, valid, above the maximum, negative, text. */
const mark = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 8, arbitrary: fc.integer({ min: 0, max: max * 2 }).map((n) => n / 2) },
    { weight: 1, arbitrary: fc.constantFrom(max + 1, -1, "7", "x") },
  );
const criterion = fc.constantFrom("P", "P", "P", "p", " R ", "R", null, "X");

/** One learner of a seed qualification: withdrawn or not, assessors, dates, hours, entries with QA re-marks. */
const anyLearner = fc.constantFrom(...ilm.qualifications.values()).chain((q) => {
  const assessments = [...ilm.assessments.values()].filter((a) => usesAssessment(q, a));
  const covered = new Set(assessments.flatMap((a) => a.units));
  const direct = q.units.filter((u) => !covered.has(u));
  const entry = (a: (typeof assessments)[number]): fc.Arbitrary<AssessmentEntry> =>
    a.kind === "sectioned"
      ? fc.record(
          {
            marks: fc.tuple(...a.sections.map((s) => mark(s.max))),
            qaMarks: fc.tuple(...a.sections.map((s) => mark(s.max))),
            assessor: fc.constantFrom(...NAMES),
          },
          { requiredKeys: ["marks"] },
        )
      : fc.record(
          {
            criteria: fc
              .tuple(...a.criteria.map(() => criterion))
              .map((rs) => Object.fromEntries(a.criteria.map((c, i) => [c.id, rs[i] ?? null]))),
            qaCriteria: fc
              .tuple(...a.criteria.map(() => criterion))
              .map((rs) => Object.fromEntries(a.criteria.map((c, i) => [c.id, rs[i] ?? null]))),
            assessor: fc.constantFrom(...NAMES),
          },
          { requiredKeys: ["criteria"] },
        );
  return fc.record({
    qualification: fc.constant(q.id),
    withdrawn: fc.boolean(),
    assessor: name,
    registered: fc.option(day("2023", "2027"), { nil: undefined }),
    hours: fc.record({ induction: fc.nat(2), tutorial: fc.nat(5), coaching: fc.nat(120) }),
    units: fc
      .tuple(...direct.map(() => fc.constantFrom("PASS", "PASS", "REFERRAL", "PENDING", null)))
      .map((os) => Object.fromEntries(direct.map((u, i) => [u, os[i] ?? null]))),
    assessments: fc
      .tuple(...assessments.map((a) => fc.option(entry(a), { nil: undefined })))
      .map((es) =>
        Object.fromEntries(assessments.flatMap((a, i) => (es[i] === undefined ? [] : [[a.id, es[i]]]))),
      ),
  });
});

const anyCohort: fc.Arbitrary<Cohort> = fc.array(anyLearner, { maxLength: 25 }).map((ls) => {
  const checked = validateCohort(
    {
      format: "ilm-cohort/1",
      centre: { number: "1", name: "Centre" },
      cohort: "P",
      learners: ls.map((l, i) => ({ registration: `P-${i}`, name: `Learner ${i}`, ...l })),
    },
    ilm,
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
});
const asOf = day("2024", "2031");

const figures = (cohort: { learners: Learner[] }, date: string): CohortSummary =>
  summarize(ilm, cohort, evaluateCohort(ilm, cohort as Cohort), date);
const sum = <T>(list: readonly T[], value: (x: T) => number) => list.reduce((n, x) => n + value(x), 0);
const isRate = (r: number | null) => r === null || (r >= 0 && r <= 1);

describe("properties of the cohort's figures", () => {
  it("PASS, REFERRAL, Incomplete and INVALID add up to the learners of every assessment; QA disagrees ⊆ sampled", () => {
    fc.assert(
      fc.property(anyCohort, asOf, (cohort, date) => {
        for (const a of figures(cohort, date).byAssessment) {
          expect(a.pass + a.referral + a.incomplete + a.invalid).toBe(a.learners);
          expect(a.qaDisagrees).toBeLessThanOrEqual(a.qaSampled);
          expect(a.qaSampled).toBeLessThanOrEqual(a.learners);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the qualifications add up to the headline, and Referrals and Not yet marked to the assessments", () => {
    fc.assert(
      fc.property(anyCohort, asOf, (cohort, date) => {
        const s = figures(cohort, date);
        const h = s.headline;
        expect(h.learners + h.withdrawn).toBe(cohort.learners.length);
        for (const key of [
          "learners",
          "achieved",
          "readyToClaim",
          "pastDeadline",
          "dueWithin90Days",
        ] as const)
          expect(sum(s.byQualification, (q) => q[key])).toBe(h[key]);
        expect(sum(s.byAssessment, (a) => a.referral)).toBe(h.referralsOutstanding);
        expect(sum(s.byAssessment, (a) => a.incomplete)).toBe(h.notYetMarked);
        expect(h.readyToClaim).toBeLessThanOrEqual(h.achieved);
        expect(h.achieved + h.pastDeadline + h.dueWithin90Days).toBeLessThanOrEqual(h.learners);
      }),
      { numRuns: 200 },
    );
  });

  it("Past deadline and Due within 90 days are the active learners whose progress is Overdue and Due soon", () => {
    fc.assert(
      fc.property(anyCohort, asOf, (cohort, date) => {
        const e = evaluateCohort(ilm, cohort);
        const progress = e.learners.map((l, i) =>
          progressOf(l, cohort.learners[i]?.withdrawn === true, date),
        );
        const h = summarize(ilm, cohort, e, date).headline;
        expect(progress.filter((p) => p === "Overdue").length).toBe(h.pastDeadline);
        expect(progress.filter((p) => p === "Due soon").length).toBe(h.dueWithin90Days);
        expect(progress.filter((p) => p === "Withdrawn").length).toBe(h.withdrawn);
      }),
      { numRuns: 200 },
    );
  });

  it("every rate is from 0 to 1, and null exactly when its denominator is 0", () => {
    fc.assert(
      fc.property(anyCohort, asOf, (cohort, date) => {
        const s = figures(cohort, date);
        for (const q of s.byQualification) {
          expect(isRate(q.achievementRate)).toBe(true);
          expect(q.achievementRate === null).toBe(q.learners === 0);
        }
        for (const a of s.byAssessment) {
          expect(isRate(a.passRate)).toBe(true);
          expect(a.passRate === null).toBe(a.pass + a.referral === 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sections, criteria, units and assessors stay within their learners", () => {
    fc.assert(
      fc.property(anyCohort, asOf, (cohort, date) => {
        const s = figures(cohort, date);
        const learners = new Map(s.byAssessment.map((a) => [a.assessment, a.learners]));
        for (const x of s.bySection) {
          const scheme = ilm.assessments.get(x.assessment);
          const max =
            scheme?.kind === "sectioned" ? (scheme.sections.find((y) => y.short === x.section)?.max ?? 0) : 0;
          expect(x.belowMinimum).toBeLessThanOrEqual(x.marked);
          expect(x.marked).toBeLessThanOrEqual(learners.get(x.assessment) ?? 0);
          expect(x.meanMark === null).toBe(x.marked === 0);
          if (x.meanMark !== null) expect(x.meanMark).toBeGreaterThanOrEqual(0);
          if (x.meanMark !== null) expect(x.meanMark).toBeLessThanOrEqual(max);
        }
        for (const c of s.byCriterion) {
          expect(c.referred).toBeLessThanOrEqual(c.marked);
          expect(c.marked).toBeLessThanOrEqual(learners.get(c.assessment) ?? 0);
        }
        for (const u of s.byUnit) {
          const takers = cohort.learners.filter(
            (l) => l.withdrawn !== true && ilm.qualifications.get(l.qualification)?.units.includes(u.unit),
          ).length;
          expect(u.pass + u.referral + u.pending).toBe(takers);
        }
        for (const a of s.byAssessor) expect(a.decisions).toBe(a.pass + a.referral);
        expect(sum(s.byAssessor, (a) => a.decisions)).toBeLessThanOrEqual(
          sum(s.byAssessment, (a) => a.pass + a.referral),
        );
        expect(sum(s.byAssessor, (a) => a.learners)).toBeLessThanOrEqual(s.headline.learners);
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order of the learners", () => {
    fc.assert(
      fc.property(
        anyCohort.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c.learners, { minLength: c.learners.length })),
        ),
        asOf,
        ([cohort, shuffled], date) => {
          expect(figures({ learners: shuffled }, date)).toEqual(figures(cohort, date));
        },
      ),
      { numRuns: 200 },
    );
  });
});
