import { columnLetter } from "../workbook/a1";
import type { Cell, SheetPlan, Validation, WorkbookPlan } from "../workbook/plan";
import { headerRowHeight } from "../workbook/plan";
import { HEADER_STYLE, STYLES, TABLE_STYLE } from "../workbook/styles";
import type { XContext, XWorksheet } from "./api";
import { OPERATION_OVERHEAD, RequestBatcher, REQUEST_BUDGET, blockBytes, jsonBytes, rowRuns } from "./batch";
import type { BlockKind } from "./cells";
import { TEXT_FORMAT, blockValue, columnFormat, columnKind, widthToPoints } from "./cells";
import { shiftColumns, shiftReferences } from "../workbook/formula";
import type { Inventory, TableInfo } from "./read";
import { findSheet, findTable } from "./read";
import type { HostFeatures } from "./requirements";

export interface ApplyOptions {
  readonly features: HostFeatures;
  /** The password the sheets are protected with now (the stored state's), to unprotect them before writing. */
  readonly currentPassword?: string;
  /** Request budget in estimated bytes (tests lower it to exercise chunking). */
  readonly budget?: number;
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Recalculate at the end (default true; the state sheet alone has no formulas). */
  readonly recalculate?: boolean;
}

export interface ApplyReport {
  readonly syncs: number;
  /** The largest request sent, in estimated bytes. */
  readonly largestRequest: number;
}

/** A plain-words failure the port turns into a PortResult. */
export class ApplyError extends Error {}

/**
 * The cohort size requests are planned for: up to this many learners, a sheet needs the same number of syncs
 * whatever its number of learners (see the row bands in writeSheet).
 */
export const DESIGN_ROWS = 5_000;

interface Rect {
  readonly rows: number;
  readonly columns: number;
}

const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowAutoFilter: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowSort: true,
};

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

/**
 * Applies a workbook plan through Office.js. Syncs: one for the sheets' structure, one per sheet (more only
 * when a sheet's writes are larger than the request budget, split into chunks of whole rows), one to
 * recalculate. The number of syncs does not depend on the number of learners until a sheet outgrows a request.
 *
 * Rules kept here: every write is a 2-D block or a whole-range property; text columns are formatted as text
 * before their values are written; calculation is suspended in every write request and the workbook is
 * recalculated once at the end; tables are grown with Table.resize (ExcelApi 1.13) or, on older hosts, by
 * re-creating them over the written range. Rows are never added through the table's row collection (under
 * co-authoring that causes merge conflicts).
 */
export async function applyPlan(
  context: XContext,
  plan: WorkbookPlan,
  inventory: Inventory,
  options: ApplyOptions,
): Promise<ApplyReport> {
  if (!options.features.core)
    throw new ApplyError("This version of Excel cannot build mark sheets (it lacks ExcelApi 1.8).");
  const batcher = new RequestBatcher(context, options.budget ?? REQUEST_BUDGET);
  const worksheets = context.workbook.worksheets;
  const progress = (f: number, m: string): void => options.onProgress?.(f, m);

  // 1. Structure: every sheet exists under its planned name and is unprotected.
  const claimed = new Set<string>();
  for (const sheet of plan.sheets) {
    const table = findTable(inventory, sheet.table.name);
    const current = table ? table.sheet : findSheet(inventory, sheet.name)?.name;
    if (current === undefined) {
      if (findSheet(inventory, sheet.name))
        throw new ApplyError(`A sheet named "${sheet.name}" already exists; rename it and try again.`);
      await batcher.queue(OPERATION_OVERHEAD + jsonBytes(sheet.name), () => worksheets.add(sheet.name));
    } else {
      const info = findSheet(inventory, current);
      const ws = worksheets.getItem(current);
      if (info?.protected)
        await batcher.queue(OPERATION_OVERHEAD, () => ws.protection.unprotect(options.currentPassword));
      if (current !== sheet.name) {
        const other = findSheet(inventory, sheet.name);
        if (other && other.name.toLowerCase() !== current.toLowerCase())
          throw new ApplyError(`Cannot rename "${current}" to "${sheet.name}": another sheet has that name.`);
        await batcher.queue(OPERATION_OVERHEAD + jsonBytes(sheet.name), () => (ws.name = sheet.name));
      }
    }
    if (claimed.has(sheet.name.toLowerCase()))
      throw new ApplyError(`The plan names sheet "${sheet.name}" twice.`);
    claimed.add(sheet.name.toLowerCase());
  }
  await batcher.flush();
  progress(0.05, "Sheets ready");

  // 2. One request per sheet.
  for (const [i, sheet] of plan.sheets.entries()) {
    await writeSheet(
      batcher,
      worksheets.getItem(sheet.name),
      sheet,
      findTable(inventory, sheet.table.name),
      options,
    );
    await batcher.flush();
    progress(0.05 + (0.9 * (i + 1)) / plan.sheets.length, `Wrote ${sheet.name}`);
  }

  // 3. Calculation was suspended while writing: recalculate once.
  if (options.recalculate === false) return { ...batcher.stats };
  context.workbook.application.calculate("Full");
  await context.sync();
  progress(1, "Calculated");
  return { syncs: batcher.stats.syncs + 1, largestRequest: batcher.stats.largestRequest };
}

/** Runs of adjacent column indexes for which `same` holds between neighbours. */
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

async function writeSheet(
  batcher: RequestBatcher,
  ws: XWorksheet,
  sheet: SheetPlan,
  existing: TableInfo | undefined,
  options: ApplyOptions,
): Promise<void> {
  const { columns, rows } = sheet.table;
  const bodyRows = Math.max(rows.length, 1);
  const target: Rect = { rows: bodyRows + 1, columns: columns.length };
  const address = `A1:${columnLetter(columns.length - 1)}${target.rows}`;
  const small = (payload: unknown, op: () => void): Promise<void> =>
    batcher.queue(OPERATION_OVERHEAD + jsonBytes(payload ?? null), op);
  const block = async (row0: number, col0: number, kind: BlockKind | "numberFormat", data: unknown[][]) => {
    const starts = rowRuns(data, batcher.maxOperation);
    for (let s = 0; s + 1 < starts.length; s++) {
      const slice = data.slice(starts[s], starts[s + 1]);
      await batcher.queue(blockBytes(slice), () => {
        ws.getRangeByIndexes(row0 + starts[s], col0, slice.length, slice[0].length)[kind] = slice;
      });
    }
  };

  // Old hosts cannot resize: the table becomes a plain range and is re-created over the written rows below.
  const recreate = existing !== undefined && !options.features.tableResize;
  if (recreate) await small(null, () => ws.tables.getItemOrNullObject(existing.name).convertToRange());

  // Cells the table covered and no longer does are cleared.
  if (existing) {
    if (existing.rowCount > target.rows)
      await small(null, () =>
        ws
          .getRangeByIndexes(target.rows, 0, existing.rowCount - target.rows, existing.columnCount)
          .clear("All"),
      );
    if (existing.columnCount > target.columns)
      await small(null, () =>
        ws
          .getRangeByIndexes(
            0,
            target.columns,
            Math.min(existing.rowCount, target.rows),
            existing.columnCount - target.columns,
          )
          .clear("All"),
      );
  }

  // Formats first (text formats before values), then the header, then 2-D blocks of values and formulas.
  await small(null, () => ws.getRange(address).clear("Formats"));
  await block(0, 0, "numberFormat", [columns.map(() => TEXT_FORMAT)]);
  await block(0, 0, "values", [columns.map((c) => c.header)]);
  await small(HEADER_STYLE, () => {
    const header = ws.getRangeByIndexes(0, 0, 1, columns.length);
    header.format.fill.color = `#${HEADER_STYLE.fill}`;
    header.format.font.color = `#${HEADER_STYLE.font}`;
    header.format.font.bold = HEADER_STYLE.bold ?? false;
    header.format.wrapText = true;
    header.format.rowHeight = headerRowHeight(columns);
  });

  // The body as 2-D blocks: number formats first (text formats before values), then values and formulas. A
  // formula column whose every row is the first row's formula moved down is written once and filled down
  // (ExcelApi 1.9), so its request size does not grow with the number of learners.
  const formats = columns.map(columnFormat);
  const blocks: { col0: number; kind: BlockKind | "numberFormat"; data: unknown[][] }[] = [];
  const fills: { col0: number; width: number }[] = [];
  for (const [col0, width, format] of runs(formats, (f) => (f === "General" ? null : f)))
    blocks.push({
      col0,
      kind: "numberFormat",
      data: Array.from({ length: bodyRows }, () => Array(width).fill(format)),
    });
  const exceptions: { row: number; col: number; cell: Exclude<Cell, null> }[] = [];
  const kinds = columns.map((column, c) => {
    const kind = columnKind(column);
    return kind === "formulas" && options.features.api19 && fillsDown(rows, c) ? "fill" : kind;
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
        const value = blockValue(cell, kind as BlockKind, formats[c]);
        if (value === null && cell !== null) exceptions.push({ row: r + 1, col: c, cell });
        out.push(value ?? "");
      }
      return out;
    });
    blocks.push({ col0, kind: kind as BlockKind, data });
  }

  // Row bands: a learner table is sent in as many requests as DESIGN_ROWS rows shaped like its own would need,
  // so the number of syncs depends on the shape of a row, not on the number of learners, up to DESIGN_ROWS.
  const bodyBytes = blocks.reduce((sum, b) => sum + blockBytes(b.data) - OPERATION_OVERHEAD, 0);
  const scale = sheet.kind === "state" ? 1 : Math.max(1, DESIGN_ROWS / bodyRows);
  const bands = Math.min(
    bodyRows,
    Math.max(1, Math.ceil((bodyBytes * scale) / (0.9 * batcher.maxOperation))),
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
    const to = `${columnLetter(col0)}2:${columnLetter(col0 + width - 1)}${bodyRows + 1}`;
    await small(to, () => ws.getRangeByIndexes(1, col0, 1, width).autoFill(to, "FillCopy"));
  }
  for (const { row, col, cell } of exceptions) {
    if (cell.t === "text")
      await small(cell.v, () => {
        const range = ws.getRangeByIndexes(row, col, 1, 1);
        range.numberFormat = [[TEXT_FORMAT]];
        range.values = [[cell.v]];
      });
    else if (cell.t === "formula")
      await small(cell.f, () => (ws.getRangeByIndexes(row, col, 1, 1).formulas = [[`=${cell.f}`]]));
  }

  // The table over the written range.
  if (existing && !recreate)
    await small(address, () => ws.tables.getItemOrNullObject(existing.name).resize(address));
  else
    await small(address, () => {
      const table = ws.tables.add(address, true);
      table.name = sheet.table.name;
      table.style = TABLE_STYLE;
    });

  // Column layout and cell protection.
  await small(null, () => {
    columns.forEach((column, c) => {
      ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthToPoints(column.width);
    });
  });
  for (const [col0, width] of runs(columns, (c) => (c.wrap ? "wrap" : null)))
    await small(null, () => (ws.getRangeByIndexes(1, col0, bodyRows, width).format.wrapText = true));
  for (const [col0, width] of runs(columns, (c) => (c.role === "entry" ? "entry" : null)))
    await small(
      null,
      () => (ws.getRangeByIndexes(1, col0, bodyRows, width).format.protection.locked = false),
    );

  // Data validation on entry columns.
  await small(null, () => ws.getRangeByIndexes(1, 0, bodyRows, columns.length).dataValidation.clear());
  for (const [c, column] of columns.entries()) {
    if (!column.validation) continue;
    const validation = column.validation;
    await small(validation, () => {
      const dv = ws.getRangeByIndexes(1, c, bodyRows, 1).dataValidation;
      dv.rule = validationRule(validation);
      dv.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Not accepted",
        message: validation.message.slice(0, 225),
      };
    });
  }

  // Conditional formats: the first rule in the plan ends up with the highest priority (Office.js adds on top).
  const spanRows = Math.max(target.rows, existing?.rowCount ?? 0) - 1;
  const spanColumns = Math.max(target.columns, existing?.columnCount ?? 0);
  if (spanRows > 0)
    await small(null, () => ws.getRangeByIndexes(1, 0, spanRows, spanColumns).conditionalFormats.clearAll());
  const keyIndex = new Map(columns.map((c, i) => [c.key, i]));
  for (const rule of [...sheet.conditionalFormats].reverse()) {
    const indexes = rule.columns.map((k) => keyIndex.get(k)).filter((i): i is number => i !== undefined);
    indexes.sort((a, b) => a - b);
    const first = indexes[0];
    if (first === undefined) continue;
    const style = STYLES[rule.style];
    for (const [col0, width] of runs(indexes, (_, i) => String(indexes[i] - i)).map(
      ([start, w]) => [indexes[start], w] as const,
    )) {
      const formula = `=${shiftColumns(rule.formula, col0 - first)}`;
      await small([formula, style], () => {
        const cf = ws.getRangeByIndexes(1, col0, bodyRows, width).conditionalFormats.add("Custom");
        cf.custom.rule.formula = formula;
        cf.custom.format.fill.color = `#${style.fill}`;
        cf.custom.format.font.color = `#${style.font}`;
        if (style.bold) cf.custom.format.font.bold = true;
      });
    }
  }

  // Freeze panes, print setup, visibility, protection.
  const { rows: fr, columns: fc } = sheet.freeze;
  await small(null, () => {
    if (fr > 0 && fc > 0) ws.freezePanes.freezeAt(`A1:${columnLetter(fc - 1)}${fr}`);
    else if (fr > 0) ws.freezePanes.freezeRows(fr);
    else if (fc > 0) ws.freezePanes.freezeColumns(fc);
    else ws.freezePanes.unfreeze();
  });
  if (options.features.api19)
    await small(sheet.print, () => {
      ws.pageLayout.orientation = sheet.print.landscape ? "Landscape" : "Portrait";
      if (sheet.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (sheet.print.repeatHeaderRow) ws.pageLayout.setPrintTitleRows("$1:$1");
    });
  await small(null, () => (ws.visibility = VISIBILITY[sheet.visibility]));
  if (sheet.protection.protect) {
    const password = sheet.protection.password;
    await small(password ?? null, () =>
      password ? ws.protection.protect(PROTECTION, password) : ws.protection.protect(PROTECTION),
    );
  }
}

function formulaOf(cell: Cell): string {
  return cell !== null && cell.t === "formula" ? cell.f : "";
}

/** Whether every row of column `c` holds the first row's formula with its relative references moved down. */
function fillsDown(rows: readonly (readonly Cell[])[], c: number): boolean {
  const first = rows[0]?.[c] ?? null;
  if (first === null || first.t !== "formula") return false;
  for (let r = 1; r < rows.length; r++) {
    const cell = rows[r]?.[c] ?? null;
    if (cell === null || cell.t !== "formula" || shiftReferences(first.f, r, 0) !== cell.f) return false;
  }
  return true;
}

function validationRule(v: Validation): Excel.DataValidationRule {
  switch (v.type) {
    case "whole":
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "decimal":
      return { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "list":
      return { list: { inCellDropDown: true, source: v.values.join(",") } };
    case "date":
      return { date: { formula1: "1990-01-01", formula2: "2199-12-31", operator: "Between" } };
  }
}
