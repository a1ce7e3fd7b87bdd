import type { Result } from "../../src/domain/problems";
import {
  formatProblem,
  loadCatalogue,
  parseIsoDate,
  validateCohort,
  validateLearner,
} from "../../src/domain";
import { learnersFromCsv } from "../../src/domain/cohort/csv";
import { deadline } from "../../src/domain/engine/learner";
import { ilm, L3, L5_QCF, learner } from "./helpers";

/*
 * Dates are those every spreadsheet shows as the same day, 1900-03-01 to 9999-12-31 (see dates.ts), and so are
 * deadlines; a catalogue duration is a whole number of months up to 1200.
 */

const problemsOf = (r: Result<unknown>) => (r.ok ? [] : r.problems.map(formatProblem));

describe("dates a spreadsheet shows", () => {
  it("takes 1900-03-01 and 9999-12-31, the first and last, and refuses the days around them", () => {
    expect(parseIsoDate("1900-03-01")).toEqual({ year: 1900, month: 3, day: 1 });
    expect(parseIsoDate("9999-12-31")).toEqual({ year: 9999, month: 12, day: 31 });
    expect(parseIsoDate("1900-02-28")).toBeNull();
    expect(parseIsoDate("0099-06-01")).toBeNull();
    expect(parseIsoDate("0001-01-01")).toBeNull();
  });

  it("refuses a year of 0001-0099 in a cohort file, which a workbook would show as 1901-1999, naming the range", () => {
    const r = validateLearner(
      learner(L5_QCF, { registered: "0026-01-12", assessments: { "D5.01": { submitted: "1899-12-31" } } }),
      ilm,
    );
    expect(problemsOf(r)).toEqual([
      "registered (T-001): 0026-01-12 is not between 1900-03-01 and 9999-12-31, the dates every spreadsheet shows the same",
      'assessments["D5.01"].submitted (T-001): 1899-12-31 is not between 1900-03-01 and 9999-12-31, the dates every spreadsheet shows the same',
    ]);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(["date-out-of-range", "date-out-of-range"]);
  });

  it("still says how to write a date when the text is no date at all", () => {
    const r = validateLearner(learner(L5_QCF, { registered: "12/01/2026" }), ilm);
    expect(problemsOf(r)).toEqual([
      'registered (T-001): must be a date written YYYY-MM-DD, not "12/01/2026"',
    ]);
  });

  it("refuses a registration date whose deadline falls after 9999-12-31, instead of a deadline of NaN", () => {
    const q = ilm.qualifications.get(L5_QCF);
    if (!q) throw new Error("no L5 QCF");
    expect(deadline(q, "9999-01-01")).toBeNull();
    expect(deadline(q, "9996-12-31")).toBe("9999-12-31");
    const r = validateLearner(learner(L5_QCF, { registered: "9999-01-01" }), ilm);
    expect(problemsOf(r)).toEqual([
      "registered (T-001): 9999-01-01 plus 36 months (the duration of 500/3564/2) is after 9999-12-31, the last date a spreadsheet shows",
    ]);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(["deadline-out-of-range"]);
  });

  it("reads a CSV date in the range and names one outside it, in its cell", () => {
    const csv = learnersFromCsv(
      `Registration No,Learner,Qualification,Registered\nA1,Ann,${L5_QCF},12/01/0026\n`,
      ilm,
    );
    expect(problemsOf(csv)).toEqual([
      'row 2, column "Registered" (A1): 0026-01-12 is not between 1900-03-01 and 9999-12-31, the dates every spreadsheet shows the same',
    ]);
  });

  it("takes the last date, 9999-12-31, as a registration date where no duration is stated", () => {
    const r = validateCohort(
      {
        format: "ilm-cohort/1",
        centre: { number: "1", name: "C" },
        cohort: "A",
        learners: [{ registration: "A1", name: "Ann", qualification: L3, registered: "9999-12-31" }],
      },
      ilm,
    );
    // The Level 3 Certificate states no duration: the last date itself is a date.
    expect(r.ok).toBe(true);
  });
});

describe("catalogue durations", () => {
  const withDuration = (durationMonths: unknown) =>
    loadCatalogue([
      {
        source: "centre.json",
        json: { format: "ilm-catalogue/1", settings: [{ qualification: L3, durationMonths }] },
      },
    ]);

  it("takes a duration of 1 to 1200 months", () => {
    expect(withDuration(1).ok).toBe(true);
    expect(withDuration(1200).ok).toBe(true);
  });

  it.each([
    [2147483647, "must be at most 1200 months (100 years), not 2147483647"],
    [1201, "must be at most 1200 months (100 years), not 1201"],
    [0, "must be at least 1 month, not 0"],
    [1.5, "must be a whole number of months, not 1.5"],
    ["36", 'must be a whole number of months, not "36"'],
  ])("refuses %p naming it", (value, message) => {
    expect(problemsOf(withDuration(value))).toEqual([`centre.json: settings[0].durationMonths: ${message}`]);
  });
});
