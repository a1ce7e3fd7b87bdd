import type * as ExcelJSModule from "exceljs";
import type { CellContent, SheetContents, TableContents, WorkbookContents } from "../workbook/contents";
import { loadExcelJS } from "./exceljs";

type Value = string | number | boolean | null;

/** Days between 1899-12-30 (Excel's day 0) and 1970-01-01. */
const EPOCH_OFFSET = 25_569;

/**
 * A cell's value as a regenerating builder wants it: text, numbers (dates as serial numbers), booleans; for a
 * formula its cached result; rich text as its plain text; errors as blank.
 */
export function plainValue(value: ExcelJSModule.CellValue | undefined): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / 86_400_000 + EPOCH_OFFSET;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      return plainValue((value as { result?: ExcelJSModule.CellValue }).result ?? null);
    }
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return null;
  }
  return null;
}

/**
 * A cell's value; for a formula its cached result read from the cell's model, because ExcelJS's `value` drops
 * falsy results (FALSE, 0, "").
 */
export function cellValue(cell: ExcelJSModule.Cell): Value {
  const model = (
    cell as unknown as { model?: { formula?: string; sharedFormula?: string; result?: unknown } }
  ).model;
  if (model && (model.formula !== undefined || model.sharedFormula !== undefined)) {
    return plainValue((model.result ?? null) as ExcelJSModule.CellValue);
  }
  return plainValue(cell.value);
}

interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
}

function tableModels(ws: ExcelJSModule.Worksheet): TableModel[] {
  const tables = (ws as unknown as { tables?: Record<string, { table?: TableModel; model?: TableModel }> })
    .tables;
  return Object.values(tables ?? {})
    .map((t) => t.table ?? t.model)
    .filter((t): t is TableModel => !!t && typeof t.name === "string");
}

/** "A1:Q51" → bounds (1-based). */
function bounds(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return {
    left: col(m[1] as string),
    top: Number(m[2]),
    right: col((m[3] ?? m[1]) as string),
    bottom: Number(m[4] ?? m[2]),
  };
}

/** What a workbook holds, as the workbook layer reads it. */
export function contentsOfWorkbook(wb: ExcelJSModule.Workbook): WorkbookContents {
  const sheets: SheetContents[] = [];
  const tables: TableContents[] = [];
  for (const ws of wb.worksheets) {
    const grid: CellContent[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: CellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const model = (cell as unknown as { model?: { formula?: string } }).model;
        const v = cellValue(cell);
        cells[c - 1] = model?.formula !== undefined ? { f: model.formula, v } : v;
      });
      grid[r - 1] = Array.from(cells, (v) => v ?? null);
    });
    const state = (ws as unknown as { state?: string }).state;
    sheets.push({
      name: ws.name,
      visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible",
      grid: Array.from(grid, (r) => r ?? []),
    });
    for (const t of tableModels(ws)) {
      const b = bounds(t.tableRef ?? t.ref ?? "");
      if (!b) continue;
      tables.push({
        name: t.name,
        sheet: ws.name,
        area: { row: b.top - 1, column: b.left - 1, rows: b.bottom - b.top + 1, columns: b.right - b.left + 1 },
      });
    }
  }
  return { sheets, tables, definedNames: [] };
}

/** Reads what an .xlsx file holds. */
export async function readXlsxContents(bytes: Uint8Array): Promise<WorkbookContents> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return contentsOfWorkbook(wb);
}

/** Every sheet's cells as values (cached results for formulas), by sheet name: for tests and checks. */
export async function readGrids(bytes: Uint8Array): Promise<Map<string, Value[][]>> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, Value[][]>();
  for (const ws of wb.worksheets) {
    const grid: Value[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Value[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cellValue(cell);
      });
      grid[r - 1] = Array.from(cells, (v) => v ?? null);
    });
    out.set(
      ws.name,
      Array.from(grid, (r) => r ?? []),
    );
  }
  return out;
}
