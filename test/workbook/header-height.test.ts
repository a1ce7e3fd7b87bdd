import type { ColumnPlan } from "../../src/workbook/plan";
import { headerRowHeight } from "../../src/workbook/plan";

const column = (header: string, width: number): ColumnPlan => ({ key: header, header, role: "entry", width });

describe("the header row height", () => {
  it("is one line when every header fits its column", () => {
    expect(headerRowHeight([column("Learner", 24), column("Total", 12)])).toBe(15);
  });

  it("grows to fit the longest header wrapped word by word in its column", () => {
    // "Business case /40 (min 20)" in a 10-character column: "Business" / "case /40" / "(min 20)".
    expect(headerRowHeight([column("Learner", 24), column("Business case /40 (min 20)", 10)])).toBe(45);
  });

  it("never grows past four lines, however long a header is", () => {
    expect(headerRowHeight([column("a b c d e f g h i j k l", 1)])).toBe(60);
  });
});
