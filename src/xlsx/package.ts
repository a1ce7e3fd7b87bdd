import { unzipSync, zipSync } from "fflate";
import type { Zippable } from "fflate";
import type { XmlDocument, XmlElement } from "./xml";
import { attr, element, elements, parseXml, serializeXml, setAttr } from "./xml";

/**
 * An .xlsx package (an OPC zip) held as its parts' uncompressed bytes, in the order of the original zip. Parts
 * nobody changes are written back with the very bytes they were read with; only parts set with `setText` or
 * `setBytes` are new. Part names are zip entry names (no leading "/").
 */
export class XlsxPackage {
  private readonly parts = new Map<string, Uint8Array>();

  static fromBytes(bytes: Uint8Array): XlsxPackage {
    const pkg = new XlsxPackage();
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch (e) {
      throw new Error(`not an .xlsx file (the zip could not be read: ${(e as Error).message})`);
    }
    for (const [name, data] of Object.entries(files)) {
      if (!name.endsWith("/")) pkg.parts.set(name, data);
    }
    if (!pkg.parts.has("[Content_Types].xml")) throw new Error("not an .xlsx file: no [Content_Types].xml");
    return pkg;
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  bytes(name: string): Uint8Array | undefined {
    return this.parts.get(name);
  }

  text(name: string): string | undefined {
    const b = this.parts.get(name);
    return b === undefined ? undefined : decoder.decode(b);
  }

  setText(name: string, text: string): void {
    this.parts.set(name, encoder.encode(text));
  }

  setBytes(name: string, bytes: Uint8Array): void {
    this.parts.set(name, bytes);
  }

  remove(name: string): void {
    this.parts.delete(name);
  }

  /** The zip: same entry order, a fixed timestamp (the output depends on the parts only). */
  toBytes(): Uint8Array {
    const files: Zippable = {};
    for (const [name, data] of this.parts) {
      // Large sheets compress nearly as well at level 1, several times faster.
      files[name] = [data, { level: data.length > 1_000_000 ? 1 : 6, mtime: FIXED_TIME }];
    }
    return zipSync(files);
  }
}

/** The first free part name `${stem}N${ext}` (not in the package, nor among `taken`). */
export function freePart(pkg: XlsxPackage, stem: string, ext: string, taken?: ReadonlySet<string>): string {
  let n = 1;
  while (pkg.has(`${stem}${n}${ext}`) || taken?.has(`${stem}${n}${ext}`)) n++;
  return `${stem}${n}${ext}`;
}

const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

// ---- relationships ----

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  theme: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
} as const;

export const CONTENT_TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

export const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** The rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part, as a part name. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return normalize(target.slice(1));
  const slash = source.lastIndexOf("/");
  return normalize(source.slice(0, slash + 1) + target);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return decodeURIComponent(out.join("/"));
}

/** The target from `source` to `part`, relative ("worksheets/sheet1.xml", "../tables/table1.xml"). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** A rels part, editable. */
export class Rels {
  constructor(
    readonly part: string,
    readonly doc: XmlDocument,
  ) {}

  static read(pkg: XlsxPackage, sourcePart: string): Rels {
    const part = relsPartOf(sourcePart);
    const text = pkg.text(part);
    const doc = text ? parseXml(text) : { prolog: "", root: element("Relationships", [["xmlns", RELS_NS]]) };
    return new Rels(part, doc);
  }

  list(): Relationship[] {
    return elements(this.doc.root, "Relationship").map((r) => ({
      id: attr(r, "Id") ?? "",
      type: attr(r, "Type") ?? "",
      target: attr(r, "Target") ?? "",
      external: attr(r, "TargetMode") === "External",
    }));
  }

  byId(id: string): Relationship | undefined {
    return this.list().find((r) => r.id === id);
  }

  /** Adds a relationship with a fresh id and returns the id. */
  add(type: string, target: string): string {
    const ids = new Set(this.list().map((r) => r.id));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.doc.root.children.push(
      element("Relationship", [
        ["Id", id],
        ["Type", type],
        ["Target", target],
      ]),
    );
    return id;
  }

  removeWhere(pred: (r: XmlElement) => boolean): void {
    this.doc.root.children = this.doc.root.children.filter((c) => c.kind !== "element" || !pred(c));
  }

  save(pkg: XlsxPackage): void {
    pkg.setText(this.part, serializeXml(this.doc));
  }
}

/** [Content_Types].xml, editable. */
export class ContentTypes {
  private constructor(readonly doc: XmlDocument) {}

  static read(pkg: XlsxPackage): ContentTypes {
    return new ContentTypes(parseXml(pkg.text("[Content_Types].xml") ?? ""));
  }

  setOverride(part: string, type: string): void {
    const name = `/${part}`;
    const found = elements(this.doc.root, "Override").find((o) => attr(o, "PartName") === name);
    if (found) setAttr(found, "ContentType", type);
    else
      this.doc.root.children.push(
        element("Override", [
          ["PartName", name],
          ["ContentType", type],
        ]),
      );
  }

  removeOverride(part: string): void {
    const name = `/${part}`;
    this.doc.root.children = this.doc.root.children.filter(
      (c) => c.kind !== "element" || attr(c, "PartName") !== name,
    );
  }

  save(pkg: XlsxPackage): void {
    pkg.setText("[Content_Types].xml", serializeXml(this.doc));
  }
}

/** The workbook part's name, from the package relationships. */
export function workbookPart(pkg: XlsxPackage): string {
  const rel = Rels.read(pkg, "").list();
  const office = rel.find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
  if (!office) throw new Error("not an .xlsx file: no workbook part");
  return resolveTarget("", office.target);
}
