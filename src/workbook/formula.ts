import { columnIndex, columnLetter } from "./a1";
import type { Cell } from "./plan";

/**
 * Moves the relative references of an A1 formula `rows` down and `columns` right, as Excel does when a formula
 * is copied or filled. Absolute parts ($D, $2), texts ("D2"), quoted sheet names and whole-column references
 * ($K:$K) stay as they are. Returns null for a formula this function does not model (whole-row references such
 * as 2:2), so callers fall back to writing such formulas out.
 */
export function shiftReferences(formula: string, rows: number, columns: number): string | null {
  return referenceShifter(formula)(rows, columns);
}

/** A cell reference found in a formula: where it is, and its parts. */
interface FoundReference {
  readonly colAbs: boolean;
  readonly column: number;
  readonly rowAbs: boolean;
  readonly row: number;
}

/**
 * shiftReferences for one formula moved many ways: the formula is read once, and each move only puts its
 * references back together (filling a column of thousands of rows costs one reading, not one per row).
 * @example referenceShifter("SUM(D2:G2)")(3, 0) // "SUM(D5:G5)"
 */
export function referenceShifter(formula: string): (rows: number, columns: number) => string | null {
  // The formula as texts between references: texts[k] comes before refs[k]; the last text ends it.
  const texts: string[] = [];
  const refs: FoundReference[] = [];
  let from = 0;
  let i = 0;
  while (i < formula.length) {
    const code = formula.charCodeAt(i);
    if (code === QUOTE || code === APOSTROPHE) {
      let j = i + 1;
      while (j < formula.length) {
        if (formula.charCodeAt(j) === code) {
          if (formula.charCodeAt(j + 1) === code) j += 2;
          else break;
        } else j += 1;
      }
      i = j + 1;
      continue;
    }
    if (i === 0 || !isNamePart(formula.charCodeAt(i - 1))) {
      WHOLE_ROWS.lastIndex = i;
      if (WHOLE_ROWS.test(formula)) return () => null;
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(formula);
      if (m) {
        const [whole, colAbs = "", letters = "", rowAbs = "", row = ""] = m;
        texts.push(formula.slice(from, i));
        refs.push({
          colAbs: colAbs === "$",
          column: columnIndex(letters),
          rowAbs: rowAbs === "$",
          row: Number(row),
        });
        i += whole.length;
        from = i;
        continue;
      }
    }
    i += 1;
  }
  texts.push(formula.slice(from));
  if (refs.length === 0) return () => formula;
  return (rows, columns) => {
    let out = texts[0] as string;
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k] as FoundReference;
      const column = ref.colAbs ? ref.column : ref.column + columns;
      const row = ref.rowAbs ? ref.row : ref.row + rows;
      if (row < 1 || column < 0) return null;
      out += `${ref.colAbs ? "$" : ""}${columnLetter(column)}${ref.rowAbs ? "$" : ""}${row}${texts[k + 1] as string}`;
    }
    return out;
  };
}

/**
 * The first row's formula when every row of column `c` holds it moved down (a calculated column, written once and
 * filled down); null otherwise.
 */
export function filledDownFormula(rows: readonly (readonly Cell[])[], c: number): string | null {
  const first = rows[0]?.[c] ?? null;
  if (first === null || first.t !== "formula") return null;
  const shift = referenceShifter(first.f);
  for (let r = 1; r < rows.length; r++) {
    const cell = rows[r]?.[c] ?? null;
    if (cell === null || cell.t !== "formula" || shift(r, 0) !== cell.f) return null;
  }
  return first.f;
}

const QUOTE = 34;
const APOSTROPHE = 39;
/** Whole-row references (2:2, $3:$7), which shiftReferences does not model. Sticky: tried at one place. */
const WHOLE_ROWS = /\$?\d+:\$?\d+/y;
/** A cell reference (D2, $D2, D$2, $D$2) not followed by more of a name or a call. Sticky. */
const REFERENCE = /(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(.])/y;

/** A character that continues a name or reference: A-Z, a-z, 0-9, _, . and $. */
function isNamePart(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 36
  );
}

/** Relative column references moved `delta` columns right (for conditional formats split into runs). */
export function shiftColumns(formula: string, delta: number): string {
  return delta === 0 ? formula : (shiftReferences(formula, 0, delta) ?? formula);
}
