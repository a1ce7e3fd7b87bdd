import { evaluateCohort, formatPath, formatProblem, hasInvalid, validateCohort } from "../../src/domain";
import { ilm, L5_QCF, L3 } from "./helpers";

const cohort = (learners: unknown[]) => ({
  format: "ilm-cohort/1",
  centre: { number: "123456", name: "Northfield Training" },
  cohort: "2026-A",
  learners,
});
const asha = { registration: "NF-001", name: "Asha Patel", qualification: L5_QCF, registered: "2026-01-12" };

describe("cohort files (ilm-cohort/1): validated at the edge, every problem with its path and registration", () => {
  it("accepts the cohort shown in the issue and evaluates it", () => {
    const r = validateCohort(
      cohort([{ ...asha, assessments: { "D5.01": { marks: [3, 24, 9, 21], qaMarks: [3, 22, 9, 21] } } }]),
      ilm,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateCohort(ilm, r.value);
    expect(e.learners[0]).toMatchObject({
      assessments: { "D5.01": { outcome: "PASS", total: 57, referredSections: [], qaOutcome: "PASS" } },
      units: { "D5.01": "PASS", "D5.02": "PENDING", "D5.03": "PENDING" },
      credits: 5,
      achieved: false,
      missing: ["D5.02 and D5.03 (coaching/mentoring diary)"],
      deadline: "2029-01-12",
      readyToClaim: false,
    });
  });

  it("reports a registration number used twice, naming the first learner", () => {
    const r = validateCohort(cohort([asha, { ...asha, name: "Someone Else" }]), ilm);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'learners[1].registration (NF-001): registration number "NF-001" is already used by learners[0]',
    ]);
  });

  it("reports unknown qualification, assessment, unit and criterion ids, each with path and registration", () => {
    const r = validateCohort(
      cohort([
        { ...asha, registration: "NF-002", qualification: "999/9999/9" },
        { ...asha, registration: "NF-003", assessments: { "D5.09": { marks: [1] } } },
        { ...asha, registration: "NF-004", qualification: L3, units: { "8587-399": "PASS" } },
        {
          ...asha,
          registration: "NF-005",
          qualification: "600/5791/9",
          assessments: { "8580-501": { criteria: { "9.9": "P" } } },
        },
      ]),
      ilm,
    );
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'learners[0].qualification (NF-002): unknown qualification "999/9999/9"',
      'learners[1].assessments["D5.09"] (NF-003): unknown assessment "D5.09"',
      'learners[2].units["8587-399"] (NF-004): unknown unit "8587-399"',
      'learners[3].assessments["8580-501"].criteria["9.9"] (NF-005): 8580-501 has no criterion 9.9',
    ]);
  });

  it("reports schema errors with the learner's registration number", () => {
    const r = validateCohort(cohort([{ ...asha, registered: "12/01/2026", hours: { coaching: -2 } }]), ilm);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.code, formatPath(p.path), p.registration])).toEqual([
        ["not-a-date", "learners[0].registered", "NF-001"],
        ["too-small", "learners[0].hours.coaching", "NF-001"],
      ]);
      expect(r.problems[0]?.message).toBe('must be a date written YYYY-MM-DD, not "12/01/2026"');
    }
  });

  it("reports the wrong number of section marks and marks given to a criterion-marked assessment", () => {
    const r = validateCohort(
      cohort([
        { ...asha, assessments: { "D5.01": { marks: [3, 24, 9] } } },
        {
          ...asha,
          registration: "NF-009",
          qualification: "600/5791/9",
          assessments: { "8580-500": { marks: [1, 2] } },
        },
      ]),
      ilm,
    );
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'learners[0].assessments["D5.01"].marks (NF-001): expected 4 section marks, got 3',
      'learners[1].assessments["8580-500"] (NF-009): 8580-500 is marked by criteria: give "criteria", not "marks"',
    ]);
  });

  it("refuses a document that is not an ilm-cohort/1 file", () => {
    expect(validateCohort({ format: "something-else", learners: [] }, ilm).ok).toBe(false);
    expect(validateCohort(null, ilm).ok).toBe(false);
    expect(validateCohort([], ilm).ok).toBe(false);
  });

  it("keeps an INVALID mark as a result, not an input error, so the rest of the cohort is still evaluated", () => {
    const r = validateCohort(
      cohort([{ ...asha, assessments: { "D5.01": { marks: [3, "x", 9, 21] } } }]),
      ilm,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateCohort(ilm, r.value);
    expect(e.learners[0]?.assessments["D5.01"]).toMatchObject({
      outcome: "INVALID",
      messages: ['Section 2 (Best practice): "x" is not a number'],
    });
    expect(hasInvalid(e)).toBe(true);
  });

  it("counts an INVALID QA re-mark as INVALID and says it is the QA's", () => {
    const r = validateCohort(
      cohort([{ ...asha, assessments: { "D5.01": { marks: [3, 24, 9, 21], qaMarks: [5, 24, 9, 21] } } }]),
      ilm,
    );
    if (!r.ok) throw new Error("cohort should be valid");
    const e = evaluateCohort(ilm, r.value);
    expect(e.learners[0]?.assessments["D5.01"]).toMatchObject({
      outcome: "PASS",
      qaOutcome: "INVALID",
      messages: ["QA Section 1 (Context): mark 5 is above the maximum of 4"],
    });
    expect(hasInvalid(e)).toBe(true);
  });
});
