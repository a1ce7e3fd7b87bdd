/** A1-notation helpers shared by the plan builder and the adapters. */

import { columnLetters } from "../domain/problems";

/** 0-based column index → letters (0 → "A", 26 → "AA"): the domain's, which places problems in cells. */
export const columnLetter = columnLetters;

/** Letters → 0-based column index ("A" → 0). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as formulas reference it: always quoted, apostrophes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A text constant inside a formula: quotes doubled. Only for texts we own (catalogue ids, labels). */
export function textConstant(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The characters Excel refuses in a sheet name. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;

/** A valid tab name: forbidden characters removed, no leading or trailing apostrophe, at most 31 characters. */
export function safeSheetName(text: string): string {
  const cleaned = text
    .replace(SHEET_FORBIDDEN, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "");
  return cleaned.slice(0, 31).trim() || "Sheet";
}
