import { builtinCatalogue } from "../../src/domain";
import {
  applyChoices,
  looksLikeHeader,
  proposeChoices,
  rememberChoices,
} from "../../src/taskpane/learners/columnMapping";
import { dateText, plainFieldMessage } from "../../src/taskpane/shared/plainWords";

const catalogue = builtinCatalogue();

describe("matching a roster's columns", () => {
  it("joins first name and surname with a space in the first one's place and drops columns left out", () => {
    const out = applyChoices(
      ["Ref", "Shoe", "Surname", "First name", "Course"],
      [
        { row: 2, cells: ["NF-1", "5", "Patel", "Asha", "500/3564/2"] },
        { row: 3, cells: ["NF-2", "9", "Jones", "", "500/3564/2"] },
      ],
      ["registration", "ignore", "surname", "firstName", "qualification"],
    );
    expect(out).toEqual({
      header: ["Registration No", "Learner", "Qualification"],
      rows: [
        { row: 2, cells: ["NF-1", "Asha Patel", "500/3564/2"] },
        { row: 3, cells: ["NF-2", "Jones", "500/3564/2"] },
      ],
    });
  });

  it("keeps a column the command line reads by its own header (a mark) as headed", () => {
    const { choices } = proposeChoices(["Candidate", "D5.01 S1", "Surname"], catalogue, undefined);
    expect(choices).toEqual([null, "asHeaded", "surname"]);
    expect(
      applyChoices(
        ["Candidate", "D5.01 S1"],
        [{ row: 2, cells: ["NF-1", "3"] }],
        ["registration", "asHeaded"],
      ).header,
    ).toEqual(["Registration No", "D5.01 S1"]);
  });

  it("takes a first row of words as headers and a row with a registration number as data", () => {
    expect(looksLikeHeader(["Candidate ref", "Given", "Family"], catalogue)).toBe(true);
    expect(looksLikeHeader(["NF-001", "Asha Patel", "500/3564/2"], catalogue)).toBe(false);
  });

  it("remembers one matching per set of headers, the newest first, and offers it whatever the capitals", () => {
    const first = rememberChoices(undefined, ["Ref", "Name"], ["registration", "name"]);
    const setup = {
      qualifications: [],
      assessors: [],
      rosterColumns: rememberChoices(
        { qualifications: [], assessors: [], rosterColumns: first },
        ["ref", "NAME"],
        ["registration", "surname"],
      ),
    };
    expect(setup.rosterColumns).toEqual([{ headers: ["ref", "NAME"], fields: ["registration", "surname"] }]);
    expect(proposeChoices([" Ref ", "name"], catalogue, setup)).toEqual({
      choices: ["registration", "surname"],
      remembered: true,
    });
  });

  it("ignores a remembered matching the settings hold damaged", () => {
    const setup = {
      qualifications: [],
      assessors: [],
      rosterColumns: [{ headers: ["Ref"], fields: ["shoe size"] }],
    };
    expect(proposeChoices(["Ref"], catalogue, setup).remembered).toBe(false);
  });
});

describe("problems in plain words", () => {
  it("says why a typed date is no date", () => {
    expect(dateText("31/02/2026")).toBe("31/02/2026 is not a date: February has 28 or 29 days");
    expect(dateText("29/02/2026")).toBe("29/02/2026 is not a date: that year has no 29 February");
    expect(dateText("31/09/2026")).toBe("31/09/2026 is not a date: September has 30 days");
    expect(dateText("12/13/2026")).toBe(
      "12/13/2026 is not a date: the month must be 1 to 12 (type the day first, as in 12/01/2026)",
    );
    expect(dateText("next week")).toBe(
      '"next week" is not a date: type it as 12/01/2026 (day first) or 2026-01-12',
    );
  });

  it("names the hours field and what to type", () => {
    expect(plainFieldMessage("Induction hours", { code: "too-small", message: "x" }, "-1")).toBe(
      "Induction hours can't be negative: type 0 or more",
    );
    expect(plainFieldMessage("Assessor", { code: "something-else", message: "kept as is" }, "")).toBe(
      "kept as is",
    );
  });
});
