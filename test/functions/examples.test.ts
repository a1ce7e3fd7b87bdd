import * as ilm from "../../src/functions/functions";
import { installStubRuntime, shown } from "./runtime";

/*
 * Worked examples from the ILM mark sheets (seed 004, Appendix B) and the qualification structures, with the
 * answers written out: these are the examples docs/functions.md shows.
 */

installStubRuntime();

// D5.01 work-based assignment: sections /4 min 2, /40 min 20, /16 min 8, /40 min 20; total 50+ overall.
const MIN = [[2, 20, 8, 20]];
const MAX = [[4, 40, 16, 40]];
const VALUE = "#VALUE!";

describe("ILM.SECTIONPASS", () => {
  test("is TRUE when every D5.01 section reaches its minimum", () => {
    expect(ilm.sectionPass([[3, 25, 9, 22]], MIN, MAX)).toBe(true);
  });

  test("is FALSE when one section is below its minimum, however high the others are", () => {
    expect(ilm.sectionPass([[4, 19, 16, 40]], MIN, MAX)).toBe(false);
  });

  test("treats 0 as a mark (below the minimum), not as a blank", () => {
    expect(ilm.sectionPass([[0, 25, 9, 22]], MIN, MAX)).toBe(false);
  });

  test("is #N/A while a mark is blank, whether Excel sends the blank as an empty string or null", () => {
    for (const blank of ["", null]) {
      expect(shown(() => ilm.sectionPass([[3, blank, 9, 22]], MIN, MAX))).toEqual({
        code: "#N/A",
        message: "not fully marked: 1 entry blank",
      });
    }
  });

  test("is #VALUE! naming the section for a mark above its maximum, a negative mark or text", () => {
    expect(shown(() => ilm.sectionPass([[5, 25, 9, 22]], MIN, MAX))).toEqual({
      code: VALUE,
      message: "Section 1: mark 5 is above the maximum of 4",
    });
    expect(shown(() => ilm.sectionPass([[3, -1, 9, 22]], MIN, MAX))).toEqual({
      code: VALUE,
      message: "Section 2: mark -1 is negative",
    });
    expect(shown(() => ilm.sectionPass([[3, 25, "nine", 22]], MIN, MAX))).toEqual({
      code: VALUE,
      message: 'Section 3: "nine" is not a number',
    });
  });

  test("is #VALUE! when the ranges differ in size", () => {
    expect(shown(() => ilm.sectionPass([[3, 25, 9]], MIN, MAX))).toEqual({
      code: VALUE,
      message: "expected 4 section marks, got 3",
    });
    expect(shown(() => ilm.sectionPass([[3, 25, 9, 22]], MIN, [[4, 40, 16]]))).toEqual({
      code: VALUE,
      message: "maxima has 3 cells but there are 4 sections",
    });
  });

  test("takes marks as a column and minimums as a row alike", () => {
    expect(ilm.sectionPass([[3], [25], [9], [22]], MIN)).toBe(true);
    expect(ilm.sectionPass([[3], [25], [9], [19]], [[2], [20], [8], [20]])).toBe(false);
  });

  test("is #VALUE! for a block of several rows and columns", () => {
    expect(
      shown(() =>
        ilm.sectionPass(
          [
            [3, 25],
            [9, 22],
          ],
          MIN,
        ),
      ),
    ).toEqual({
      code: VALUE,
      message: "marks must be one row or one column, not 2 rows by 2 columns",
    });
  });

  test("is #VALUE! for a minimum above its maximum", () => {
    expect(shown(() => ilm.sectionPass([[3]], [[5]], [[4]]))).toEqual({
      code: VALUE,
      message: "Section 1: minimum 5 is above the maximum 4",
    });
  });
});

describe("ILM.RESULT", () => {
  test('gives "PASS" for a D5.01 sheet at exactly the minimums (total 50)', () => {
    expect(ilm.result([[2, 20, 8, 20]], [["D5.01"]])).toBe("PASS");
  });

  test('gives "REFERRAL" when a section is below its minimum even though the total passes', () => {
    expect(ilm.result([[4, 40, 16, 19]], [["D5.01"]])).toBe("REFERRAL");
  });

  test('gives "" while the sheet is not fully marked', () => {
    expect(ilm.result([[4, 40, "", 30]], [["D5.01"]])).toBe("");
  });

  test("applies a pass total given with minimums", () => {
    expect(ilm.result([[2, 20, 8, 20]], MIN, MAX, 50)).toBe("PASS");
    expect(ilm.result([[2, 20, 8, 20]], MIN, MAX, 60)).toBe("REFERRAL");
    expect(ilm.result([[2, 20, 8, 20]], MIN, MAX, null)).toBe("PASS");
  });

  test("uses the diary's mark scheme for D5.02+D5.03", () => {
    expect(ilm.result([[17, 15, 18]], [["D5.02+D5.03"]])).toBe("PASS");
    expect(ilm.result([[16, 30, 36]], [["D5.02+D5.03"]])).toBe("REFERRAL");
  });

  test("is #VALUE! naming an unknown assessment, a criterion-marked one, or maxima given with an id", () => {
    expect(shown(() => ilm.result([[1]], [["D9.99"]]))).toEqual({
      code: VALUE,
      message: 'unknown assessment "D9.99"',
    });
    expect(shown(() => ilm.result([[1]], [["8580-500"]]))).toEqual({
      code: VALUE,
      message: "assessment 8580-500 is marked by criteria, not by sections",
    });
    expect(shown(() => ilm.result([[2, 20, 8, 20]], [["D5.01"]], MAX))).toEqual({
      code: VALUE,
      message: "leave out maxima: assessment D5.01 takes it from the catalogue",
    });
  });
});

describe("ILM.REFERRED", () => {
  test("names the D5.01 sections below their minimum", () => {
    expect(ilm.referred([[3, 18, 12, 15]], [["D5.01"]])).toBe(
      "Section 2 (Best practice), Section 4 (Business case)",
    );
  });

  test("uses the section names given", () => {
    expect(
      ilm.referred([[3, 18, 12, 15]], MIN, [["Context", "Best practice", "Barriers", "Business case"]]),
    ).toBe("Best practice, Business case");
  });

  test('is "" when no section is referred', () => {
    expect(ilm.referred([[3, 25, 9, 22]], [["D5.01"]])).toBe("");
  });
});

describe("ILM.CRITERIA", () => {
  test("passes when every criterion is P, refers when any is R, and waits while any is blank", () => {
    expect(ilm.criteria([["P", "p", " P "]])).toBe("PASS");
    expect(ilm.criteria([["P"], ["R"], ["P"]])).toBe("REFERRAL");
    expect(ilm.criteria([["P", "", "R"]])).toBe("");
  });

  test("is #VALUE! naming the cell that is neither P nor R", () => {
    expect(shown(() => ilm.criteria([["P", "X"]]))).toEqual({
      code: VALUE,
      message: 'criterion 2: "X" is not P or R',
    });
  });
});

describe("ILM.CREDITS, ILM.ACHIEVED and ILM.NEEDS", () => {
  const L5_CERT = "600/5791/9";
  const units = [["8580-500", "8580-501", "8580-503"]];

  test("count only passed units of the qualification (Level 5 Certificate: 5 + 5 of 13)", () => {
    const outcomes = [["PASS", "PASS", "REFERRAL"]];
    expect(ilm.creditsOf(L5_CERT, units, outcomes)).toBe(10);
    expect(ilm.achieved(L5_CERT, units, outcomes)).toBe(false);
    expect(ilm.needs(L5_CERT, units, outcomes)).toBe("3 more credits from 8580-503");
  });

  test("achieve the Level 5 Certificate with 13 credits", () => {
    const outcomes = [["pass", "PASS", "PASS"]];
    expect(ilm.creditsOf(L5_CERT, units, outcomes)).toBe(13);
    expect(ilm.achieved(L5_CERT, units, outcomes)).toBe(true);
    expect(ilm.needs(L5_CERT, units, outcomes)).toBe("");
  });

  test("ignore units of other qualifications and rows with a blank unit", () => {
    expect(ilm.creditsOf(L5_CERT, [["D5.01", "", "8580-500"]], [["PASS", "PASS", "PASS"]])).toBe(5);
  });

  test("count a unit listed twice by its best outcome (a pass after a referral)", () => {
    expect(ilm.creditsOf(L5_CERT, [["8580-500"], ["8580-500"]], [["REFERRAL"], ["PASS"]])).toBe(5);
  });

  test("name the diary's two units together when both are missing", () => {
    expect(ilm.needs("500/3564/2", [["D5.01"]], [["PASS"]])).toBe(
      "D5.02 and D5.03 (coaching/mentoring diary)",
    );
  });

  test("do not pool Level 3 Group 1 and Group 2 credits", () => {
    const l3units = [["8587-300", "8587-301", "8587-302", "8587-305"]];
    const outcomes = [["PASS", "PASS", "PASS", "PASS"]];
    expect(ilm.creditsOf("603/3738/2", l3units, outcomes)).toBe(16);
    expect(ilm.achieved("603/3738/2", l3units, outcomes)).toBe(false);
  });

  test("are #VALUE! naming an unknown unit or an outcome that is not PASS, REFERRAL or PENDING", () => {
    expect(shown(() => ilm.creditsOf(L5_CERT, [["8580-599"]], [["PASS"]]))).toEqual({
      code: VALUE,
      message: 'unknown unit "8580-599"',
    });
    expect(shown(() => ilm.achieved(L5_CERT, [["8580-500"]], [["P"]]))).toEqual({
      code: VALUE,
      message: '8580-500: "P" is not PASS, REFERRAL or PENDING',
    });
    expect(shown(() => ilm.needs(L5_CERT, units, [["PASS"]]))).toEqual({
      code: VALUE,
      message: "outcomes has 1 cell but units has 3",
    });
  });
});

describe("ILM.DEADLINE", () => {
  test("is the registration date plus three years, as EDATE: 29 Feb 2024 gives 28 Feb 2027 (serial 46446)", () => {
    expect(ilm.deadlineOf("600/5791/9", "2024-02-29")).toBe(46446);
    // The same date as a date cell: serial 45351 is 2024-02-29.
    expect(ilm.deadlineOf("600/5791/9", 45351)).toBe(46446);
  });

  test("is #N/A where the qualification states no duration (Level 3 Certificate)", () => {
    expect(shown(() => ilm.deadlineOf("603/3738/2", "2024-02-29"))).toEqual({
      code: "#N/A",
      message: "603/3738/2 states no duration",
    });
  });

  test("is #N/A while the registration date is blank and #VALUE! for text that is not a date", () => {
    expect(shown(() => ilm.deadlineOf("600/5791/9", ""))).toEqual({
      code: "#N/A",
      message: "registration date is blank",
    });
    expect(shown(() => ilm.deadlineOf("600/5791/9", "12/01/2026"))).toEqual({
      code: VALUE,
      message: '"12/01/2026" is not a date (use YYYY-MM-DD)',
    });
  });
});

describe("ILM.UNITCREDITS and ILM.UNITTITLE", () => {
  test("give a unit's credits and title from the catalogue", () => {
    expect(ilm.unitCredits("D5.02")).toBe(3);
    expect(ilm.unitCredits(" D7.04 ")).toBe(30);
    expect(ilm.unitTitle("D5.03")).toBe("Undertaking management coaching or mentoring in the workplace");
  });

  test("are #VALUE! naming an unknown unit", () => {
    expect(shown(() => ilm.unitTitle("D5.09"))).toEqual({ code: VALUE, message: 'unknown unit "D5.09"' });
  });
});
