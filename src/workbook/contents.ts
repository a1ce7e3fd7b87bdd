/**
 * What a workbook holds, as an adapter reads it: every sheet's cells (values, and formulas where a cell has
 * one), every table's place, the defined names. This is all the workbook layer sees of a file or of Excel: the
 * decoder (decode.ts) finds ilm's tables, settings and entries in it; the plan builder keeps everything it does
 * not own. Adapters fill it and make no decisions of their own.
 *
 * Dates are serial numbers in the 1900 date system (days since 1899-12-30) whatever the workbook's own date
 * system: an adapter reading a 1904-system workbook adds 1,462 to date cells, and subtracts it when writing.
 */

/** A cell's value: text, number (dates as 1900-system serials), boolean, or null for a blank cell. */
export type Value = string | number | boolean | null;

/** A formula cell: its formula (A1, en-US, without "=") and its cached value (null when none is stored). */
export interface FormulaValue {
  readonly f: string;
  readonly v: Value;
}

/** One cell as read. A cell holding an error (#N/A, #DIV/0!) is read as its error text. */
export type CellContent = Value | FormulaValue;

export function isFormulaValue(c: CellContent | undefined): c is FormulaValue {
  return typeof c === "object" && c !== null;
}

/** The value a cell shows: its cached result for a formula. */
export function valueOf(c: CellContent | undefined): Value {
  if (c === undefined) return null;
  return isFormulaValue(c) ? c.v : c;
}

/** A rectangle of cells, 0-based; `rows` and `columns` count cells (a table's rectangle includes its header). */
export interface Area {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface SheetContents {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  /**
   * Cells from A1, row-major: grid[r][c] is the cell at row r+1, column c+1. Rows may be shorter than others
   * and may be missing (a blank row); an absent cell is blank.
   */
  readonly grid: readonly (readonly CellContent[] | undefined)[];
}

export interface TableContents {
  readonly name: string;
  readonly sheet: string;
  /** The table's rectangle, header row included. */
  readonly area: Area;
}

export interface WorkbookContents {
  /** Sheets in tab order. */
  readonly sheets: readonly SheetContents[];
  readonly tables: readonly TableContents[];
  /** Workbook-level defined names (they share one namespace with table names). */
  readonly definedNames: readonly string[];
}

/** The cell at 0-based row `r` and column `c` of a sheet (undefined when blank). */
export function cellAt(sheet: SheetContents, r: number, c: number): CellContent | undefined {
  const row = sheet.grid[r];
  const cell = row?.[c];
  return cell === null ? undefined : cell;
}
