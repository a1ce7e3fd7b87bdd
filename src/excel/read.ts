import type { Area, CellContent, SheetContents, TableContents, WorkbookContents } from "../workbook/contents";
import { SETTINGS_SHEET, SETTINGS_TABLE } from "../workbook/settings";
import type { XContext, XRange, XWorksheet } from "./api";
import { DESIGN_ROWS, RESPONSE_BUDGET, jsonBytes } from "./batch";

/**
 * Reading what a workbook holds (WorkbookContents) through Office.js, in a fixed number of requests:
 *
 * 1. the sheets (name, visibility, tab position), the tables (name, sheet) and the defined names;
 * 2. every table's rectangle, ilm's settings records (the settings table's values; the "ILM state" sheet's
 *    cells when its table was converted to a range) and every sheet's used range (its place and size only);
 * 3. the `formulas` of the used range of the sheets ilm needs, in row bands: the sheets that hold a table, the
 *    settings sheet, and the sheets the settings name for ilm's tables;
 * 4. the `values` of the cells whose formula text starts with "=", in row bands planned from the sizes read in
 *    step 3, to tell a formula (its cached value) from a text typed with a leading "=" (its value is its text).
 *
 * Steps 3 and 4 each take as many requests as the response budget needs for sheets of DESIGN_ROWS rows shaped
 * like these, so a cohort of 50 and one of 5,000 are read in the same number of syncs. Should a response still
 * pass Excel on the web's 5 MB limit (cells far longer than the estimate), the step is read again in twice as
 * many bands.
 *
 * Cells of other sheets (a person's own tabs) are not read: ilm never looks at them. Dates are read as Excel
 * stores them: serial numbers in the workbook's own date system. A workbook set to the 1904 date system (a
 * setting of Excel for Mac workbooks made before 2011) is read as-is, so its dates read 1,462 days (four
 * years and a day) early; the Office.js typings this adapter is built against offer no way to tell
 * (`Workbook.use1904DateSystem` is not in them), so the adapter does not convert.
 */

/**
 * Response bytes a cell's formula text is planned at before it is read (step 3): the JSON of a formula or a
 * value and its separator. ilm's longest formulas (Portable mode outcome formulas) are a few hundred bytes, but
 * most cells of a row are short entries: measured over ilm's tabs for a typical cohort, 39 to 50 bytes a cell
 * (the Learners tab 39, mark sheets 44 to 50). A band is planned at 90% of the 3 MB budget, so a band of cells
 * averaging up to about 90 bytes still stays under Excel's 5 MB; beyond that the step is read again in more
 * bands (see inBands).
 */
export const FORMULA_CELL_ESTIMATE = 48;

/**
 * Response bytes a formula's value is planned at in step 4 (its formula's own size when shorter): ilm's formulas
 * give outcomes, numbers and dates.
 */
export const RESULT_ESTIMATE = 64;

/** Reads are tried again in twice as many bands at most this many times when a response is too large. */
const MAX_SPLITS = 4;

type Scalar = string | number | boolean;

export interface ReadOptions {
  /** Response budget in bytes for one request (tests lower it). */
  readonly budget?: number;
  /** Called after every request with the bytes the adapter planned the response at (for tests and logs). */
  readonly onRequest?: (planned: number) => void;
}

interface UsedSheet {
  readonly name: string;
  readonly visibility: SheetContents["visibility"];
  /** The used range, or undefined for a blank sheet. */
  readonly used?: {
    readonly row: number;
    readonly column: number;
    readonly rows: number;
    readonly columns: number;
  };
  /** Read its cells (one of ilm's sheets). */
  read: boolean;
  /** Planned at DESIGN_ROWS rows (a sheet holding one of ilm's learner tables). */
  grows: boolean;
  /**
   * The sheet rows [from, to) of its table with a row per learner: only they are planned at DESIGN_ROWS (a mark
   * sheet's colour key below its table is of a fixed size). Absent: every row of a growing sheet.
   */
  learnerRows?: { readonly from: number; readonly to: number };
  /** The Decision log: it grows with its history, and is read in bands of its own, by its size. */
  history: boolean;
  formulas?: Scalar[][];
  /** Values of the rows [valuesFrom, valuesFrom + values.length) and columns [valuesLeft, ...) (relative). */
  /** The values of each rectangle of formula columns (step 4). */
  values?: { row: number; column: number; columns: number; data: Scalar[][] }[];
}

/** The kinds of ilm's tables that hold a row per learner, and so grow with the cohort. */
const PER_LEARNER = new Set(["learners", "marksheet", "units"]);

const VISIBILITY = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Reads what the workbook holds: every sheet and table, the defined names, and the cells of ilm's sheets. */
export async function readContents(context: XContext, options: ReadOptions = {}): Promise<WorkbookContents> {
  const budget = options.budget ?? RESPONSE_BUDGET;
  const workbook = context.workbook;

  // 1. Sheets, tables, names.
  const worksheets = workbook.worksheets.load("items/name,items/visibility,items/position");
  const tableItems = workbook.tables.load("items/name,items/worksheet/name");
  const names = workbook.names.load("items/name");
  await context.sync();

  // 2. Table rectangles, settings records, used ranges.
  const sheetItems = [...worksheets.items].sort((a, b) => a.position - b.position);
  const tableRanges = tableItems.items.map((t) => ({
    name: t.name,
    sheet: t.worksheet.name,
    range: t
      .getRange()
      .load(
        same(t.name, SETTINGS_TABLE)
          ? "rowIndex,columnIndex,rowCount,columnCount,values"
          : "rowIndex,columnIndex,rowCount,columnCount",
      ),
  }));
  const settingsTable = tableRanges.find((t) => same(t.name, SETTINGS_TABLE));
  const usedRanges = sheetItems.map((ws) =>
    ws
      .getUsedRangeOrNullObject(true)
      .load(
        !settingsTable && same(ws.name, SETTINGS_SHEET)
          ? "rowIndex,columnIndex,rowCount,columnCount,values"
          : "rowIndex,columnIndex,rowCount,columnCount",
      ),
  );
  await context.sync();

  const tables: TableContents[] = tableRanges.map(({ name, sheet, range }) => ({
    name,
    sheet,
    area: areaOf(range),
  }));
  const sheets: UsedSheet[] = sheetItems.map((ws, i) => {
    const used = usedRanges[i] as XRange;
    return {
      name: ws.name,
      visibility: VISIBILITY[ws.visibility],
      ...(used.isNullObject ? {} : { used: areaOf(used) }),
      read: false,
      grows: false,
      history: false,
    };
  });

  // Which sheets ilm reads: those holding a table, the settings sheet, and those the settings name.
  const wanted = new Set(tables.map((t) => t.sheet.toLowerCase()));
  const learnerSheets = new Set<string>();
  const historySheets = new Set<string>();
  let records: Scalar[][] = [];
  if (settingsTable) {
    wanted.add(settingsTable.sheet.toLowerCase());
    records = (settingsTable.range.values as Scalar[][]).slice(1);
  } else {
    const i = sheetItems.findIndex((ws) => same(ws.name, SETTINGS_SHEET));
    const used = usedRanges[i];
    if (i >= 0) wanted.add(SETTINGS_SHEET.toLowerCase());
    if (used && !used.isNullObject) records = (used.values as Scalar[][]).slice(1);
  }
  // What each of ilm's tables holds, by table name: a row per learner (the Learners tab, mark sheets, unit
  // outcomes: planned at DESIGN_ROWS), the Decision log's history (read by its own size, in bands of its own),
  // or figures of a fixed size (the Dashboard, the Feedback tab, the settings).
  const kindOf = new Map<string, unknown>();
  for (const row of records) {
    if (!String(row[0] ?? "").startsWith("columns/")) continue;
    const map = parseJson(String(row[1] ?? "")) as
      { sheet?: unknown; kind?: unknown; table?: unknown } | undefined;
    if (typeof map?.sheet !== "string") continue;
    wanted.add(map.sheet.toLowerCase());
    if (typeof map.table === "string") kindOf.set(map.table.toLowerCase(), map.kind);
    if (map.kind === "log") historySheets.add(map.sheet.toLowerCase());
    else if (PER_LEARNER.has(String(map.kind))) learnerSheets.add(map.sheet.toLowerCase());
  }
  const learnerRows = new Map<string, { from: number; to: number }>();
  for (const t of tables) {
    // A table's sheet may have been renamed since the settings were written: it goes with its table.
    const kind = String(kindOf.get(t.name.toLowerCase()));
    if (kind === "log") historySheets.add(t.sheet.toLowerCase());
    else if (PER_LEARNER.has(kind)) {
      learnerSheets.add(t.sheet.toLowerCase());
      learnerRows.set(t.sheet.toLowerCase(), { from: t.area.row, to: t.area.row + t.area.rows });
    }
  }
  for (const s of sheets) {
    s.read = s.used !== undefined && wanted.has(s.name.toLowerCase());
    s.history = historySheets.has(s.name.toLowerCase());
    s.grows = !s.history && learnerSheets.has(s.name.toLowerCase());
    const rows = learnerRows.get(s.name.toLowerCase());
    if (rows) s.learnerRows = rows;
  }
  const read = sheets.filter((s) => s.read);
  const byName = new Map(sheetItems.map((ws) => [ws.name.toLowerCase(), ws]));
  const sheetOf = (s: UsedSheet) => byName.get(s.name.toLowerCase()) as XWorksheet;

  // 3. Formulas (a constant cell's formula is its value), in bands planned from an estimate per cell; the
  // Decision log's in bands of its own, so its history does not change how the cohort's tabs are read.
  const formulaBlocks = read.map((s) => {
    const used = s.used as NonNullable<UsedSheet["used"]>;
    return {
      rows: used.rows,
      grows: growingRows(s, used.row),
      rowBytes: () => used.columns * FORMULA_CELL_ESTIMATE + 3,
      start: () => (s.formulas = []),
      queue: (from: number, count: number) =>
        sheetOf(s)
          .getRangeByIndexes(used.row + from, used.column, count, used.columns)
          .load("formulas"),
      took: (from: number, range: XRange) =>
        (range.formulas as Scalar[][]).forEach((row, i) => ((s.formulas as Scalar[][])[from + i] = row)),
      history: s.history,
    };
  });
  await inBands(
    context,
    budget,
    formulaBlocks.filter((b) => !b.history),
    options.onRequest,
  );
  await inBands(
    context,
    budget,
    formulaBlocks.filter((b) => b.history),
    options.onRequest,
  );

  // 4. Values of the cells that hold "=...": the rectangle around them, in bands planned from the sizes of
  // what step 3 read (a constant's value is its formula; a formula's value is planned at its formula's size).
  // One rectangle per run of adjacent columns holding formulas: the entries between two runs (a mark sheet's QA
  // marks between its outcomes) are read in step 3 already.
  const blocks = read.flatMap((s) =>
    formulaBoxes(s.formulas ?? []).map((box) => {
      const used = s.used as NonNullable<UsedSheet["used"]>;
      const formulas = s.formulas as Scalar[][];
      const data: Scalar[][] = [];
      const values = { row: box.row, column: box.column, columns: box.columns, data };
      return {
        rows: box.rows,
        grows: growingRows(s, used.row + box.row),
        rowBytes: (r: number) =>
          (formulas[box.row + r] ?? [])
            .slice(box.column, box.column + box.columns)
            .reduce<number>(
              (sum, v) =>
                sum + 1 + (isFormulaText(v) ? Math.min(RESULT_ESTIMATE, jsonBytes(v)) : jsonBytes(v)),
              2,
            ),
        start: () => {
          data.length = 0;
          s.values = [...(s.values ?? []).filter((v) => v.column !== box.column), values];
        },
        queue: (from: number, count: number) =>
          sheetOf(s)
            .getRangeByIndexes(used.row + box.row + from, used.column + box.column, count, box.columns)
            .load("values"),
        took: (from: number, range: XRange) =>
          (range.values as Scalar[][]).forEach((row, i) => (data[from + i] = row)),
      };
    }),
  );
  await inBands(context, budget, blocks, options.onRequest);

  return {
    sheets: sheets.map((s) => ({ name: s.name, visibility: s.visibility, grid: s.read ? gridOf(s) : [] })),
    tables,
    definedNames: names.items.map((n) => n.name),
  };
}

function areaOf(range: XRange): Area {
  return { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isFormulaText = (v: Scalar | undefined): boolean => typeof v === "string" && v.startsWith("=");

/** The rectangle (relative to the used range) around every cell whose formula text starts with "=". */
function formulaBoxes(formulas: readonly (readonly Scalar[])[]): Area[] {
  let top = -1;
  let bottom = -1;
  const columns = new Set<number>();
  formulas.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!isFormulaText(v)) return;
      if (top < 0) top = r;
      bottom = r;
      columns.add(c);
    }),
  );
  if (top < 0) return [];
  const sorted = [...columns].sort((a, b) => a - b);
  const boxes: Area[] = [];
  for (const c of sorted) {
    const last = boxes[boxes.length - 1];
    if (last && last.column + last.columns === c)
      boxes[boxes.length - 1] = { ...last, columns: last.columns + 1 };
    else boxes.push({ row: top, column: c, rows: bottom - top + 1, columns: 1 });
  }
  return boxes;
}

/**
 * A sheet's cells from A1. A cell whose formula text starts with "=" is a formula unless its value is that very
 * text (a text typed with a leading "=" into a cell formatted as text); blank cells ("") are null.
 */
function gridOf(s: UsedSheet): (CellContent[] | undefined)[] {
  const used = s.used as NonNullable<UsedSheet["used"]>;
  const formulas = s.formulas ?? [];
  const values = s.values;
  const grid: (CellContent[] | undefined)[] = Array.from({ length: used.row }, () => undefined);
  formulas.forEach((row, r) => {
    const cells: CellContent[] = Array.from({ length: used.column }, () => null);
    row.forEach((f, c) => {
      if (typeof f === "string" && isFormulaText(f)) {
        const box = values?.find((b) => b.column <= c && c < b.column + b.columns);
        const v = box?.data[r - box.row]?.[c - box.column];
        cells.push(v === f ? f : { f: f.slice(1), v: v === "" || v === undefined ? null : v });
      } else cells.push(f === "" ? null : f);
    });
    grid.push(cells);
  });
  return grid;
}

/**
 * Which rows of a block starting at sheet row `top` grow with the cohort: every row of a growing sheet, or only
 * those of its table with a row per learner when it is known.
 */
function growingRows(s: UsedSheet, top: number): (r: number) => boolean {
  if (!s.grows) return () => false;
  const rows = s.learnerRows;
  return rows ? (r) => top + r >= rows.from && top + r < rows.to : () => true;
}

interface BandedRead {
  readonly rows: number;
  /** Whether row r is planned at DESIGN_ROWS rows (a row of a table with a row per learner). */
  readonly grows: (r: number) => boolean;
  /** Planned response bytes of row r. */
  rowBytes(r: number): number;
  /** Called before every attempt. */
  start(): void;
  queue(from: number, count: number): XRange;
  took(from: number, range: XRange): void;
}

function isTooLarge(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === "ResponsePayloadSizeLimitExceeded" ||
    (typeof e?.message === "string" && /ResponsePayloadSizeLimitExceeded/.test(e.message))
  );
}

/**
 * Reads blocks of rows in requests: every block is cut into the same number of bands (by planned bytes), and
 * request k reads band k of every block. The number of bands is what the blocks would need for a cohort of
 * DESIGN_ROWS learners (those that grow with the cohort scaled alike), so it does not depend on the number of
 * learners up to that.
 */
async function inBands(
  context: XContext,
  budget: number,
  blocks: readonly BandedRead[],
  onRequest?: (planned: number) => void,
): Promise<void> {
  if (blocks.length === 0) return;
  const sizes = blocks.map((b) => Array.from({ length: b.rows }, (_, r) => b.rowBytes(r)));
  // The blocks that grow with the cohort are planned as if the largest (the Learners tab) had DESIGN_ROWS rows.
  const growing = blocks.map((b) => Array.from({ length: b.rows }, (_, r) => b.grows(r)));
  const largest = Math.max(0, ...growing.map((g) => g.filter(Boolean).length));
  const scale = largest > 0 ? Math.max(1, DESIGN_ROWS / largest) : 1;
  const total = sizes.reduce(
    (sum, rowSizes, i) => sum + rowSizes.reduce((a, x, r) => a + (growing[i]?.[r] ? x * scale : x), 0),
    0,
  );
  // Rounded up to a power of two: the estimate for a small cohort scaled up differs a little from a large
  // cohort's (tabs hold different shares of the learners), and should not change the number of requests.
  let bands = 2 ** Math.ceil(Math.log2(Math.max(1, total / (0.9 * budget))));
  for (let attempt = 0; ; attempt++) {
    const cuts = sizes.map((rowSizes) => cutRows(rowSizes, bands));
    try {
      for (const b of blocks) b.start();
      for (let k = 0; k < bands; k++) {
        const pending: { block: BandedRead; from: number; range: XRange }[] = [];
        let planned = 0;
        blocks.forEach((block, i) => {
          const cut = cuts[i] as number[];
          const from = cut[k] as number;
          const to = cut[k + 1] as number;
          if (to <= from) return;
          pending.push({ block, from, range: block.queue(from, to - from) });
          for (let r = from; r < to; r++) planned += (sizes[i] as number[])[r] as number;
        });
        if (pending.length === 0) continue;
        await context.sync();
        onRequest?.(planned);
        for (const { block, from, range } of pending) block.took(from, range);
      }
      return;
    } catch (error) {
      if (!isTooLarge(error) || attempt >= MAX_SPLITS) throw error;
      bands *= 2;
    }
  }
}

/** Row indexes cutting rows into `bands` runs of about equal bytes: bands + 1 numbers from 0 to rows.length. */
function cutRows(sizes: readonly number[], bands: number): number[] {
  const total = sizes.reduce((a, x) => a + x, 0);
  const cuts = [0];
  let sum = 0;
  let k = 1;
  sizes.forEach((size, r) => {
    sum += size;
    while (k < bands && sum >= (total * k) / bands) {
      cuts.push(r + 1);
      k++;
    }
  });
  while (cuts.length <= bands) cuts.push(sizes.length);
  return cuts;
}
