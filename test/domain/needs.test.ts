import fc from "fast-check";
import type { Learner } from "../../src/domain";
import { anyLearner } from "./arbitraries";
import { NEEDS_WITHDRAWN, claimNeeds } from "../../src/domain";
import { HOURS_ENOUGH, L3, L5_DIP, L5_QCF, evaluate, learner } from "./helpers";

const achievedQcf = (extra: Partial<Learner> = {}) =>
  learner(L5_QCF, {
    hours: { induction: 1, tutorial: 2, coaching: 12 },
    assessments: { "D5.01": { marks: [3, 25, 10, 25] }, "D5.02+D5.03": { marks: [20, 20, 20] } },
    ...extra,
  });

describe("needs: why a learner is not ready to claim", () => {
  it("is empty for a learner who is ready to claim", () => {
    expect(evaluate(achievedQcf())).toMatchObject({ readyToClaim: true, needs: "" });
  });
  it("says withdrawn for a withdrawn learner whose record is otherwise complete", () => {
    expect(evaluate(achievedQcf({ withdrawn: true }))).toMatchObject({
      readyToClaim: false,
      needs: "withdrawn",
    });
  });
  it("names the units still needed, by id, then the hours already short", () => {
    const e = evaluate(learner(L5_QCF, { hours: { induction: 1, tutorial: 1 } }));
    expect(e.needs).toBe("D5.01; D5.02; D5.03; tutorial 1 of 2 h");
  });
  it("names a referred unit as still needed", () => {
    const e = evaluate(
      achievedQcf({
        assessments: { "D5.01": { marks: [3, 25, 10, 25] }, "D5.02+D5.03": { marks: [20, 20, 10] } },
      }),
    );
    expect(e.units["D5.02"]).toBe("REFERRAL");
    expect(e.needs).toBe("D5.02; D5.03");
  });
  it("says every reason together: withdrawn, units, hours", () => {
    const e = evaluate(learner(L5_DIP, { withdrawn: true, units: { "8580-502": "PASS" }, hours: {} }));
    expect(e.needs).toBe(
      "withdrawn; 8 more credits from 8580-500, 8580-503; induction 0 of 1 h; tutorial 0 of 2 h; coaching 0 of 100 h",
    );
  });
  it("keeps the Level 3 groups apart in its words", () => {
    const units = { "8587-300": "PASS", "8587-301": "PASS", "8587-302": "PASS", "8587-305": "PASS" } as const;
    const e = evaluate(learner(L3, { units, hours: HOURS_ENOUGH }));
    expect(e.needs).toBe("3 more credits from Group 1 (8587-303) or 7 more credits from Group 2 (8587-304)");
  });
  it("joins its parts with '; ' and leaves out the empty ones", () => {
    expect(claimNeeds({ withdrawn: false, rule: "", hours: [] })).toBe("");
    expect(claimNeeds({ withdrawn: true, rule: "D7.03", hours: ["tutorial 1 of 2 h"] })).toBe(
      `${NEEDS_WITHDRAWN}; D7.03; tutorial 1 of 2 h`,
    );
  });
});

describe("needs, over random learners", () => {
  it("is empty exactly when the learner is ready to claim, and says withdrawn exactly for a withdrawn learner", () => {
    fc.assert(
      fc.property(anyLearner, (l) => {
        const e = evaluate(l);
        expect(e.needs === "").toBe(e.readyToClaim);
        expect(e.needs.split("; ")[0] === NEEDS_WITHDRAWN).toBe(l.withdrawn === true);
        // Every hour the claim waits for is named, whether or not the units are there yet.
        for (const h of e.readyNeeds) expect(e.needs).toContain(h);
      }),
      { numRuns: 500 },
    );
  });
});
