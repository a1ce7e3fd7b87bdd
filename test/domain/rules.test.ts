import { evaluate, L3, L5_CERT, L5_DIP, L5_QCF, L7_CERT, L7_DIP, learner } from "./helpers";

const L3_MANDATORY = { "8587-300": "PASS", "8587-301": "PASS" } as const;

describe("rules of combination", () => {
  describe("Level 3 Certificate: 8587-300 and 8587-301 AND 10 credits from Group 1 OR 10 credits from Group 2", () => {
    it("is achieved with the mandatory units and all of Group 1 (7 + 3 credits)", () => {
      const e = evaluate(learner(L3, { units: { ...L3_MANDATORY, "8587-302": "PASS", "8587-303": "PASS" } }));
      expect(e).toMatchObject({ achieved: true, missing: [], credits: 16 });
    });

    it("is achieved with the mandatory units and all of Group 2", () => {
      const e = evaluate(learner(L3, { units: { ...L3_MANDATORY, "8587-304": "PASS", "8587-305": "PASS" } }));
      expect(e).toMatchObject({ achieved: true, missing: [], credits: 16 });
    });

    it.each([
      ["8587-302", "8587-305"],
      ["8587-304", "8587-303"],
    ])("never adds credits from the two groups: %s + %s make 10 credits but do not achieve", (a, b) => {
      const e = evaluate(learner(L3, { units: { ...L3_MANDATORY, [a]: "PASS", [b]: "PASS" } }));
      expect(e.credits).toBe(16);
      expect(e.achieved).toBe(false);
    });

    it("is not achieved with three of the four group units when neither group is complete", () => {
      const e = evaluate(
        learner(L3, {
          units: { ...L3_MANDATORY, "8587-302": "PASS", "8587-304": "PASS", "8587-305": "REFERRAL" },
        }),
      );
      expect(e.achieved).toBe(false);
      expect(e.missing).toEqual([
        "3 more credits from Group 1 (8587-303) or 3 more credits from Group 2 (8587-305)",
      ]);
    });

    it("is not achieved with a complete group but a mandatory unit missing, and names the unit", () => {
      const e = evaluate(
        learner(L3, { units: { "8587-300": "PASS", "8587-302": "PASS", "8587-303": "PASS" } }),
      );
      expect(e.achieved).toBe(false);
      expect(e.missing).toEqual([
        "8587-301 (Understanding Good Practice in Mentoring within an Organisational Context)",
      ]);
    });

    it("says in plain words everything still needed when nothing is passed", () => {
      expect(evaluate(learner(L3)).missing).toEqual([
        "8587-300 (Understanding Good Practice in Coaching within an Organisational Context)",
        "8587-301 (Understanding Good Practice in Mentoring within an Organisational Context)",
        "10 credits from Group 1 (8587-302, 8587-303) or 10 credits from Group 2 (8587-304, 8587-305)",
      ]);
    });
  });

  describe("Level 5 Certificate in Coaching and Mentoring: 13 credits from 8580-500, 8580-501, 8580-503", () => {
    it("names all 13 credits and the three units when nothing is passed", () => {
      const e = evaluate(learner(L5_CERT, { units: {} }));
      expect(e.achieved).toBe(false);
      expect(e.missing).toEqual(["13 credits from 8580-500, 8580-501, 8580-503"]);
    });
    it("counts down the credits still needed and names the open units", () => {
      const e = evaluate(learner(L5_CERT, { units: { "8580-500": "PASS" } }));
      expect(e.missing).toEqual(["8 more credits from 8580-501, 8580-503"]);
    });
    it("is achieved with 13 credits", () => {
      const e = evaluate(
        learner(L5_CERT, { units: { "8580-500": "PASS", "8580-501": "PASS", "8580-503": "PASS" } }),
      );
      expect(e).toMatchObject({ achieved: true, missing: [], credits: 13 });
    });
    it("is not achieved with one unit referred", () => {
      const e = evaluate(
        learner(L5_CERT, { units: { "8580-500": "PASS", "8580-501": "REFERRAL", "8580-503": "PASS" } }),
      );
      expect(e).toMatchObject({ achieved: false, credits: 8, missing: ["5 more credits from 8580-501"] });
    });
  });

  describe("Level 5 Diploma: 37 credits from 8580-500, 8580-502, 8580-503", () => {
    it("is achieved with all three units (5 + 29 + 3)", () => {
      const e = evaluate(
        learner(L5_DIP, { units: { "8580-500": "PASS", "8580-502": "PASS", "8580-503": "PASS" } }),
      );
      expect(e).toMatchObject({ achieved: true, credits: 37 });
    });
    it("is not achieved without 8580-502", () => {
      const e = evaluate(learner(L5_DIP, { units: { "8580-500": "PASS", "8580-503": "PASS" } }));
      expect(e).toMatchObject({ achieved: false, credits: 8, missing: ["29 more credits from 8580-502"] });
    });
  });

  describe("Level 5 Certificate in Management (QCF): D5.01, D5.02 and D5.03", () => {
    it("names the diary once for both of its units when both are still needed", () => {
      const e = evaluate(learner(L5_QCF, { assessments: { "D5.01": { marks: [3, 25, 10, 25] } } }));
      expect(e.missing).toEqual(["D5.02 and D5.03 (coaching/mentoring diary)"]);
    });
    it("names D5.01 by its unit title when it is still needed", () => {
      const e = evaluate(learner(L5_QCF, { assessments: { "D5.02+D5.03": { marks: [20, 20, 20] } } }));
      expect(e.missing).toEqual([
        "D5.01 (Understanding how management coaching and mentoring can benefit individuals and organisations)",
      ]);
    });
    it("is achieved when the assignment and the diary pass", () => {
      const e = evaluate(
        learner(L5_QCF, {
          assessments: { "D5.01": { marks: [2, 20, 8, 20] }, "D5.02+D5.03": { marks: [17, 15, 18] } },
        }),
      );
      expect(e).toMatchObject({ achieved: true, credits: 13, missing: [] });
    });
  });

  describe("Level 7 Certificate (D7.01 to D7.03) and Diploma (D7.01 to D7.04)", () => {
    const three = { "D7.01": "PASS", "D7.02": "PASS", "D7.03": "PASS" } as const;
    it("achieves the Certificate with its three mandatory units", () => {
      expect(evaluate(learner(L7_CERT, { units: three }))).toMatchObject({ achieved: true, credits: 15 });
    });
    it("does not achieve the Diploma without D7.04, and names it", () => {
      const e = evaluate(learner(L7_DIP, { units: three }));
      expect(e).toMatchObject({ achieved: false, credits: 15 });
      expect(e.missing).toEqual([
        "D7.04 (Undertaking an extended period of supervised leadership mentoring or executive coaching)",
      ]);
    });
  });
});
