/**
 * The shared string table: read as plain texts (rich text runs joined, phonetic runs left out), and extended for
 * writing. Every existing <si> keeps its index; new texts are appended. An item no cell uses any more (a value
 * ilm overwrote, the settings of an earlier revision) is emptied, so no old text stays in the file unseen.
 */
import { decodeXString, encodeXString } from "./xstring";
import { decodeEntities, escapeText, tagEnd } from "./xml";

const SI = /<((?:[A-Za-z_][\w.-]*:)?)si\b[^>]*?(\/?)>/g;
const T = /<(?:[A-Za-z_][\w.-]*:)?t\b[^>]*?(\/?)>/g;
const RPH = /<((?:[A-Za-z_][\w.-]*:)?)rPh\b[\s\S]*?<\/\1rPh>/g;

/** The plain text of a string item's (or an inline string's) content: its <t> texts, phonetic runs left out. */
export function itemText(inner: string): string {
  const text = inner.includes("rPh") ? inner.replace(RPH, "") : inner;
  let out = "";
  T.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = T.exec(text)) !== null) {
    if (m[1] === "/") continue;
    const end = text.indexOf("</", T.lastIndex);
    out += text.slice(T.lastIndex, end);
    T.lastIndex = end;
  }
  return decodeXString(decodeEntities(out));
}

/** Every string item's text, by index. */
export function readSharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (!xml) return out;
  SI.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SI.exec(xml)) !== null) {
    if (m[2] === "/") {
      out.push("");
      continue;
    }
    const close = `</${m[1] as string}si>`;
    const end = xml.indexOf(close, SI.lastIndex);
    out.push(itemText(xml.slice(SI.lastIndex, end)));
    SI.lastIndex = end + close.length;
  }
  return out;
}

/** A text as a <t> element: escaped for Excel and XML, spaces kept. */
export function tElement(text: string, prefix = ""): string {
  const body = escapeText(encodeXString(text));
  const preserve = /^\s|\s$|[\t\n\r]/.test(text) ? ' xml:space="preserve"' : "";
  return `<${prefix}t${preserve}>${body}</${prefix}t>`;
}

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private readonly existing: number;
  /** Existing items no cell refers to: emptied when the part is written. */
  private unused: readonly number[] = [];

  /** `xml` is the current part (undefined when the package has none). */
  constructor(private readonly xml: string | undefined) {
    const texts = readSharedStrings(xml);
    this.existing = texts.length;
    // Only plain items are reused: a rich-text item would lose its runs' formats in a text cell ilm writes.
    SI.lastIndex = 0;
    let i = 0;
    let m: RegExpExecArray | null;
    const src = xml ?? "";
    while ((m = SI.exec(src)) !== null) {
      if (m[2] !== "/") {
        const close = `</${m[1] as string}si>`;
        const end = src.indexOf(close, SI.lastIndex);
        const inner = src.slice(SI.lastIndex, end);
        const plain = /^<(?:[\w.-]+:)?t\b[^>]*>[^<]*<\/(?:[\w.-]+:)?t>$/.test(inner);
        const text = texts[i] as string;
        if (plain && !this.index.has(text)) this.index.set(text, i);
        SI.lastIndex = end + close.length;
      }
      i++;
    }
  }

  /** The index of a text, appended when new. */
  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.existing + this.added.length;
      this.added.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /**
   * Records which items the workbook's cells refer to; every other existing item that still has text is emptied
   * by toXml. Its index stays, so cells ilm did not write keep their bytes.
   */
  keepOnly(referenced: ReadonlySet<number>): void {
    const unused: number[] = [];
    readSharedStrings(this.xml).forEach((text, i) => {
      if (text !== "" && !referenced.has(i)) unused.push(i);
    });
    this.unused = unused;
  }

  get changed(): boolean {
    return this.added.length > 0 || this.unused.length > 0 || this.xml === undefined;
  }

  get used(): boolean {
    return this.existing + this.added.length > 0;
  }

  /** The part with the new items appended (and its counts updated). */
  toXml(): string {
    const total = this.existing + this.added.length;
    const items = this.added.map((t) => `<si>${tElement(t)}</si>`).join("");
    if (this.xml === undefined || !/<(?:[\w.-]+:)?sst\b/.test(this.xml)) {
      return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${total}">${items}</sst>`
      );
    }
    const xml = this.emptied(this.xml);
    const start = xml.search(/<(?:[\w.-]+:)?sst\b/);
    const startEnd = tagEnd(xml, start);
    const prefix = /^<([\w.-]+:)?/.exec(xml.slice(start))?.[1] ?? "";
    let startTag = xml
      .slice(start, startEnd + 1)
      .replace(/\s+count="[^"]*"/, "")
      .replace(/\s+uniqueCount="[^"]*"/, "");
    const selfClosing = startTag.endsWith("/>");
    if (selfClosing) startTag = startTag.slice(0, -2).trimEnd() + ">";
    startTag = startTag.slice(0, -1) + ` uniqueCount="${total}">`;
    const prefixed = prefix ? items.replace(/<(\/?)(si|t)\b/g, `<$1${prefix}$2`) : items;
    if (selfClosing)
      return xml.slice(0, start) + startTag + prefixed + `</${prefix}sst>` + xml.slice(startEnd + 1);
    const close = xml.lastIndexOf(`</${prefix}sst>`);
    return xml.slice(0, start) + startTag + xml.slice(startEnd + 1, close) + prefixed + xml.slice(close);
  }

  /** `xml` with the unused items' contents removed (each keeps its place as an empty item). */
  private emptied(xml: string): string {
    if (this.unused.length === 0) return xml;
    const unused = new Set(this.unused);
    let out = "";
    let from = 0;
    let i = 0;
    SI.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SI.exec(xml)) !== null) {
      if (m[2] !== "/") {
        const close = `</${m[1] as string}si>`;
        const end = xml.indexOf(close, SI.lastIndex) + close.length;
        if (unused.has(i)) {
          out +=
            xml.slice(from, m.index) + `<${m[1] as string}si><${m[1] as string}t/></${m[1] as string}si>`;
          from = end;
        }
        SI.lastIndex = end;
      }
      i++;
    }
    return out + xml.slice(from);
  }
}

const SHARED_CELL = /<((?:[A-Za-z_][\w.-]*:)?)c\b[^>]*?\bt=["']s["'][^>]*?(\/?)>/g;
const VALUE = /<(?:[A-Za-z_][\w.-]*:)?v\b[^>]*>\s*(\d+)\s*</;

/** Adds to `into` the shared string indices the cells of a worksheet's XML refer to. */
export function referencedStrings(sheetXml: string, into: Set<number>): void {
  SHARED_CELL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SHARED_CELL.exec(sheetXml)) !== null) {
    if (m[2] === "/") continue;
    const close = sheetXml.indexOf(`</${m[1] as string}c>`, SHARED_CELL.lastIndex);
    const value = VALUE.exec(sheetXml.slice(SHARED_CELL.lastIndex, close < 0 ? undefined : close));
    if (value) into.add(Number(value[1]));
  }
}
