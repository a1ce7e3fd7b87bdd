import type { ExistingTable, ExistingWorkbook } from "../workbook/plan";
import type { XContext, XRange, XTable } from "./api";
import { STATE_HEADERS, STATE_TABLE } from "../workbook/state";
import { REQUEST_BUDGET } from "./batch";

/** A sheet as the workbook holds it. */
export interface SheetInfo {
  readonly name: string;
  readonly visibility: "Visible" | "Hidden" | "VeryHidden";
  readonly protected: boolean;
}

/** A table as the workbook holds it (the range includes the header row). */
export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly headers: readonly string[];
}

/** What is in the workbook before a plan is applied: sheets and tables, by lower-case name. */
export interface Inventory {
  readonly sheets: ReadonlyMap<string, SheetInfo>;
  readonly tables: ReadonlyMap<string, TableInfo>;
}

export function findSheet(inventory: Inventory, name: string): SheetInfo | undefined {
  return inventory.sheets.get(name.toLowerCase());
}

export function findTable(inventory: Inventory, name: string): TableInfo | undefined {
  return inventory.tables.get(name.toLowerCase());
}

/** The header every generated table carries; its column is the regeneration key. */
export const KEY_HEADER = "Registration No";

/** The column a table's rows are keyed by: Registration No, or Record in the state table; null for others. */
export function keyColumn(info: TableInfo): number | null {
  const header = info.name.toLowerCase() === STATE_TABLE.toLowerCase() ? STATE_HEADERS.record : KEY_HEADER;
  const index = info.headers.indexOf(header);
  return index < 0 ? null : index;
}

/** Estimated response bytes per cell read back (value, quotes, separator): used to split large reads. */
const RESPONSE_BYTES_PER_CELL = 24;

type Scalar = string | number | boolean;

/**
 * Reads the sheets and tables (two syncs: the lists, then every table's size and header row and every sheet's
 * protection, in one batch).
 */
export async function readInventory(context: XContext): Promise<Inventory> {
  const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  await context.sync();

  const protections = worksheets.items.map((ws) => ws.protection.load("protected"));
  const shapes = tables.items.map((t) => ({
    table: t,
    range: t.getRange().load("rowCount,columnCount"),
    header: t.getHeaderRowRange().load("values"),
  }));
  await context.sync();

  const sheets = new Map<string, SheetInfo>();
  worksheets.items.forEach((ws, i) => {
    sheets.set(ws.name.toLowerCase(), {
      name: ws.name,
      visibility: ws.visibility,
      protected: protections[i].protected,
    });
  });
  const tableInfos = new Map<string, TableInfo>();
  for (const { table, range, header } of shapes) {
    tableInfos.set(table.name.toLowerCase(), {
      name: table.name,
      sheet: table.worksheet.name,
      rowCount: range.rowCount,
      columnCount: range.columnCount,
      headers: (header.values[0] ?? []).map((v: Scalar) => String(v)),
    });
  }
  return { sheets, tables: tableInfos };
}

/**
 * Reads the body of every table keyed by Registration No (and the state table), in one batch (split into several only when the
 * response would be too large), as the plan builder's ExistingWorkbook.
 */
export async function readExisting(
  context: XContext,
  inventory: Inventory,
  state: unknown,
  only?: (table: TableInfo) => boolean,
): Promise<ExistingWorkbook> {
  const keyed = [...inventory.tables.values()].filter((t) => keyColumn(t) !== null && (only?.(t) ?? true));
  const bodies = new Map<string, Scalar[][]>();
  let pending: { info: TableInfo; start: number; range: XRange }[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    await context.sync();
    for (const { info, start, range } of pending) {
      const rows = bodies.get(info.name) ?? [];
      (range.values as Scalar[][]).forEach((row, i) => (rows[start + i] = row));
      bodies.set(info.name, rows);
    }
    pending = [];
    pendingBytes = 0;
  };
  for (const info of keyed) {
    const table: XTable = context.workbook.tables.getItemOrNullObject(info.name);
    const bodyRows = info.rowCount - 1;
    const rowsPerRead = Math.max(
      1,
      Math.floor(REQUEST_BUDGET / (info.columnCount * RESPONSE_BYTES_PER_CELL)),
    );
    for (let start = 0; start < bodyRows; start += rowsPerRead) {
      const count = Math.min(rowsPerRead, bodyRows - start);
      const bytes = count * info.columnCount * RESPONSE_BYTES_PER_CELL;
      if (pendingBytes > 0 && pendingBytes + bytes > REQUEST_BUDGET) await flush();
      const body = table.getDataBodyRange();
      // Rows of the body, addressed from the sheet so a chunk is a plain 2-D range.
      const range =
        count === bodyRows
          ? body.load("values")
          : table.worksheet.getRangeByIndexes(1 + start, 0, count, info.columnCount).load("values");
      pending.push({ info, start, range });
      pendingBytes += bytes;
    }
  }
  await flush();

  const tables = new Map<string, ExistingTable>();
  for (const info of keyed) {
    const body = bodies.get(info.name) ?? [];
    const key = keyColumn(info) ?? 0;
    const rows = new Map<string, ReadonlyMap<string, string | number | boolean | null>>();
    for (const row of body) {
      const registration = String(row[key] ?? "").trim();
      if (registration === "") continue;
      const cells = new Map<string, string | number | boolean | null>();
      info.headers.forEach((h, c) => cells.set(h, row[c] === "" || row[c] === undefined ? null : row[c]));
      rows.set(registration, cells);
    }
    tables.set(info.name, { name: info.name, sheet: info.sheet, headers: info.headers, rows });
  }
  return { tables, state };
}
