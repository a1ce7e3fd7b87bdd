import { columnIndex, columnLetter } from "./a1";
import type { Area, CellContent, WorkbookContents } from "./contents";
import type { Cell, SheetPlan, WorkbookPlan } from "./plan";
import { literalOf, tablesOf } from "./plan";

/**
 * An in-memory workbook: sheets holding a grid of cells and tables anywhere on them. It applies a plan as the
 * .xlsx and Office.js adapters do (ilm's table area written, every other cell kept) and reads back what it holds
 * as WorkbookContents. No Node APIs: it runs in the browser harness and in component tests. Formulas are kept as
 * text with their cached value, not computed.
 */
export interface MemorySheet {
  name: string;
  visibility: SheetPlan["visibility"];
  /** Row-major from A1. */
  grid: Cell[][];
  /** Tables on this sheet, with their areas (header row included). */
  tables: { name: string; area: Area }[];
  /** The last plan applied to the sheet, for tests that look at formats, protection or layout. */
  plan?: SheetPlan;
  /** Native charts on the sheet, by name (ilm's and a person's). */
  charts: { readonly name: string }[];
}

export type CellValue = string | number | boolean | null;

export class MemoryWorkbook {
  /** Sheets in tab order. */
  readonly sheets: MemorySheet[] = [];
  /** Workbook-level defined names. */
  readonly definedNames: string[] = [];
  /** The active tab and the cells selected on it (an A1 address), as the last `select` left them; null before. */
  selection: { readonly sheet: string; readonly address: string } | null = null;

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  tableSheet(table: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.tables.some((t) => t.name.toLowerCase() === table.toLowerCase()));
  }

  /** Writes every sheet of the plan; sheets and cells the plan does not name are left as they are. */
  apply(plan: WorkbookPlan): void {
    for (const p of plan.sheets) {
      const tables = tablesOf(p);
      let sheet = tables.map((t) => this.tableSheet(t.name)).find((s) => s) ?? this.sheet(p.name);
      if (!sheet) {
        sheet = { name: p.name, visibility: p.visibility, grid: [], tables: [], charts: [] };
        if (p.position === "first") this.sheets.unshift(sheet);
        else this.sheets.push(sheet);
      }
      sheet.name = p.name;
      sheet.visibility = p.visibility;
      sheet.plan = p;
      // Every old area of the sheet's tables first, then every new one: tables may move past each other.
      for (const t of tables) {
        const old = sheet.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase());
        if (!old) continue;
        for (let r = old.area.row; r < old.area.row + old.area.rows; r++)
          for (let c = old.area.column; c < old.area.column + old.area.columns; c++)
            setIn(sheet.grid, r, c, null);
      }
      for (const t of tables) {
        const origin = t.origin ?? { row: 0, column: 0 };
        const area: Area = {
          row: origin.row,
          column: origin.column,
          rows: Math.max(t.rows.length, 1) + 1,
          columns: t.columns.length,
        };
        const old = sheet.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase());
        if (old) old.area = area;
        else sheet.tables.push({ name: t.name, area });
        const grid = sheet.grid;
        t.columns.forEach((col, c) =>
          setIn(grid, origin.row, origin.column + c, { t: "text", v: col.header }),
        );
        t.rows.forEach((row, r) =>
          row.forEach((cell, c) => setIn(grid, origin.row + 1 + r, origin.column + c, cell)),
        );
      }
      // ilm's charts are redrawn by name; a person's stay.
      const mine = new Set((p.charts ?? []).map((c) => c.name));
      sheet.charts = [...sheet.charts.filter((c) => !mine.has(c.name)), ...(p.charts ?? [])];
    }
  }

  /** What the workbook holds, as an adapter reads it. */
  contents(): WorkbookContents {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        grid: s.grid.map((row) => row.map(contentOf)),
      })),
      tables: this.sheets.flatMap((s) =>
        s.tables.map((t) => ({ name: t.name, sheet: s.name, area: { ...t.area } })),
      ),
      definedNames: [...this.definedNames],
    };
  }

  // Editing, as a person would in the spreadsheet (for tests and the browser harness).

  /** Adds an empty tab, as a person would. */
  addSheet(name: string): MemorySheet {
    const sheet: MemorySheet = { name, visibility: "visible", grid: [], tables: [], charts: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  /** The cell at an A1 address ("H2") of a sheet. */
  cell(sheet: string, address: string): Cell {
    const { row, col } = parseAddress(address);
    return this.require(sheet).grid[row]?.[col] ?? null;
  }

  /** Types a value into a cell, as a person would: the value, never a formula. */
  type(sheet: string, address: string, value: CellValue): void {
    const { row, col } = parseAddress(address);
    setIn(this.require(sheet).grid, row, col, toCell(value));
  }

  setCell(sheet: string, row: number, col: number, cell: Cell): void {
    setIn(this.require(sheet).grid, row, col, cell);
  }

  /** The area of the (first) table on a sheet. */
  tableArea(sheet: string): Area {
    const t = this.require(sheet).tables[0];
    if (!t) throw new Error(`no table on ${sheet}`);
    return t.area;
  }

  /** 0-based sheet column of a header in a sheet's table, or -1. */
  column(sheet: string, header: string): number {
    const s = this.require(sheet);
    const a = this.tableArea(sheet);
    for (let c = a.column; c < a.column + a.columns; c++)
      if (valueOf(s.grid[a.row]?.[c] ?? null) === header) return c;
    return -1;
  }

  /** 0-based sheet row of a registration number in a sheet's table, or -1. */
  row(sheet: string, registration: string): number {
    const s = this.require(sheet);
    const a = this.tableArea(sheet);
    const key = this.column(sheet, "Registration No");
    for (let r = a.row + 1; r < a.row + a.rows; r++)
      if (valueOf(s.grid[r]?.[key] ?? null) === registration) return r;
    return -1;
  }

  /** The value at (registration, header), or null. */
  valueAt(sheet: string, registration: string, header: string): CellValue {
    const r = this.row(sheet, registration);
    const c = this.column(sheet, header);
    return r < 0 || c < 0 ? null : valueOf(this.require(sheet).grid[r]?.[c] ?? null);
  }

  /** Types a value at (registration, header), as a person would. */
  typeAt(sheet: string, registration: string, header: string, value: CellValue): void {
    const r = this.row(sheet, registration);
    const c = this.column(sheet, header);
    if (r < 0 || c < 0) throw new Error(`no cell for ${registration} / ${header} on ${sheet}`);
    this.setCell(sheet, r, c, toCell(value));
  }

  /** Adds a column at the right of the table, as a user would (the table grows over it). */
  addColumn(sheet: string, header: string): number {
    const s = this.require(sheet);
    const t = s.tables[0];
    if (!t) throw new Error(`no table on ${sheet}`);
    const col = t.area.column + t.area.columns;
    setIn(s.grid, t.area.row, col, { t: "text", v: header });
    t.area = { ...t.area, columns: t.area.columns + 1 };
    return col;
  }

  /** Sorts the data rows of a sheet's table, as a user sorting the table would (formulas move with their rows). */
  sortRows(sheet: string, compare: (a: Cell[], b: Cell[]) => number): void {
    const s = this.require(sheet);
    const a = this.tableArea(sheet);
    const rows: Cell[][] = [];
    for (let r = a.row + 1; r < a.row + a.rows; r++)
      rows.push(Array.from({ length: a.columns }, (_, c) => s.grid[r]?.[a.column + c] ?? null));
    rows.sort(compare);
    rows.forEach((row, i) => row.forEach((cell, c) => setIn(s.grid, a.row + 1 + i, a.column + c, cell)));
  }

  /** Renames a header cell. */
  renameHeader(sheet: string, from: string, to: string): void {
    const c = this.column(sheet, from);
    if (c >= 0) this.setCell(sheet, this.tableArea(sheet).row, c, { t: "text", v: to });
  }

  /** Table Design > Convert to Range: the cells stay, the table is gone. */
  convertToRange(sheet: string): void {
    this.require(sheet).tables = [];
  }

  private require(name: string): MemorySheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}

function setIn(grid: Cell[][], row: number, col: number, cell: Cell): void {
  while (grid.length <= row) grid.push([]);
  const r = grid[row] as Cell[];
  while (r.length <= col) r.push(null);
  r[col] = cell;
}

/** A plan cell as an adapter reads it back: a formula with its cached value (null when none was written). */
function contentOf(cell: Cell): CellContent {
  if (cell === null) return null;
  if (cell.t === "formula") return { f: cell.f, v: cell.v ?? null };
  return cell.v;
}

/** The value of a cell as a reader sees it (a formula's cached value). */
export function valueOf(cell: Cell): CellValue {
  if (cell !== null && cell.t === "formula") return cell.v ?? null;
  return literalOf(cell);
}

function toCell(value: CellValue): Cell {
  if (value === null || value === "") return null;
  if (typeof value === "number") return { t: "number", v: value };
  if (typeof value === "boolean") return { t: "bool", v: value };
  return { t: "text", v: value };
}

function parseAddress(address: string): { row: number; col: number } {
  const m = /^([A-Za-z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`not an A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] as string) };
}

/** "H2" from 0-based grid coordinates. */
export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}
