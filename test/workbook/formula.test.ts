import type { Cell } from "../../src/workbook/plan";
import {
  filledDownFormula,
  referenceShifter,
  shiftColumns,
  shiftReferences,
} from "../../src/workbook/formula";

describe("shiftReferences", () => {
  it("moves relative references down and right, as Excel does when a formula is filled", () => {
    expect(shiftReferences("SUM(D2:G2)+H2", 3, 0)).toBe("SUM(D5:G5)+H5");
    expect(shiftReferences("D2*2", 0, 2)).toBe("F2*2");
  });

  it("keeps absolute parts where they are", () => {
    expect(shiftReferences("$D2+D$2+$D$2", 1, 1)).toBe("$D3+E$2+$D$2");
    expect(shiftReferences("COUNTIFS('Decision log'!$C:$C,A2)", 4, 0)).toBe(
      "COUNTIFS('Decision log'!$C:$C,A6)",
    );
  });

  it("leaves texts, quoted sheet names and function names alone", () => {
    expect(shiftReferences('IF(A2="B2","C3",\'D4 tab\'!E5)', 1, 0)).toBe('IF(A3="B2","C3",\'D4 tab\'!E6)');
    expect(shiftReferences('"say ""A1"""&A1', 1, 0)).toBe('"say ""A1"""&A2');
    expect(shiftReferences("LOG10(A2)+ATAN2(B2,C2)", 1, 0)).toBe("LOG10(A3)+ATAN2(B3,C3)");
    expect(shiftReferences("My_A2+A2.5", 1, 0)).toBe("My_A2+A2.5");
  });

  it("gives null for what it does not model: whole rows, or a reference moved off the sheet", () => {
    expect(shiftReferences("SUM(2:2)", 1, 0)).toBeNull();
    expect(shiftReferences("A2", -2, 0)).toBeNull();
  });

  it("copies a long formula with many references exactly, apart from the references", () => {
    const cells = Array.from(
      { length: 12 },
      (_, i) => `IF(LEN(TRIM(Q${i + 2}))>0,TRIM(Q${i + 2})<>TRIM(D${i + 2}),FALSE)`,
    );
    const moved = Array.from(
      { length: 12 },
      (_, i) => `IF(LEN(TRIM(Q${i + 12}))>0,TRIM(Q${i + 12})<>TRIM(D${i + 12}),FALSE)`,
    );
    expect(shiftReferences(`OR(${cells.join(",")})`, 10, 0)).toBe(`OR(${moved.join(",")})`);
  });
});

describe("shiftColumns", () => {
  it("moves relative columns only, and leaves a formula it cannot model as it is", () => {
    expect(shiftColumns("$A2=B2", 2)).toBe("$A2=D2");
    expect(shiftColumns("SUM(2:2)", 1)).toBe("SUM(2:2)");
  });
});

describe("referenceShifter", () => {
  it("moves one formula many ways, each as shiftReferences would", () => {
    const formula = 'IF($A2="","",COUNTIFS(\'Log\'!$C:$C,A2,D$1:D2,">0"))';
    const shift = referenceShifter(formula);
    for (const [rows, columns] of [
      [0, 0],
      [1, 0],
      [40, 3],
      [-2, 0],
    ] as const)
      expect(shift(rows, columns)).toBe(shiftReferences(formula, rows, columns));
    expect(shift(-2, 0)).toBeNull();
    expect(referenceShifter("SUM(2:2)")(1, 0)).toBeNull();
  });
});

describe("filledDownFormula", () => {
  const column = (...formulas: string[]): Cell[][] => formulas.map((f) => [{ t: "formula", f }]);

  it("is the first row's formula when every row holds it moved down", () => {
    expect(filledDownFormula(column("D2*2", "D3*2", "D4*2"), 0)).toBe("D2*2");
  });

  it("is null when a row differs, holds a value, or the column has no formula", () => {
    expect(filledDownFormula(column("D2*2", "D3*3"), 0)).toBeNull();
    expect(filledDownFormula([[{ t: "formula", f: "D2" }], [{ t: "number", v: 1 }]], 0)).toBeNull();
    expect(filledDownFormula([[null]], 0)).toBeNull();
  });
});
