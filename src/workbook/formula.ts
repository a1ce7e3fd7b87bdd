import { columnIndex, columnLetter } from "./a1";

/**
 * Moves the relative references of an A1 formula `rows` down and `columns` right, as Excel does when a formula
 * is copied or filled. Absolute parts ($D, $2), texts ("D2"), quoted sheet names and whole-column references
 * ($K:$K) stay as they are. Returns null for a formula this function does not model (whole-row references such
 * as 2:2), so callers fall back to writing such formulas out.
 */
export function shiftReferences(formula: string, rows: number, columns: number): string | null {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula.charAt(i);
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula.charAt(j) === ch) {
          if (formula.charAt(j + 1) === ch) j += 2;
          else break;
        } else j += 1;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula.charAt(i - 1) : "";
    if (!/[A-Za-z0-9_.$]/.test(prev)) {
      const rest = formula.slice(i);
      if (/^\$?\d+:\$?\d+/.test(rest)) return null;
      const m = /^(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(.])/.exec(rest);
      if (m) {
        const [whole, colAbs = "", letters = "", rowAbs = "", row = ""] = m;
        const col = colAbs === "$" ? letters : columnLetter(columnIndex(letters) + columns);
        const r = rowAbs === "$" ? Number(row) : Number(row) + rows;
        if (r < 1 || columnIndex(col) < 0) return null;
        out += `${colAbs}${col}${rowAbs}${r}`;
        i += whole.length;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Relative column references moved `delta` columns right (for conditional formats split into runs). */
export function shiftColumns(formula: string, delta: number): string {
  return delta === 0 ? formula : (shiftReferences(formula, 0, delta) ?? formula);
}
