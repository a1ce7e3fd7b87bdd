/** How the engine reads a value that arrives from a file or a cell. */

/** Blank is null, undefined, or text of spaces only: an unmarked section, not a zero. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * A total as a person would add it up: at most 10 significant digits, so that binary floating point never shows
 * (20.33 + 35.66 is 55.99, not 55.989999999999995). Marks have far fewer digits than that.
 */
export function roundTotal(total: number): number {
  return Number(total.toPrecision(10));
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A finite number, or numeric text ("20", from CSV or a text cell); null otherwise (blank included). */
export function readNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const text = value.trim();
    const n = Number(text);
    return NUMERIC_TEXT.test(text) && Number.isFinite(n) ? n : null;
  }
  return null;
}
