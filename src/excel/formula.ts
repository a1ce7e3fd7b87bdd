import { columnIndex, columnLetter } from "../workbook/a1";

/**
 * Moves the relative column references of an A1 formula `delta` columns to the right, as Excel does when a
 * formula is copied sideways. Absolute columns ($D2), texts ("D2") and quoted sheet names stay as they are.
 * Used to give each contiguous run of a conditional format its own formula (Office.js adds a conditional format
 * to one rectangle at a time).
 */
export function shiftColumns(formula: string, delta: number): string {
  if (delta === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1]! : "";
    const m = /^(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(.])/.exec(formula.slice(i));
    if (m && !/[A-Za-z0-9_.]/.test(prev)) {
      const [whole, colAbs, letters, rowAbs, row] = m as unknown as [string, string, string, string, string];
      const col = colAbs === "$" ? letters : columnLetter(columnIndex(letters) + delta);
      out += `${colAbs}${col}${rowAbs}${row}`;
      i += whole.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
