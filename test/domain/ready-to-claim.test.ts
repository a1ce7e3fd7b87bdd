import type { Learner } from "../../src/domain";
import { evaluate, L3, L5_DIP, L5_QCF, L7_CERT, learner } from "./helpers";

const achievedQcf = (hours: Learner["hours"]) =>
  learner(L5_QCF, {
    hours,
    assessments: { "D5.01": { marks: [3, 25, 10, 25] }, "D5.02+D5.03": { marks: [20, 20, 20] } },
  });

describe("readyToClaim: achieved AND induction, tutorial and coaching hours at or above their minimums", () => {
  it("is ready with exactly the minimum hours (induction 1, tutorial 2, coaching 12 for D5.03)", () => {
    const e = evaluate(achievedQcf({ induction: 1, tutorial: 2, coaching: 12 }));
    expect(e).toMatchObject({ achieved: true, readyToClaim: true });
  });
  it("is not ready with induction below its minimum", () => {
    expect(evaluate(achievedQcf({ induction: 0.5, tutorial: 2, coaching: 12 })).readyToClaim).toBe(false);
  });
  it("is not ready with tutorial support below its minimum", () => {
    expect(evaluate(achievedQcf({ induction: 1, tutorial: 1.5, coaching: 12 })).readyToClaim).toBe(false);
  });
  it("is not ready with coaching hours below the practice minimum of a passed unit (D5.03 needs 12)", () => {
    expect(evaluate(achievedQcf({ induction: 1, tutorial: 2, coaching: 11 })).readyToClaim).toBe(false);
  });
  it("is not ready when no hours are recorded", () => {
    expect(evaluate(achievedQcf(undefined)).readyToClaim).toBe(false);
  });
  it("is not ready when not achieved, however many hours", () => {
    const e = evaluate(
      learner(L5_QCF, {
        hours: { induction: 5, tutorial: 5, coaching: 500 },
        assessments: { "D5.01": { marks: [3, 25, 10, 25] } },
      }),
    );
    expect(e).toMatchObject({ achieved: false, readyToClaim: false });
  });
  it("needs 100 coaching hours on the Level 5 Diploma, where 8580-502 requires them", () => {
    const units = { "8580-500": "PASS", "8580-502": "PASS", "8580-503": "PASS" } as const;
    expect(
      evaluate(learner(L5_DIP, { units, hours: { induction: 1, tutorial: 2, coaching: 99 } })).readyToClaim,
    ).toBe(false);
    expect(
      evaluate(learner(L5_DIP, { units, hours: { induction: 1, tutorial: 2, coaching: 100 } })).readyToClaim,
    ).toBe(true);
  });
  it("needs 4 tutorial hours on the Level 3 Certificate and no coaching hours (no unit states a minimum)", () => {
    const units = { "8587-300": "PASS", "8587-301": "PASS", "8587-304": "PASS", "8587-305": "PASS" } as const;
    expect(evaluate(learner(L3, { units, hours: { induction: 1, tutorial: 3 } })).readyToClaim).toBe(false);
    expect(evaluate(learner(L3, { units, hours: { induction: 1, tutorial: 4 } })).readyToClaim).toBe(true);
  });
  it("needs 12 coaching hours on the Level 7 Certificate once D7.03 is passed", () => {
    const units = { "D7.01": "PASS", "D7.02": "PASS", "D7.03": "PASS" } as const;
    expect(
      evaluate(learner(L7_CERT, { units, hours: { induction: 1, tutorial: 2, coaching: 11.5 } }))
        .readyToClaim,
    ).toBe(false);
    expect(
      evaluate(learner(L7_CERT, { units, hours: { induction: 1, tutorial: 2, coaching: 12 } })).readyToClaim,
    ).toBe(true);
  });
  it("is never ready when the learner has withdrawn, however complete (achieved stays as it is)", () => {
    const e = evaluate({ ...achievedQcf({ induction: 1, tutorial: 2, coaching: 12 }), withdrawn: true });
    expect(e).toMatchObject({ achieved: true, readyToClaim: false });
    const back = evaluate({ ...achievedQcf({ induction: 1, tutorial: 2, coaching: 12 }), withdrawn: false });
    expect(back.readyToClaim).toBe(true);
  });
});

describe("readyNeeds: the hours that keep an achieved learner from being ready to claim", () => {
  it("is empty when the learner is ready", () => {
    expect(evaluate(achievedQcf({ induction: 1, tutorial: 2, coaching: 12 })).readyNeeds).toEqual([]);
  });
  it("names each short hour as 'what got of needed h', induction, tutorial, then coaching", () => {
    expect(evaluate(achievedQcf({ induction: 0.5, tutorial: 1, coaching: 11 })).readyNeeds).toEqual([
      "induction 0.5 of 1 h",
      "tutorial 1 of 2 h",
      "coaching 11 of 12 h",
    ]);
  });
  it("counts hours not recorded as 0", () => {
    expect(evaluate(achievedQcf(undefined)).readyNeeds).toEqual([
      "induction 0 of 1 h",
      "tutorial 0 of 2 h",
      "coaching 0 of 12 h",
    ]);
  });
  it("asks for the practice hours the engine computes (100 once 8580-502 is passed)", () => {
    const units = { "8580-500": "PASS", "8580-502": "PASS", "8580-503": "PASS" } as const;
    expect(
      evaluate(learner(L5_DIP, { units, hours: { induction: 1, tutorial: 2, coaching: 82 } })).readyNeeds,
    ).toEqual(["coaching 82 of 100 h"]);
  });
  it("is empty while the units are not done, however few the hours", () => {
    const e = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: [3, 25, 10, 25] } } }));
    expect(e).toMatchObject({ achieved: false, readyNeeds: [] });
  });
  it("agrees with readyToClaim for every learner who has not withdrawn: ready exactly when nothing is needed", () => {
    for (const hours of [
      { induction: 1, tutorial: 2, coaching: 12 },
      { induction: 1, tutorial: 2, coaching: 11.5 },
      { induction: 0, tutorial: 2, coaching: 12 },
    ]) {
      const e = evaluate(achievedQcf(hours));
      expect(e.readyToClaim).toBe(e.readyNeeds.length === 0);
    }
  });
  it("still lists the short hours of a withdrawn learner who achieved (withdrawal is not an hour)", () => {
    const e = evaluate({ ...achievedQcf({ induction: 1, tutorial: 1, coaching: 12 }), withdrawn: true });
    expect(e).toMatchObject({ readyToClaim: false, readyNeeds: ["tutorial 1 of 2 h"] });
    const complete = evaluate({
      ...achievedQcf({ induction: 1, tutorial: 2, coaching: 12 }),
      withdrawn: true,
    });
    expect(complete).toMatchObject({ readyToClaim: false, readyNeeds: [] });
  });
});
