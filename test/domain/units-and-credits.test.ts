import { validateLearner } from "../../src/domain";
import { allCriteria, evaluate, ilm, L3, L5_CERT, L5_DIP, L5_QCF, L7_CERT, L7_DIP, learner } from "./helpers";

const PASS_D501 = [3, 25, 10, 25];
const REFER_D501 = [3, 19, 10, 25];

describe("unit outcomes", () => {
  it("passes both D5.02 and D5.03 when the one diary passes", () => {
    const e = evaluate(learner(L5_QCF, { assessments: { "D5.02+D5.03": { marks: [20, 20, 20] } } }));
    expect(e.units).toEqual({ "D5.01": "PENDING", "D5.02": "PASS", "D5.03": "PASS" });
    expect(e.credits).toBe(8);
  });

  it("refers both D5.02 and D5.03 when the one diary is referred", () => {
    const e = evaluate(learner(L5_QCF, { assessments: { "D5.02+D5.03": { marks: [16, 30, 36] } } }));
    expect(e.units).toEqual({ "D5.01": "PENDING", "D5.02": "REFERRAL", "D5.03": "REFERRAL" });
    expect(e.assessments["D5.02+D5.03"]).toMatchObject({
      outcome: "REFERRAL",
      referredSections: [1],
      total: 82,
    });
  });

  it("leaves a unit PENDING while its assessment is INCOMPLETE or INVALID", () => {
    const incomplete = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: [3, 25, null, 25] } } }));
    const invalid = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: [3, 25, 17, 25] } } }));
    expect(incomplete.units["D5.01"]).toBe("PENDING");
    expect(invalid.units["D5.01"]).toBe("PENDING");
    expect(invalid.assessments["D5.01"]?.messages).toEqual([
      "Section 3 (Barriers): mark 17 is above the maximum of 16",
    ]);
  });

  it("takes a unit with no mark scheme from its outcome given directly", () => {
    const e = evaluate(
      learner(L3, { units: { "8587-300": "PASS", "8587-301": "REFERRAL", "8587-302": null } }),
    );
    expect(e.units).toEqual({
      "8587-300": "PASS",
      "8587-301": "REFERRAL",
      "8587-302": "PENDING",
      "8587-303": "PENDING",
      "8587-304": "PENDING",
      "8587-305": "PENDING",
    });
  });

  it.each([
    [L3, 6],
    [L5_CERT, 3],
    [L5_DIP, 3],
    [L5_QCF, 3],
    [L7_CERT, 3],
    [L7_DIP, 4],
  ])("lists every unit of %s, PENDING when nothing is known", (q, count) => {
    const e = evaluate(learner(q));
    expect(Object.keys(e.units)).toEqual(ilm.qualifications.get(q)?.units);
    expect(Object.keys(e.units)).toHaveLength(count);
    expect(new Set(Object.values(e.units))).toEqual(new Set(["PENDING"]));
  });

  it("rejects a unit given directly and also through an assessment", () => {
    const r = validateLearner(
      learner(L5_QCF, {
        assessments: { "D5.02+D5.03": { marks: [20, 20, 20] } },
        units: { "D5.03": "PASS" },
      }),
      ilm,
      ["learners", 2],
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual([
        {
          code: "unit-given-twice",
          path: ["learners", 2, "units", "D5.03"],
          registration: "T-001",
          message: "unit D5.03 is given directly and also through assessment D5.02+D5.03",
        },
      ]);
    }
  });

  it("rejects a unit or an assessment that does not belong to the learner's qualification", () => {
    const r = validateLearner(
      learner(L5_CERT, { assessments: { "D5.01": { marks: PASS_D501 } }, units: { "8580-502": "PASS" } }),
      ilm,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.code, p.path, p.message])).toEqual([
        [
          "assessment-not-in-qualification",
          ["assessments", "D5.01"],
          "assessment D5.01 covers no unit of qualification 600/5791/9",
        ],
        [
          "unit-not-in-qualification",
          ["units", "8580-502"],
          "unit 8580-502 is not part of qualification 600/5791/9",
        ],
      ]);
    }
  });
});

describe("credits: the credit values of PASSED units of the learner's qualification", () => {
  it("counts 5 for a passed D5.01 and nothing for a referred one", () => {
    expect(evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: PASS_D501 } } })).credits).toBe(5);
    expect(evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: REFER_D501 } } })).credits).toBe(0);
  });

  it("counts 13 for the Level 5 Certificate with all three units passed", () => {
    const e = evaluate(
      learner(L5_CERT, {
        assessments: {
          "8580-500": { criteria: allCriteria("8580-500", "P") },
          "8580-501": { criteria: allCriteria("8580-501", "P") },
          "8580-503": { criteria: allCriteria("8580-503", "P") },
        },
      }),
    );
    expect(e.credits).toBe(13);
  });

  it("counts 29 for 8580-502 on the Level 5 Diploma", () => {
    expect(evaluate(learner(L5_DIP, { units: { "8580-502": "PASS" } })).credits).toBe(29);
  });

  it("counts every passed unit of the Level 3 Certificate, both groups included (credits are not achievement)", () => {
    const e = evaluate(
      learner(L3, { units: { "8587-300": "PASS", "8587-302": "PASS", "8587-305": "PASS" } }),
    );
    expect(e.credits).toBe(13);
    expect(e.achieved).toBe(false);
  });

  it("counts 45 for the Level 7 Diploma with its four units passed", () => {
    const e = evaluate(
      learner(L7_DIP, { units: { "D7.01": "PASS", "D7.02": "PASS", "D7.03": "PASS", "D7.04": "PASS" } }),
    );
    expect(e.credits).toBe(45);
    expect(e.achieved).toBe(true);
  });
});
