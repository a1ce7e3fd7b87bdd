import type { SectionRule } from "../../src/domain";
import { evaluateSectioned, evaluateSections } from "../../src/domain";
import { ilm } from "./helpers";

const scheme = (id: string) => {
  const a = ilm.assessments.get(id);
  if (a?.kind !== "sectioned") throw new Error(`${id} is not sectioned`);
  return a;
};
const D501 = scheme("D5.01"); // max 4/40/16/40, min 2/20/8/20
const DIARY = scheme("D5.02+D5.03"); // max 34/30/36, min 17/15/18

describe("sectioned mark sheets: total 50+ overall AND the minimum in each section", () => {
  it("passes the D5.01 assignment with every section exactly at its minimum (total exactly 50)", () => {
    const r = evaluateSectioned(D501, [2, 20, 8, 20]);
    expect(r).toEqual({ outcome: "PASS", total: 50, referredSections: [], messages: [] });
  });

  it("passes the D5.02+D5.03 diary with every section exactly at its minimum (total exactly 50)", () => {
    expect(evaluateSectioned(DIARY, [17, 15, 18])).toMatchObject({ outcome: "PASS", total: 50 });
  });

  it("passes at full marks", () => {
    expect(evaluateSectioned(D501, [4, 40, 16, 40])).toMatchObject({ outcome: "PASS", total: 100 });
    expect(evaluateSectioned(DIARY, [34, 30, 36])).toMatchObject({ outcome: "PASS", total: 100 });
  });

  describe.each([
    ["D5.01", D501],
    ["D5.02+D5.03", DIARY],
  ])("no compensation between sections (%s)", (_id, a) => {
    it.each(a.sections.map((s, i) => [i + 1, s.short, i] as const))(
      "refers when section %i (%s) is one below its minimum even though every other section has full marks",
      (number, _short, i) => {
        const marks = a.sections.map((s, j) => (j === i ? s.min - 1 : s.max));
        const r = evaluateSectioned(a, marks);
        expect(r.outcome).toBe("REFERRAL");
        expect(r.referredSections).toEqual([number]);
        expect(r.total).toBeGreaterThanOrEqual(50);
        expect(r.messages).toEqual([
          `Section ${number} (${a.sections[i]?.short}): ${(a.sections[i]?.min ?? 0) - 1} is below the minimum of ${a.sections[i]?.min}`,
        ]);
      },
    );
  });

  it("refers when one section is below its minimum even though the total passes", () => {
    const r = evaluateSectioned(D501, [4, 19, 16, 40]);
    expect(r).toMatchObject({ outcome: "REFERRAL", total: 79, referredSections: [2] });
  });

  it("lists every section below its minimum, 1-based, in section order", () => {
    const r = evaluateSectioned(D501, [1, 19, 7, 40]);
    expect(r.outcome).toBe("REFERRAL");
    expect(r.referredSections).toEqual([1, 2, 3]);
    expect(r.messages).toEqual([
      "Section 1 (Context): 1 is below the minimum of 2",
      "Section 2 (Best practice): 19 is below the minimum of 20",
      "Section 3 (Barriers): 7 is below the minimum of 8",
    ]);
  });

  it("names the total among the reasons when it is below 50", () => {
    const r = evaluateSectioned(DIARY, [16, 15, 18]);
    expect(r.outcome).toBe("REFERRAL");
    expect(r.total).toBe(49);
    expect(r.referredSections).toEqual([1]);
    expect(r.messages).toContain("total 49 is below the pass total of 50");
  });

  describe("the pass total on its own (a scheme whose minimums add up to less than 50)", () => {
    const rules: SectionRule[] = [
      { label: "Section 1 (A)", max: 40, min: 10 },
      { label: "Section 2 (B)", max: 40, min: 10 },
      { label: "Section 3 (C)", max: 20, min: 10 },
    ];
    it("refers at a total of 49 with every section at or above its minimum, and refers no section", () => {
      expect(evaluateSections(rules, 50, [20, 19, 10])).toEqual({
        outcome: "REFERRAL",
        total: 49,
        referredSections: [],
        messages: ["total 49 is below the pass total of 50"],
      });
    });
    it("passes at a total of exactly 50", () => {
      expect(evaluateSections(rules, 50, [20, 20, 10])).toMatchObject({ outcome: "PASS", total: 50 });
    });
  });

  describe("INCOMPLETE while any section is unmarked", () => {
    it("is incomplete with one section blank, and totals the marks entered so far", () => {
      expect(evaluateSectioned(D501, [3, null, 10, 30])).toEqual({
        outcome: "INCOMPLETE",
        total: 43,
        referredSections: [],
        messages: ["not fully marked: 1 entry blank"],
      });
    });
    it("is incomplete (not referred) when a section is blank even if another is already below its minimum", () => {
      expect(evaluateSectioned(D501, [1, null, 16, 40]).outcome).toBe("INCOMPLETE");
    });
    it("has no total when nothing is marked", () => {
      expect(evaluateSectioned(DIARY, [null, null, null])).toMatchObject({
        outcome: "INCOMPLETE",
        total: null,
      });
    });
    it("treats an empty or blank text cell as unmarked", () => {
      expect(evaluateSectioned(DIARY, ["", " ", 20]).outcome).toBe("INCOMPLETE");
    });
  });

  describe("INVALID when a mark is not a number, is negative or is above the section maximum", () => {
    it("names the section of a mark above its maximum", () => {
      expect(evaluateSectioned(D501, [3, 41, 10, 30])).toEqual({
        outcome: "INVALID",
        total: null,
        referredSections: [],
        messages: ["Section 2 (Best practice): mark 41 is above the maximum of 40"],
      });
    });
    it("accepts a mark exactly at the section maximum", () => {
      expect(evaluateSectioned(D501, [4, 40, 16, 40]).outcome).toBe("PASS");
    });
    it("names the section of a negative mark", () => {
      expect(evaluateSectioned(DIARY, [20, -1, 20]).messages).toEqual([
        "Section 2 (Sessions): mark -1 is negative",
      ]);
    });
    it("names the section of a mark that is not a number", () => {
      expect(evaluateSectioned(DIARY, [20, "twenty", 20])).toMatchObject({
        outcome: "INVALID",
        messages: ['Section 2 (Sessions): "twenty" is not a number'],
      });
    });
    it("is invalid rather than incomplete when one mark is wrong and another blank", () => {
      expect(evaluateSectioned(DIARY, [null, 31, 20]).outcome).toBe("INVALID");
    });
    it("rejects infinite and boolean marks", () => {
      expect(evaluateSectioned(DIARY, [Infinity, 20, 20]).outcome).toBe("INVALID");
      expect(evaluateSectioned(DIARY, [true, 20, 20]).outcome).toBe("INVALID");
    });
    it("reads a numeric text cell as its number", () => {
      expect(evaluateSectioned(DIARY, ["17", " 15 ", "18.0"])).toMatchObject({ outcome: "PASS", total: 50 });
    });
    it("is invalid when the number of marks differs from the number of sections", () => {
      expect(evaluateSectioned(DIARY, [20, 20])).toMatchObject({
        outcome: "INVALID",
        messages: ["expected 3 section marks, got 2"],
      });
    });
  });
});
