/**
 * Writes one sheet plan into a worksheet part's XML. ilm owns exactly the cells of its tables' old areas (from the
 * existing table parts) and new areas, over every table of the sheet (the main table and `moreTables`); every other
 * cell, and every element this module does not edit, is kept as written, in schema order. All owned cells are
 * cleared and written in one pass, so tables may move past each other's old places.
 */
import type { Area } from "../workbook/contents";
import { columnLetter, sheetRef } from "../workbook/a1";
import type { Cell, ColumnPlan, HeaderFooterText, SheetPlan, TablePlan, Validation } from "../workbook/plan";
import { bodyRowHeight, headerRowHeight } from "../workbook/plan";
import { FORMATS, HEADER_STYLE, SHADES, STYLES } from "../workbook/styles";
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

/** One table of a sheet as the writer sees it. */
export interface TableWrite {
  readonly plan: TablePlan;
  /** The table's area in the file before this write (null when it had no table part). */
  readonly oldArea: Area | null;
  /** The relationship id of the table part, to list in <tableParts> when missing. */
  readonly rId: string;
}

export interface SheetWriteInput {
  readonly plan: SheetPlan;
  /** The worksheet part as it is (a created sheet's skeleton included). */
  readonly xml: string;
  readonly created: boolean;
  /** Every table of the sheet: the main table first, then `moreTables` in plan order. */
  readonly tables: readonly TableWrite[];
  /** The relationship id of the sheet's drawing part (its charts), to reference in <drawing> when missing. */
  readonly drawingRId?: string;
}

export interface SheetWriteResult {
  readonly xml: string;
  /** The main table's new area. */
  readonly area: Area;
  /** Every table's new area, in the order of `tables`. */
  readonly areas: readonly Area[];
  /** A formula cell was written or overwritten (the calculation chain is stale). */
  readonly formulasChanged: boolean;
  /** A formula was written without a cached value (the workbook must calculate on load). */
  readonly needsCalc: boolean;
}

/** The area a table plan covers: header row and at least one data row (Excel needs one). */
export function tableArea(table: TablePlan): Area {
  const o = table.origin ?? { row: 0, column: 0 };
  return {
    row: o.row,
    column: o.column,
    rows: 1 + Math.max(1, table.rows.length),
    columns: table.columns.length,
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
  /** The whole sheet column's default style: the cells' without their fill (a fill ends with the table). */
  readonly columnXf: number;
  readonly isDate: boolean;
  /** For date cells in a column whose format is not a date format. */
  readonly dateXf: number;
}

/** A table of the sheet with what writing it needs. */
interface TableLayout {
  readonly table: TablePlan;
  readonly area: Area;
  readonly styles: readonly ColumnStyles[];
  readonly letters: readonly string[];
  readonly headerHeight: number;
}

export function writeSheet(ctx: SheetWriteContext, input: SheetWriteInput): SheetWriteResult {
  const { plan } = input;
  if (input.tables.length === 0) throw new Error(`sheet ${plan.name}: no table to write`);
  const layouts: TableLayout[] = input.tables.map((t) => {
    const area = tableArea(t.plan);
    return {
      table: t.plan,
      area,
      styles: t.plan.columns.map((c) => columnStyles(ctx, c)),
      letters: t.plan.columns.map((_, i) => columnLetter(area.column + i)),
      headerHeight: headerRowHeight(t.plan.columns),
    };
  });
  const main = layouts[0] as TableLayout;
  const areas = layouts.map((l) => l.area);
  const oldAreas = input.tables.flatMap((t) => (t.oldArea ? [t.oldArea] : []));
  const ownedAreas = [...areas, ...oldAreas];
  const owned = (r: number, c: number) => {
    for (const a of ownedAreas) if (inArea(a, r, c)) return true;
    return false;
  };
  const split = splitWorksheet(input.xml);
  const p = split.prefix;
  const children = [...split.children];
  const find = (name: string) => children.find((c) => localName(c.name) === name);

  // ---- styles ----
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

  /** The cells one table writes into row r (r inside its new area), in column order. */
  const tableRow = (l: TableLayout, r: number, out: { col: number; xml: string }[]) => {
    const { area, table, letters } = l;
    const ref = String(r + 1);
    if (r === area.row) {
      table.columns.forEach((c, i) => {
        out.push({
          col: area.column + i,
          xml: `<c r="${letters[i]}${ref}" s="${headerXf}" t="s"><v>${ctx.strings.id(checkText(c.header))}</v></c>`,
        });
      });
      return;
    }
    const cells = table.rows[r - area.row - 1] ?? [];
    table.columns.forEach((_, i) => {
      const cell = cells[i] ?? null;
      const st = l.styles[i] as ColumnStyles;
      const { xml, formula, cached } = cellXml(ctx, `${letters[i]}${ref}`, cell, st);
      if (formula) {
        formulasChanged = true;
        if (!cached) needsCalc = true;
      }
      out.push({ col: area.column + i, xml });
    });
  };
  const single = layouts.length === 1;
  const planRow = (r: number): { col: number; xml: string }[] => {
    const out: { col: number; xml: string }[] = [];
    for (const l of layouts) if (r >= l.area.row && r < l.area.row + l.area.rows) tableRow(l, r, out);
    if (!single) out.sort((a, b) => a.col - b.col);
    return p ? out.map((x) => ({ col: x.col, xml: x.xml.replace(/<(\/?)(c|f|v)\b/g, `<$1${p}$2`) })) : out;
  };
  const headerHeight = (r: number): number | undefined => {
    let h: number | undefined;
    for (const l of layouts) {
      if (l.area.row === r) h = Math.max(h ?? 0, l.headerHeight);
      const body = l.table.rowHeights?.[r - l.area.row - 1];
      if (body !== undefined && r > l.area.row && r < l.area.row + l.area.rows) h = Math.max(h ?? 0, body);
    }
    return h;
  };
  /** A data row's height where wrapped text needs more than one line (bodyRowHeight). */
  const bodyHeight = (r: number): number | undefined => {
    let h: number | undefined;
    for (const l of layouts) {
      if (r <= l.area.row || r >= l.area.row + l.area.rows) continue;
      const b = bodyRowHeight(l.table.columns, l.table.rows[r - l.area.row - 1] ?? []);
      if (b !== undefined) h = Math.max(h ?? 0, b);
    }
    return h;
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
  const emitRow = (r: number, old: RawRow | undefined, inNew: boolean) => {
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
    const height = inNew ? headerHeight(r) : undefined;
    if (height !== undefined) {
      attrs = attrs.replace(/\s+ht="[^"]*"/, "").replace(/\s+customHeight="[^"]*"/, "");
      attrs += ` ht="${height}" customHeight="1"`;
    } else if (inNew && !/\bcustomHeight="(1|true)"/.test(attrs)) {
      // Wrapped text gets the lines it needs (not marked custom: Excel still fits the row to what is typed
      // later); a height a person set is kept.
      const body = bodyHeight(r);
      attrs = attrs.replace(/\s+ht="[^"]*"/, "");
      if (body !== undefined) attrs += ` ht="${body}"`;
    }
    let body = "";
    if (inNew) {
      const mine = planRow(r);
      let k = 0;
      for (const m of mine) {
        while (k < kept.length && (kept[k] as { col: number }).col < m.col)
          body += (kept[k++] as { xml: string }).xml;
        body += m.xml;
        touch(r, m.col);
      }
      while (k < kept.length) body += (kept[k++] as { xml: string }).xml;
    } else {
      for (const k of kept) body += k.xml;
    }
    if (!old && body === "") return;
    rowXml.push(body ? `<${p}row${attrs}>${body}</${p}row>` : `<${p}row${attrs}/>`);
  };

  // The rows the new areas cover, as sorted, disjoint ranges [from, to).
  const spans = areas
    .map((a) => [a.row, a.row + a.rows] as [number, number])
    .sort((a, b) => a[0] - b[0])
    .reduce<[number, number][]>((out, s) => {
      const last = out[out.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push([s[0], s[1]]);
      return out;
    }, []);
  const sortedOld = [...oldRows].sort((a, b) => a.row - b.row);
  let oi = 0;
  for (const [from, to] of spans) {
    for (let r = from; r < to; r++) {
      while (oi < sortedOld.length && (sortedOld[oi] as RawRow).row < r)
        emitRow((sortedOld[oi] as RawRow).row, sortedOld[oi++], false);
      let old: RawRow | undefined;
      while (oi < sortedOld.length && (sortedOld[oi] as RawRow).row === r)
        old = mergeRows(old, sortedOld[oi++] as RawRow);
      emitRow(r, old, true);
    }
  }
  while (oi < sortedOld.length) emitRow((sortedOld[oi] as RawRow).row, sortedOld[oi++], false);

  const set = (name: string, xmls: readonly string[]) => setChildren(children, name, xmls);
  set("sheetData", [`<${p}sheetData>${rowXml.join("")}</${p}sheetData>`]);

  // ---- dimension ----
  const dimRef =
    maxRow < 0
      ? "A1"
      : areaRef({ row: minRow, column: minCol, rows: maxRow - minRow + 1, columns: maxCol - minCol + 1 });
  set("dimension", [`<${p}dimension ref="${dimRef}"/>`]);

  // ---- columns (a sheet column two tables share takes the first table's width) ----
  let cols = find("cols");
  for (const l of layouts) {
    const xml = colsXml(cols, p, l.table.columns, l.area, l.styles)[0];
    cols = xml === undefined ? undefined : { name: "cols", xml };
  }
  set("cols", cols ? [cols.xml] : []);

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
  set("headerFooter", headerFooterXml(find("headerFooter"), p, plan));

  // ---- protection ----
  set("sheetProtection", protectionXml(ctx, find("sheetProtection"), p, plan));

  // ---- merged cells ----
  const merges = find("mergeCells");
  if (merges) {
    const el = parseXml(merges.xml).root;
    const keep = elements(el, "mergeCell").filter((m) => {
      const a = parseArea(attr(m, "ref") ?? "");
      return !a || !ownedAreas.some((o) => intersects(a, o));
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
        return a !== null && ownedAreas.some((o) => within(a, o));
      });
  const keptCf = children
    .filter((c) => localName(c.name) === "conditionalFormatting")
    .filter((c) => !mineRanges(attr(parseXml(c.xml).root, "sqref") ?? ""));
  let priority = 0;
  for (const c of keptCf)
    for (const m of c.xml.matchAll(/\bpriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const columnRange = (l: TableLayout, i: number) =>
    `${l.letters[i]}${l.area.row + 2}:${l.letters[i]}${l.area.row + l.area.rows}`;
  const newCf: string[] = [];
  // The plan's conditional formats name the main table's column keys.
  for (const cf of plan.conditionalFormats) {
    const ranges = cf.columns
      .map((key) => main.table.columns.findIndex((c) => c.key === key))
      .filter((i) => i >= 0)
      .map((i) => columnRange(main, i));
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
  const newDv = layouts.flatMap((l) =>
    l.table.columns.flatMap((c, i) =>
      c.validation ? [validationXml(p, c.validation, columnRange(l, i))] : [],
    ),
  );
  const dvItems = [...keptDv.map(serializeElement), ...newDv];
  if (dvItems.length > 0) {
    const root = dv ? parseXml(dv.xml).root : element(`${p}dataValidations`);
    const rootAttrs = root.attrs.filter(([k]) => k !== "count");
    const open = `<${root.name}${rootAttrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")} count="${dvItems.length}">`;
    set("dataValidations", [`${open}${dvItems.join("")}</${root.name}>`]);
  } else set("dataValidations", []);

  // ---- drawing (charts) and table parts ----
  const rPrefix =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      split.head,
    )?.[1];
  const rAttr = (id: string) =>
    rPrefix
      ? `${rPrefix}:id="${id}"`
      : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${id}"`;
  if (input.drawingRId !== undefined) {
    const drawing = find("drawing");
    if (!drawing || !drawing.xml.includes(`"${input.drawingRId}"`))
      set("drawing", [`<${p}drawing ${rAttr(input.drawingRId)}/>`]);
  }
  const parts = find("tableParts");
  const missing = input.tables.filter((t) => !parts || !parts.xml.includes(`"${t.rId}"`));
  if (missing.length > 0) {
    const items = parts ? elements(parseXml(parts.xml).root, "tablePart").map(serializeElement) : [];
    for (const t of missing) items.push(`<${p}tablePart ${rAttr(t.rId)}/>`);
    set("tableParts", [`<${p}tableParts count="${items.length}">${items.join("")}</${p}tableParts>`]);
  }

  return {
    xml: split.head + children.map((c) => c.xml).join("") + split.tail,
    area: main.area,
    areas,
    formulasChanged,
    needsCalc,
  };
}

/** The relationship id of a worksheet's <drawing>, if it has one (looked for after the cells only). */
export function drawingRIdOf(xml: string): string | undefined {
  let from = xml.lastIndexOf("</sheetData>");
  if (from < 0) from = xml.lastIndexOf("sheetData");
  if (from < 0) from = 0;
  const m = /<(?:[\w.-]+:)?drawing\s[^>]*?\b[\w.-]+:id="([^"]*)"/.exec(xml.slice(from));
  return m ? m[1] : undefined;
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
  const plain: XfSpec = {
    ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}),
    locked: c.role !== "entry",
    wrap: !!c.wrap,
  };
  const spec: XfSpec = { ...plain, ...(c.shade ? { look: SHADES[c.shade] } : {}) };
  const xf = ctx.styles.xf(spec);
  const isDate = !!c.numberFormat && isDateFormatCode(c.numberFormat);
  return {
    xf,
    columnXf: c.shade ? ctx.styles.xf(plain) : xf,
    isDate,
    dateXf: isDate ? xf : ctx.styles.xf({ ...spec, numberFormat: FORMATS.date }),
  };
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
      const text = escapeText(cell.f.startsWith("=") ? cell.f.slice(1) : cell.f);
      const f = cell.array ? `<f t="array" ref="${ref}">${text}</f>` : `<f>${text}</f>`;
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
        ["style", String((styles[i] as ColumnStyles).columnXf)],
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
  setAttr(el, "fitToWidth", plan.print.fitToWidth ? String(plan.print.pagesWide ?? 1) : undefined);
  setAttr(el, "fitToHeight", plan.print.fitToWidth ? (plan.print.onePage ? "1" : "0") : undefined);
  return serializeElement(el);
}

/**
 * The page header and footer (CT_HeaderFooter: oddHeader, oddFooter): each section after its code, &L, &C, &R.
 * The plan's texts are already in Excel's header codes; a section the plan leaves empty is left out.
 */
function headerFooterXml(existing: RawElement | undefined, p: string, plan: SheetPlan): string[] {
  const { header, footer } = plan.print;
  if (!header && !footer) return existing ? [existing.xml] : [];
  const codes = (t: HeaderFooterText) =>
    (t.left ? `&L${t.left}` : "") + (t.center ? `&C${t.center}` : "") + (t.right ? `&R${t.right}` : "");
  const part = (name: string, t: HeaderFooterText | undefined) =>
    t ? `<${p}${name}>${escapeText(codes(t))}</${p}${name}>` : "";
  return [`<${p}headerFooter>${part("oddHeader", header)}${part("oddFooter", footer)}</${p}headerFooter>`];
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
  const prompt = v.prompt
    ? ` promptTitle="${escapeAttr(v.prompt.title)}" prompt="${escapeAttr(v.prompt.message)}"`
    : ` prompt="${escapeAttr(v.message)}"`;
  const common =
    ` allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${escapeAttr(v.title)}"` +
    ` error="${escapeAttr(v.message)}"${prompt} sqref="${sqref}"`;
  const date = (iso: string) =>
    `DATE(${iso.slice(0, 4)},${Number(iso.slice(5, 7))},${Number(iso.slice(8, 10))})`;
  const f = (n: 1 | 2, text: string) => `<${p}formula${n}>${escapeText(text)}</${p}formula${n}>`;
  switch (v.type) {
    case "whole":
    case "decimal":
      return `<${p}dataValidation type="${v.type}" operator="between"${common}>${f(1, numberText(v.min))}${f(2, numberText(v.max))}</${p}dataValidation>`;
    case "list":
      return `<${p}dataValidation type="list"${common}>${f(1, `"${v.values.join(",")}"`)}</${p}dataValidation>`;
    case "listFrom":
      return `<${p}dataValidation type="list"${common}>${f(1, v.range)}</${p}dataValidation>`;
    case "date":
      return `<${p}dataValidation type="date" operator="between"${common}>${f(1, date(v.from))}${f(2, date(v.to))}</${p}dataValidation>`;
  }
}

/**
 * The print titles of a sheet: the table's first `columns` columns (repeated at the left of every page), then
 * its header row, in the order Excel writes them.
 */
export function printTitles(sheetName: string, area: Area, columns = 0): string {
  const rows = `${sheetRef(sheetName)}!$${area.row + 1}:$${area.row + 1}`;
  if (columns <= 0) return rows;
  const first = columnLetter(area.column);
  const last = columnLetter(area.column + Math.min(columns, area.columns) - 1);
  return `${sheetRef(sheetName)}!$${first}:$${last},${rows}`;
}
