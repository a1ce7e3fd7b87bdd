import * as ilm from "../../src/functions/functions";
import { installStubRuntime, shown } from "./runtime";

/*
 * Blank cells as some Excel desktop builds send them: as 0 under `any` and `any[][]` parameters
 * (OfficeDev/office-js #4702, #5262, #1951). The functions that take marks take `blanks`, COUNTBLANK of the marks'
 * range, and the generated formulas give it; elsewhere a 0 can mean nothing and is read as a blank.
 */

installStubRuntime();

const MIN = [[2, 20, 8, 20]];
const MAX = [[4, 40, 16, 40]];
const NA = "#N/A";
const VALUE = "#VALUE!";

describe("a blank mark that arrives as 0", () => {
  test("is a blank, not a mark of 0, when blanks says one cell is blank (RESULT, SECTIONPASS, REFERRED)", () => {
    // D5.01 with section 3 blank: 4, 40, (blank), 30. Without the count it would read as 0: REFERRAL.
    expect(ilm.result([[4, 40, 0, 30]], [["D5.01"]], [[""]], "", 1)).toBe("");
    expect(shown(() => ilm.sectionPass([[3, 25, 0, 22]], MIN, MAX, 1))).toEqual({
      code: NA,
      message: "not fully marked: 1 entry blank",
    });
    expect(ilm.referred([[3, 18, 0, 15]], [["D5.01"]], undefined, 1)).toBe("");
  });

  test("is a mark of 0 when blanks says no cell is blank, or when blanks is left out (a call typed by hand)", () => {
    expect(ilm.result([[4, 40, 0, 30]], [["D5.01"]], [[""]], "", 0)).toBe("REFERRAL");
    expect(ilm.result([[4, 40, 0, 30]], [["D5.01"]])).toBe("REFERRAL");
    expect(ilm.sectionPass([[0, 25, 9, 22]], MIN, MAX)).toBe(false);
  });

  test('is a blank with or without the count when it arrives as "" or null', () => {
    for (const blank of ["", null]) {
      expect(ilm.result([[4, 40, blank, 30]], [["D5.01"]])).toBe("");
      expect(ilm.result([[4, 40, blank, 30]], [["D5.01"]], undefined, null, 1)).toBe("");
    }
  });

  test("takes the first cells of 0 as the blank ones when there are more cells of 0 than blanks", () => {
    // Two cells of 0, one blank: either way the sheet is not fully marked, and 0 is never an invalid mark.
    expect(ilm.result([[0, 40, 0, 30]], [["D5.01"]], undefined, null, 1)).toBe("");
    expect(ilm.result([[0, 40, 0, 30]], [["D5.01"]], undefined, null, 0)).toBe("REFERRAL");
  });

  test("a count that does not fit the range is #VALUE! saying what the range holds", () => {
    expect(shown(() => ilm.result([[4, 40, "", 30]], [["D5.01"]], undefined, null, 0))).toEqual({
      code: VALUE,
      message: "blanks is 0 but marks has 1 empty cell (give COUNTBLANK of the same range)",
    });
    expect(shown(() => ilm.result([[4, 40, 0, 30]], [["D5.01"]], undefined, null, 2))).toEqual({
      code: VALUE,
      message: "blanks is 2 but marks has 0 empty cells and 1 cell of 0 (give COUNTBLANK of the same range)",
    });
    expect(shown(() => ilm.result([[4, 40, 0, 30]], [["D5.01"]], undefined, null, "one"))).toEqual({
      code: VALUE,
      message: 'blanks: "one" is not a number of blank cells',
    });
    expect(shown(() => ilm.sectionPass([[3, 25, 0, 22]], MIN, MAX, 1.5))).toEqual({
      code: VALUE,
      message: "blanks: 1.5 is not a number of blank cells",
    });
  });
});

describe("a blank criterion result that arrives as 0", () => {
  test('is a blank when blanks counts it, so the unit is "" (not fully marked), not #VALUE!', () => {
    expect(ilm.criteria([["P", 0, "P"]], 1)).toBe("");
    expect(shown(() => ilm.criteria([["P", 0, "P"]]))).toEqual({
      code: VALUE,
      message: "criterion 2: 0 is not P or R",
    });
  });

  test("a typed 0 beside a blank sent as 0 is still #VALUE!, naming the later 0 (the first is taken as blank)", () => {
    expect(shown(() => ilm.criteria([[0, "P", 0]], 1))).toEqual({
      code: VALUE,
      message: "criterion 3: 0 is not P or R",
    });
  });
});

describe("where 0 can mean nothing, a 0 is a blank cell", () => {
  test("a unit row whose unit and outcome arrive as 0 is skipped, as a blank row is", () => {
    const units = [["8580-500"], [0], ["8580-501"]];
    expect(ilm.creditsOf("600/5791/9", units, [["PASS"], [0], ["PASS"]])).toBe(10);
    expect(ilm.creditsOf("600/5791/9", [["8580-500"]], [[0]])).toBe(0);
  });

  test("a section name that arrives as 0 falls back to the section's label", () => {
    expect(ilm.referred([[3, 18, 12, 25]], [["D5.01"]], [["Context", 0, "Barriers", "Case"]], 0)).toBe(
      "Section 2 (Best practice)",
    );
  });

  test("maxima and pass_total left out as empty arguments that arrive as 0 are left out", () => {
    expect(ilm.result([[2, 20, 8, 20]], [["D5.01"]], [[0]], 0, 0)).toBe("PASS");
  });

  test("a registration date that arrives as 0 is blank: #N/A, not #VALUE!", () => {
    expect(shown(() => ilm.deadlineOf("600/5791/9", 0))).toEqual({
      code: NA,
      message: "registration date is blank",
    });
  });
});

describe("DEADLINE at the end of the dates a spreadsheet shows", () => {
  test("is #VALUE! naming the range for a date outside it, and for a deadline after 9999-12-31", () => {
    expect(shown(() => ilm.deadlineOf("600/5791/9", "0026-01-12"))).toEqual({
      code: VALUE,
      message:
        "0026-01-12 is not between 1900-03-01 and 9999-12-31, the dates every spreadsheet shows the same",
    });
    expect(shown(() => ilm.deadlineOf("600/5791/9", "9999-01-01"))).toEqual({
      code: VALUE,
      message:
        "9999-01-01 plus 36 months (the duration of 600/5791/9) is after 9999-12-31, the last date a spreadsheet shows",
    });
  });
});
