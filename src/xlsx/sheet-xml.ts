/**
 * A fast scanner for worksheet parts, which can be tens of megabytes: the worksheet's top-level elements as raw
 * text (each parsed with xml.ts only when it is edited), and the rows and cells of <sheetData> as raw text plus
 * their positions. Nothing here builds a tree of the sheet.
 */
import { tagEnd } from "./xml";

export interface RawElement {
  /** Local name ("sheetData", "cols", "mc:AlternateContent" keeps its prefix). */
  readonly name: string;
  /** The element's whole text (whitespace between elements is dropped). */
  readonly xml: string;
}

export interface SplitSheet {
  /** Prolog and the root's start tag. */
  readonly head: string;
  readonly children: RawElement[];
  /** The root's end tag. */
  readonly tail: string;
  /** The root's namespace prefix ("" or "x:"). */
  readonly prefix: string;
}

function nameAt(xml: string, from: number): string {
  let j = from;
  while (j < xml.length && !/[\s/>]/.test(xml.charAt(j))) j++;
  return xml.slice(from, j);
}

/** Splits a worksheet part into its root's start tag, its top-level children and its end tag. */
export function splitWorksheet(xml: string): SplitSheet {
  let i = 0;
  // Skip the prolog: declarations, comments, PIs.
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) throw new Error("worksheet: no root element");
    const c = xml.charAt(i + 1);
    if (c === "?" || c === "!")
      i = xml.startsWith("<!--", i) ? xml.indexOf("-->", i) + 3 : xml.indexOf(">", i) + 1;
    else break;
  }
  const rootName = nameAt(xml, i + 1);
  const prefix = rootName.includes(":") ? rootName.slice(0, rootName.indexOf(":") + 1) : "";
  const rootEnd = tagEnd(xml, i);
  const head = xml.slice(0, rootEnd + 1);
  const closeTag = `</${rootName}>`;
  const close = xml.lastIndexOf(closeTag);
  if (xml.charAt(rootEnd - 1) === "/")
    return { head: head.slice(0, -2) + ">", children: [], tail: closeTag, prefix };
  if (close < 0) throw new Error("worksheet: no end tag");
  const children: RawElement[] = [];
  let p = rootEnd + 1;
  while (p < close) {
    const lt = xml.indexOf("<", p);
    if (lt < 0 || lt >= close) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt) + 3;
      children.push({ name: "#comment", xml: xml.slice(lt, end) });
      p = end;
      continue;
    }
    const name = nameAt(xml, lt + 1);
    const end = elementEnd(xml, lt, name);
    children.push({ name, xml: xml.slice(lt, end) });
    p = end;
  }
  return { head, children, tail: closeTag, prefix };
}

/** The index just past the element starting at `lt` named `name` (nested same-name elements counted). */
export function elementEnd(xml: string, lt: number, name: string): number {
  const startEnd = tagEnd(xml, lt);
  if (xml.charAt(startEnd - 1) === "/") return startEnd + 1;
  const open = `<${name}`;
  const close = `</${name}>`;
  let depth = 1;
  let p = startEnd + 1;
  for (;;) {
    const nextClose = xml.indexOf(close, p);
    if (nextClose < 0) throw new Error(`worksheet: <${name}> not closed`);
    let nextOpen = xml.indexOf(open, p);
    while (nextOpen >= 0 && nextOpen < nextClose && !/[\s/>]/.test(xml.charAt(nextOpen + open.length))) {
      nextOpen = xml.indexOf(open, nextOpen + 1);
    }
    if (nextOpen >= 0 && nextOpen < nextClose) {
      const e = tagEnd(xml, nextOpen);
      if (xml.charAt(e - 1) !== "/") depth++;
      p = e + 1;
    } else {
      depth--;
      p = nextClose + close.length;
      if (depth === 0) return p;
    }
  }
}

/** "AB12" → [11, 27] (0-based row, column); null when not a cell reference. */
export function parseCellRef(ref: string): [number, number] | null {
  let col = 0;
  let i = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
    i++;
  }
  if (col === 0 || i === n) return null;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue;
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return row > 0 ? [row - 1, col - 1] : null;
}

export interface RawCell {
  readonly row: number;
  readonly col: number;
  /** The attributes text of the start tag (r="A1" s="3" t="s"). */
  readonly attrs: string;
  /** The content between start and end tag ("" for an empty element). */
  readonly inner: string;
  /** The whole element as written. */
  readonly xml: string;
}

export interface RawRow {
  readonly row: number;
  /** The attributes text of the <row> start tag. */
  readonly attrs: string;
  readonly cells: RawCell[];
}

const ROW = /<((?:[A-Za-z_][\w.-]*:)?)row\b([^>]*?)(\/?)>/g;
const CELL = /<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*?)(\/?)>/g;
const R_ATTR = /\br="([^"]*)"/;

/** The rows of a <sheetData> element's text (its start tag included), in document order. */
export function scanRows(sheetData: string): RawRow[] {
  const rows: RawRow[] = [];
  ROW.lastIndex = 0;
  let nextRow = 0;
  let m: RegExpExecArray | null;
  while ((m = ROW.exec(sheetData)) !== null) {
    const attrs = m[2] as string;
    const rAttr = R_ATTR.exec(attrs);
    const row = rAttr ? Number(rAttr[1]) - 1 : nextRow;
    nextRow = row + 1;
    const cells: RawCell[] = [];
    if (m[3] !== "/") {
      const closeTag = `</${m[1] as string}row>`;
      const end = sheetData.indexOf(closeTag, ROW.lastIndex);
      if (end < 0) throw new Error("worksheet: <row> not closed");
      scanCells(sheetData.slice(ROW.lastIndex, end), row, cells);
      ROW.lastIndex = end + closeTag.length;
    }
    rows.push({ row, attrs, cells });
  }
  return rows;
}

function scanCells(text: string, row: number, out: RawCell[]): void {
  CELL.lastIndex = 0;
  let nextCol = 0;
  let m: RegExpExecArray | null;
  while ((m = CELL.exec(text)) !== null) {
    const attrs = m[1] as string;
    const start = m.index;
    let inner = "";
    let end = CELL.lastIndex;
    if (m[2] !== "/") {
      // The cell's end tag: skip nested elements' end tags (</f>, </v>, </is>, </t>, </r>).
      let p = CELL.lastIndex;
      for (;;) {
        const closeAt = text.indexOf("</", p);
        if (closeAt < 0) throw new Error("worksheet: <c> not closed");
        const gt = text.indexOf(">", closeAt);
        const name = text.slice(closeAt + 2, gt);
        if (name === "c" || name.endsWith(":c")) {
          inner = text.slice(CELL.lastIndex, closeAt);
          end = gt + 1;
          break;
        }
        p = gt + 1;
      }
      CELL.lastIndex = end;
    }
    const rAttr = R_ATTR.exec(attrs);
    const pos = rAttr ? parseCellRef(rAttr[1] as string) : null;
    const col = pos ? pos[1] : nextCol;
    nextCol = col + 1;
    out.push({ row: pos ? pos[0] : row, col, attrs, inner, xml: text.slice(start, end) });
  }
}

/** The value of attribute `name` in an attributes text, raw (entities not decoded). */
export function rawAttr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`);
  const m = re.exec(attrs);
  return m ? m[1] : undefined;
}
