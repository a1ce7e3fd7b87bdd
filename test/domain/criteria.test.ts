import { evaluateCriteria, evaluateCriteriaList, validateLearner } from "../../src/domain";
import { allCriteria, evaluate, ilm, L5_CERT, learner } from "./helpers";

const scheme = (id: string) => {
  const a = ilm.assessments.get(id);
  if (a?.kind !== "criteria") throw new Error(`${id} is not criterion-marked`);
  return a;
};

describe("criterion pass/refer: every assessment criterion must be evidenced", () => {
  it.each(["8580-500", "8580-501", "8580-503"])("passes %s when every criterion is P", (id) => {
    expect(evaluateCriteria(scheme(id), allCriteria(id, "P"))).toEqual({
      outcome: "PASS",
      referredCriteria: [],
      messages: [],
    });
  });

  it("refers when every criterion is marked and one is R, naming it", () => {
    const results = { ...allCriteria("8580-500", "P"), "3.4": "R" };
    expect(evaluateCriteria(scheme("8580-500"), results)).toEqual({
      outcome: "REFERRAL",
      referredCriteria: ["3.4"],
      messages: ["criterion 3.4 referred"],
    });
  });

  it("lists every referred criterion in the order of the mark scheme", () => {
    const results = { ...allCriteria("8580-503", "P"), "3.3": "R", "1.1": "R" };
    const r = evaluateCriteria(scheme("8580-503"), results);
    expect(r.referredCriteria).toEqual(["1.1", "3.3"]);
    expect(r.messages).toEqual(["criteria 1.1, 3.3 referred"]);
  });

  it("is incomplete while any criterion is blank, even when another is already R", () => {
    const results = { ...allCriteria("8580-501", "P"), "1.1": "R", "3.3": null };
    expect(evaluateCriteria(scheme("8580-501"), results)).toMatchObject({
      outcome: "INCOMPLETE",
      messages: ["not fully marked: 1 entry blank"],
    });
  });

  it("is incomplete when a criterion is left out altogether", () => {
    const results: Record<string, string | null> = allCriteria("8580-501", "P");
    delete results["2.4"];
    expect(evaluateCriteria(scheme("8580-501"), results).outcome).toBe("INCOMPLETE");
  });

  it("reads p and r in any case and with spaces around them", () => {
    expect(evaluateCriteriaList(["a", "b"], [" p", "P "]).outcome).toBe("PASS");
    expect(evaluateCriteriaList(["a", "b"], ["p", "r"]).outcome).toBe("REFERRAL");
  });

  it("is invalid when a criterion is marked with anything but P or R, naming the criterion", () => {
    expect(evaluateCriteriaList(["1.1", "1.2"], ["P", "Pass"])).toEqual({
      outcome: "INVALID",
      referredCriteria: [],
      messages: ['criterion 1.2: "Pass" is not P or R'],
    });
  });

  it("rejects an unknown criterion id at the edge, with its path and the registration number", () => {
    const l = learner(L5_CERT, {
      assessments: { "8580-500": { criteria: { ...allCriteria("8580-500", "P"), "5.1": "P" } } },
    });
    const r = validateLearner(l, ilm, ["learners", 0]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual([
        {
          code: "unknown-criterion",
          path: ["learners", 0, "assessments", "8580-500", "criteria", "5.1"],
          registration: "T-001",
          message: "8580-500 has no criterion 5.1",
        },
      ]);
    }
  });

  it("gives the IQA's criteria a separate qaOutcome by the same rule", () => {
    const e = evaluate(
      learner(L5_CERT, {
        assessments: {
          "8580-500": {
            criteria: allCriteria("8580-500", "P"),
            qaCriteria: { ...allCriteria("8580-500", "P"), "4.2": "R" },
          },
        },
      }),
    );
    expect(e.assessments["8580-500"]).toMatchObject({ outcome: "PASS", qaOutcome: "REFERRAL" });
    expect(e.units["8580-500"]).toBe("PASS");
  });
});
