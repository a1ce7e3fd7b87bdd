/**
 * A typed fake of the Excel JavaScript API subset the adapter uses (src/excel/api.ts). Each proxy class
 * `implements` the subset interface, so a member the adapter starts using and the fake lacks fails to compile.
 *
 * It behaves like Office.js where it matters to the adapter:
 * - calls only queue operations; nothing happens until `context.sync()`, which runs the queue in order;
 * - reading a property that was not loaded and synced throws (PropertyNotLoaded), as does `isNullObject` before
 *   a sync;
 * - writing `values` parses text like Excel does: "=..." (and "+x", "-x", "@x") becomes a formula and "12" a
 *   number, unless the cell is formatted as text ("@"); `formulas` written to a text cell stay text;
 *   `null` in a values array leaves the cell unchanged; a 2-D array must match the range's shape;
 * - a protected sheet refuses writes; tables may not overlap; names must be unique; APIs beyond the host's
 *   requirement set fail with ApiNotFound at sync.
 *
 * - a table's header row follows Excel's uniqueness rule: a header cell written blank becomes "ColumnN", one
 *   written equal (ignoring case) to another header of the table gets a numeric suffix ("Outcome2"), checked cell
 *   by cell in row-major order as a write lands, so a block write is not assumed to be atomic; every such
 *   renaming is recorded in `model.headerRenames`;
 * - requests and responses over Excel on the web's 5 MB limit fail (RequestPayloadSizeLimitExceeded,
 *   ResponsePayloadSizeLimitExceeded).
 *
 * - charts live on a sheet by name (Excel does not keep chart names unique: `getItemOrNullObject` returns the
 *   first of that name), each with its type, title, series (name, values range, categories range) and the cells
 *   it covers; a new chart gets one series per column of its source range, named "Series1", ...; charts on a
 *   protected sheet cannot be added or deleted;
 * - a sheet's tab position is its index in `model.sheets`; setting `position` moves it there.
 *
 * It counts syncs, the bytes of every request (UTF-8 JSON of each queued operation: its object path and its
 * arguments) and of every response (UTF-8 JSON of every property loaded), and keeps the resulting grid: values,
 * formulas and number formats per cell, tables anywhere on a sheet, defined names, column widths, validation,
 * conditional formats, protection, freeze panes, page layout. It does not calculate: a formula cell's value
 * reads back as "".
 */
import type {
  XApplication,
  XChangedArgs,
  XChangedEvent,
  XChart,
  XChartCollection,
  XChartSeries,
  XChartSeriesCollection,
  XChartTitle,
  XChartType,
  XConditionalFill,
  XConditionalFont,
  XConditionalFormat,
  XConditionalFormatCollection,
  XConditionalFormatRule,
  XConditionalRangeFormat,
  XContext,
  XCustomConditionalFormat,
  XDataValidation,
  XFreezePanes,
  XNamedItem,
  XNamedItemCollection,
  XHeaderFooter,
  XHeaderFooterGroup,
  XPageLayout,
  XRange,
  XRangeFill,
  XRangeFont,
  XRangeFormat,
  XRangeFormatProtection,
  XRun,
  XTable,
  XTableCollection,
  XWorkbook,
  XWorksheet,
  XWorksheetCollection,
  XWorksheetProtection,
} from "../../src/excel/api";
import { columnIndex } from "../../src/workbook/a1";

type Scalar = string | number | boolean;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

// ------------------------------------------------------------------------------------------------------------
// The model: what the workbook holds.

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface FakeCell {
  value: Scalar;
  formula: string | null;
  format: string;
  locked: boolean;
  wrap: boolean;
  fill?: string;
  font?: string;
  bold?: boolean;
}

export interface FakeConditionalFormat {
  rect: Rect;
  formula: string;
  fill?: string;
  font?: string;
  bold?: boolean;
}

export interface ChartSeriesModel {
  name: string;
  values?: Rect;
  categories?: Rect;
}

export class ChartModel {
  title = "";
  series: ChartSeriesModel[] = [];
  /** The cells the chart covers (setPosition's start cell to its end cell). */
  position: Rect | undefined = undefined;
  constructor(
    public name: string,
    public type: string,
  ) {}
}

export type HeaderFooterSection =
  "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter";

export class SheetModel {
  readonly cells = new Map<string, FakeCell>();
  /** Charts in the order they were added. */
  charts: ChartModel[] = [];
  readonly widths = new Map<number, number>();
  readonly heights = new Map<number, number>();
  readonly validations = new Map<
    string,
    {
      rule: Excel.DataValidationRule;
      alert?: Excel.DataValidationErrorAlert;
      prompt?: Excel.DataValidationPrompt;
    }
  >();
  conditionalFormats: FakeConditionalFormat[] = [];
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protection: { protected: boolean; password?: string; options?: Excel.WorksheetProtectionOptions } = {
    protected: false,
  };
  freeze = { rows: 0, columns: 0 };
  page: {
    orientation: string;
    zoom?: Excel.PageLayoutZoomOptions;
    titleRows?: string;
    titleColumns?: string;
    /** defaultForAllPages: leftHeader, centerHeader, ..., rightFooter, as set. */
    headerFooter: Partial<Record<HeaderFooterSection, string>>;
  } = {
    orientation: "Portrait",
    headerFooter: {},
  };
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  ensure(row: number, col: number): FakeCell {
    const key = `${row},${col}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "", formula: null, format: "General", locked: true, wrap: false };
      this.cells.set(key, cell);
    }
    return cell;
  }
  /** The smallest rectangle holding every cell with a value or formula (and, unless valuesOnly, a format). */
  usedRect(valuesOnly: boolean): Rect | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.cells) {
      const used =
        cell.formula !== null ||
        cell.value !== "" ||
        (!valuesOnly && (cell.format !== "General" || cell.fill !== undefined || !cell.locked));
      if (!used) continue;
      const [row, col] = key.split(",").map(Number) as [number, number];
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    if (bottom < 0) return undefined;
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** The value as read back (formulas are not calculated: ""). */
  valueAt(row: number, col: number): Scalar {
    const cell = this.cell(row, col);
    return cell === undefined || cell.formula !== null ? "" : cell.value;
  }
}

export class TableModel {
  style = "TableStyleMedium2";
  showBandedRows = true;
  constructor(
    public name: string,
    public sheet: SheetModel,
    public rect: Rect,
  ) {}
  headers(): string[] {
    return Array.from({ length: this.rect.cols }, (_, c) =>
      String(this.sheet.valueAt(this.rect.row, this.rect.col + c)),
    );
  }
}

/** Excel on the web refuses a request or a response of 5 MB or more. */
export const PAYLOAD_LIMIT = 5_000_000;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [new SheetModel("Sheet1")];
  /** The active tab's name, as the last Worksheet.activate left it; null before. */
  active: string | null = null;
  /** The cells selected, as the last Range.select left them; null before. */
  selection: { readonly sheet: string; readonly rect: Rect } | null = null;
  readonly tables: TableModel[] = [];
  /** Workbook-scoped defined names. */
  readonly names: string[] = [];
  /** Header cells Excel renamed to keep a table's headers unique ("Outcome" → "Outcome2", "" → "Column3"). */
  readonly headerRenames: { table: string; from: string; to: string }[] = [];
  calculations: string[] = [];
  suspensions = 0;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /**
   * Excel's rule for a table's header cell at (row, col) just written: blank becomes "ColumnN", a duplicate of
   * another header of the same table (ignoring case) gets the smallest numeric suffix that makes it unique.
   */
  uniqueHeader(sheet: SheetModel, row: number, col: number): void {
    const table = this.tables.find(
      (t) => t.sheet === sheet && t.rect.row === row && col >= t.rect.col && col < t.rect.col + t.rect.cols,
    );
    if (!table) return;
    const others = new Set<string>();
    for (let c = table.rect.col; c < table.rect.col + table.rect.cols; c++)
      if (c !== col) others.add(String(sheet.valueAt(row, c)).toLowerCase());
    const cell = sheet.ensure(row, col);
    const from = cell.formula === null ? String(cell.value) : "";
    let to = from;
    if (to.trim() === "") {
      let n = col - table.rect.col + 1;
      while (others.has(`column${n}`)) n++;
      to = `Column${n}`;
    } else if (others.has(to.toLowerCase())) {
      let n = 2;
      while (others.has(`${from}${n}`.toLowerCase())) n++;
      to = `${from}${n}`;
    }
    if (to !== from || cell.formula !== null) {
      cell.value = to;
      cell.formula = null;
      this.headerRenames.push({ table: table.name, from, to });
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// Addresses.

export function parseAddress(address: string): Rect {
  const part = (a: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
    if (!m) throw new FakeExcelError("InvalidArgument", `Bad address ${address}`);
    return { col: columnIndex(m[1]), row: Number(m[2]) - 1 };
  };
  const [a, b] = address.split(":");
  const start = part(a);
  const end = b === undefined ? start : part(b);
  return { row: start.row, col: start.col, rows: end.row - start.row + 1, cols: end.col - start.col + 1 };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

function* cellsOf(rect: Rect): Generator<[number, number, number, number]> {
  for (let r = 0; r < rect.rows; r++)
    for (let c = 0; c < rect.cols; c++) yield [rect.row + r, rect.col + c, r, c];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A typed constant, as Excel reads it into a cell that is not formatted as text. */
function typeIn(cell: FakeCell, text: string): void {
  if (/^[=+\-@]/.test(text) && !NUMBER.test(text)) {
    cell.formula = text.startsWith("=") ? text : `=${text}`;
    cell.value = "";
  } else if (text.startsWith("'")) {
    cell.value = text.slice(1);
    cell.formula = null;
  } else if (NUMBER.test(text.trim())) {
    cell.value = Number(text);
    cell.formula = null;
  } else if (/^(true|false)$/i.test(text)) {
    cell.value = text.toLowerCase() === "true";
    cell.formula = null;
  } else {
    cell.value = text;
    cell.formula = null;
  }
}

/**
 * Excel's copy semantics for a formula moved by (rows, cols): relative references move, "$" parts stay.
 * Written independently of the adapter's own shifting (src/excel/formula.ts) so the two check each other.
 */
export function moveFormula(formula: string, rows: number, cols: number): string {
  // Split into string literals / quoted sheet names (kept) and code (references moved).
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![0-9A-Za-z_(.])/g,
            (_m, before: string, ca: string, col: string, ra: string, row: string) => {
              const c = ca ? col : letters(columnIndex(col) + cols);
              const r = ra ? row : String(Number(row) + rows);
              return `${before}${ca}${c}${ra}${r}`;
            },
          ),
    )
    .join("");
}

function letters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------------
// The request context: a queue run on sync.

interface Operation {
  readonly bytes: number;
  readonly requirement?: string;
  readonly run: () => void;
}

export interface RequestRecord {
  /** UTF-8 bytes of the request: every queued operation's JSON. */
  readonly bytes: number;
  /** UTF-8 bytes of the response: the JSON of every property loaded. */
  responseBytes: number;
  readonly operations: number;
}

export class FakeExcel {
  readonly model = new WorkbookModel();
  readonly requests: RequestRecord[] = [];
  /** Every method or property the adapter used, by name ("Range.values", "Table.resize"). */
  readonly used = new Set<string>();
  /** Handlers of WorksheetCollection.onChanged, kept after the batch that added them, as Excel keeps them. */
  readonly changeHandlers: ((args: XChangedArgs) => Promise<void>)[] = [];
  constructor(public readonly apiVersion = "1.13") {}

  /** Tells every onChanged handler of a change: typed here ("Local", also what an add-in writes) or by a co-author. */
  async emitChanged(source: "Local" | "Remote"): Promise<void> {
    for (const handler of this.changeHandlers) await handler({ source });
  }

  get syncs(): number {
    return this.requests.length;
  }
  get largestRequest(): number {
    return Math.max(0, ...this.requests.map((r) => r.bytes));
  }
  get largestResponse(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes));
  }
  /**
   * Faults to inject: called when an operation runs; a message makes the operation fail (InvalidArgument), as
   * a host that does not accept a value would.
   */
  refuse: ((member: string, args: unknown) => string | undefined) | undefined = undefined;

  isSetSupported = (name: string, minVersion?: string): boolean => {
    if (name !== "ExcelApi") return false;
    return minVersion === undefined || compareVersions(this.apiVersion, minVersion) >= 0;
  };

  run: XRun = async <T>(batch: (context: XContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context);
    await context.sync();
    return result;
  };

  /** Installs `Excel.run` and `Office.context.requirements.isSetSupported` as globals. */
  install(): () => void {
    const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run };
    g.Office = { context: { requirements: { isSetSupported: this.isSetSupported } } };
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }
}

function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || (a2 ?? 0) - (b2 ?? 0);
}

export class FakeContext implements XContext {
  private queue: Operation[] = [];
  readonly workbook: FakeWorkbook;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  private current: RequestRecord | undefined;

  enqueue(path: string, member: string, args: unknown, run: () => void, requirement?: string): void {
    this.excel.used.add(member);
    // Bytes as sent (UTF-8), not characters: Excel on the web's request limit counts bytes.
    const bytes = Buffer.byteLength(JSON.stringify({ path, member, args: args ?? null }), "utf8");
    const checked = () => {
      const refused = this.excel.refuse?.(member, args);
      if (refused) throw new FakeExcelError("InvalidArgument", refused);
      run();
    };
    this.queue.push({ bytes, run: checked, ...(requirement ? { requirement } : {}) });
  }

  /** Counts a loaded value into the response of the request being run. */
  respond(value: unknown): void {
    if (this.current) this.current.responseBytes += Buffer.byteLength(JSON.stringify(value ?? null), "utf8");
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    const record: RequestRecord = {
      bytes: queue.reduce((s, o) => s + o.bytes, 0),
      responseBytes: 0,
      operations: queue.length,
    };
    this.excel.requests.push(record);
    if (record.bytes >= PAYLOAD_LIMIT)
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `The request has ${record.bytes} bytes.`);
    this.current = record;
    try {
      for (const op of queue) {
        if (op.requirement && !this.excel.isSetSupported("ExcelApi", op.requirement))
          throw new FakeExcelError("ApiNotFound", `The API needs ExcelApi ${op.requirement}.`);
        op.run();
      }
    } finally {
      this.current = undefined;
    }
    if (record.responseBytes >= PAYLOAD_LIMIT)
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response has ${record.responseBytes} bytes.`,
      );
  }
}

/** Every proxy: an object path, a target resolved when its creating operation runs, loaded properties. */
abstract class Proxy<T> {
  private target: T | undefined;
  private resolvedNull = false;
  private nullKnown = false;
  protected readonly loaded = new Map<string, unknown>();
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
  ) {}

  protected bind(value: T | undefined, nullable = false): void {
    if (value === undefined && !nullable)
      throw new FakeExcelError("ItemNotFound", `${this.path} does not exist.`);
    this.target = value;
    this.resolvedNull = value === undefined;
    this.nullKnown = true;
  }
  protected get t(): T {
    if (this.resolvedNull) throw new FakeExcelError("ItemNotFound", `${this.path} is a null object.`);
    if (this.target === undefined)
      throw new Error(`Fake: ${this.path} used before its creating operation ran`);
    return this.target;
  }
  protected get sheetModel(): SheetModel | undefined {
    return undefined;
  }
  get isNullObject(): boolean {
    if (!this.nullKnown) throw notLoaded("isNullObject", this.path);
    return this.resolvedNull;
  }
  protected read<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(name, this.path);
    return this.loaded.get(name) as V;
  }
  /** Queues a write; a protected sheet refuses it. */
  protected write(member: string, args: unknown, run: (target: T) => void, requirement?: string): void {
    this.ctx.enqueue(
      this.path,
      member,
      args,
      () => {
        const sheet = this.sheetModel;
        if (sheet?.protection.protected)
          throw new FakeExcelError("AccessDenied", `${sheet.name} is protected.`);
        run(this.t);
      },
      requirement,
    );
  }
  protected queueLoad(names: string, snapshot: (target: T, name: string) => unknown): void {
    const list = names.split(",").map((n) => n.trim());
    this.ctx.enqueue(this.path, "load", list, () => {
      // A null object loads nothing (its isNullObject says so).
      if (this.resolvedNull) return;
      for (const name of list) {
        const value = snapshot(this.t, name);
        this.loaded.set(name, value);
        this.ctx.respond({ [name]: value });
      }
    });
  }
  /** For creators: queues the creating operation of a child proxy. */
  static create<P extends Proxy<V>, V>(
    child: P,
    member: string,
    args: unknown,
    resolve: () => V | undefined,
    nullable = false,
  ): P {
    child.ctx.enqueue(child.path, member, args, () => child.bind(resolve(), nullable));
    return child;
  }
}

function notLoaded(name: string, path: string): Error {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${name}' of ${path} is not available. Call load() and context.sync() before reading it.`,
  );
}

// ------------------------------------------------------------------------------------------------------------
// Workbook, application, collections.

class FakeApplication implements XApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(
      "application",
      "Application.suspendApiCalculationUntilNextSync",
      null,
      () => {
        this.ctx.excel.model.suspensions += 1;
      },
      "1.6",
    );
  }
  calculate(calculationType: "Recalculate" | "Full"): void {
    this.ctx.enqueue("application", "Application.calculate", calculationType, () => {
      this.ctx.excel.model.calculations.push(calculationType);
    });
  }
}

class FakeNamedItemCollection implements XNamedItemCollection {
  private loadedItems: XNamedItem[] | undefined;
  constructor(private readonly ctx: FakeContext) {}
  get items(): XNamedItem[] {
    if (!this.loadedItems) throw notLoaded("items", "names");
    return this.loadedItems;
  }
  load(propertyNames: string): FakeNamedItemCollection {
    this.ctx.enqueue("names", "NamedItemCollection.load", propertyNames, () => {
      this.loadedItems = this.ctx.excel.model.names.map((name) => ({ name }));
      this.ctx.respond(this.loadedItems);
    });
    return this;
  }
}

class FakeWorkbook implements XWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, "workbook.tables", () => undefined);
    this.names = new FakeNamedItemCollection(ctx);
    this.application = new FakeApplication(ctx);
  }
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

class FakeWorksheetCollection implements XWorksheetCollection {
  private loadedItems: FakeWorksheet[] | undefined;
  constructor(private readonly ctx: FakeContext) {}
  /** Excel keeps the handler once the batch that added it syncs (ExcelApi 1.9). */
  get onChanged(): XChangedEvent {
    return {
      add: (handler) => {
        this.ctx.excel.used.add("WorksheetCollection.onChanged");
        this.ctx.enqueue(
          "worksheets",
          "WorksheetCollection.onChanged.add",
          "",
          () => this.ctx.excel.changeHandlers.push(handler),
          "1.9",
        );
        return undefined;
      },
    };
  }
  private get model(): WorkbookModel {
    return this.ctx.excel.model;
  }
  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw notLoaded("items", "worksheets");
    return this.loadedItems;
  }
  add(name: string): FakeWorksheet {
    const path = `worksheets.add(${JSON.stringify(name)})`;
    return Proxy.create(new FakeWorksheet(this.ctx, path), "WorksheetCollection.add", name, () => {
      if (name.length > 31 || name.length === 0 || SHEET_NAME_FORBIDDEN.test(name))
        throw new FakeExcelError("InvalidArgument", `Bad sheet name ${name}`);
      if (this.model.sheet(name)) throw new FakeExcelError("ItemAlreadyExists", `Sheet ${name} exists`);
      const sheet = new SheetModel(name);
      this.model.sheets.push(sheet);
      return sheet;
    });
  }
  getItem(key: string): FakeWorksheet {
    const path = `worksheets.getItem(${JSON.stringify(key)})`;
    return Proxy.create(new FakeWorksheet(this.ctx, path), "WorksheetCollection.getItem", key, () =>
      this.model.sheet(key),
    );
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    const path = `worksheets.getItemOrNullObject(${JSON.stringify(key)})`;
    return Proxy.create(
      new FakeWorksheet(this.ctx, path),
      "WorksheetCollection.getItemOrNullObject",
      key,
      () => this.model.sheet(key),
      true,
    );
  }
  load(propertyNames: string): FakeWorksheetCollection {
    const names = propertyNames.split(",").map((n) => n.trim().replace(/^items\//, ""));
    this.ctx.enqueue("worksheets", "WorksheetCollection.load", propertyNames, () => {
      this.loadedItems = this.model.sheets.map((s, i) =>
        FakeWorksheet.loadedFrom(this.ctx, `worksheets[${i}]`, s, names),
      );
    });
    return this;
  }
}

class FakeTableCollection implements XTableCollection {
  private loadedItems: FakeTable[] | undefined;
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly sheet: () => SheetModel | undefined,
  ) {}
  private get model(): WorkbookModel {
    return this.ctx.excel.model;
  }
  get items(): FakeTable[] {
    if (!this.loadedItems) throw notLoaded("items", this.path);
    return this.loadedItems;
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    const path = `${this.path}.add(${JSON.stringify(address)})`;
    return Proxy.create(new FakeTable(this.ctx, path), "TableCollection.add", [address, hasHeaders], () => {
      const sheet = this.sheet();
      if (!sheet) throw new FakeExcelError("InvalidArgument", "Fake: add tables through a worksheet");
      if (sheet.protection.protected) throw new FakeExcelError("AccessDenied", `${sheet.name} is protected.`);
      if (!hasHeaders)
        throw new FakeExcelError("InvalidArgument", "Fake: tables without headers are not modelled");
      const rect = parseAddress(address);
      if (rect.rows < 2)
        throw new FakeExcelError("InvalidArgument", "A table needs a header and a data row.");
      if (this.model.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect)))
        throw new FakeExcelError("InvalidArgument", "A table cannot overlap another table.");
      let n = this.model.tables.length + 1;
      while (this.model.table(`Table${n}`)) n++;
      const table = new TableModel(`Table${n}`, sheet, rect);
      this.model.tables.push(table);
      for (let c = rect.col; c < rect.col + rect.cols; c++) this.model.uniqueHeader(sheet, rect.row, c);
      return table;
    });
  }
  getItemOrNullObject(key: string): FakeTable {
    const path = `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`;
    return Proxy.create(
      new FakeTable(this.ctx, path),
      "TableCollection.getItemOrNullObject",
      key,
      () => {
        const table = this.model.table(key);
        const sheet = this.sheet();
        return table && (!sheet || table.sheet === sheet) ? table : undefined;
      },
      true,
    );
  }
  load(propertyNames: string): FakeTableCollection {
    const names = propertyNames.split(",").map((n) => n.trim().replace(/^items\//, ""));
    this.ctx.enqueue(this.path, "TableCollection.load", propertyNames, () => {
      const sheet = this.sheet();
      const tables = this.model.tables.filter((t) => !sheet || t.sheet === sheet);
      this.loadedItems = tables.map((t, i) => FakeTable.loadedFrom(this.ctx, `${this.path}[${i}]`, t, names));
    });
    return this;
  }
}

// ------------------------------------------------------------------------------------------------------------
// Worksheet and its parts.

class FakeWorksheet extends Proxy<SheetModel> implements XWorksheet {
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  constructor(ctx: FakeContext, path: string) {
    super(ctx, path);
    this.charts = new FakeChartCollection(ctx, `${path}.charts`, () => this.t);
    this.protection = new FakeWorksheetProtection(ctx, `${path}.protection`, () => this.t);
    this.freezePanes = new FakeFreezePanes(ctx, `${path}.freezePanes`, () => this.t);
    this.pageLayout = new FakePageLayout(ctx, `${path}.pageLayout`, () => this.t);
    this.tables = new FakeTableCollection(ctx, `${path}.tables`, () => this.t);
  }
  static loadedFrom(ctx: FakeContext, path: string, sheet: SheetModel, names: string[]): FakeWorksheet {
    const ws = new FakeWorksheet(ctx, path);
    ws.bind(sheet);
    for (const n of names) {
      const value = ws.snapshot(sheet, n);
      ws.loaded.set(n, value);
      ctx.respond({ [n]: value });
    }
    return ws;
  }
  private snapshot(sheet: SheetModel, name: string): unknown {
    if (name === "name") return sheet.name;
    if (name === "visibility") return sheet.visibility;
    if (name === "position") return this.ctx.excel.model.sheets.indexOf(sheet);
    throw new FakeExcelError("InvalidArgument", `Fake: Worksheet.${name} is not modelled`);
  }
  protected override get sheetModel(): SheetModel | undefined {
    return undefined; // renaming and hiding are allowed on protected sheets
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("Worksheet.name", value, (sheet) => {
      const other = this.ctx.excel.model.sheet(value);
      if (other && other !== sheet) throw new FakeExcelError("ItemAlreadyExists", `Sheet ${value} exists`);
      if (value.length > 31 || SHEET_NAME_FORBIDDEN.test(value))
        throw new FakeExcelError("InvalidArgument", `Bad sheet name ${value}`);
      sheet.name = value;
    });
  }
  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this.read("visibility");
  }
  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    this.write("Worksheet.position", value, (sheet) => {
      const sheets = this.ctx.excel.model.sheets;
      if (!Number.isInteger(value) || value < 0 || value >= sheets.length)
        throw new FakeExcelError("InvalidArgument", `Bad sheet position ${value}`);
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(value, 0, sheet);
    });
  }
  set visibility(value: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden") {
    this.write("Worksheet.visibility", value, (sheet) => {
      const visible = this.ctx.excel.model.sheets.filter((s) => s.visibility === "Visible" && s !== sheet);
      if (value !== "Visible" && visible.length === 0)
        throw new FakeExcelError("InvalidOperation", "A workbook must keep one visible sheet.");
      sheet.visibility = value as SheetModel["visibility"];
    });
  }
  /** Makes the sheet the active tab (ExcelApi 1.1), allowed on a protected sheet. */
  activate(): void {
    this.ctx.enqueue(this.path, "Worksheet.activate", null, () => {
      this.ctx.excel.model.active = this.t.name;
    });
  }
  getRange(address: string): FakeRange {
    return FakeRange.on(
      this.ctx,
      this,
      `getRange(${JSON.stringify(address)})`,
      "Worksheet.getRange",
      address,
      () => parseAddress(address),
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const args = [startRow, startColumn, rowCount, columnCount];
    return FakeRange.on(
      this.ctx,
      this,
      `getRangeByIndexes(${args.join(",")})`,
      "Worksheet.getRangeByIndexes",
      args,
      () => ({ row: startRow, col: startColumn, rows: rowCount, cols: columnCount }),
      "1.7",
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const range = new FakeRange(this.ctx, `${this.path}.getUsedRangeOrNullObject(${String(valuesOnly)})`);
    this.ctx.enqueue(
      range.path,
      "Worksheet.getUsedRangeOrNullObject",
      valuesOnly ?? false,
      () => {
        const sheet = this.modelNow();
        const rect = sheet.usedRect(valuesOnly ?? false);
        range.bindTo(rect ? { sheet, rect } : undefined);
      },
      "1.4",
    );
    return range;
  }
  load(propertyNames: string): FakeWorksheet {
    this.queueLoad(propertyNames, (sheet, n) => this.snapshot(sheet, n));
    return this;
  }
  /** The model, for ranges created from this sheet. */
  modelNow(): SheetModel {
    return this.t;
  }
}

class FakeWorksheetProtection implements XWorksheetProtection {
  private loaded: boolean | undefined;
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly sheet: () => SheetModel,
  ) {}
  get protected(): boolean {
    if (this.loaded === undefined) throw notLoaded("protected", this.path);
    return this.loaded;
  }
  load(propertyNames: string): FakeWorksheetProtection {
    if (propertyNames.trim() !== "protected")
      throw new Error(`Fake: protection.${propertyNames} is not modelled`);
    this.ctx.enqueue(this.path, "WorksheetProtection.load", propertyNames, () => {
      this.loaded = this.sheet().protection.protected;
    });
    return this;
  }
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetProtection.protect",
      [options, password],
      () => {
        const sheet = this.sheet();
        if (sheet.protection.protected)
          throw new FakeExcelError("InvalidOperation", `${sheet.name} is already protected.`);
        sheet.protection = {
          protected: true,
          ...(password ? { password } : {}),
          ...(options ? { options } : {}),
        };
      },
      password ? "1.7" : "1.2",
    );
  }
  unprotect(password?: string): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetProtection.unprotect",
      password,
      () => {
        const sheet = this.sheet();
        if (!sheet.protection.protected) return;
        if ((sheet.protection.password ?? "") !== (password ?? ""))
          throw new FakeExcelError("InvalidPassword", `The password for ${sheet.name} is not correct.`);
        sheet.protection = { protected: false };
      },
      "1.7",
    );
  }
}

class FakeFreezePanes implements XFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly sheet: () => SheetModel,
  ) {}
  freezeAt(frozenRange: string): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetFreezePanes.freezeAt",
      frozenRange,
      () => {
        const r = parseAddress(frozenRange);
        if (r.row !== 0 || r.col !== 0)
          throw new FakeExcelError("InvalidArgument", "Fake: freeze from A1 only");
        this.sheet().freeze = { rows: r.rows, columns: r.cols };
      },
      "1.7",
    );
  }
  freezeRows(count?: number): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetFreezePanes.freezeRows",
      count,
      () => {
        this.sheet().freeze = { rows: count ?? 1, columns: 0 };
      },
      "1.7",
    );
  }
  freezeColumns(count?: number): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetFreezePanes.freezeColumns",
      count,
      () => {
        this.sheet().freeze = { rows: 0, columns: count ?? 1 };
      },
      "1.7",
    );
  }
  unfreeze(): void {
    this.ctx.enqueue(
      this.path,
      "WorksheetFreezePanes.unfreeze",
      null,
      () => {
        this.sheet().freeze = { rows: 0, columns: 0 };
      },
      "1.7",
    );
  }
}

class FakePageLayout implements XPageLayout {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly sheet: () => SheetModel,
  ) {}
  get orientation(): "Portrait" | "Landscape" {
    throw notLoaded("orientation", this.path);
  }
  set orientation(value: Excel.PageOrientation | "Portrait" | "Landscape") {
    this.ctx.enqueue(
      this.path,
      "PageLayout.orientation",
      value,
      () => (this.sheet().page.orientation = value),
      "1.9",
    );
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    throw notLoaded("zoom", this.path);
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.ctx.enqueue(this.path, "PageLayout.zoom", value, () => (this.sheet().page.zoom = value), "1.9");
  }
  setPrintTitleRows(printTitleRows: string): void {
    this.ctx.enqueue(
      this.path,
      "PageLayout.setPrintTitleRows",
      printTitleRows,
      () => {
        this.sheet().page.titleRows = printTitleRows;
      },
      "1.9",
    );
  }
  setPrintTitleColumns(printTitleColumns: string): void {
    this.ctx.enqueue(
      this.path,
      "PageLayout.setPrintTitleColumns",
      printTitleColumns,
      () => {
        if (!/^\$[A-Z]{1,3}:\$[A-Z]{1,3}$/.test(printTitleColumns))
          throw new FakeExcelError("InvalidArgument", `not whole columns: ${printTitleColumns}`);
        this.sheet().page.titleColumns = printTitleColumns;
      },
      "1.9",
    );
  }
  get headersFooters(): XHeaderFooterGroup {
    const sections: HeaderFooterSection[] = [
      "leftHeader",
      "centerHeader",
      "rightHeader",
      "leftFooter",
      "centerFooter",
      "rightFooter",
    ];
    const page = {} as XHeaderFooter;
    for (const name of sections)
      Object.defineProperty(page, name, {
        get: () => {
          throw notLoaded(name, `${this.path}.headersFooters.defaultForAllPages`);
        },
        set: (value: string) =>
          this.ctx.enqueue(
            `${this.path}.headersFooters.defaultForAllPages`,
            `HeaderFooter.${name}`,
            value,
            () => {
              // Excel refuses a section longer than 255 characters.
              if (value.length > 255)
                throw new FakeExcelError("InvalidArgument", `${name} is longer than 255 characters`);
              this.sheet().page.headerFooter[name] = value;
            },
            "1.9",
          ),
      });
    return { defaultForAllPages: page };
  }
}

// ------------------------------------------------------------------------------------------------------------
// Tables.

class FakeTable extends Proxy<TableModel> implements XTable {
  static loadedFrom(ctx: FakeContext, path: string, table: TableModel, names: string[]): FakeTable {
    const t = new FakeTable(ctx, path);
    t.bind(table);
    for (const n of names) {
      if (n === "worksheet/name") {
        t.worksheetLoaded = FakeWorksheet.loadedFrom(ctx, `${path}.worksheet`, table.sheet, ["name"]);
      } else {
        const value = t.snapshot(table, n);
        t.loaded.set(n, value);
        ctx.respond({ [n]: value });
      }
    }
    return t;
  }
  private worksheetLoaded: FakeWorksheet | undefined;
  private snapshot(table: TableModel, name: string): unknown {
    if (name === "name") return table.name;
    throw new FakeExcelError("InvalidArgument", `Fake: Table.${name} is not modelled`);
  }
  protected override get sheetModel(): SheetModel | undefined {
    return this.t.sheet;
  }
  get worksheet(): FakeWorksheet {
    if (this.worksheetLoaded) return this.worksheetLoaded;
    const ws = new FakeWorksheet(this.ctx, `${this.path}.worksheet`);
    return Proxy.create(ws, "Table.worksheet", null, () => this.t.sheet);
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("Table.name", value, (table) => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value) || value.length > 255)
        throw new FakeExcelError("InvalidArgument", `Bad table name ${value}`);
      const other = this.ctx.excel.model.table(value);
      if (other && other !== table) throw new FakeExcelError("InvalidArgument", `Table ${value} exists`);
      table.name = value;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.write("Table.style", value, (table) => (table.style = value));
  }
  get showBandedRows(): boolean {
    return this.read("showBandedRows");
  }
  set showBandedRows(value: boolean) {
    this.write("Table.showBandedRows", value, (table) => (table.showBandedRows = value));
  }
  private range(member: string, pick: (t: TableModel) => Rect): FakeRange {
    return FakeRange.of(this.ctx, `${this.path}.${member}()`, `Table.${member}`, null, () => {
      const t = this.t;
      return { sheet: t.sheet, rect: pick(t) };
    });
  }
  getRange(): FakeRange {
    return this.range("getRange", (t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.range("getHeaderRowRange", (t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.range("getDataBodyRange", (t) => ({ ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 }));
  }
  resize(newRange: string): void {
    this.write(
      "Table.resize",
      newRange,
      (table) => {
        const rect = parseAddress(newRange);
        if (rect.row !== table.rect.row || rect.col !== table.rect.col || rect.rows < 2)
          throw new FakeExcelError(
            "InvalidArgument",
            "The new range must overlap the table and keep its header row.",
          );
        if (
          this.ctx.excel.model.tables.some(
            (t) => t !== table && t.sheet === table.sheet && overlaps(t.rect, rect),
          )
        )
          throw new FakeExcelError("InvalidArgument", "A table cannot overlap another table.");
        const before = table.rect;
        table.rect = rect;
        // Header cells the table takes in are named as Excel names them.
        for (let c = rect.col; c < rect.col + rect.cols; c++)
          if (c < before.col || c >= before.col + before.cols)
            this.ctx.excel.model.uniqueHeader(table.sheet, rect.row, c);
      },
      "1.13",
    );
  }
  convertToRange(): FakeRange {
    const range = FakeRange.of(
      this.ctx,
      `${this.path}.convertToRange()`,
      "Table.convertToRange",
      null,
      () => {
        const t = this.t;
        const tables = this.ctx.excel.model.tables;
        if (t.sheet.protection.protected)
          throw new FakeExcelError("AccessDenied", `${t.sheet.name} is protected.`);
        tables.splice(tables.indexOf(t), 1);
        return { sheet: t.sheet, rect: t.rect };
      },
    );
    return range;
  }
  load(propertyNames: string): FakeTable {
    this.queueLoad(propertyNames, (t, n) => this.snapshot(t, n));
    return this;
  }
}

// ------------------------------------------------------------------------------------------------------------
// Ranges.

interface RangeTarget {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

class FakeRange extends Proxy<RangeTarget> implements XRange {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(ctx: FakeContext, path: string) {
    super(ctx, path);
    const target = () => this.t;
    const write = (member: string, args: unknown, run: (t: RangeTarget) => void, requirement?: string) =>
      this.write(member, args, run, requirement);
    this.format = new FakeRangeFormat(write);
    this.dataValidation = new FakeDataValidation(write);
    this.conditionalFormats = new FakeConditionalFormatCollection(
      ctx,
      `${path}.conditionalFormats`,
      write,
      target,
    );
  }
  static on(
    ctx: FakeContext,
    sheet: FakeWorksheet,
    member: string,
    name: string,
    args: unknown,
    rect: () => Rect,
    requirement?: string,
  ): FakeRange {
    const range = new FakeRange(ctx, `${sheet.path}.${member}`);
    ctx.enqueue(
      range.path,
      name,
      args,
      () => range.bind({ sheet: sheet.modelNow(), rect: rect() }),
      requirement,
    );
    return range;
  }
  static of(
    ctx: FakeContext,
    path: string,
    name: string,
    args: unknown,
    target: () => RangeTarget,
  ): FakeRange {
    return Proxy.create(new FakeRange(ctx, path), name, args, target);
  }
  /** Selects the range (ExcelApi 1.1); its sheet must be the active one, as in Excel. */
  select(): void {
    this.ctx.enqueue(this.path, "Range.select", null, () => {
      const { sheet, rect } = this.t;
      if (this.ctx.excel.model.active !== sheet.name)
        throw new FakeExcelError("InvalidSelection", `${sheet.name} is not the active sheet.`);
      this.ctx.excel.model.selection = { sheet: sheet.name, rect };
    });
  }
  protected override get sheetModel(): SheetModel | undefined {
    return this.t.sheet;
  }
  /** What the range is, once its creating operation ran (for chart series set from it). */
  targetNow(): RangeTarget {
    return this.t;
  }
  /** Binds a range created by a method that may return a null object. */
  bindTo(target: RangeTarget | undefined): void {
    this.bind(target, true);
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  private shaped(member: string, data: unknown[][], each: (cell: FakeCell, value: unknown) => void): void {
    this.write(`Range.${member}`, data, ({ sheet, rect }) => {
      if (
        !Array.isArray(data) ||
        data.length !== rect.rows ||
        data.some((r) => !Array.isArray(r) || r.length !== rect.cols)
      )
        throw new FakeExcelError("InvalidArgument", `The ${member} array does not match the range's size.`);
      const model = this.ctx.excel.model;
      for (const [row, col, r, c] of cellsOf(rect)) {
        const value = data[r][c];
        if (value === null || value === undefined) continue;
        each(sheet.ensure(row, col), value);
        if (member !== "numberFormat") model.uniqueHeader(sheet, row, col);
      }
    });
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(data: unknown[][]) {
    this.shaped("values", data, (cell, value) => {
      if (typeof value === "string") {
        if (cell.format === "@") {
          cell.value = value;
          cell.formula = null;
        } else typeIn(cell, value);
      } else {
        cell.value = value as Scalar;
        cell.formula = null;
      }
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(data: unknown[][]) {
    this.shaped("formulas", data, (cell, value) => {
      if (typeof value === "string" && value.startsWith("=") && cell.format !== "@") {
        cell.formula = value;
        cell.value = "";
      } else if (typeof value === "string") {
        if (cell.format === "@") {
          cell.value = value;
          cell.formula = null;
        } else typeIn(cell, value);
      } else {
        cell.value = value as Scalar;
        cell.formula = null;
      }
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: unknown[][]) {
    this.shaped("numberFormat", data, (cell, value) => (cell.format = String(value)));
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  clear(applyTo: "All" | "Contents" | "Formats"): void {
    this.write("Range.clear", applyTo, ({ sheet, rect }) => {
      for (const [row, col] of cellsOf(rect)) {
        const cell = sheet.cell(row, col);
        if (!cell) continue;
        if (applyTo !== "Formats") {
          cell.value = "";
          cell.formula = null;
        }
        if (applyTo !== "Contents") {
          Object.assign(cell, { format: "General", locked: true, wrap: false });
          delete cell.fill;
          delete cell.font;
          delete cell.bold;
        }
        if (applyTo === "All") sheet.validations.delete(`${row},${col}`);
        if (applyTo !== "Formats") this.ctx.excel.model.uniqueHeader(sheet, row, col);
      }
    });
  }
  autoFill(destinationRange: string, autoFillType: "FillCopy"): void {
    this.write(
      "Range.autoFill",
      [destinationRange, autoFillType],
      ({ sheet, rect }) => {
        const to = parseAddress(destinationRange);
        const vertical =
          to.col === rect.col && to.cols === rect.cols && to.row === rect.row && to.rows >= rect.rows;
        const horizontal =
          to.row === rect.row && to.rows === rect.rows && to.col === rect.col && to.cols >= rect.cols;
        if (!vertical && !horizontal)
          throw new FakeExcelError(
            "InvalidArgument",
            "The destination must extend the source down or right.",
          );
        for (const [row, col, r, c] of cellsOf(to)) {
          const sr = rect.row + (r % rect.rows);
          const sc = rect.col + (c % rect.cols);
          if (sr === row && sc === col) continue;
          const source = sheet.ensure(sr, sc);
          const target = sheet.ensure(row, col);
          target.format = source.format;
          target.value = source.value;
          target.formula = source.formula === null ? null : moveFormula(source.formula, row - sr, col - sc);
          this.ctx.excel.model.uniqueHeader(sheet, row, col);
        }
      },
      "1.9",
    );
  }
  load(propertyNames: string): FakeRange {
    this.queueLoad(propertyNames, ({ sheet, rect }, name) => {
      switch (name) {
        case "values":
          return Array.from({ length: rect.rows }, (_, r) =>
            Array.from({ length: rect.cols }, (_, c) => sheet.valueAt(rect.row + r, rect.col + c)),
          );
        case "formulas":
          return Array.from({ length: rect.rows }, (_, r) =>
            Array.from({ length: rect.cols }, (_, c) => {
              const cell = sheet.cell(rect.row + r, rect.col + c);
              return cell?.formula ?? cell?.value ?? "";
            }),
          );
        case "numberFormat":
          return Array.from({ length: rect.rows }, (_, r) =>
            Array.from(
              { length: rect.cols },
              (_, c) => sheet.cell(rect.row + r, rect.col + c)?.format ?? "General",
            ),
          );
        case "address": {
          const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name)
            ? sheet.name
            : `'${sheet.name.replace(/'/g, "''")}'`;
          const from = `${letters(rect.col)}${rect.row + 1}`;
          const to = `${letters(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
          return `${name}!${from === to ? from : `${from}:${to}`}`;
        }
        case "rowIndex":
          return rect.row;
        case "columnIndex":
          return rect.col;
        case "rowCount":
          return rect.rows;
        case "columnCount":
          return rect.cols;
        default:
          throw new FakeExcelError("InvalidArgument", `Fake: Range.${name} is not modelled`);
      }
    });
    return this;
  }
}

type Write = (member: string, args: unknown, run: (t: RangeTarget) => void, requirement?: string) => void;

/**
 * A cell format property: setting it queues a write that paints every cell of the range; reading it fails, as
 * reading an unloaded property does in Office.js.
 */
function cellFormat<T>(
  w: Write,
  member: string,
  path: string,
  name: string,
  paint: (cell: FakeCell, value: T) => void,
): PropertyDescriptor {
  return {
    enumerable: true,
    get(): T {
      throw notLoaded(name, path);
    },
    set(value: T) {
      w(member, value, ({ sheet, rect }) => {
        for (const [row, col] of cellsOf(rect)) paint(sheet.ensure(row, col), value);
      });
    },
  };
}

class FakeRangeFormat implements XRangeFormat {
  readonly protection: XRangeFormatProtection;
  readonly fill: XRangeFill;
  readonly font: XRangeFont;
  constructor(private readonly w: Write) {
    this.protection = Object.defineProperties({} as XRangeFormatProtection, {
      locked: cellFormat<boolean>(
        w,
        "FormatProtection.locked",
        "format.protection",
        "locked",
        (c, v) => (c.locked = v),
      ),
    });
    this.fill = Object.defineProperties({} as XRangeFill, {
      color: cellFormat<string>(w, "RangeFill.color", "format.fill", "color", (c, v) => (c.fill = v)),
    });
    this.font = Object.defineProperties({} as XRangeFont, {
      color: cellFormat<string>(w, "RangeFont.color", "format.font", "color", (c, v) => (c.font = v)),
      bold: cellFormat<boolean>(w, "RangeFont.bold", "format.font", "bold", (c, v) => (c.bold = v)),
    });
  }
  get columnWidth(): number {
    throw notLoaded("columnWidth", "format");
  }
  set columnWidth(value: number) {
    this.w("RangeFormat.columnWidth", value, ({ sheet, rect }) => {
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.widths.set(c, value);
    });
  }
  get rowHeight(): number {
    throw notLoaded("rowHeight", "format");
  }
  set rowHeight(value: number) {
    this.w("RangeFormat.rowHeight", value, ({ sheet, rect }) => {
      for (let r = rect.row; r < rect.row + rect.rows; r++) sheet.heights.set(r, value);
    });
  }
  get wrapText(): boolean {
    throw notLoaded("wrapText", "format");
  }
  set wrapText(value: boolean) {
    this.w("RangeFormat.wrapText", value, ({ sheet, rect }) => {
      for (const [row, col] of cellsOf(rect)) sheet.ensure(row, col).wrap = value;
    });
  }
}

class FakeDataValidation implements XDataValidation {
  constructor(private readonly w: Write) {}
  get rule(): Excel.DataValidationRule {
    throw notLoaded("rule", "dataValidation");
  }
  set rule(value: Excel.DataValidationRule) {
    this.w(
      "DataValidation.rule",
      value,
      ({ sheet, rect }) => {
        for (const [row, col] of cellsOf(rect)) {
          const key = `${row},${col}`;
          if (sheet.validations.has(key))
            throw new FakeExcelError("InvalidOperation", "The range already has validation; clear it first.");
        }
        for (const [row, col] of cellsOf(rect)) sheet.validations.set(`${row},${col}`, { rule: value });
      },
      "1.8",
    );
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    throw notLoaded("errorAlert", "dataValidation");
  }
  set errorAlert(value: Excel.DataValidationErrorAlert) {
    this.w(
      "DataValidation.errorAlert",
      value,
      ({ sheet, rect }) => {
        for (const [row, col] of cellsOf(rect)) {
          const v = sheet.validations.get(`${row},${col}`);
          if (v) v.alert = value;
        }
      },
      "1.8",
    );
  }
  get prompt(): Excel.DataValidationPrompt {
    throw notLoaded("prompt", "dataValidation");
  }
  set prompt(value: Excel.DataValidationPrompt) {
    this.w(
      "DataValidation.prompt",
      value,
      ({ sheet, rect }) => {
        // Excel's limits: a title of 32 characters, a message of 255.
        if ((value.title ?? "").length > 32 || (value.message ?? "").length > 255)
          throw new FakeExcelError("InvalidArgument", "The prompt's title or message is too long.");
        for (const [row, col] of cellsOf(rect)) {
          const v = sheet.validations.get(`${row},${col}`);
          if (v) v.prompt = value;
        }
      },
      "1.8",
    );
  }
  clear(): void {
    this.w(
      "DataValidation.clear",
      null,
      ({ sheet, rect }) => {
        for (const [row, col] of cellsOf(rect)) sheet.validations.delete(`${row},${col}`);
      },
      "1.8",
    );
  }
}

class FakeConditionalFormatCollection implements XConditionalFormatCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly w: Write,
    private readonly target: () => RangeTarget,
  ) {}
  clearAll(): void {
    this.w(
      "ConditionalFormatCollection.clearAll",
      null,
      ({ sheet, rect }) => {
        sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !overlaps(cf.rect, rect));
      },
      "1.6",
    );
  }
  add(type: "Custom"): XConditionalFormat {
    let model: FakeConditionalFormat | undefined;
    this.w(
      "ConditionalFormatCollection.add",
      type,
      ({ sheet, rect }) => {
        model = { rect, formula: "" };
        sheet.conditionalFormats.unshift(model);
      },
      "1.6",
    );
    const path = `${this.path}.add()`;
    const get = (): FakeConditionalFormat => {
      if (!model) throw new Error("Fake: conditional format used before it was added");
      return model;
    };
    const ctx = this.ctx;
    const set = (member: string, value: unknown, f: (m: FakeConditionalFormat) => void) =>
      ctx.enqueue(path, member, value, () => f(get()), "1.6");
    void this.target;
    const rule: XConditionalFormatRule = {
      get formula(): string {
        throw notLoaded("formula", path);
      },
      set formula(v: string) {
        set("ConditionalFormatRule.formula", v, (m) => (m.formula = v));
      },
    };
    const fill: XConditionalFill = {
      get color(): string {
        throw notLoaded("color", path);
      },
      set color(v: string) {
        set("ConditionalRangeFill.color", v, (m) => (m.fill = v));
      },
    };
    const font: XConditionalFont = {
      get color(): string {
        throw notLoaded("color", path);
      },
      set color(v: string) {
        set("ConditionalRangeFont.color", v, (m) => (m.font = v));
      },
      get bold(): boolean {
        throw notLoaded("bold", path);
      },
      set bold(v: boolean) {
        set("ConditionalRangeFont.bold", v, (m) => (m.bold = v));
      },
    };
    const format: XConditionalRangeFormat = { fill, font };
    const custom: XCustomConditionalFormat = { rule, format };
    return { custom };
  }
}

// ------------------------------------------------------------------------------------------------------------
// Charts.

/** The range a chart reads from: a range of the chart's own sheet (ilm's charts draw from their own sheet). */
function chartSource(range: XRange, sheet: SheetModel): Rect {
  if (!(range instanceof FakeRange)) throw new Error("Fake: a chart's source must be a fake range");
  const target = range.targetNow();
  if (target.sheet !== sheet)
    throw new FakeExcelError("InvalidArgument", "Fake: chart data from another sheet is not modelled");
  return target.rect;
}

class FakeChartCollection implements XChartCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly sheet: () => SheetModel,
  ) {}
  add(type: XChartType, sourceData: XRange, seriesBy: "Columns"): FakeChart {
    const path = `${this.path}.add(${JSON.stringify(type)})`;
    const source = sourceData instanceof FakeRange ? sourceData.path : "?";
    const chart = new FakeChart(this.ctx, path);
    this.ctx.enqueue(
      path,
      "ChartCollection.add",
      [type, source, seriesBy],
      () => {
        const sheet = this.sheet();
        if (sheet.protection.protected)
          throw new FakeExcelError("AccessDenied", `${sheet.name} is protected.`);
        const rect = chartSource(sourceData, sheet);
        let n = sheet.charts.length + 1;
        while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const model = new ChartModel(`Chart ${n}`, type);
        model.series = Array.from({ length: rect.cols }, (_, c) => ({
          name: `Series${c + 1}`,
          values: { ...rect, col: rect.col + c, cols: 1 },
        }));
        sheet.charts.push(model);
        chart.bindChart(model, sheet);
      },
      "1.1",
    );
    return chart;
  }
  getItemOrNullObject(name: string): FakeChart {
    const path = `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`;
    const chart = new FakeChart(this.ctx, path);
    this.ctx.enqueue(
      path,
      "ChartCollection.getItemOrNullObject",
      name,
      () => {
        const sheet = this.sheet();
        const found = sheet.charts.find((c) => c.name === name);
        chart.bindChart(found, sheet);
      },
      "1.4",
    );
    return chart;
  }
}

interface ChartTarget {
  readonly chart: ChartModel;
  readonly sheet: SheetModel;
}

class FakeChart extends Proxy<ChartTarget> implements XChart {
  readonly title: XChartTitle;
  readonly series: FakeChartSeriesCollection;
  constructor(ctx: FakeContext, path: string) {
    super(ctx, path);
    const write = (member: string, value: unknown, run: (t: ChartTarget) => void, requirement?: string) =>
      this.write(member, value, run, requirement);
    this.title = {
      get text(): string {
        throw notLoaded("text", `${path}.title`);
      },
      set text(value: string) {
        write("ChartTitle.text", value, ({ chart }) => (chart.title = value), "1.1");
      },
    };
    this.series = new FakeChartSeriesCollection(ctx, `${path}.series`, () => this.t);
  }
  bindChart(chart: ChartModel | undefined, sheet: SheetModel): void {
    this.bind(chart ? { chart, sheet } : undefined, true);
  }
  protected override get sheetModel(): SheetModel | undefined {
    return this.t.sheet;
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("Chart.name", value, ({ chart }) => (chart.name = value), "1.1");
  }
  setPosition(startCell: string, endCell?: string): void {
    this.write(
      "Chart.setPosition",
      [startCell, endCell],
      ({ chart }) => {
        const from = parseAddress(startCell);
        const to = parseAddress(endCell ?? startCell);
        chart.position = {
          row: from.row,
          col: from.col,
          rows: to.row + to.rows - from.row,
          cols: to.col + to.cols - from.col,
        };
      },
      "1.1",
    );
  }
  delete(): void {
    this.write(
      "Chart.delete",
      null,
      ({ chart, sheet }) => {
        sheet.charts = sheet.charts.filter((c) => c !== chart);
      },
      "1.1",
    );
  }
  load(propertyNames: string): FakeChart {
    this.queueLoad(propertyNames, ({ chart }, name) => {
      if (name === "name") return chart.name;
      if (name === "chartType") return chart.type;
      throw new FakeExcelError("InvalidArgument", `Fake: Chart.${name} is not modelled`);
    });
    return this;
  }
}

class FakeChartSeriesCollection implements XChartSeriesCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly chart: () => ChartTarget,
  ) {}
  private series(path: string, member: string, args: unknown, pick: (t: ChartTarget) => ChartSeriesModel) {
    const series = new FakeChartSeries(this.ctx, path);
    this.ctx.enqueue(
      path,
      member,
      args,
      () => {
        const target = this.chart();
        series.bindSeries({ series: pick(target), sheet: target.sheet });
      },
      member === "ChartSeriesCollection.add" ? "1.7" : "1.1",
    );
    return series;
  }
  add(name?: string): FakeChartSeries {
    return this.series(
      `${this.path}.add()`,
      "ChartSeriesCollection.add",
      name ?? null,
      ({ chart, sheet }) => {
        if (sheet.protection.protected)
          throw new FakeExcelError("AccessDenied", `${sheet.name} is protected.`);
        const model: ChartSeriesModel = { name: name ?? `Series${chart.series.length + 1}` };
        chart.series.push(model);
        return model;
      },
    );
  }
  getItemAt(index: number): FakeChartSeries {
    return this.series(
      `${this.path}.getItemAt(${index})`,
      "ChartSeriesCollection.getItemAt",
      index,
      ({ chart }) => {
        const model = chart.series[index];
        if (!model) throw new FakeExcelError("ItemNotFound", `The chart has no series ${index}.`);
        return model;
      },
    );
  }
}

interface SeriesTarget {
  readonly series: ChartSeriesModel;
  readonly sheet: SheetModel;
}

class FakeChartSeries extends Proxy<SeriesTarget> implements XChartSeries {
  bindSeries(target: SeriesTarget): void {
    this.bind(target);
  }
  protected override get sheetModel(): SheetModel | undefined {
    return this.t.sheet;
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("ChartSeries.name", value, ({ series }) => (series.name = value), "1.1");
  }
  setValues(sourceData: XRange): void {
    const source = sourceData instanceof FakeRange ? sourceData.path : "?";
    this.write(
      "ChartSeries.setValues",
      source,
      ({ series, sheet }) => (series.values = chartSource(sourceData, sheet)),
      "1.7",
    );
  }
  setXAxisValues(sourceData: XRange): void {
    const source = sourceData instanceof FakeRange ? sourceData.path : "?";
    this.write(
      "ChartSeries.setXAxisValues",
      source,
      ({ series, sheet }) => (series.categories = chartSource(sourceData, sheet)),
      "1.7",
    );
  }
}
