import fc from "fast-check";
import { evaluateSectioned, formatProblem, validateCohort, validateLearner } from "../../src/domain";
import type { SectionedAssessment } from "../../src/domain";
import { learnersFromCsv } from "../../src/domain/cohort/csv";
import { roundTotal } from "../../src/domain/engine/values";
import { evaluate, ilm, L5_QCF, learner } from "./helpers";

const D501 = ilm.assessments.get("D5.01") as SectionedAssessment;

describe("smaller input points", () => {
  it("refuses a learner name made only of spaces", () => {
    const r = validateLearner(learner(L5_QCF, { name: "   " }), ilm);
    expect(r.ok ? [] : r.problems).toEqual([
      { code: "empty", path: ["name"], registration: "T-001", message: "learner name must not be empty" },
    ]);
    const csv = learnersFromCsv(`Registration No,Learner,Qualification\nA1,"   ",${L5_QCF}\n`, ilm);
    expect(csv.ok ? [] : csv.problems.map(formatProblem)).toEqual([
      'row 2, column "Learner" (A1): learner name must not be empty',
    ]);
  });

  it("reports a sectioned total without floating-point residue (3.3 + 20.33 + 8.03 + 24.33 is 55.99)", () => {
    expect(3.3 + 20.33 + 8.03 + 24.33).toBe(55.989999999999995);
    expect(evaluateSectioned(D501, [3.3, 20.33, 8.03, 24.33]).total).toBe(55.99);
    const e = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: [3.3, 20.33, 8.03, 24.33] } } }));
    expect(e.assessments["D5.01"]?.total).toBe(55.99);
  });

  it("says a referred total as a person would add it up", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point.
    const r = evaluateSectioned({ ...D501, passTotal: 50 }, [2.1, 20.2, 8.1, 19.49]);
    expect(r.total).toBe(49.89);
    expect(r.messages).toContain("total 49.89 is below the pass total of 50");
  });

  it("rounds any total to at most 10 significant digits, and leaves short totals as they are", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 8 }), (hundredths) => {
        const exact = hundredths.reduce((a, b) => a + b, 0) / 100;
        const summed = hundredths.map((h) => h / 100).reduce((a, b) => a + b, 0);
        expect(roundTotal(summed)).toBe(exact);
      }),
    );
    expect(roundTotal(57)).toBe(57);
  });

  it("names what was found in a cohort file's mark that is not a number: true, an object, 1e400", () => {
    const cohort = {
      format: "ilm-cohort/1",
      centre: { number: "1", name: "C" },
      cohort: "A",
      learners: [
        {
          registration: "NF-1",
          name: "Ann Lee",
          qualification: L5_QCF,
          assessments: { "D5.01": { marks: [true, {}, JSON.parse("1e400") as number, 20] } },
          hours: { coaching: "twelve" },
        },
      ],
    };
    const r = validateCohort(cohort, ilm);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      "learners[0].hours.coaching (NF-1): not a number: twelve",
      'learners[0].assessments["D5.01"].marks[0] (NF-1): not a number: true',
      'learners[0].assessments["D5.01"].marks[1] (NF-1): not a number: an object',
      'learners[0].assessments["D5.01"].marks[2] (NF-1): not a number: Infinity (too large)',
    ]);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual([
      "wrong-type",
      "wrong-type",
      "wrong-type",
      "wrong-type",
    ]);
  });

  it('keeps a mark written as text ("pass", "1e400" from a CSV cell) for the engine, which names it', () => {
    const e = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: ["pass", 24, 9, 21] } } }));
    expect(e.assessments["D5.01"]).toMatchObject({
      outcome: "INVALID",
      messages: ['Section 1 (Context): "pass" is not a number'],
    });
    const csv = learnersFromCsv(
      `Registration No,Learner,Qualification,D5.01 S1,D5.01 S2,D5.01 S3,D5.01 S4\nA1,Ann,${L5_QCF},1e400,24,9,21\n`,
      ilm,
    );
    expect(csv.ok && evaluate(csv.value[0] as never).assessments["D5.01"]?.messages).toEqual([
      'Section 1 (Context): "1e400" is not a number',
    ]);
  });

  it("names a criterion result that is neither text nor blank", () => {
    const r = validateLearner(
      learner("600/5791/9", { assessments: { "8580-500": { criteria: { "1.1": true as never } } } }),
      ilm,
    );
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'assessments["8580-500"].criteria["1.1"] (T-001): not P, R or blank: true',
    ]);
  });

  it("names a negative number of hours", () => {
    const r = validateLearner(learner(L5_QCF, { hours: { tutorial: -2 } }), ilm);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      "hours.tutorial (T-001): must not be negative: -2",
    ]);
  });

  it("refuses a registration number that differs from another only by a zero-width space, showing it", () => {
    const cohort = {
      format: "ilm-cohort/1",
      centre: { number: "1", name: "C" },
      cohort: "A",
      learners: [
        { registration: "NF-001", name: "Ann Lee", qualification: L5_QCF },
        { registration: "NF-\u200B001", name: "Ann Lee", qualification: L5_QCF },
      ],
    };
    const r = validateCohort(cohort, ilm);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.path.join(".")])).toEqual([
      ["registration-characters", "learners.1.registration"],
    ]);
    expect(r.ok ? "" : r.problems[0]?.message).toContain("<U+200B>");
    const csv = learnersFromCsv(
      `Registration No,Learner,Qualification\nNF-001,Ann,${L5_QCF}\nNF-\u200B001,Ann,${L5_QCF}\n`,
      ilm,
    );
    expect(csv.ok ? [] : csv.problems.map((p) => p.code)).toEqual(["registration-characters"]);
  });

  describe("a wrong value anywhere in a cohort file is named with its field, never as zod's 'Invalid input'", () => {
    const BIG = JSON.parse("1e400") as number;
    /** Every place of a cohort file a value can go, as a function putting the value there. */
    const places: [string, (v: unknown) => unknown][] = [
      ["centre.number", (v) => ({ centre: { number: v, name: "C" } })],
      ["centre.name", (v) => ({ centre: { number: "1", name: v } })],
      ["cohort", (v) => ({ cohort: v })],
      ...[
        "registration",
        "name",
        "qualification",
        "assessor",
        "iqa",
        "email",
        "registered",
        "notes",
        "withdrawn",
      ].map((field): [string, (v: unknown) => unknown] => [
        `learners[0].${field}`,
        (v) => ({ learner: { [field]: v } }),
      ]),
      ["learners[0].hours.coaching", (v) => ({ learner: { hours: { coaching: v } } })],
      ['learners[0].units["D5.01"]', (v) => ({ learner: { units: { "D5.01": v } } })],
      ...["marks", "criteria", "submitted", "assessor", "standardisationOptOut"].map(
        (field): [string, (v: unknown) => unknown] => [
          `learners[0].assessments["D5.01"].${field}`,
          (v) => ({ learner: { assessments: { "D5.01": { [field]: v } } } }),
        ],
      ),
      [
        'learners[0].assessments["D5.01"].marks[0]',
        (v) => ({ learner: { assessments: { "D5.01": { marks: [v, 1, 1, 1] } } } }),
      ],
    ];
    const found: [unknown, string][] = [
      [BIG, "Infinity (too large)"],
      [true, "true"],
      ["pass", "pass"],
    ];

    it.each(places)("%s", (path, put) => {
      for (const [value, shown] of found) {
        const part = put(value) as { centre?: unknown; cohort?: unknown; learner?: Record<string, unknown> };
        const cohort = {
          format: "ilm-cohort/1",
          centre: part.centre ?? { number: "1", name: "C" },
          cohort: "cohort" in part ? part.cohort : "A",
          learners: [{ registration: "NF-1", name: "Ann Lee", qualification: L5_QCF, ...part.learner }],
        };
        const r = validateCohort(cohort, ilm);
        const here = r.ok ? [] : r.problems.filter((p) => formatProblem(p).startsWith(path));
        // 1e400 is never right; "pass" and true are right where a field takes text or true/false.
        if (value === BIG) expect(here.length).toBeGreaterThan(0);
        for (const p of here) {
          expect(p.message).not.toMatch(/Invalid input|Too small|Too big|Invalid option/);
          expect(p.message).toContain(shown);
        }
      }
    });
  });
});
