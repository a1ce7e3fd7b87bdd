/**
 * A small XML tree for the small parts of a package (workbook.xml, styles.xml, rels, content types, table parts,
 * and single elements of a sheet such as <cols> or <pageSetup>), and the escapes every part uses. Comments,
 * processing instructions and CDATA are kept as raw text; element and attribute names are kept as written
 * (prefixes included). Sheet data is never parsed with this: see sheet-xml.ts.
 */

export interface XmlElement {
  readonly kind: "element";
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}

/** Text as written in the file (entities not decoded), or a comment/PI/CDATA kept raw. */
export interface XmlRaw {
  readonly kind: "raw";
  text: string;
}

export type XmlNode = XmlElement | XmlRaw;

/** A part's prolog (XML declaration and anything before the root) and its root element. */
export interface XmlDocument {
  prolog: string;
  root: XmlElement;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five entities and character references. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.charAt(0) === "#") {
      const code = body.charAt(1) === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

/** Text content escaped for XML; a carriage return as a character reference (parsers turn a raw CR into LF). */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (ch) =>
    ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&#13;",
  );
}

/** An attribute value escaped for a double-quoted attribute (whitespace controls as references, so they stay). */
export function escapeAttr(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (ch) => {
    switch (ch) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return `&#${ch.charCodeAt(0)};`;
    }
  });
}

/** An element's name without its namespace prefix. */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag's inside ("r=\"A1\" s=\"2\""), values decoded. */
export function parseAttrs(inside: string): [string, string][] {
  const out: [string, string][] = [];
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(inside)) !== null) {
    out.push([m[1] as string, decodeEntities(m[2] ?? m[3] ?? "")]);
  }
  return out;
}

/** Parses a whole part (or a fragment holding one element). Throws on malformed nesting. */
export function parseXml(xml: string): XmlDocument {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let prolog = "";
  let i = 0;
  const n = xml.length;
  const append = (node: XmlNode) => {
    const top = stack[stack.length - 1];
    if (top) top.children.push(node);
    else if (node.kind === "raw") prolog += node.text;
  };
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      append({ kind: "raw", text: xml.slice(i) });
      break;
    }
    if (lt > i) append({ kind: "raw", text: xml.slice(i, lt) });
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt);
      if (end < 0) throw new Error("XML: unterminated comment");
      append({ kind: "raw", text: xml.slice(lt, end + 3) });
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      if (end < 0) throw new Error("XML: unterminated CDATA");
      append({ kind: "raw", text: xml.slice(lt, end + 3) });
      i = end + 3;
    } else if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
      const end = xml.indexOf(">", lt);
      if (end < 0) throw new Error("XML: unterminated declaration");
      append({ kind: "raw", text: xml.slice(lt, end + 1) });
      i = end + 1;
    } else if (xml.charAt(lt + 1) === "/") {
      const end = xml.indexOf(">", lt);
      const name = xml.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`XML: unexpected </${name}>`);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      let inside = xml.slice(lt + 1, end);
      const selfClosing = inside.endsWith("/");
      if (selfClosing) inside = inside.slice(0, -1);
      const sp = inside.search(/\s/);
      const name = sp < 0 ? inside : inside.slice(0, sp);
      const el: XmlElement = {
        kind: "element",
        name,
        attrs: sp < 0 ? [] : parseAttrs(inside.slice(sp)),
        children: [],
      };
      if (stack.length === 0) {
        if (root) throw new Error("XML: two root elements");
        root = el;
      } else append(el);
      if (!selfClosing) stack.push(el);
      i = end + 1;
    }
  }
  if (!root || stack.length > 0) throw new Error("XML: no complete root element");
  return { prolog, root };
}

/** The index of the ">" closing the tag that starts at `lt` (quotes in attribute values skipped). */
export function tagEnd(xml: string, lt: number): number {
  let quote = "";
  for (let j = lt + 1; j < xml.length; j++) {
    const ch = xml.charAt(j);
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return j;
  }
  throw new Error("XML: unterminated tag");
}

export function serializeElement(el: XmlElement): string {
  let out = `<${el.name}`;
  for (const [k, v] of el.attrs) out += ` ${k}="${escapeAttr(v)}"`;
  if (el.children.length === 0) return `${out}/>`;
  out += ">";
  for (const c of el.children) out += c.kind === "raw" ? c.text : serializeElement(c);
  return `${out}</${el.name}>`;
}

export function serializeXml(doc: XmlDocument): string {
  const prolog = doc.prolog.trim() ? doc.prolog : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return prolog + serializeElement(doc.root);
}

export function attr(el: XmlElement, name: string): string | undefined {
  for (const [k, v] of el.attrs) if (k === name) return v;
  return undefined;
}

/** Sets (or with undefined removes) an attribute, keeping its place when it exists. */
export function setAttr(el: XmlElement, name: string, value: string | undefined): void {
  const i = el.attrs.findIndex(([k]) => k === name);
  if (value === undefined) {
    if (i >= 0) el.attrs.splice(i, 1);
  } else if (i >= 0) el.attrs[i] = [name, value];
  else el.attrs.push([name, value]);
}

export function elements(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.kind === "element" && (local === undefined || localName(c.name) === local)) out.push(c);
  }
  return out;
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.kind === "element" && localName(c.name) === local) return c;
  return undefined;
}

/** The prefix ("x:" or "") of an element's name, for new siblings in the same namespace. */
export function prefixOf(el: XmlElement): string {
  const i = el.name.indexOf(":");
  return i < 0 ? "" : el.name.slice(0, i + 1);
}

export function element(name: string, attrs: [string, string][] = [], children: XmlNode[] = []): XmlElement {
  return { kind: "element", name, attrs, children };
}

/**
 * Inserts `node` among `parent`'s children in schema order: before the first child whose local name comes later in
 * `order`. Unknown children keep their places.
 */
export function insertInOrder(parent: XmlElement, node: XmlElement, order: readonly string[]): void {
  const rank = order.indexOf(localName(node.name));
  const at = parent.children.findIndex(
    (c) => c.kind === "element" && order.indexOf(localName(c.name)) > rank,
  );
  if (at < 0) parent.children.push(node);
  else parent.children.splice(at, 0, node);
}

/** Replaces the child with the same local name, or inserts it in schema order. */
export function putChild(parent: XmlElement, node: XmlElement, order: readonly string[]): void {
  const at = parent.children.findIndex(
    (c) => c.kind === "element" && localName(c.name) === localName(node.name),
  );
  if (at >= 0) parent.children[at] = node;
  else insertInOrder(parent, node, order);
}

export function removeChildren(parent: XmlElement, local: string): void {
  parent.children = parent.children.filter((c) => c.kind !== "element" || localName(c.name) !== local);
}

/** The decoded text inside an element (raw children joined; nested elements' text included). */
export function textOf(el: XmlElement): string {
  let out = "";
  for (const c of el.children) {
    if (c.kind === "element") out += textOf(c);
    else if (c.text.startsWith("<![CDATA[")) out += c.text.slice(9, -3);
    else if (!c.text.startsWith("<")) out += decodeEntities(c.text);
  }
  return out;
}
