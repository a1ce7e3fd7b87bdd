import { columnLetter } from "../workbook/a1";
import type { Area } from "../workbook/contents";
import type {
  Allowed,
  Cell,
  ChartPlan,
  ShadeName,
  SheetPlan,
  TablePlan,
  Validation,
  WorkbookPlan,
} from "../workbook/plan";
import { headerRowHeight, tablesOf } from "../workbook/plan";
import { SETTINGS_HEADERS, SETTINGS_SHEET, SETTINGS_TABLE, readSettings } from "../workbook/settings";
import { HEADER_STYLE, SHADES, STYLES, TABLE_STYLE } from "../workbook/styles";
import type { XChart, XChartType, XContext, XRange, XWorksheet } from "./api";
import {
  DESIGN_ROWS,
  OPERATION_OVERHEAD,
  RequestBatcher,
  REQUEST_BUDGET,
  blockBytes,
  jsonBytes,
  rowRuns,
} from "./batch";
import type { BlockKind } from "./cells";
import { TEXT_FORMAT, blockValue, columnFormat, columnKind, widthToPoints } from "./cells";
import { filledDownFormula, shiftColumns } from "../workbook/formula";
import type { HostFeatures } from "./requirements";

export { DESIGN_ROWS } from "./batch";

export interface ApplyOptions {
  readonly features: HostFeatures;
  /**
   * The settings revision the plan was built from (null: the workbook had no settings). When given, the
   * revision is read again before anything is written and the apply is refused if it changed.
   */
  readonly revision?: number | null;
  /** Request budget in estimated bytes (tests lower it to exercise chunking). */
  readonly budget?: number;
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Recalculate at the end (default true). */
  readonly recalculate?: boolean;
}

export interface ApplyReport {
  readonly syncs: number;
  /** The largest request sent, in estimated bytes. */
  readonly largestRequest: number;
  /** Sheets whose print setup Excel did not accept (harmless: they print with Excel's own settings). */
  readonly printSetupFailed: readonly string[];
}

/** A plain-words failure the port turns into a PortResult. */
export class ApplyError extends Error {}

/** The workbook changed since it was read: nothing was written. */
export class StaleRevisionError extends ApplyError {}

/** What a person may still do on the protected sheet, as the plan says. */
function protectionOptions(allow: Allowed): Excel.WorksheetProtectionOptions {
  return {
    allowAutoFilter: allow.autoFilter,
    allowFormatColumns: allow.formatColumns,
    allowFormatRows: allow.formatRows,
    allowSort: allow.sort,
  };
}

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

/** A table as the workbook holds it before the plan is applied. */
interface ExistingTable {
  readonly name: string;
  readonly sheet: string;
  readonly area: Area;
  readonly headers: readonly string[];
}

interface Inventory {
  /** Sheets by lower-case name. */
  readonly sheets: ReadonlyMap<string, { readonly name: string; readonly protected: boolean }>;
  /** Tables by lower-case name. */
  readonly tables: ReadonlyMap<string, ExistingTable>;
  /** ilm's charts found on each plan sheet (by the plan sheet's lower-case name), by chart name. */
  readonly charts: ReadonlyMap<string, ReadonlyMap<string, XChart>>;
  /** The settings' revision now (null: no settings the decoder can read). */
  readonly revision: number | null;
}

/**
 * The sheet that holds a plan sheet now: the sheet of its tables when the workbook has them (a person may have
 * renamed the tab), else the sheet of its name; undefined when there is none. Tables of one plan sheet found on
 * two sheets are refused: ilm cannot tell which tab is its own.
 */
function sheetNow(
  sheet: SheetPlan,
  tableSheet: (table: string) => string | undefined,
  sheetNamed: (name: string) => string | undefined,
): string | undefined {
  const found = new Map<string, string>();
  for (const t of tablesOf(sheet)) {
    const on = tableSheet(t.name);
    if (on !== undefined && !found.has(on.toLowerCase())) found.set(on.toLowerCase(), on);
  }
  if (found.size > 1)
    throw new ApplyError(
      `ilm's tables for the "${sheet.name}" tab are on more than one sheet (${[...found.values()].join(", ")}). Nothing was changed: move them back to one tab, or delete the copies, then try again.`,
    );
  return [...found.values()][0] ?? sheetNamed(sheet.name);
}

/**
 * Reads what applying a plan needs to know (two syncs): the sheets and tables; then the plan's tables' places
 * and headers, the plan's sheets' protection, ilm's charts on them (found by name) and ilm's settings revision,
 * read last so that it is as fresh as can be when writing starts.
 */
async function readInventory(context: XContext, plan: WorkbookPlan): Promise<Inventory> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tableItems = context.workbook.tables.load("items/name,items/worksheet/name");
  await context.sync();

  const planned = new Set(plan.sheets.flatMap((s) => tablesOf(s).map((t) => t.name.toLowerCase())));
  const plannedSheets = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
  const tables = tableItems.items
    .filter((t) => planned.has(t.name.toLowerCase()))
    .map((t) => ({
      name: t.name,
      sheet: t.worksheet.name,
      range: t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"),
      header: t.getHeaderRowRange().load("values"),
    }));
  for (const t of tables) plannedSheets.add(t.sheet.toLowerCase());
  const protections = worksheets.items
    .filter((ws) => plannedSheets.has(ws.name.toLowerCase()))
    .map((ws) => ({ name: ws.name, protection: ws.protection.load("protected") }));
  // ilm's charts, by name, on the sheets that will hold them (a person's charts have other names).
  const tableSheet = (name: string) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase())?.sheet;
  const sheetNamed = (name: string) =>
    worksheets.items.find((ws) => ws.name.toLowerCase() === name.toLowerCase());
  const chartLookups = plan.sheets.flatMap((sheet) => {
    if (!sheet.charts || sheet.charts.length === 0) return [];
    const current = sheetNow(sheet, tableSheet, (name) => sheetNamed(name)?.name);
    const ws = current === undefined ? undefined : sheetNamed(current);
    if (!ws) return [];
    return sheet.charts.map((c) => ({
      sheet: sheet.name.toLowerCase(),
      name: c.name,
      chart: ws.charts.getItemOrNullObject(c.name).load("name"),
    }));
  });
  const settingsTable = tableItems.items.find((t) => t.name.toLowerCase() === SETTINGS_TABLE.toLowerCase());
  const settingsSheet = worksheets.items.find((ws) => ws.name.toLowerCase() === SETTINGS_SHEET.toLowerCase());
  let settings: { range: XRange; table: boolean } | undefined;
  if (settingsTable) settings = { range: settingsTable.getRange().load("values"), table: true };
  else if (settingsSheet)
    settings = {
      range: settingsSheet.getUsedRangeOrNullObject(true).load("values,rowIndex,columnIndex"),
      table: false,
    };
  await context.sync();

  const charts = new Map<string, Map<string, XChart>>();
  for (const { sheet, name, chart } of chartLookups) {
    if (chart.isNullObject) continue;
    const onSheet = charts.get(sheet) ?? new Map<string, XChart>();
    onSheet.set(name, chart);
    charts.set(sheet, onSheet);
  }
  const protectedSheets = new Map(protections.map((p) => [p.name.toLowerCase(), p.protection.protected]));
  return {
    sheets: new Map(
      worksheets.items.map((ws) => [
        ws.name.toLowerCase(),
        { name: ws.name, protected: protectedSheets.get(ws.name.toLowerCase()) ?? false },
      ]),
    ),
    tables: new Map(
      tables.map((t) => [
        t.name.toLowerCase(),
        {
          name: t.name,
          sheet: t.sheet,
          area: {
            row: t.range.rowIndex,
            column: t.range.columnIndex,
            rows: t.range.rowCount,
            columns: t.range.columnCount,
          },
          headers: ((t.header.values as unknown[][])[0] ?? []).map((v) => String(v)),
        },
      ]),
    ),
    charts,
    revision: settings ? revisionOf(settings.range, settings.table) : null,
  };
}

/** The settings' revision as the decoder reads it (decode.ts): null when it cannot read the settings. */
function revisionOf(range: XRange, table: boolean): number | null {
  if (range.isNullObject) return null;
  const values = range.values as unknown[][];
  if (!table) {
    // A settings table converted to a range is found by its header row at A1.
    if (range.rowIndex !== 0 || range.columnIndex !== 0) return null;
    const header = (values[0] ?? []).map((v) => String(v).trim());
    if (header[0] !== SETTINGS_HEADERS.record || header[1] !== SETTINGS_HEADERS.data) return null;
  }
  const records = new Map<string, string>();
  for (const row of values.slice(1)) {
    const record = row[0];
    if (record === "" || record === null || record === undefined) continue;
    records.set(String(record), String(row[1] ?? ""));
  }
  const reading = readSettings(records);
  return reading.ok ? reading.stored.revision : null;
}

/**
 * Applies a workbook plan through Office.js. Syncs: two to read the workbook's sheets, tables and ilm's charts
 * (and check the settings revision); one for the sheets' structure; per sheet one, or as many row bands as
 * DESIGN_ROWS rows of its learner tables' shape need (a sheet's several tables and its charts share its
 * requests); one to recalculate; one for print setup. The number of syncs does not depend on the number of
 * learners up to DESIGN_ROWS.
 *
 * Each table is written where the plan puts it (`origin`), and only there: every cell outside the old and new
 * rectangles of the sheet's tables is kept, as are the widths of the tables' existing columns and whatever a
 * person did to other sheets. Text columns are formatted as text before their values are written; calculation is
 * suspended in every write request and the workbook recalculated once at the end; tables are grown with
 * Table.resize (ExcelApi 1.13) or, on older hosts, re-created over exactly their new rectangle. ilm's charts
 * (found by name) are deleted and drawn again; a person's charts are not touched. A sheet created with position
 * "first" is moved before every other tab; an existing sheet is never moved. Rows are never added through the
 * table's row collection (under co-authoring that causes merge conflicts), and no sheet is deleted.
 */
export async function applyPlan(
  context: XContext,
  plan: WorkbookPlan,
  options: ApplyOptions,
): Promise<ApplyReport> {
  if (!options.features.core)
    throw new ApplyError("This version of Excel cannot build mark sheets (it lacks ExcelApi 1.8).");
  const inventory = await readInventory(context, plan);
  if (options.revision !== undefined && inventory.revision !== options.revision)
    throw new StaleRevisionError(
      "Someone else changed this workbook's ILM settings or learners since the task pane read them. Nothing was changed: close and reopen the task pane to see their changes, then make yours again.",
    );

  const batcher = new RequestBatcher(context, options.budget ?? REQUEST_BUDGET);
  const worksheets = context.workbook.worksheets;
  const progress = (f: number, m: string): void => options.onProgress?.(f, m);
  const existingOf = (table: TablePlan) => inventory.tables.get(table.name.toLowerCase());
  const sheetInfo = (name: string) => inventory.sheets.get(name.toLowerCase());
  checkTables(plan);

  // 1. Structure: every sheet exists under its planned name and is unprotected. A new sheet planned first is
  // moved before every other tab; an existing sheet stays where it is (a person may have moved it).
  const claimed = new Set<string>();
  const unprotected: string[] = [];
  for (const sheet of plan.sheets) {
    const current = sheetNow(
      sheet,
      (name) => inventory.tables.get(name.toLowerCase())?.sheet,
      (name) => sheetInfo(name)?.name,
    );
    if (current === undefined) {
      const first = sheet.position === "first";
      await batcher.queue(OPERATION_OVERHEAD * (first ? 2 : 1) + jsonBytes(sheet.name), () => {
        const added = worksheets.add(sheet.name);
        if (first) added.position = 0;
      });
    } else {
      const info = sheetInfo(current);
      const ws = worksheets.getItem(current);
      if (info?.protected) {
        const password = sheet.protection.password;
        unprotected.push(current);
        await batcher.queue(OPERATION_OVERHEAD, () => ws.protection.unprotect(password));
      }
      if (current !== sheet.name) {
        const other = sheetInfo(sheet.name);
        if (other && other.name.toLowerCase() !== current.toLowerCase())
          throw new ApplyError(`Cannot rename "${current}" to "${sheet.name}": another sheet has that name.`);
        await batcher.queue(OPERATION_OVERHEAD + jsonBytes(sheet.name), () => (ws.name = sheet.name));
      }
    }
    if (claimed.has(sheet.name.toLowerCase()))
      throw new ApplyError(`The plan names sheet "${sheet.name}" twice.`);
    claimed.add(sheet.name.toLowerCase());
  }
  try {
    await batcher.flush();
  } catch (error) {
    if (unprotected.length > 0 && /password|AccessDenied|InvalidArgument/i.test(errorText(error)))
      throw new ApplyError(
        `The sheet "${unprotected[0]}" is protected with a password ilm was not given. ilm does not keep the password: give the sheet protection password in the task pane for this session (or unprotect the sheet with Review > Unprotect Sheet), then try again. Nothing was changed.`,
      );
    throw error;
  }
  progress(0.05, "Sheets ready");

  // 2. One request per sheet (or its row bands).
  for (const [i, sheet] of plan.sheets.entries()) {
    const existing = new Map<string, ExistingTable>();
    for (const t of tablesOf(sheet)) {
      const found = existingOf(t);
      if (found) existing.set(t.name, found);
    }
    const charts = inventory.charts.get(sheet.name.toLowerCase()) ?? new Map<string, XChart>();
    await writeSheet(batcher, worksheets.getItem(sheet.name), sheet, existing, charts, options.features);
    await batcher.flush();
    progress(0.05 + (0.85 * (i + 1)) / plan.sheets.length, `Wrote ${sheet.name}`);
  }

  // 3. Calculation was suspended while writing: recalculate once.
  let syncs = batcher.stats.syncs + 2;
  if (options.recalculate !== false) {
    context.workbook.application.calculate("Full");
    await context.sync();
    syncs++;
    progress(0.95, "Calculated");
  }

  // 4. Print setup, last and on its own: a host that refuses part of it leaves the sheets as written.
  const printSetupFailed: string[] = [];
  if (options.features.api19) {
    const printed = plan.sheets.filter(
      (s) => s.print.landscape || s.print.fitToWidth || s.print.repeatHeaderRow,
    );
    try {
      for (const sheet of printed) printSetup(worksheets.getItem(sheet.name), sheet);
      syncs++;
      await context.sync();
    } catch {
      // One sheet's refusal stopped the request: set each sheet up on its own, and note the ones refused.
      for (const sheet of printed) {
        try {
          printSetup(worksheets.getItem(sheet.name), sheet);
          syncs++;
          await context.sync();
        } catch {
          printSetupFailed.push(sheet.name);
        }
      }
    }
  }
  progress(1, printSetupFailed.length > 0 ? "Done (print setup left as Excel's)" : "Done");
  return { syncs, largestRequest: batcher.stats.largestRequest, printSetupFailed };
}

function errorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  return `${typeof e?.code === "string" ? e.code : ""} ${typeof e?.message === "string" ? e.message : String(error)}`;
}

/**
 * A sheet's print setup (ExcelApi 1.9): orientation, fit to the plan's pages wide, the header row and the
 * identity columns repeated on every page, the page header and footer.
 */
function printSetup(ws: XWorksheet, sheet: SheetPlan): void {
  const { print } = sheet;
  const header = (sheet.table.origin?.row ?? 0) + 1;
  const left = sheet.table.origin?.column ?? 0;
  const layout = ws.pageLayout;
  layout.orientation = print.landscape ? "Landscape" : "Portrait";
  if (print.fitToWidth)
    layout.zoom = { horizontalFitToPages: print.pagesWide ?? 1, verticalFitToPages: print.onePage ? 1 : 0 };
  if (print.repeatHeaderRow) layout.setPrintTitleRows(`$${header}:$${header}`);
  const titleColumns = Math.min(print.titleColumns ?? 0, sheet.table.columns.length);
  if (titleColumns > 0)
    layout.setPrintTitleColumns(`$${columnLetter(left)}:$${columnLetter(left + titleColumns - 1)}`);
  if (print.header || print.footer) {
    const page = layout.headersFooters.defaultForAllPages;
    if (print.header) {
      page.leftHeader = print.header.left;
      page.centerHeader = print.header.center;
      page.rightHeader = print.header.right;
    }
    if (print.footer) {
      page.leftFooter = print.footer.left;
      page.centerFooter = print.footer.center;
      page.rightFooter = print.footer.right;
    }
  }
}

/** Runs of adjacent column indexes for which `key` gives the same non-null key. */
function runs<T>(
  items: readonly T[],
  key: (item: T, index: number) => string | null,
): [number, number, string][] {
  const out: [number, number, string][] = [];
  items.forEach((item, index) => {
    const k = key(item, index);
    if (k === null) return;
    const last = out[out.length - 1];
    if (last && last[2] === k && last[0] + last[1] === index) last[1] += 1;
    else out.push([index, 1, k]);
  });
  return out;
}

/** `a` minus `b`: up to four rectangles. */
export function areaMinus(a: Area, b: Area): Area[] {
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const left = Math.max(a.column, b.column);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  if (top >= bottom || left >= right) return [a];
  const out: Area[] = [];
  if (a.row < top) out.push({ row: a.row, column: a.column, rows: top - a.row, columns: a.columns });
  if (bottom < a.row + a.rows)
    out.push({ row: bottom, column: a.column, rows: a.row + a.rows - bottom, columns: a.columns });
  if (a.column < left) out.push({ row: top, column: a.column, rows: bottom - top, columns: left - a.column });
  if (right < a.column + a.columns)
    out.push({ row: top, column: right, rows: bottom - top, columns: a.column + a.columns - right });
  return out;
}

function addressOf(area: Area): string {
  return `${columnLetter(area.column)}${area.row + 1}:${columnLetter(area.column + area.columns - 1)}${area.row + area.rows}`;
}

/**
 * The header writes that rename a table's existing columns without two columns ever having the same name, as
 * 2-D blocks over the header row (null: the cell is left as it is). Excel keeps a table's headers unique as each
 * header cell changes (a duplicate becomes "Outcome2"), and a block write is not promised to change its cells
 * all at once. So when a new header equals (ignoring case) the current header of another column, the changed
 * columns are first given temporary names no column has or will have, then their new names: at every step, each
 * column holds its old name, a temporary name or its new name, and no two of those are equal.
 */
export function headerRenames(current: readonly string[], wanted: readonly string[]): (string | null)[][] {
  const n = Math.min(current.length, wanted.length);
  const changed: number[] = [];
  for (let c = 0; c < n; c++) if (current[c] !== wanted[c]) changed.push(c);
  if (changed.length === 0) return [];
  const final = Array.from({ length: n }, (_, c) => (changed.includes(c) ? (wanted[c] as string) : null));
  const lower = (s: string) => s.toLowerCase();
  const clash = changed.some((c) =>
    current.some((h, o) => o !== c && lower(h) === lower(wanted[c] as string)),
  );
  if (!clash) return [final];
  const taken = new Set([...current, ...wanted].map(lower));
  const temporary = Array.from({ length: n }, (_, c) => {
    if (!changed.includes(c)) return null;
    let name = `ilm renaming ${c + 1}`;
    for (let i = 2; taken.has(lower(name)); i++) name = `ilm renaming ${c + 1} (${i})`;
    taken.add(lower(name));
    return name;
  });
  return [temporary, final];
}

/** A table's new rectangle (header row included): at its origin, one data row at least. */
function areaOf(table: TablePlan): Area {
  return {
    row: table.origin?.row ?? 0,
    column: table.origin?.column ?? 0,
    rows: Math.max(table.rows.length, 1) + 1,
    columns: table.columns.length,
  };
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

/** A plan whose tables share a name, or overlap on their sheet, or whose charts share a name, is refused. */
function checkTables(plan: WorkbookPlan): void {
  const names = new Set<string>();
  for (const sheet of plan.sheets) {
    const tables = tablesOf(sheet);
    for (const [i, t] of tables.entries()) {
      if (names.has(t.name.toLowerCase())) throw new ApplyError(`The plan names table "${t.name}" twice.`);
      names.add(t.name.toLowerCase());
      for (const other of tables.slice(0, i))
        if (overlaps(areaOf(t), areaOf(other)))
          throw new ApplyError(`The plan puts tables "${other.name}" and "${t.name}" on the same cells.`);
    }
    const charts = new Set<string>();
    for (const c of sheet.charts ?? []) {
      if (charts.has(c.name))
        throw new ApplyError(`The plan names chart "${c.name}" twice on "${sheet.name}".`);
      charts.add(c.name);
    }
  }
}

/** `areas` minus every rectangle of `minus`. */
function areasMinus(areas: readonly Area[], minus: readonly Area[]): Area[] {
  let out = [...areas];
  for (const m of minus) out = out.flatMap((a) => areaMinus(a, m));
  return out;
}

const CHART_TYPE: Record<ChartPlan["kind"], XChartType> = { stackedBar: "BarStacked", bar: "BarClustered" };

/** A table of a sheet as it is written: where it goes, what was there, and how it is kept a table. */
interface TableWrite {
  readonly plan: TablePlan;
  readonly area: Area;
  readonly address: string;
  readonly existing: ExistingTable | undefined;
  /** At the plan's origin already: its columns keep their widths. */
  readonly inPlace: boolean;
  /** Kept a table and resized (ExcelApi 1.13); otherwise made a table again over its new rectangle. */
  readonly resize: boolean;
  /** What the table is while the sheet is written, when resized: its old and new rectangles' common part. */
  readonly common: Area | undefined;
}

/**
 * Writes one sheet: every table of it (the main table and `moreTables`), its charts, then freeze panes,
 * visibility and protection. The cells ilm owns on the sheet are those of every table's old and new
 * rectangles. First every table that will be made again becomes a plain range, and every table that stays is
 * shrunk to the part of its old rectangle that its new one keeps; then the owned cells no new table covers are
 * cleared; then each table is written and grown to its new rectangle. At no step do two tables overlap, so
 * tables may move past each other's old places.
 */
async function writeSheet(
  batcher: RequestBatcher,
  ws: XWorksheet,
  sheet: SheetPlan,
  existingTables: ReadonlyMap<string, ExistingTable>,
  existingCharts: ReadonlyMap<string, XChart>,
  features: HostFeatures,
): Promise<void> {
  const small = (payload: unknown, op: () => void): Promise<void> =>
    batcher.queue(OPERATION_OVERHEAD + jsonBytes(payload ?? null), op);

  const writes: TableWrite[] = tablesOf(sheet).map((plan) => {
    const area = areaOf(plan);
    const existing = existingTables.get(plan.name);
    // The table keeps its place when it is where the plan puts it; otherwise it becomes a plain range and is
    // made again at the plan's place.
    const inPlace =
      existing !== undefined && existing.area.row === area.row && existing.area.column === area.column;
    const resize = inPlace && features.tableResize;
    const common =
      resize && existing
        ? {
            ...area,
            rows: Math.min(area.rows, existing.area.rows),
            columns: Math.min(area.columns, existing.area.columns),
          }
        : undefined;
    return { plan, area, address: addressOf(area), existing, inPlace, resize, common };
  });

  // 1. Tables that are made again become plain ranges; tables that stay shrink to what they keep. A table
  // losing columns loses them first, so that no new header meets the name of a column on its way out.
  for (const w of writes)
    if (w.existing && !w.resize) {
      const name = w.existing.name;
      await small(null, () => ws.tables.getItemOrNullObject(name).convertToRange());
    }
  for (const w of writes)
    if (
      w.existing &&
      w.common &&
      (w.common.rows !== w.existing.area.rows || w.common.columns !== w.existing.area.columns)
    ) {
      const name = w.existing.name;
      const to = addressOf(w.common);
      await small(to, () => ws.tables.getItemOrNullObject(name).resize(to));
    }

  // 2. The owned cells no new table covers are cleared (values, formats, validation).
  const olds = writes.flatMap((w) => (w.existing ? [w.existing.area] : []));
  for (const gone of areasMinus(
    olds,
    writes.map((w) => w.area),
  ))
    await small(null, () =>
      ws.getRangeByIndexes(gone.row, gone.column, gone.rows, gone.columns).clear("All"),
    );

  // Conditional formats over every table's body, old and new, are cleared before any is added.
  const bodies = writes.flatMap((w) => {
    const b = [{ ...w.area, row: w.area.row + 1, rows: w.area.rows - 1 }];
    if (w.existing && w.existing.area.rows > 1)
      b.push({ ...w.existing.area, row: w.existing.area.row + 1, rows: w.existing.area.rows - 1 });
    return b;
  });
  for (const b of bodies)
    await small(null, () =>
      ws.getRangeByIndexes(b.row, b.column, b.rows, b.columns).conditionalFormats.clearAll(),
    );

  // 3. Each table. Header rows that tables share get the tallest height any of them needs.
  const heights = new Map<number, number>();
  for (const w of writes)
    heights.set(w.area.row, Math.max(heights.get(w.area.row) ?? 0, headerRowHeight(w.plan.columns)));
  for (const w of writes) await writeTable(batcher, ws, sheet, w, heights.get(w.area.row) ?? 0, features);

  // Column widths only for sheet columns new to ilm's tables: a width a person set (or a hidden column) stays.
  // A column that several tables share gets the widest of them.
  const kept = new Set<number>();
  for (const w of writes)
    if (w.inPlace && w.existing)
      for (let c = 0; c < w.existing.area.columns; c++) kept.add(w.existing.area.column + c);
  const widths = new Map<number, number>();
  for (const w of writes)
    w.plan.columns.forEach((column, c) => {
      const at = w.area.column + c;
      if (!kept.has(at)) widths.set(at, Math.max(widths.get(at) ?? 0, column.width));
    });
  if (widths.size > 0)
    await small([...widths], () => {
      for (const [at, width] of widths)
        ws.getRangeByIndexes(writes[0]?.area.row ?? 0, at, 1, 1).format.columnWidth = widthToPoints(width);
    });

  // Conditional formats: each rule paints the first table that has its columns (the plan's formula is for
  // that table's first data row and the rule's first column). The first rule in the plan ends up with the
  // highest priority (Office.js adds on top).
  for (const rule of [...sheet.conditionalFormats].reverse()) {
    const w = writes.find((t) => t.plan.columns.some((c) => rule.columns.includes(c.key)));
    if (!w) continue;
    const keyIndex = new Map(w.plan.columns.map((c, i) => [c.key, i]));
    const indexes = rule.columns.map((k) => keyIndex.get(k)).filter((i): i is number => i !== undefined);
    indexes.sort((a, b) => a - b);
    const first = indexes[0];
    if (first === undefined) continue;
    const style = STYLES[rule.style];
    const bodyRows = w.area.rows - 1;
    for (const [col0, width] of runs(indexes, (_, i) => String((indexes[i] as number) - i)).map(
      ([start, n]) => [indexes[start] as number, n] as const,
    )) {
      const formula = `=${shiftColumns(rule.formula, col0 - first)}`;
      await small([formula, style], () => {
        const cf = ws
          .getRangeByIndexes(w.area.row + 1, w.area.column + col0, bodyRows, width)
          .conditionalFormats.add("Custom");
        cf.custom.rule.formula = formula;
        cf.custom.format.fill.color = `#${style.fill}`;
        cf.custom.format.font.color = `#${style.font}`;
        if (style.bold) cf.custom.format.font.bold = true;
      });
    }
  }

  // 4. Charts: ilm's chart of each name is deleted and drawn again from the plan; charts of other names (a
  // person's) are not touched.
  for (const chart of sheet.charts ?? []) await drawChart(batcher, ws, chart, existingCharts.get(chart.name));

  // 5. Freeze panes (through the main table's header row and identity columns), visibility, protection. Print
  // setup comes after every sheet is written (applyPlan), on its own.
  const main = writes[0] as TableWrite;
  const fr = sheet.freeze.rows > 0 ? main.area.row + sheet.freeze.rows : 0;
  const fc = sheet.freeze.columns > 0 ? main.area.column + sheet.freeze.columns : 0;
  await small(null, () => {
    if (fr > 0 && fc > 0) ws.freezePanes.freezeAt(`A1:${columnLetter(fc - 1)}${fr}`);
    else if (fr > 0) ws.freezePanes.freezeRows(fr);
    else if (fc > 0) ws.freezePanes.freezeColumns(fc);
    else ws.freezePanes.unfreeze();
  });
  await small(null, () => (ws.visibility = VISIBILITY[sheet.visibility]));
  if (sheet.protection.protect) {
    const password = sheet.protection.password;
    await small(password ?? null, () =>
      password
        ? ws.protection.protect(protectionOptions(sheet.protection.allow), password)
        : ws.protection.protect(protectionOptions(sheet.protection.allow)),
    );
  }
}

/**
 * One chart, in the sheet's request: the chart of its name found before writing (ilm's) is deleted, and the
 * chart is added again from the first series' values, then named, titled, given its series (name, values,
 * categories) and placed over its anchor's cells.
 */
async function drawChart(
  batcher: RequestBatcher,
  ws: XWorksheet,
  chart: ChartPlan,
  ilmChart: XChart | undefined,
): Promise<void> {
  const [first, ...rest] = chart.series;
  const { row, column, rows, columns } = chart.anchor;
  const start = `${columnLetter(column)}${row + 1}`;
  const end = `${columnLetter(column + Math.max(columns, 1) - 1)}${row + Math.max(rows, 1)}`;
  const operations = 2 + (first ? 4 + 4 * chart.series.length : 0);
  await batcher.queue(OPERATION_OVERHEAD * operations + jsonBytes(chart), () => {
    ilmChart?.delete();
    if (!first) return; // nothing to draw
    const drawn = ws.charts.add(CHART_TYPE[chart.kind], ws.getRange(first.values), "Columns");
    drawn.name = chart.name;
    drawn.title.text = chart.title;
    const series = [drawn.series.getItemAt(0), ...rest.map((s) => drawn.series.add(s.name))];
    chart.series.forEach((s, i) => {
      const target = series[i];
      if (!target) return;
      if (i === 0) target.name = s.name;
      target.setValues(ws.getRange(s.values));
      target.setXAxisValues(ws.getRange(chart.categories));
    });
    drawn.setPosition(start, end);
  });
}

/**
 * One table of a sheet, at its origin: header row, body as 2-D blocks (in row bands), then the table made or
 * grown over exactly its new rectangle, cell protection and validation. The sheet's step 1 already made it a
 * plain range or shrank it to what it keeps (`common`).
 */
async function writeTable(
  batcher: RequestBatcher,
  ws: XWorksheet,
  sheet: SheetPlan,
  w: TableWrite,
  headerHeight: number,
  features: HostFeatures,
): Promise<void> {
  const { columns, rows } = w.plan;
  const { area, address, existing } = w;
  const bodyRows = area.rows - 1;
  const top = area.row;
  const left = area.column;
  const small = (payload: unknown, op: () => void): Promise<void> =>
    batcher.queue(OPERATION_OVERHEAD + jsonBytes(payload ?? null), op);
  /** A 2-D block at (row0, col0) relative to the table's origin, split into requests when large. */
  const block = async (row0: number, col0: number, kind: BlockKind | "numberFormat", data: unknown[][]) => {
    const starts = rowRuns(data, batcher.maxOperation);
    for (let s = 0; s + 1 < starts.length; s++) {
      const slice = data.slice(starts[s], starts[s + 1]);
      await batcher.queue(blockBytes(slice), () => {
        ws.getRangeByIndexes(
          top + row0 + (starts[s] as number),
          left + col0,
          slice.length,
          slice[0]?.length ?? 0,
        )[kind] = slice;
      });
    }
  };

  // Formats of the new rectangle, then the header row formatted as text.
  await small(null, () => ws.getRange(address).clear("Formats"));
  await block(0, 0, "numberFormat", [columns.map(() => TEXT_FORMAT)]);

  // The header row. Inside a table that stays a table, Excel keeps headers unique as they change: rename its
  // columns in a safe order (headerRenames), then write the new columns' headers beside it, then grow it.
  const headers = columns.map((c) => c.header);
  if (w.resize && existing && w.common) {
    const current = existing.headers.slice(0, w.common.columns);
    for (const row of headerRenames(current, headers)) await block(0, 0, "values", [row]);
    if (columns.length > w.common.columns)
      await block(0, w.common.columns, "values", [headers.slice(w.common.columns)]);
    if (w.common.rows !== area.rows || w.common.columns !== area.columns) {
      const name = existing.name;
      await small(address, () => ws.tables.getItemOrNullObject(name).resize(address));
    }
  } else await block(0, 0, "values", [headers]);

  await small(HEADER_STYLE, () => {
    const header = ws.getRangeByIndexes(top, left, 1, columns.length);
    header.format.fill.color = `#${HEADER_STYLE.fill}`;
    header.format.font.color = `#${HEADER_STYLE.font}`;
    header.format.font.bold = HEADER_STYLE.bold ?? false;
    header.format.wrapText = true;
    header.format.rowHeight = headerHeight;
  });
  const heights = w.plan.rowHeights ?? [];
  if (heights.some((h) => h !== undefined))
    await small(heights, () =>
      heights.forEach((h, r) => {
        if (h !== undefined && r < bodyRows)
          ws.getRangeByIndexes(top + 1 + r, left, 1, 1).format.rowHeight = h;
      }),
    );

  // The body as 2-D blocks: number formats first (text formats before values), then values and formulas. A
  // formula column whose every row is the first row's formula moved down is written once and filled down
  // (ExcelApi 1.9), so its request size does not grow with the number of learners. Formulas are written as
  // formulas: the plan's cached values are for readers without a calculation engine; Excel computes its own.
  const formats = columns.map(columnFormat);
  const blocks: { col0: number; kind: BlockKind | "numberFormat"; data: unknown[][] }[] = [];
  const fills: { col0: number; width: number }[] = [];
  for (const [col0, width, format] of runs(formats, (f) => (f === "General" ? null : f)))
    blocks.push({
      col0,
      kind: "numberFormat",
      data: Array.from({ length: bodyRows }, () => Array<string>(width).fill(format)),
    });
  const exceptions: { row: number; col: number; cell: Exclude<Cell, null> }[] = [];
  const kinds = columns.map((column, c) => {
    const kind = columnKind(column);
    return kind === "formulas" && features.api19 && filledDownFormula(rows, c) !== null ? "fill" : kind;
  });
  for (const [col0, width, kind] of runs(kinds, (k) => k)) {
    if (kind === "fill") {
      const first = Array.from({ length: width }, (_, i) => `=${formulaOf(rows[0]?.[col0 + i] ?? null)}`);
      blocks.push({ col0, kind: "formulas", data: [first] });
      if (bodyRows > 1) fills.push({ col0, width });
      continue;
    }
    const data = Array.from({ length: bodyRows }, (_, r) => {
      const out: (string | number | boolean)[] = [];
      for (let c = col0; c < col0 + width; c++) {
        const cell = rows[r]?.[c] ?? null;
        const value = blockValue(cell, kind as BlockKind, formats[c] as string);
        if (value === null && cell !== null) exceptions.push({ row: r + 1, col: c, cell });
        out.push(value ?? "");
      }
      return out;
    });
    blocks.push({ col0, kind: kind as BlockKind, data });
  }

  // Row bands: a learner table is sent in as many requests as DESIGN_ROWS rows shaped like its own would need,
  // so the number of syncs depends on the shape of a row, not on the number of learners, up to DESIGN_ROWS.
  // The settings, the Dashboard and the IQA plan do not grow with the cohort, nor the Decision log (it grows with
  // its history): they are sent as they are.
  // A filled-down column's one row is the same size whatever the number of rows: it is not scaled.
  const bytesOf = (filled: boolean) =>
    blocks
      .filter(
        (b) =>
          (b.data.length === 1 && b.kind === "formulas" && fills.some((f) => f.col0 === b.col0)) === filled,
      )
      .reduce((sum, b) => sum + blockBytes(b.data) - OPERATION_OVERHEAD, 0);
  const scale =
    sheet.kind === "state" ||
    sheet.kind === "dashboard" ||
    sheet.kind === "feedback" ||
    sheet.kind === "iqaplan" ||
    sheet.kind === "log"
      ? 1
      : Math.max(1, DESIGN_ROWS / bodyRows);
  const bands = Math.min(
    bodyRows,
    Math.max(1, Math.ceil((bytesOf(false) * scale + bytesOf(true)) / (0.9 * batcher.maxOperation))),
  );
  const perBand = Math.ceil(bodyRows / bands);
  for (let b = 0; b < bands; b++) {
    const from = b * perBand;
    for (const { col0, kind, data } of blocks) {
      const slice = data.slice(from, from + perBand);
      if (slice.length > 0) await block(1 + from, col0, kind, slice);
    }
    if (b + 1 < bands) await batcher.flush();
  }
  for (const { col0, width } of fills) {
    const to = `${columnLetter(left + col0)}${top + 2}:${columnLetter(left + col0 + width - 1)}${top + 1 + bodyRows}`;
    await small(to, () => ws.getRangeByIndexes(top + 1, left + col0, 1, width).autoFill(to, "FillCopy"));
  }
  for (const { row, col, cell } of exceptions) {
    if (cell.t === "text")
      await small(cell.v, () => {
        const range = ws.getRangeByIndexes(top + row, left + col, 1, 1);
        range.numberFormat = [[TEXT_FORMAT]];
        range.values = [[cell.v]];
      });
    else if (cell.t === "formula")
      await small(
        cell.f,
        () => (ws.getRangeByIndexes(top + row, left + col, 1, 1).formulas = [[`=${cell.f}`]]),
      );
  }

  // A new table (or one made again) over exactly its rectangle: its header cells already hold unique names.
  if (!w.resize)
    await small(address, () => {
      const table = ws.tables.add(address, true);
      table.name = w.plan.name;
      table.style = TABLE_STYLE;
    });

  // Column fills: who fills each column in (styles.ts SHADES).
  for (const [col0, width, shade] of runs(columns, (c) => c.shade ?? null)) {
    const look = SHADES[shade as ShadeName];
    await small(look, () => {
      const body = ws.getRangeByIndexes(top + 1, left + col0, bodyRows, width).format;
      body.fill.color = `#${look.fill}`;
      body.font.color = `#${look.font}`;
    });
  }

  // Cell protection and wrapping.
  for (const [col0, width] of runs(columns, (c) => (c.wrap ? "wrap" : null)))
    await small(
      null,
      () => (ws.getRangeByIndexes(top + 1, left + col0, bodyRows, width).format.wrapText = true),
    );
  for (const [col0, width] of runs(columns, (c) => (c.role === "entry" ? "entry" : null)))
    await small(
      null,
      () => (ws.getRangeByIndexes(top + 1, left + col0, bodyRows, width).format.protection.locked = false),
    );

  // Data validation on entry columns.
  await small(null, () =>
    ws.getRangeByIndexes(top + 1, left, bodyRows, columns.length).dataValidation.clear(),
  );
  for (const [c, column] of columns.entries()) {
    if (!column.validation) continue;
    const validation = column.validation;
    await small(validation, () => {
      const dv = ws.getRangeByIndexes(top + 1, left + c, bodyRows, 1).dataValidation;
      dv.rule = validationRule(validation);
      dv.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: validation.title,
        message: validation.message,
      };
      // What Excel shows while a cell is selected: the plan's prompt, or the message (as the .xlsx writer does).
      dv.prompt = {
        showPrompt: true,
        title: validation.prompt?.title ?? "",
        message: validation.prompt?.message ?? validation.message,
      };
    });
  }
}

function formulaOf(cell: Cell): string {
  return cell !== null && cell.t === "formula" ? cell.f : "";
}

function validationRule(v: Validation): Excel.DataValidationRule {
  switch (v.type) {
    case "whole":
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "decimal":
      return { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "list":
      return { list: { inCellDropDown: true, source: v.values.join(",") } };
    case "listFrom":
      return { list: { inCellDropDown: true, source: `=${v.range}` } };
    case "date":
      return { date: { formula1: v.from, formula2: v.to, operator: "Between" } };
  }
}
