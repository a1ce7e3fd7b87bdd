import { builtinCatalogue } from "../../src/domain/catalogue/builtin";
import { sectionRulesFromLists, unitOutcomesFromLists } from "../../src/domain/engine/lists";

/* The engine helpers the functions add: schemes and unit outcomes from plain lists of cells. */

describe("sectionRulesFromLists", () => {
  test("labels sections by number and reads numeric text; a blank maximum means none", () => {
    expect(sectionRulesFromLists([2, "20", 8], [4, "", 16])).toEqual({
      ok: true,
      value: [
        { label: "Section 1", min: 2, max: 4 },
        { label: "Section 2", min: 20, max: null },
        { label: "Section 3", min: 8, max: 16 },
      ],
    });
  });

  test("names every wrong minimum and maximum", () => {
    expect(sectionRulesFromLists(["", -1, 9, 2], [4, 40, 8, "x"])).toEqual({
      ok: false,
      messages: [
        'Section 1 minimum: "" is not a number',
        "Section 2 minimum: -1 is negative",
        "Section 3: minimum 9 is above the maximum 8",
        'Section 4 maximum: "x" is not a number',
      ],
    });
  });
});

describe("unitOutcomesFromLists", () => {
  const catalogue = builtinCatalogue();

  test("reads outcomes in any case, blank as PENDING, skips blank units and keeps a unit's best outcome", () => {
    const r = unitOutcomesFromLists(
      catalogue,
      ["D5.01", "", " D5.02 ", "D5.01", "D5.03"],
      ["referral", "PASS", "", "Pass", null],
    );
    expect(r.ok && [...r.value.entries()]).toEqual([
      ["D5.01", "PASS"],
      ["D5.02", "PENDING"],
      ["D5.03", "PENDING"],
    ]);
  });

  test("names unknown units and unknown outcomes", () => {
    expect(unitOutcomesFromLists(catalogue, ["D5.09", "D5.01"], ["PASS", "yes"])).toEqual({
      ok: false,
      messages: ['unknown unit "D5.09"', 'D5.01: "yes" is not PASS, REFERRAL or PENDING'],
    });
  });
});
