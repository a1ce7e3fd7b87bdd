/**
 * The subset of the Excel JavaScript API (Office.js) this adapter uses, named once.
 *
 * Every type here is a `Pick` of the real Office.js class (from @types/office-js), with the navigation members
 * narrowed to the subset types, so:
 * - the adapter cannot call anything outside the subset (it is written against these types only), which is what
 *   keeps it honest about requirement sets and keeps `TableRowCollection.add` out of reach (tables have no `rows`
 *   here);
 * - the test fake implements exactly this subset, and a call the fake lacks fails to compile;
 * - the assignability checks at the bottom prove that the real Office.js objects satisfy the subset, so nothing
 *   here is invented.
 */

export type XRangeFormatProtection = Pick<Excel.FormatProtection, "locked">;
export type XRangeFill = Pick<Excel.RangeFill, "color">;
export type XRangeFont = Pick<Excel.RangeFont, "bold" | "color">;

export interface XRangeFormat extends Pick<Excel.RangeFormat, "columnWidth" | "rowHeight" | "wrapText"> {
  readonly protection: XRangeFormatProtection;
  readonly fill: XRangeFill;
  readonly font: XRangeFont;
}

export type XDataValidation = Pick<Excel.DataValidation, "rule" | "errorAlert" | "prompt" | "clear">;

export type XConditionalFormatRule = Pick<Excel.ConditionalFormatRule, "formula">;
export type XConditionalFill = Pick<Excel.ConditionalRangeFill, "color">;
export type XConditionalFont = Pick<Excel.ConditionalRangeFont, "color" | "bold">;
export interface XConditionalRangeFormat {
  readonly fill: XConditionalFill;
  readonly font: XConditionalFont;
}
export interface XCustomConditionalFormat {
  readonly rule: XConditionalFormatRule;
  readonly format: XConditionalRangeFormat;
}
export interface XConditionalFormat {
  readonly custom: XCustomConditionalFormat;
}
export interface XConditionalFormatCollection extends Pick<Excel.ConditionalFormatCollection, "clearAll"> {
  add(type: "Custom"): XConditionalFormat;
}

export interface XRange extends Pick<
  Excel.Range,
  | "values"
  | "formulas"
  | "numberFormat"
  | "address"
  | "rowIndex"
  | "columnIndex"
  | "rowCount"
  | "columnCount"
  | "isNullObject"
> {
  readonly format: XRangeFormat;
  readonly dataValidation: XDataValidation;
  readonly conditionalFormats: XConditionalFormatCollection;
  clear(applyTo: "All" | "Contents" | "Formats"): void;
  /** ExcelApi 1.9: fills the destination (which contains this range) from this range, like the fill handle. */
  autoFill(destinationRange: string, autoFillType: "FillCopy"): void;
  load(propertyNames: string): XRange;
}

export interface XWorksheetProtection extends Pick<
  Excel.WorksheetProtection,
  "protected" | "protect" | "unprotect"
> {
  load(propertyNames: string): XWorksheetProtection;
}
export interface XFreezePanes extends Pick<
  Excel.WorksheetFreezePanes,
  "unfreeze" | "freezeRows" | "freezeColumns"
> {
  freezeAt(frozenRange: string): void;
}
/** ExcelApi 1.9: one page header and footer (left, center, right sections, in Excel's header codes). */
export type XHeaderFooter = Pick<
  Excel.HeaderFooter,
  "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter"
>;
export interface XHeaderFooterGroup {
  readonly defaultForAllPages: XHeaderFooter;
}
export interface XPageLayout extends Pick<Excel.PageLayout, "orientation" | "zoom"> {
  setPrintTitleRows(printTitleRows: string): void;
  setPrintTitleColumns(printTitleColumns: string): void;
  readonly headersFooters: XHeaderFooterGroup;
}

export interface XTable extends Pick<Excel.Table, "name" | "isNullObject" | "style" | "showBandedRows"> {
  readonly worksheet: XWorksheet;
  getRange(): XRange;
  getHeaderRowRange(): XRange;
  getDataBodyRange(): XRange;
  /** ExcelApi 1.13. */
  resize(newRange: string): void;
  convertToRange(): XRange;
  load(propertyNames: string): XTable;
}

export interface XTableCollection {
  readonly items: XTable[];
  add(address: string, hasHeaders: boolean): XTable;
  getItemOrNullObject(key: string): XTable;
  load(propertyNames: string): XTableCollection;
}

export type XChartTitle = Pick<Excel.ChartTitle, "text">;

/** ExcelApi 1.7: a series' values and categories (x-axis values) are set from ranges. */
export interface XChartSeries extends Pick<Excel.ChartSeries, "name"> {
  setValues(sourceData: XRange): void;
  setXAxisValues(sourceData: XRange): void;
}
export interface XChartSeriesCollection {
  /** ExcelApi 1.7. */
  add(name?: string): XChartSeries;
  getItemAt(index: number): XChartSeries;
}

export interface XChart extends Pick<Excel.Chart, "name" | "isNullObject"> {
  readonly title: XChartTitle;
  readonly series: XChartSeriesCollection;
  /** Covers the cells from startCell to endCell. */
  setPosition(startCell: string, endCell?: string): void;
  delete(): void;
  load(propertyNames: string): XChart;
}

/** The chart types ilm draws: horizontal bars, stacked or side by side. */
export type XChartType = "BarStacked" | "BarClustered";

export interface XChartCollection {
  add(type: XChartType, sourceData: XRange, seriesBy: "Columns"): XChart;
  /** ExcelApi 1.4: the first chart of that name on the sheet; a null object when there is none. */
  getItemOrNullObject(name: string): XChart;
}

export interface XWorksheet extends Pick<
  Excel.Worksheet,
  "name" | "visibility" | "position" | "isNullObject"
> {
  readonly protection: XWorksheetProtection;
  readonly freezePanes: XFreezePanes;
  readonly pageLayout: XPageLayout;
  readonly tables: XTableCollection;
  readonly charts: XChartCollection;
  getRange(address: string): XRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange;
  /** ExcelApi 1.4: the smallest range holding every cell with a value (valuesOnly) or format; null when none. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  load(propertyNames: string): XWorksheet;
}

/** What the host says of a change (WorksheetChangedEventArgs.source, ExcelApi 1.7): typed here or by a co-author. */
export interface XChangedArgs {
  readonly source: "Local" | "Remote" | string;
}

/** WorksheetCollection.onChanged (ExcelApi 1.9): a handler per change, for as long as the session lasts. */
export interface XChangedEvent {
  add(handler: (args: XChangedArgs) => Promise<void>): unknown;
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  readonly onChanged: XChangedEvent;
  add(name: string): XWorksheet;
  getItem(key: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
  load(propertyNames: string): XWorksheetCollection;
}

export interface XApplication extends Pick<Excel.Application, "suspendApiCalculationUntilNextSync"> {
  calculate(calculationType: "Recalculate" | "Full"): void;
}

export type XNamedItem = Pick<Excel.NamedItem, "name">;
export interface XNamedItemCollection {
  readonly items: XNamedItem[];
  load(propertyNames: string): XNamedItemCollection;
}

export interface XWorkbook {
  readonly worksheets: XWorksheetCollection;
  readonly tables: XTableCollection;
  /** Workbook-scoped defined names. */
  readonly names: XNamedItemCollection;
  readonly application: XApplication;
}

export interface XContext {
  readonly workbook: XWorkbook;
  sync(): Promise<void>;
}

/** `Excel.run` narrowed to the subset. */
export type XRun = <T>(batch: (context: XContext) => Promise<T>) => Promise<T>;

/** `Office.context.requirements.isSetSupported`. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

// The real Office.js objects satisfy the subset (a compile-time proof; no code runs).
type Assignable<Real, Subset> = Real extends Subset ? true : never;
export const OFFICE_JS_SATISFIES_SUBSET: [
  Assignable<Excel.RequestContext, XContext>,
  Assignable<Excel.Workbook, XWorkbook>,
  Assignable<Excel.Worksheet, XWorksheet>,
  Assignable<Excel.Table, XTable>,
  Assignable<Excel.Range, XRange>,
  Assignable<Excel.ChartCollection, XChartCollection>,
  Assignable<Excel.Chart, XChart>,
  Assignable<Excel.ChartSeries, XChartSeries>,
] = [true, true, true, true, true, true, true, true];
