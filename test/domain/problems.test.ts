import type { Problem } from "../../src/domain";
import { formatPath, formatProblem, parseCell } from "../../src/domain";

const problem = (p: Partial<Problem>): Problem => ({ code: "test", path: [], message: "is wrong", ...p });

describe("problems are data; formatProblem alone turns one into a line for a person", () => {
  it("writes a path into a JSON document with dots, brackets and quotes", () => {
    expect(formatPath(["learners", 3, "assessments", "D5.01", "marks", 1])).toBe(
      'learners[3].assessments["D5.01"].marks[1]',
    );
    expect(formatPath([])).toBe("(top level)");
  });

  it("names the path and the learner", () => {
    expect(formatProblem(problem({ path: ["learners", 3, "name"], registration: "NF-004" }))).toBe(
      "learners[3].name (NF-004): is wrong",
    );
  });

  it("names the source before the path, and the source alone for a problem with the whole input", () => {
    expect(formatProblem(problem({ source: "centre.json", path: ["units", 0, "id"] }))).toBe(
      "centre.json: units[0].id: is wrong",
    );
    expect(formatProblem(problem({ source: "cohort.json", message: "is not JSON (oops)" }))).toBe(
      "cohort.json: is not JSON (oops)",
    );
    expect(formatProblem(problem({}))).toBe("(top level): is wrong");
  });

  it("names a place in a workbook by tab and cell, with its table and column", () => {
    const place = { sheet: "D5.01 Work-based", table: "D5_01", column: "Context", cell: "C7" };
    expect(formatProblem(problem({ place, registration: "NF-001" }))).toBe(
      `'D5.01 Work-based'!C7 (table D5_01, column "Context") (NF-001): is wrong`,
    );
    expect(formatProblem(problem({ source: "marks.xlsx", place: { sheet: "Bob's", cell: "A2:A9" } }))).toBe(
      "marks.xlsx: 'Bob''s'!A2:A9: is wrong",
    );
  });

  it("names a place in a CSV file (one sheet, named after the file) by row and column", () => {
    const csv = (place: Problem["place"], extra: Partial<Problem> = {}) =>
      formatProblem(problem({ source: "cohort.csv", ...(place ? { place } : {}), ...extra }));
    expect(csv({ sheet: "cohort.csv", cell: "C2", column: "Qualification" }, { registration: "NF-1" })).toBe(
      'cohort.csv: row 2, column "Qualification" (NF-1): is wrong',
    );
    expect(csv({ sheet: "cohort.csv", cell: "D2" })).toBe("cohort.csv: row 2, column 4: is wrong");
    expect(csv({ sheet: "cohort.csv", cell: "5:5" }, { path: ["name"] })).toBe(
      "cohort.csv: row 5 (name): is wrong",
    );
    expect(formatProblem(problem({ place: { sheet: "", cell: "AB3", column: "Notes" } }))).toBe(
      'row 3, column "Notes": is wrong',
    );
  });

  it("reads an A1 cell address back into a column index and a row", () => {
    expect(parseCell("A1")).toEqual({ column: 0, row: 1 });
    expect(parseCell("AB12")).toEqual({ column: 27, row: 12 });
    expect(parseCell("$C$7")).toEqual({ column: 2, row: 7 });
    expect(parseCell("3:3")).toBeNull();
  });
});
