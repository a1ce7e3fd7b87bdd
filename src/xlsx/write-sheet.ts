/**
 * Writes one sheet plan into a worksheet part's XML. ilm owns exactly the cells of the table's old area (from the
 * existing table part) and its new area; every other cell, and every element this module does not edit, is kept
 * as written, in schema order.
 */
import type { Area } from "../workbook/contents";
import { columnLetter, sheetRef } from "../workbook/a1";
import type { Cell, ColumnPlan, SheetPlan, Validation } from "../workbook/plan";
import { headerRowHeight } from "../workbook/plan";
import { FORMATS, HEADER_STYLE, STYLES } from "../workbook/styles";
import type { PasswordHash } from "./protection";
import { PASSWORD_ATTRS, protectionAttrs } from "./protection";
import { DATE1904_OFFSET, parseArea } from "./read-contents";
import type { SharedStrings } from "./shared-strings";
import type { RawElement, RawRow } from "./sheet-xml";
import { scanRows, splitWorksheet } from "./sheet-xml";
import type { StylesPart, XfSpec } from "./styles-part";
import { isDateFormatCode } from "./styles-part";
import type { XmlElement } from "./xml";
import {
  attr,
  element,
  elements,
  escapeAttr,
  escapeText,
  localName,
  parseXml,
  serializeElement,
  setAttr,
} from "./xml";
import { MAX_CELL_TEXT, encodeXString } from "./xstring";

/** CT_Worksheet children in schema order. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export interface SheetWriteContext {
  readonly styles: StylesPart;
  readonly strings: SharedStrings;
  readonly date1904: boolean;
  /** The hash of a password (computed once per write for every sheet that uses it). */
  readonly hash: (password: string) => PasswordHash;
}

export interface SheetWriteInput {
  readonly plan: SheetPlan;
  /** The worksheet part as it is (a created sheet's skeleton included). */
  readonly xml: string;
  readonly created: boolean;
  /** The table's area in the file before this write (null when it had no table part). */
  readonly oldArea: Area | null;
  /** The relationship id of the table part, to list in <tableParts> when missing. */
  readonly tableRId: string;
}

export interface SheetWriteResult {
  readonly xml: string;
  readonly area: Area;
  /** A formula cell was written or overwritten (the calculation chain is stale). */
  readonly formulasChanged: boolean;
  /** A formula was written without a cached value (the workbook must calculate on load). */
  readonly needsCalc: boolean;
}

/** The area a table plan covers: header row and at least one data row (Excel needs one). */
export function tableArea(plan: SheetPlan): Area {
  const o = plan.table.origin ?? { row: 0, column: 0 };
  return {
    row: o.row,
    column: o.column,
    rows: 1 + Math.max(1, plan.table.rows.length),
    columns: plan.table.columns.length,
  };
}

export function areaRef(a: Area): string {
  return `${columnLetter(a.column)}${a.row + 1}:${columnLetter(a.column + a.columns - 1)}${a.row + a.rows}`;
}

const inArea = (a: Area | null, r: number, c: number) =>
  a !== null && r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns;

const within = (inner: Area, outer: Area | null) =>
  outer !== null &&
  inner.row >= outer.row &&
  inner.column >= outer.column &&
  inner.row + inner.rows <= outer.row + outer.rows &&
  inner.column + inner.columns <= outer.column + outer.columns;

const intersects = (a: Area, b: Area | null) =>
  b !== null &&
  a.row < b.row + b.rows &&
  b.row < a.row + a.rows &&
  a.column < b.column + b.columns &&
  b.column < a.column + a.columns;

/** Shortest text that reads back as the same double. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`a cell cannot hold the number ${n}`);
  return String(Object.is(n, -0) ? 0 : n);
}

interface ColumnStyles {
  readonly xf: number;
  readonly isDate: boolean;
  /** For date cells in a column whose format is not a date format. */
  readonly dateXf: number;
}

export function writeSheet(ctx: SheetWriteContext, input: SheetWriteInput): SheetWriteResult {
  const { plan, oldArea } = input;
  const { columns, rows } = plan.table;
  const area = tableArea(plan);
  const owned = (r: number, c: number) => inArea(area, r, c) || inArea(oldArea, r, c);
  const split = splitWorksheet(input.xml);
  const p = split.prefix;
  const children = [...split.children];
  const find = (name: string) => children.find((c) => localName(c.name) === name);

  // ---- styles ----
  const colStyles: ColumnStyles[] = columns.map((c) => columnStyles(ctx, c));
  const headerXf = ctx.styles.xf({ locked: true, wrap: true, look: HEADER_STYLE });

  // ---- cells ----
  const sheetData = find("sheetData");
  const oldRows: RawRow[] = sheetData ? scanRows(sheetData.xml) : [];
  let formulasChanged = false;
  let needsCalc = false;
  for (const row of oldRows) {
    for (const cell of row.cells) {
      if (owned(cell.row, cell.col) && /<(?:[\w.-]+:)?f\b/.test(cell.inner)) formulasChanged = true;
    }
  }
  const letters = columns.map((_, i) => columnLetter(area.column + i));
  const headerHeight = headerRowHeight(columns);

  const planRow = (r: number): string[] => {
    const out: string[] = [];
    const ref = String(r + 1);
    if (r === area.row) {
      columns.forEach((c, i) => {
        out.push(
          `<c r="${letters[i]}${ref}" s="${headerXf}" t="s"><v>${ctx.strings.id(checkText(c.header))}</v></c>`,
        );
      });
      return out;
    }
    const cells = rows[r - area.row - 1] ?? [];
    columns.forEach((_, i) => {
      const cell = cells[i] ?? null;
      const st = colStyles[i] as ColumnStyles;
      const { xml, formula, cached } = cellXml(ctx, `${letters[i]}${ref}`, cell, st);
      if (formula) {
        formulasChanged = true;
        if (!cached) needsCalc = true;
      }
      out.push(xml);
    });
    return out;
  };

  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  const touch = (r: number, c: number) => {
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
    if (c < minCol) minCol = c;
    if (c > maxCol) maxCol = c;
  };

  const rowXml: string[] = [];
  const emitRow = (r: number, old: RawRow | undefined) => {
    const inNew = r >= area.row && r < area.row + area.rows;
    const kept: { col: number; xml: string }[] = [];
    if (old) {
      for (const cell of old.cells) {
        if (owned(cell.row, cell.col)) continue;
        touch(cell.row, cell.col);
        const xml = /\br="/.test(cell.attrs)
          ? cell.xml
          : cell.xml.replace(/^<([\w.-]+:)?c\b/, (m) => `${m} r="${columnLetter(cell.col)}${r + 1}"`);
        kept.push({ col: cell.col, xml });
      }
    }
    let attrs = old ? old.attrs.replace(/\s+spans="[^"]*"/, "") : "";
    if (!/\br="/.test(attrs)) attrs = ` r="${r + 1}"${attrs}`;
    if (r === area.row) {
      attrs = attrs.replace(/\s+ht="[^"]*"/, "").replace(/\s+customHeight="[^"]*"/, "");
      attrs += ` ht="${headerHeight}" customHeight="1"`;
    }
    let body = "";
    if (inNew) {
      const mine = p ? planRow(r).map((x) => x.replace(/<(\/?)(c|f|v)\b/g, `<$1${p}$2`)) : planRow(r);
      let k = 0;
      for (let i = 0; i < mine.length; i++) {
        const col = area.column + i;
        while (k < kept.length && (kept[k] as { col: number }).col < col)
          body += (kept[k++] as { xml: string }).xml;
        body += mine[i];
        touch(r, col);
      }
      while (k < kept.length) body += (kept[k++] as { xml: string }).xml;
    } else {
      for (const k of kept) body += k.xml;
    }
    if (!old && body === "") return;
    rowXml.push(body ? `<${p}row${attrs}>${body}</${p}row>` : `<${p}row${attrs}/>`);
  };

  const sortedOld = [...oldRows].sort((a, b) => a.row - b.row);
  let oi = 0;
  for (let r = area.row; r < area.row + area.rows; r++) {
    while (oi < sortedOld.length && (sortedOld[oi] as RawRow).row < r)
      emitRow((sortedOld[oi] as RawRow).row, sortedOld[oi++]);
    let old: RawRow | undefined;
    while (oi < sortedOld.length && (sortedOld[oi] as RawRow).row === r)
      old = mergeRows(old, sortedOld[oi++] as RawRow);
    emitRow(r, old);
  }
  while (oi < sortedOld.length) emitRow((sortedOld[oi] as RawRow).row, sortedOld[oi++]);

  const set = (name: string, xmls: readonly string[]) => setChildren(children, name, xmls);
  set("sheetData", [`<${p}sheetData>${rowXml.join("")}</${p}sheetData>`]);

  // ---- dimension ----
  const dimRef =
    maxRow < 0
      ? "A1"
      : areaRef({ row: minRow, column: minCol, rows: maxRow - minRow + 1, columns: maxCol - minCol + 1 });
  set("dimension", [`<${p}dimension ref="${dimRef}"/>`]);

  // ---- columns ----
  set("cols", colsXml(find("cols"), p, columns, area, colStyles));

  // ---- sheet properties, views, print ----
  set("sheetPr", [sheetPrXml(find("sheetPr"), p, plan)]);
  if (input.created) set("sheetViews", [sheetViewsXml(p, plan)]);
  else if (plan.visibility !== "visible") {
    const views = find("sheetViews");
    if (views && /\btabSelected="(1|true)"/.test(views.xml)) {
      set("sheetViews", [views.xml.replace(/\s+tabSelected="[^"]*"/g, "")]);
    }
  }
  if (!find("sheetFormatPr") && input.created)
    set("sheetFormatPr", [`<${p}sheetFormatPr defaultRowHeight="15"/>`]);
  if (!find("pageMargins")) {
    set("pageMargins", [
      `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
    ]);
  }
  set("pageSetup", [pageSetupXml(find("pageSetup"), p, plan)]);

  // ---- protection ----
  set("sheetProtection", protectionXml(ctx, find("sheetProtection"), p, plan));

  // ---- merged cells ----
  const merges = find("mergeCells");
  if (merges) {
    const el = parseXml(merges.xml).root;
    const keep = elements(el, "mergeCell").filter((m) => {
      const a = parseArea(attr(m, "ref") ?? "");
      return !a || !(intersects(a, area) || intersects(a, oldArea));
    });
    el.children = keep;
    setAttr(el, "count", String(keep.length));
    set("mergeCells", keep.length > 0 ? [serializeElement(el)] : []);
  }

  // ---- conditional formats and validation ----
  const mineRanges = (sqref: string) =>
    sqref
      .trim()
      .split(/\s+/)
      .every((ref) => {
        const a = parseArea(ref);
        return a !== null && (within(a, area) || within(a, oldArea));
      });
  const keptCf = children
    .filter((c) => localName(c.name) === "conditionalFormatting")
    .filter((c) => !mineRanges(attr(parseXml(c.xml).root, "sqref") ?? ""));
  let priority = 0;
  for (const c of keptCf)
    for (const m of c.xml.matchAll(/\bpriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const firstData = area.row + 1;
  const lastData = area.row + area.rows - 1;
  const columnRange = (i: number) => `${letters[i]}${firstData + 1}:${letters[i]}${lastData + 1}`;
  const newCf: string[] = [];
  for (const cf of plan.conditionalFormats) {
    const ranges = cf.columns
      .map((key) => columns.findIndex((c) => c.key === key))
      .filter((i) => i >= 0)
      .map(columnRange);
    if (ranges.length === 0) continue;
    const dxf = ctx.styles.dxf(STYLES[cf.style]);
    newCf.push(
      `<${p}conditionalFormatting sqref="${ranges.join(" ")}"><${p}cfRule type="expression" dxfId="${dxf}" ` +
        `priority="${++priority}"><${p}formula>${escapeText(cf.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
    );
  }
  set("conditionalFormatting", [...keptCf.map((c) => c.xml), ...newCf]);

  const dv = find("dataValidations");
  const keptDv = dv
    ? elements(parseXml(dv.xml).root, "dataValidation").filter((v) => !mineRanges(attr(v, "sqref") ?? ""))
    : [];
  const newDv = columns.flatMap((c, i) =>
    c.validation ? [validationXml(p, c.validation, columnRange(i))] : [],
  );
  const dvItems = [...keptDv.map(serializeElement), ...newDv];
  if (dvItems.length > 0) {
    const root = dv ? parseXml(dv.xml).root : element(`${p}dataValidations`);
    const rootAttrs = root.attrs.filter(([k]) => k !== "count");
    const open = `<${root.name}${rootAttrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")} count="${dvItems.length}">`;
    set("dataValidations", [`${open}${dvItems.join("")}</${root.name}>`]);
  } else set("dataValidations", []);

  // ---- table part ----
  const parts = find("tableParts");
  if (!parts || !parts.xml.includes(`"${input.tableRId}"`)) {
    const rPrefix =
      /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
        split.head,
      )?.[1];
    const ref = rPrefix
      ? `<${p}tablePart ${rPrefix}:id="${input.tableRId}"/>`
      : `<${p}tablePart xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${input.tableRId}"/>`;
    if (parts) {
      const el = parseXml(parts.xml).root;
      const items = elements(el, "tablePart").map(serializeElement);
      items.push(ref);
      set("tableParts", [`<${p}tableParts count="${items.length}">${items.join("")}</${p}tableParts>`]);
    } else set("tableParts", [`<${p}tableParts count="1">${ref}</${p}tableParts>`]);
  }

  return {
    xml: split.head + children.map((c) => c.xml).join("") + split.tail,
    area,
    formulasChanged,
    needsCalc,
  };
}

/** Two <row> elements for the same row (not valid, but seen): their cells together. */
function mergeRows(a: RawRow | undefined, b: RawRow): RawRow {
  return a
    ? { row: a.row, attrs: a.attrs, cells: [...a.cells, ...b.cells].sort((x, y) => x.col - y.col) }
    : b;
}

/** Replaces every child named `name` by `xmls`, placed where the schema orders them. */
function setChildren(children: RawElement[], name: string, xmls: readonly string[]): void {
  const first = children.findIndex((c) => localName(c.name) === name);
  const rank = WORKSHEET_ORDER.indexOf(name);
  for (let i = children.length - 1; i >= 0; i--)
    if (localName((children[i] as RawElement).name) === name) children.splice(i, 1);
  let at = first;
  if (at < 0) {
    at = children.findIndex((c) => WORKSHEET_ORDER.indexOf(localName(c.name)) > rank);
    if (at < 0) at = children.length;
  }
  children.splice(at, 0, ...xmls.map((xml) => ({ name, xml })));
}

function checkText(text: string): string {
  if (text.length > MAX_CELL_TEXT) {
    throw new Error(
      `a cell cannot hold ${text.length} characters (at most ${MAX_CELL_TEXT}): "${text.slice(0, 40)}..."`,
    );
  }
  return text;
}

function columnStyles(ctx: SheetWriteContext, c: ColumnPlan): ColumnStyles {
  const spec: XfSpec = {
    ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}),
    locked: c.role !== "entry",
    wrap: !!c.wrap,
  };
  const xf = ctx.styles.xf(spec);
  const isDate = !!c.numberFormat && isDateFormatCode(c.numberFormat);
  return { xf, isDate, dateXf: isDate ? xf : ctx.styles.xf({ ...spec, numberFormat: FORMATS.date }) };
}

function cellXml(
  ctx: SheetWriteContext,
  ref: string,
  cell: Cell,
  st: ColumnStyles,
): { xml: string; formula: boolean; cached: boolean } {
  const shift = (n: number, isDate: boolean) => (ctx.date1904 && isDate ? n - DATE1904_OFFSET : n);
  if (cell === null) return { xml: `<c r="${ref}" s="${st.xf}"/>`, formula: false, cached: false };
  switch (cell.t) {
    case "text":
      return {
        xml: `<c r="${ref}" s="${st.xf}" t="s"><v>${ctx.strings.id(checkText(cell.v))}</v></c>`,
        formula: false,
        cached: false,
      };
    case "number":
      return {
        xml: `<c r="${ref}" s="${st.xf}"><v>${numberText(shift(cell.v, st.isDate))}</v></c>`,
        formula: false,
        cached: false,
      };
    case "bool":
      return {
        xml: `<c r="${ref}" s="${st.xf}" t="b"><v>${cell.v ? 1 : 0}</v></c>`,
        formula: false,
        cached: false,
      };
    case "date":
      return {
        xml: `<c r="${ref}" s="${st.dateXf}"><v>${numberText(shift(cell.v, true))}</v></c>`,
        formula: false,
        cached: false,
      };
    case "formula": {
      const f = `<f>${escapeText(cell.f.startsWith("=") ? cell.f.slice(1) : cell.f)}</f>`;
      const v = cell.v;
      if (v === undefined || v === null)
        return { xml: `<c r="${ref}" s="${st.xf}">${f}</c>`, formula: true, cached: false };
      if (typeof v === "number") {
        return {
          xml: `<c r="${ref}" s="${st.xf}">${f}<v>${numberText(shift(v, st.isDate))}</v></c>`,
          formula: true,
          cached: true,
        };
      }
      if (typeof v === "boolean") {
        return {
          xml: `<c r="${ref}" s="${st.xf}" t="b">${f}<v>${v ? 1 : 0}</v></c>`,
          formula: true,
          cached: true,
        };
      }
      return {
        xml: `<c r="${ref}" s="${st.xf}" t="str">${f}<v>${escapeText(encodeXString(checkText(v)))}</v></c>`,
        formula: true,
        cached: true,
      };
    }
  }
}

function colsXml(
  existing: RawElement | undefined,
  p: string,
  columns: readonly ColumnPlan[],
  area: Area,
  styles: readonly ColumnStyles[],
): string[] {
  const el = existing ? parseXml(existing.xml).root : element(`${p}cols`);
  const cols = elements(el, "col");
  const covered = (n: number) => cols.some((c) => Number(attr(c, "min")) <= n && n <= Number(attr(c, "max")));
  const added: XmlElement[] = [];
  columns.forEach((c, i) => {
    const n = area.column + i + 1;
    if (covered(n)) return;
    added.push(
      element(`${p}col`, [
        ["min", String(n)],
        ["max", String(n)],
        ["width", numberText(c.width)],
        ["style", String((styles[i] as ColumnStyles).xf)],
        ["customWidth", "1"],
      ]),
    );
  });
  if (added.length === 0) return existing ? [existing.xml] : [];
  const all = [...cols, ...added].sort((a, b) => Number(attr(a, "min")) - Number(attr(b, "min")));
  const others = el.children.filter((c) => c.kind === "element" && localName(c.name) !== "col");
  el.children = [...all, ...others];
  return [serializeElement(el)];
}

function sheetPrXml(existing: RawElement | undefined, p: string, plan: SheetPlan): string {
  const el = existing ? parseXml(existing.xml).root : element(`${p}sheetPr`);
  let pr = elements(el, "pageSetUpPr")[0];
  if (!pr) {
    pr = element(`${p}pageSetUpPr`);
    // CT_SheetPr: tabColor, outlinePr, pageSetUpPr.
    const ext = el.children.findIndex(
      (c) => c.kind === "element" && !["tabColor", "outlinePr"].includes(localName(c.name)),
    );
    if (ext < 0) el.children.push(pr);
    else el.children.splice(ext, 0, pr);
  }
  setAttr(pr, "fitToPage", plan.print.fitToWidth ? "1" : undefined);
  if (pr.attrs.length === 0) el.children = el.children.filter((c) => c !== pr);
  return serializeElement(el);
}

function sheetViewsXml(p: string, plan: SheetPlan): string {
  const { rows, columns } = plan.freeze;
  let pane = "";
  if (rows > 0 || columns > 0) {
    const active = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
    pane =
      `<${p}pane${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}` +
      ` topLeftCell="${columnLetter(columns)}${rows + 1}" activePane="${active}" state="frozen"/>` +
      `<${p}selection pane="${active}" activeCell="${columnLetter(columns)}${rows + 1}" sqref="${columnLetter(columns)}${rows + 1}"/>`;
  }
  return `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`;
}

function pageSetupXml(existing: RawElement | undefined, p: string, plan: SheetPlan): string {
  const el = existing ? parseXml(existing.xml).root : element(`${p}pageSetup`);
  setAttr(el, "paperSize", "9");
  setAttr(el, "orientation", plan.print.landscape ? "landscape" : "portrait");
  setAttr(el, "fitToWidth", plan.print.fitToWidth ? "1" : undefined);
  setAttr(el, "fitToHeight", plan.print.fitToWidth ? "0" : undefined);
  return serializeElement(el);
}

function protectionXml(
  ctx: SheetWriteContext,
  existing: RawElement | undefined,
  p: string,
  plan: SheetPlan,
): string[] {
  if (!plan.protection.protect) return [];
  let password: [string, string][] = [];
  if (plan.protection.password) {
    const h = ctx.hash(plan.protection.password);
    password = [
      ["algorithmName", h.algorithmName],
      ["hashValue", h.hashValue],
      ["saltValue", h.saltValue],
      ["spinCount", String(h.spinCount)],
    ];
  } else if (existing) {
    const old = parseXml(existing.xml).root;
    password = old.attrs.filter(([k]) => (PASSWORD_ATTRS as readonly string[]).includes(k));
  }
  return [serializeElement(element(`${p}sheetProtection`, protectionAttrs(password, plan.protection.allow)))];
}

function validationXml(p: string, v: Validation, sqref: string): string {
  const common =
    ` allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${escapeAttr(v.title)}"` +
    ` error="${escapeAttr(v.message)}" prompt="${escapeAttr(v.message)}" sqref="${sqref}"`;
  const date = (iso: string) =>
    `DATE(${iso.slice(0, 4)},${Number(iso.slice(5, 7))},${Number(iso.slice(8, 10))})`;
  const f = (n: 1 | 2, text: string) => `<${p}formula${n}>${escapeText(text)}</${p}formula${n}>`;
  switch (v.type) {
    case "whole":
    case "decimal":
      return `<${p}dataValidation type="${v.type}" operator="between"${common}>${f(1, numberText(v.min))}${f(2, numberText(v.max))}</${p}dataValidation>`;
    case "list":
      return `<${p}dataValidation type="list"${common}>${f(1, `"${v.values.join(",")}"`)}</${p}dataValidation>`;
    case "date":
      return `<${p}dataValidation type="date" operator="between"${common}>${f(1, date(v.from))}${f(2, date(v.to))}</${p}dataValidation>`;
  }
}

/** The print titles of a sheet: its header row. */
export function printTitles(sheetName: string, area: Area): string {
  return `${sheetRef(sheetName)}!$${area.row + 1}:$${area.row + 1}`;
}
