import { columnIndex, columnLetter } from "./a1";
import type { Cell, ColumnPlan, ExistingTable, ExistingWorkbook, SheetPlan, WorkbookPlan } from "./plan";
import { literalOf } from "./plan";
import { STATE_TABLE, decodeStateTable } from "./state";

/**
 * An in-memory workbook: sheets holding a grid of cells, each with (at most) one table starting at A1. It applies
 * a plan exactly as the adapters do (header row, then one row per learner) and reads back an ExistingWorkbook.
 * No Node APIs: it runs in the browser harness and in component tests. Formulas are kept as text, not computed.
 */
export interface MemorySheet {
  name: string;
  visibility: SheetPlan["visibility"];
  kind: SheetPlan["kind"] | "other";
  /** Row-major; row 0 is the header row of the table. */
  grid: Cell[][];
  table?: { name: string; columns: ColumnPlan[] };
  conditionalFormats: SheetPlan["conditionalFormats"];
  freeze: SheetPlan["freeze"];
  protection: SheetPlan["protection"];
  print: SheetPlan["print"];
}

export type CellValue = string | number | boolean | null;

export class MemoryWorkbook {
  /** Sheets in tab order. */
  readonly sheets: MemorySheet[] = [];

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  tableSheet(table: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.table?.name === table);
  }

  /** Writes every sheet of the plan; sheets the plan does not name are left as they are (never deleted). */
  apply(plan: WorkbookPlan): void {
    for (const p of plan.sheets) {
      const header: Cell[] = p.table.columns.map((c) => ({ t: "text", v: c.header }));
      const next: MemorySheet = {
        name: p.name,
        visibility: p.visibility,
        kind: p.kind,
        grid: [header, ...p.table.rows.map((r) => [...r])],
        table: { name: p.table.name, columns: [...p.table.columns] },
        conditionalFormats: p.conditionalFormats,
        freeze: p.freeze,
        protection: p.protection,
        print: p.print,
      };
      const at = this.sheets.findIndex(
        (s) => s.table?.name === p.table.name || s.name.toLowerCase() === p.name.toLowerCase(),
      );
      if (at >= 0) this.sheets[at] = next;
      else this.sheets.push(next);
    }
  }

  /** What the workbook holds, as a builder reads it before regenerating. */
  read(): ExistingWorkbook {
    const tables = new Map<string, ExistingTable>();
    for (const s of this.sheets) {
      if (!s.table) continue;
      const headers = (s.grid[0] ?? []).map((c) => String(valueOf(c) ?? ""));
      const rows = new Map<string, Map<string, CellValue>>();
      for (const row of s.grid.slice(1)) {
        const key = valueOf(row[0] ?? null);
        if (key === null || key === "") continue;
        const values = new Map<string, CellValue>();
        headers.forEach((h, i) => values.set(h, valueOf(row[i] ?? null)));
        rows.set(String(key), values);
      }
      tables.set(s.table.name, { name: s.table.name, sheet: s.name, headers, rows });
    }
    return { tables, state: decodeStateTable(tables.get(STATE_TABLE)).state };
  }

  // Editing, as a person would in the spreadsheet (for tests and the browser harness).

  /** The cell at an A1 address ("H2") of a sheet. */
  cell(sheet: string, address: string): Cell {
    const { row, col } = parseAddress(address);
    return this.require(sheet).grid[row]?.[col] ?? null;
  }

  /** Types a value into a cell, as a person would: the value, never a formula. */
  type(sheet: string, address: string, value: CellValue): void {
    const { row, col } = parseAddress(address);
    this.setCell(sheet, row, col, toCell(value));
  }

  setCell(sheet: string, row: number, col: number, cell: Cell): void {
    const grid = this.require(sheet).grid;
    while (grid.length <= row) grid.push([]);
    const r = grid[row] as Cell[];
    while (r.length <= col) r.push(null);
    r[col] = cell;
  }

  /** 0-based column of a header in a sheet's table, or -1. */
  column(sheet: string, header: string): number {
    return (this.require(sheet).grid[0] ?? []).findIndex((c) => valueOf(c) === header);
  }

  /** 0-based grid row of a registration number, or -1. */
  row(sheet: string, registration: string): number {
    const grid = this.require(sheet).grid;
    for (let i = 1; i < grid.length; i++) if (valueOf(grid[i]?.[0] ?? null) === registration) return i;
    return -1;
  }

  /** The value a person typed at (registration, header), or null. */
  valueAt(sheet: string, registration: string, header: string): CellValue {
    const r = this.row(sheet, registration);
    const c = this.column(sheet, header);
    return r < 0 || c < 0 ? null : valueOf(this.require(sheet).grid[r]?.[c] ?? null);
  }

  /** Adds a column at the right of the table, as a user would. */
  addColumn(sheet: string, header: string): number {
    const s = this.require(sheet);
    const col = (s.grid[0] ?? []).length;
    this.setCell(sheet, 0, col, { t: "text", v: header });
    for (let r = 1; r < s.grid.length; r++) this.setCell(sheet, r, col, null);
    return col;
  }

  /** Sorts the data rows of a sheet, as a user sorting the table would (formulas move with their rows). */
  sortRows(sheet: string, compare: (a: Cell[], b: Cell[]) => number): void {
    const s = this.require(sheet);
    const [header, ...rows] = s.grid;
    rows.sort(compare);
    s.grid = [header ?? [], ...rows];
  }

  /** Renames a header cell. */
  renameHeader(sheet: string, from: string, to: string): void {
    const c = this.column(sheet, from);
    if (c >= 0) this.setCell(sheet, 0, c, { t: "text", v: to });
  }

  private require(name: string): MemorySheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}

/** The value of a cell as an adapter reads it: formulas have no cached value here. */
export function valueOf(cell: Cell): CellValue {
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
