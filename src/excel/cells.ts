import type { Cell, ColumnPlan } from "../workbook/plan";

/** How a column's body is written: as constants (`values`) or as `formulas`. */
export type BlockKind = "values" | "formulas";

export function columnKind(column: ColumnPlan): BlockKind {
  return column.role === "formula" ? "formulas" : "values";
}

export const TEXT_FORMAT = "@";

/** The column's number format, or General. */
export function columnFormat(column: ColumnPlan): string {
  return column.numberFormat ?? "General";
}

/**
 * What a cell contributes to its column's 2-D block, or null when the cell cannot be written safely in that
 * block and is written on its own afterwards (an "exception"):
 * - text in a column not formatted as text (Excel would read "=X", "+1", "12" or "TRUE" typed into it): the
 *   cell is formatted as text first, then written;
 * - a formula in a values column.
 */
export function blockValue(cell: Cell, kind: BlockKind, format: string): string | number | boolean | null {
  if (cell === null) return "";
  switch (cell.t) {
    case "text":
      return kind === "values" && format === TEXT_FORMAT ? cell.v : null;
    case "number":
    case "date":
    case "bool":
      return cell.v;
    case "formula":
      return kind === "formulas" ? `=${cell.f}` : null;
  }
}

/** Column width in Excel's characters → points, as Excel converts it for the default font (Calibri 11). */
export function widthToPoints(characters: number): number {
  return Math.round((Math.trunc(characters * 7 + 5) * 3) / 4);
}
