import type { XlsxPackage } from "./package";
import { REL, Rels, resolveTarget, workbookPart } from "./package";
import type { XmlDocument, XmlElement } from "./xml";
import { attr, child, elements, parseXml, textOf } from "./xml";

export interface SheetEntry {
  readonly el: XmlElement;
  name: string;
  readonly sheetId: number;
  readonly rId: string;
  /** The worksheet part, or undefined for a chartsheet/dialog sheet or a broken relationship. */
  readonly part: string | undefined;
  readonly isWorksheet: boolean;
}

/** workbook.xml and its rels, parsed (the part is small). */
export class WorkbookPart {
  private constructor(
    readonly part: string,
    readonly doc: XmlDocument,
    readonly rels: Rels,
  ) {}

  static read(pkg: XlsxPackage): WorkbookPart {
    const part = workbookPart(pkg);
    const text = pkg.text(part);
    if (text === undefined) throw new Error(`not an .xlsx file: ${part} is missing`);
    return new WorkbookPart(part, parseXml(text), Rels.read(pkg, part));
  }

  get root(): XmlElement {
    return this.doc.root;
  }

  sheetsElement(): XmlElement {
    const s = child(this.root, "sheets");
    if (!s) throw new Error("workbook.xml has no <sheets>");
    return s;
  }

  sheets(): SheetEntry[] {
    const rels = this.rels.list();
    return elements(this.sheetsElement(), "sheet").map((el) => {
      const rId = el.attrs.find(([k]) => k.endsWith(":id") || k === "id")?.[1] ?? "";
      const rel = rels.find((r) => r.id === rId);
      return {
        el,
        name: attr(el, "name") ?? "",
        sheetId: Number(attr(el, "sheetId") ?? 0),
        rId,
        part: rel && !rel.external ? resolveTarget(this.part, rel.target) : undefined,
        isWorksheet: !!rel && (rel.type === REL.worksheet || rel.type.endsWith("/worksheet")),
      };
    });
  }

  date1904(): boolean {
    const pr = child(this.root, "workbookPr");
    const v = pr ? attr(pr, "date1904") : undefined;
    return v === "1" || v === "true";
  }

  /** Defined names: name, local sheet index (undefined for workbook-level), formula text. */
  definedNames(): { el: XmlElement; name: string; localSheetId: number | undefined; formula: string }[] {
    const dn = child(this.root, "definedNames");
    if (!dn) return [];
    return elements(dn, "definedName").map((el) => {
      const local = attr(el, "localSheetId");
      return {
        el,
        name: attr(el, "name") ?? "",
        localSheetId: local === undefined ? undefined : Number(local),
        formula: textOf(el),
      };
    });
  }

  /** The part a workbook relationship of `type` points to (styles, sharedStrings), if any. */
  partOfType(type: string): string | undefined {
    const rel = this.rels
      .list()
      .find((r) => r.type === type || r.type.endsWith(type.slice(type.lastIndexOf("/"))));
    return rel ? resolveTarget(this.part, rel.target) : undefined;
  }
}

/** Workbook child elements in schema order (CT_Workbook). */
export const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
] as const;
