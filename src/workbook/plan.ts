/**
 * The workbook plan: everything a generated workbook holds (sheets, one table per sheet, values, formulas,
 * formats, validation, conditional formats, protection, layout, print setup), as plain data. It is built from the
 * domain by the plan builder and applied by two adapters: Office.js (src/excel) and ExcelJS (src/xlsx). Adapters
 * make no decisions of their own: a difference between the two workbooks is a bug in an adapter.
 *
 * Addresses: every table starts at A1 of its sheet (header row 1, data from row 2), so formulas are written in
 * plain A1 notation with absolute sheet references; no structured references (LibreOffice and Excel 2010 differ).
 */

export type FormulaMode = "ilm" | "portable";

/** One cell as written. Text is always written as text: "=SUM(A1)" typed as a name stays a name. */
export type Cell =
  | { readonly t: "text"; readonly v: string }
  | { readonly t: "number"; readonly v: number }
  | { readonly t: "bool"; readonly v: boolean }
  /** A calendar date as an Excel serial number (days since 1899-12-30). */
  | { readonly t: "date"; readonly v: number }
  /**
   * A formula in A1 notation without the leading "=" (en-US function names and separators, as the file format),
   * with its value when known (written as the cell's cached result, so readers without a calculation engine
   * show it).
   */
  | {
      readonly t: "formula";
      readonly f: string;
      readonly v?: string | number | boolean | null;
      /**
       * An array formula (Ctrl+Shift+Enter) of one cell: functions given whole ranges (TRIM, EXACT inside
       * SUMPRODUCT) work on every cell of them in every host; Gnumeric otherwise takes one cell of the range.
       */
      readonly array?: boolean;
    }
  | null;

/** The literal a cell holds (text, number, date serial or boolean); null for a blank or a formula. */
export function literalOf(cell: Cell): string | number | boolean | null {
  return cell === null || cell.t === "formula" ? null : cell.v;
}

export type ColumnRole =
  /** Registration No, Learner, ...: written by the generator, kept from the cohort. */
  | "identity"
  /** Typed by people (marks, P/R, dates, comments, names): never overwritten by regeneration. */
  | "entry"
  /** Computed; locked when the sheet is protected. */
  | "formula";

/**
 * What an entry column accepts, and what a person is told when a value is refused (the alert's title, and a
 * message of at most 225 characters, Excel's limit): made by src/workbook/validations.ts, written as they are.
 */
export type Validation = {
  readonly title: string;
  readonly message: string;
  /**
   * What Excel shows while a cell of the column is selected (its input message): a title of at most 32
   * characters and a message of at most 255 (Excel's limits). Absent: the message above, untitled.
   */
  readonly prompt?: { readonly title: string; readonly message: string };
} & (
  | { readonly type: "whole"; readonly min: number; readonly max: number }
  | { readonly type: "decimal"; readonly min: number; readonly max: number }
  | { readonly type: "list"; readonly values: readonly string[] }
  /**
   * One of the values of a range (absolute A1 with its sheet: "'Learners'!$A$2:$A$31"): a drop-down that follows
   * the cells, for lists longer than a list of values may be (255 characters).
   */
  | { readonly type: "listFrom"; readonly range: string }
  /** Dates from `from` to `to` (ISO dates), both included. */
  | { readonly type: "date"; readonly from: string; readonly to: string }
);

/** What a person may still do on a protected sheet. */
export interface Allowed {
  readonly sort: boolean;
  readonly autoFilter: boolean;
  readonly formatColumns: boolean;
  readonly formatRows: boolean;
}

export interface ColumnPlan {
  /** Stable key for regeneration ("registration", "D5.01/s1", "D5.01/qa/s1", "outcome"); never shown. */
  readonly key: string;
  /** Header text, exactly as shown ("Registration No", "Context /4 (min 2)"). */
  readonly header: string;
  readonly role: ColumnRole;
  /** Excel number format ("@" text, "yyyy-mm-dd", "0"); absent means General. */
  readonly numberFormat?: string;
  /** Width in characters. */
  readonly width: number;
  readonly validation?: Validation;
  /** Wrap long text (comments). */
  readonly wrap?: boolean;
  /**
   * The body's fill, telling at a glance who fills the column in (styles.ts SHADES): the assessor's entries, the
   * IQA's, or ilm (copied and calculated cells). Absent: no fill of ilm's.
   */
  readonly shade?: ShadeName;
  /**
   * A calculated column: every row holds this formula (the first data row's, without "=") moved down, so Excel
   * fills it into a row a person adds to the table.
   */
  readonly calculated?: string;
}

/** Points per line of header text (11 pt type), and the most lines a header row grows to. */
const HEADER_LINE_POINTS = 15;
const HEADER_MAX_LINES = 4;

/**
 * Lines a text takes wrapped at word boundaries in a column `width` characters wide (at `fill` of a line); a word
 * longer than a line is broken (`breakWords`, as hosts do with a cell's text) or kept whole (a header's).
 */
function wrappedLines(text: string, width: number, fill = 0.9, breakWords = false): number {
  const perLine = Math.max(1, Math.floor(width * fill));
  let count = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    count++;
    let used = 0;
    for (const w of paragraph.split(" ")) {
      const need = used === 0 ? w.length : used + 1 + w.length;
      const long = breakWords && w.length > perLine;
      if (need > perLine && used > 0) {
        count += long ? Math.ceil(w.length / perLine) : 1;
        used = long ? w.length % perLine || perLine : w.length;
      } else if (long) {
        count += Math.ceil(w.length / perLine) - 1;
        used = w.length % perLine || perLine;
      } else used = need;
    }
  }
  return count;
}

/**
 * The header row's height in points: tall enough for the longest header wrapped in its column (headers such as
 * "Business case /40 (min 20)" are wider than the marks below them), so no header is cut off on screen or paper.
 */
export function headerRowHeight(columns: readonly ColumnPlan[]): number {
  let lines = 1;
  for (const c of columns) lines = Math.max(lines, wrappedLines(c.header, c.width));
  return Math.min(lines, HEADER_MAX_LINES) * HEADER_LINE_POINTS;
}

/** Excel's tallest row, in points. */
const MAX_ROW_POINTS = 409;

/**
 * A data row's height in points when a wrapped column's text (typed, or a formula's cached text) takes more than
 * one line, so it prints on its own lines instead of over the next row; undefined when one line is enough (the
 * host's default). Counted at 80% of a line's characters: hosts without Calibri set text wider.
 */
export function bodyRowHeight(columns: readonly ColumnPlan[], cells: readonly Cell[]): number | undefined {
  let lines = 1;
  columns.forEach((c, i) => {
    if (!c.wrap) return;
    const cell = cells[i] ?? null;
    const text =
      cell === null
        ? ""
        : cell.t === "text"
          ? cell.v
          : cell.t === "formula" && typeof cell.v === "string"
            ? cell.v
            : "";
    if (text !== "") lines = Math.max(lines, wrappedLines(text, c.width, 0.8, true));
  });
  return lines > 1 ? Math.min(lines * HEADER_LINE_POINTS, MAX_ROW_POINTS) : undefined;
}

/** Named styles, so both adapters paint the same; colours live in one module (styles.ts). */
export type StyleName = "referral" | "invalid" | "belowMinimum" | "pass" | "withdrawn" | "notApplicable";

/** Column fills (styles.ts SHADES): typed by the assessor, typed by the IQA, filled in by ilm. */
export type ShadeName = "entry" | "qa" | "ilm";

/**
 * One section of a page header or footer, in Excel's header codes (&P page, &N pages, &D date, &A tab); user
 * text in it is already escaped (& doubled) by the plan builder, so adapters write it as it is.
 */
export interface HeaderFooterText {
  readonly left: string;
  readonly center: string;
  readonly right: string;
}

export interface ConditionalFormatPlan {
  /** Column keys the rule paints, over all data rows. */
  readonly columns: readonly string[];
  /**
   * A formula for the table's first data row (row 2 for a table at A1), relative in its row:
   * "AND(ISNUMBER(H2),H2<2)". Adapters apply it to every data row of the columns.
   */
  readonly formula: string;
  readonly style: StyleName;
}

export interface TablePlan {
  /** Excel table name: letters, digits and underscores, unique in the workbook, stable across regenerations. */
  readonly name: string;
  /**
   * Where the header row's first cell is (0-based); A1 when absent. A table a person moved (a column inserted
   * to its left) stays where it is.
   */
  readonly origin?: { readonly row: number; readonly column: number };
  readonly columns: readonly ColumnPlan[];
  /** One row per learner, cells in column order. */
  readonly rows: readonly (readonly Cell[])[];
  /** Registration numbers of `rows`, in order (the regeneration key). */
  readonly keys: readonly string[];
  /**
   * Heights in points of the data rows, in order (absent or undefined: the host's own); for a printed layout whose
   * wrapped text must not run into the next row (the Feedback tab).
   */
  readonly rowHeights?: readonly (number | undefined)[];
}

/**
 * A native chart on a sheet, drawn from cells of the same sheet. ilm finds its own charts again by `name` (a
 * regeneration redraws them); a chart a person added is never touched.
 */
export interface ChartPlan {
  /** Stable and unique on the sheet: "ilm-outcomes-by-assessment". */
  readonly name: string;
  readonly title: string;
  /** Horizontal bars, stacked (one bar per category, a segment per series) or side by side. */
  readonly kind: "stackedBar" | "bar";
  /** The category labels: a range of one column on this sheet, absolute A1 ("$A$21:$A$26"). */
  readonly categories: string;
  /** One series per range of the same length as `categories`, with its name as the legend shows it. */
  readonly series: readonly { readonly name: string; readonly values: string }[];
  /** Where the chart sits: its top-left cell (0-based) and its size in cells. */
  readonly anchor: {
    readonly row: number;
    readonly column: number;
    readonly rows: number;
    readonly columns: number;
  };
}

export interface SheetPlan {
  /** Tab name, at most 31 characters, no []:*?/\ . */
  readonly name: string;
  /** What the sheet is, for the adapters and the task pane's summary. */
  readonly kind: "marksheet" | "units" | "learners" | "dashboard" | "feedback" | "iqaplan" | "log" | "state";
  /** The assessment id of a mark sheet. */
  readonly assessment?: string;
  readonly table: TablePlan;
  /**
   * Further tables on the same sheet (the Dashboard's blocks), each at its own origin. The cells ilm owns on the
   * sheet are those of every table's old and new areas: all of them are cleared or written together, so tables
   * may move past each other's old places.
   */
  readonly moreTables?: readonly TablePlan[];
  /** Native charts on the sheet (see ChartPlan); charts a person added are kept. */
  readonly charts?: readonly ChartPlan[];
  /** "first": a sheet the adapter creates goes before every other tab (the Dashboard); absent: after them. */
  readonly position?: "first";
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  /** Rows and columns frozen at the top left (header row; identity columns). */
  readonly freeze: { readonly rows: number; readonly columns: number };
  /**
   * Formula columns locked, entry columns unlocked, sheet protected (password only if the admin set one). The
   * password also unprotects a sheet before it is written, protected or not afterwards.
   */
  readonly protection: { readonly protect: boolean; readonly password?: string; readonly allow: Allowed };
  readonly print: {
    readonly landscape: boolean;
    readonly fitToWidth: boolean;
    readonly repeatHeaderRow: boolean;
    /** Fit to one page, wide and tall (the Feedback tab); fitToWidth alone lets the rows run on. */
    readonly onePage?: boolean;
    /** Pages wide when fitting to width (1 when absent): enough that the print scale keeps text readable. */
    readonly pagesWide?: number;
    /** The table's first N columns repeated at the left of every page (the identity columns). */
    readonly titleColumns?: number;
    /** Page header and footer on every page. */
    readonly header?: HeaderFooterText;
    readonly footer?: HeaderFooterText;
  };
  /** Hidden sheets hold workbook-level state ("veryHidden" where the host supports it). */
  readonly visibility: "visible" | "hidden" | "veryHidden";
}

/** Every table a sheet plan puts on its sheet: the main table, then `moreTables`. */
export function tablesOf(sheet: SheetPlan): readonly TablePlan[] {
  return [sheet.table, ...(sheet.moreTables ?? [])];
}

export interface WorkbookPlan {
  readonly mode: FormulaMode;
  readonly sheets: readonly SheetPlan[];
}

/** What regeneration did, for the task pane's summary and the command line. */
export interface ChangeSummary {
  readonly sheetsCreated: readonly string[];
  readonly sheetsUpdated: readonly string[];
  readonly learnersAdded: readonly string[];
  readonly learnersWithdrawn: readonly string[];
  /** Entry cells carried over from the workbook. */
  readonly entriesKept: number;
  /** Tabs whose table had become a plain range and was given its table back. */
  readonly tablesRecovered: readonly string[];
  /** Conflicts between the cohort file and the workbook settled by the side the person chose. */
  readonly conflictsResolved: number;
}
