/**
 * styles.xml: which cell formats are dates (for the reader), and appending the formats ilm needs (for the writer).
 * Existing entries are never renumbered or changed: other cells point at them by index. An entry identical to one
 * already present is reused, so writing the same plan again appends nothing.
 */
import type { CellStyle } from "../workbook/styles";
import type { XmlDocument, XmlElement } from "./xml";
import {
  attr,
  child,
  element,
  elements,
  insertInOrder,
  parseXml,
  prefixOf,
  serializeElement,
  serializeXml,
  setAttr,
} from "./xml";

/** The built-in number formats ilm writes, by format code. */
const BUILTIN: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "@": 49,
};

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a format code shows a date or time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  // Only the first section (positive numbers) decides.
  let inQuote = false;
  let inBracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code.charAt(i);
    if (inQuote) {
      if (ch === '"') inQuote = false;
    } else if (inBracket) {
      if (ch === "]") inBracket = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === "[") inBracket = true;
    else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === ";") return false;
    else if (/[dmyhsDMYHS]/.test(ch)) return true;
  }
  return false;
}

/** For every cell format (cellXfs index), whether it shows a date. */
export function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const doc = parseXml(stylesXml);
  const custom = new Map<number, string>();
  const numFmts = child(doc.root, "numFmts");
  if (numFmts) {
    for (const f of elements(numFmts, "numFmt"))
      custom.set(Number(attr(f, "numFmtId")), attr(f, "formatCode") ?? "");
  }
  const xfs = child(doc.root, "cellXfs");
  if (!xfs) return [];
  return elements(xfs, "xf").map((xf) => {
    const id = Number(attr(xf, "numFmtId") ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id);
  });
}

/** CT_Stylesheet children in schema order. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

/** What a cell format ilm writes holds. */
export interface XfSpec {
  readonly numberFormat?: string;
  readonly locked: boolean;
  readonly wrap: boolean;
  readonly look?: CellStyle;
}

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

export class StylesPart {
  private readonly p: string;
  private readonly xfCache = new Map<string, number>();
  changed = false;

  private constructor(readonly doc: XmlDocument) {
    this.p = prefixOf(doc.root);
  }

  static parse(xml: string): StylesPart {
    return new StylesPart(parseXml(xml));
  }

  /** A minimal stylesheet (one font, the two required fills, one border, one cell format). */
  static empty(): StylesPart {
    return StylesPart.parse(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>' +
        '<scheme val="minor"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
        "</styleSheet>",
    );
  }

  toXml(): string {
    return serializeXml(this.doc);
  }

  private list(name: string): XmlElement {
    let el = child(this.doc.root, name);
    if (!el) {
      el = element(this.p + name, [["count", "0"]]);
      insertInOrder(this.doc.root, el, STYLESHEET_ORDER);
    }
    return el;
  }

  /** The index of `xml` in list `name` (appended when no identical entry exists). */
  private indexIn(name: string, itemXml: string): number {
    const list = this.list(name);
    const items = list.children.filter((c): c is XmlElement => c.kind === "element");
    const found = items.findIndex((c) => serializeElement(c) === itemXml);
    if (found >= 0) return found;
    list.children.push(parseXml(itemXml).root);
    setAttr(list, "count", String(items.length + 1));
    this.changed = true;
    return items.length;
  }

  numFmtId(code: string): number {
    const builtin = BUILTIN[code];
    if (builtin !== undefined) return builtin;
    const numFmts = this.list("numFmts");
    const fmts = elements(numFmts, "numFmt");
    const found = fmts.find((f) => attr(f, "formatCode") === code);
    if (found) return Number(attr(found, "numFmtId"));
    const id = Math.max(163, ...fmts.map((f) => Number(attr(f, "numFmtId") ?? 0))) + 1;
    numFmts.children.push(
      element(`${this.p}numFmt`, [
        ["numFmtId", String(id)],
        ["formatCode", code],
      ]),
    );
    setAttr(numFmts, "count", String(fmts.length + 1));
    this.changed = true;
    return id;
  }

  private fontId(look: CellStyle): number {
    const p = this.p;
    const base = elements(this.list("fonts"), "font")[0];
    const keep = base
      ? base.children.filter(
          (c): c is XmlElement => c.kind === "element" && !["b", "color"].includes(c.name.replace(p, "")),
        )
      : [];
    const font = element(
      `${p}font`,
      [],
      [...(look.bold ? [element(`${p}b`)] : []), ...keep, element(`${p}color`, [["rgb", argb(look.font)]])],
    );
    return this.indexIn("fonts", serializeElement(font));
  }

  private fillId(look: CellStyle): number {
    const p = this.p;
    return this.indexIn(
      "fills",
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(look.fill)}"/>` +
        `<${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
  }

  /** The cellXfs index of a format ilm writes. */
  xf(spec: XfSpec): number {
    const key = JSON.stringify(spec);
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const numFmtId = this.numFmtId(spec.numberFormat ?? "General");
    const fontId = spec.look ? this.fontId(spec.look) : 0;
    const fillId = spec.look ? this.fillId(spec.look) : 0;
    const xml =
      `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${spec.look ? ' applyFont="1" applyFill="1"' : ""}` +
      ` applyAlignment="1" applyProtection="1">` +
      `<${p}alignment vertical="top"${spec.wrap ? ' wrapText="1"' : ""}/>` +
      `<${p}protection locked="${spec.locked ? 1 : 0}"/></${p}xf>`;
    const id = this.indexIn("cellXfs", xml);
    this.xfCache.set(key, id);
    return id;
  }

  /** The dxfs index of a conditional format's look. */
  dxf(look: CellStyle): number {
    const p = this.p;
    return this.indexIn(
      "dxfs",
      `<${p}dxf><${p}font>${look.bold ? `<${p}b/>` : ""}<${p}color rgb="${argb(look.font)}"/></${p}font>` +
        `<${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(look.fill)}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
  }
}
