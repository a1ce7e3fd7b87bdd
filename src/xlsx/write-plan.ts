/**
 * Applies a workbook plan to an .xlsx package in place: the sheets and tables the plan names are written (found
 * by table name, else by sheet name, else created after the existing sheets); every part ilm does not edit is
 * copied through byte for byte. See docs/decisions.md, "The .xlsx writer", for what is kept and why.
 */
import type { Area } from "../workbook/contents";
import { sheetRef } from "../workbook/a1";
import type { SheetPlan, WorkbookPlan } from "../workbook/plan";
import { emptyPackage } from "./new-package";
import type { Relationship } from "./package";
import { CONTENT_TYPE, ContentTypes, REL, Rels, XlsxPackage, relativeTarget, resolveTarget } from "./package";
import type { PasswordHash } from "./protection";
import { hashPassword } from "./protection";
import type { TablePartInfo } from "./read-contents";
import { sheetTables } from "./read-contents";
import { SharedStrings } from "./shared-strings";
import { StylesPart } from "./styles-part";
import { tablePartXml, validTableName } from "./table-part";
import type { SheetEntry } from "./workbook-part";
import { WORKBOOK_ORDER, WorkbookPart } from "./workbook-part";
import { areaRef, printTitles, tableArea, writeSheet } from "./write-sheet";
import type { XmlElement } from "./xml";
import {
  attr,
  child,
  element,
  elements,
  insertInOrder,
  parseXml,
  prefixOf,
  putChild,
  serializeXml,
  setAttr,
} from "./xml";

/** The plan written into `existing` (or into a new workbook), as .xlsx bytes. */
export function writeXlsx(plan: WorkbookPlan, existing?: Uint8Array): Promise<Uint8Array> {
  return Promise.resolve(writeXlsxSync(plan, existing));
}

export function writeXlsxSync(plan: WorkbookPlan, existing?: Uint8Array): Uint8Array {
  const pkg = existing ? XlsxPackage.fromBytes(existing) : emptyPackage();
  applyPlanToPackage(plan, pkg);
  return pkg.toBytes();
}

const SHEET_FORBIDDEN = /[[\]:*?/\\]/;

function checkPlan(plan: WorkbookPlan): void {
  if (plan.sheets.length === 0) throw new Error("a workbook plan needs at least one sheet");
  const sheetNames = new Set<string>();
  const tableNames = new Set<string>();
  for (const s of plan.sheets) {
    if (s.name.length === 0 || s.name.length > 31 || SHEET_FORBIDDEN.test(s.name) || /^'|'$/.test(s.name)) {
      throw new Error(`"${s.name}" is not a valid sheet name`);
    }
    if (sheetNames.has(s.name.toLowerCase())) throw new Error(`two sheets are named "${s.name}"`);
    sheetNames.add(s.name.toLowerCase());
    const t = s.table;
    if (!validTableName(t.name)) throw new Error(`"${t.name}" is not a valid table name`);
    if (tableNames.has(t.name.toLowerCase()))
      throw new Error(`two tables are named "${t.name}" (ignoring case)`);
    tableNames.add(t.name.toLowerCase());
    if (t.columns.length === 0) throw new Error(`table ${t.name} has no columns`);
    const headers = new Set<string>();
    for (const c of t.columns) {
      if (c.header.trim() === "") throw new Error(`table ${t.name} has a column without a header`);
      if (headers.has(c.header.toLowerCase())) {
        throw new Error(`table ${t.name} has two columns named "${c.header}" (ignoring case)`);
      }
      headers.add(c.header.toLowerCase());
    }
  }
}

interface Located {
  entry: SheetEntry;
  table: TablePartInfo | undefined;
}

/** Applies the plan to the package's parts. */
export function applyPlanToPackage(plan: WorkbookPlan, pkg: XlsxPackage): void {
  checkPlan(plan);
  const wb = WorkbookPart.read(pkg);
  const ct = ContentTypes.read(pkg);
  const date1904 = wb.date1904();

  // Styles and shared strings (created when the package has none).
  let stylesPart = wb.partOfType(REL.styles);
  const styles =
    stylesPart && pkg.has(stylesPart) ? StylesPart.parse(pkg.text(stylesPart) ?? "") : StylesPart.empty();
  if (!stylesPart || !pkg.has(stylesPart)) {
    stylesPart ??= "xl/styles.xml";
    if (!wb.partOfType(REL.styles)) wb.rels.add(REL.styles, relativeTarget(wb.part, stylesPart));
    ct.setOverride(stylesPart, CONTENT_TYPE.styles);
    styles.changed = true;
  }
  const ssPart = wb.partOfType(REL.sharedStrings);
  const strings = new SharedStrings(ssPart ? pkg.text(ssPart) : undefined);

  // Every table in the workbook, by sheet.
  const entries = wb.sheets();
  const tablesBySheet = new Map<SheetEntry, TablePartInfo[]>();
  for (const e of entries) tablesBySheet.set(e, e.isWorksheet && e.part ? sheetTables(pkg, e.part) : []);
  const allTables = [...tablesBySheet.values()].flat();
  let nextTableId =
    Math.max(0, ...allTables.map((t) => Number(attr(parseXml(pkg.text(t.part) ?? "<t/>").root, "id") ?? 0))) +
    1;

  // Names a table must not take: tables ilm does not write, and workbook-level defined names.
  const definedNames = new Set(
    wb
      .definedNames()
      .filter((d) => d.localSheetId === undefined)
      .map((d) => d.name.toLowerCase()),
  );
  for (const s of plan.sheets) {
    if (definedNames.has(s.table.name.toLowerCase())) {
      throw new Error(`table name ${s.table.name} is already a defined name in the workbook`);
    }
  }

  const hashes = new Map<string, PasswordHash>();
  const ctx = {
    styles,
    strings,
    date1904,
    hash: (pw: string) => {
      let h = hashes.get(pw);
      if (!h) hashes.set(pw, (h = hashPassword(pw)));
      return h;
    },
  };

  let formulasChanged = false;
  let needsCalc = false;
  const claimed = new Set<SheetEntry>();
  const rPrefix = relPrefix(wb.root);

  for (const sheetPlan of plan.sheets) {
    const tableKey = sheetPlan.table.name.toLowerCase();
    let located: Located | undefined;
    for (const [entry, tables] of tablesBySheet) {
      const table = tables.find((t) => t.name.toLowerCase() === tableKey);
      if (table && !claimed.has(entry)) located = { entry, table };
    }
    if (!located) {
      const entry = [...tablesBySheet.keys()].find(
        (e) =>
          e.name.toLowerCase() === sheetPlan.name.toLowerCase() && e.isWorksheet && e.part && !claimed.has(e),
      );
      if (entry) located = { entry, table: undefined };
    }
    const created = !located;
    if (!located) {
      const entry = createSheet(pkg, wb, ct, sheetPlan.name, rPrefix);
      tablesBySheet.set(entry, []);
      located = { entry, table: undefined };
    }
    const { entry } = located;
    claimed.add(entry);
    const sheetPart = entry.part as string;

    // A table of the user's in the way is an error, not something to overwrite.
    const area = tableArea(sheetPlan);
    for (const t of allTables) {
      if (t === located.table) continue;
      if (t.name.toLowerCase() === tableKey) {
        throw new Error(
          `table ${sheetPlan.table.name} already exists on a sheet other than ${sheetPlan.name}`,
        );
      }
      if ((tablesBySheet.get(entry) ?? []).includes(t) && t.area && overlaps(t.area, area)) {
        throw new Error(
          `table ${t.name} on sheet ${entry.name} is in the way of table ${sheetPlan.table.name}`,
        );
      }
    }

    // Rename.
    if (entry.name !== sheetPlan.name) {
      const clash = entries.find((e) => e !== entry && e.name.toLowerCase() === sheetPlan.name.toLowerCase());
      if (clash) throw new Error(`cannot rename sheet ${entry.name}: a sheet named ${clash.name} exists`);
      renameSheet(wb, entry, sheetPlan.name);
    }

    // Table part.
    const sheetRels = Rels.read(pkg, sheetPart);
    let tablePart = located.table?.part;
    let tableRId = located.table?.rId;
    let tableId = nextTableId;
    if (tablePart && tableRId) {
      tableId = Number(attr(parseXml(pkg.text(tablePart) ?? "<t/>").root, "id") ?? nextTableId);
    } else {
      tablePart = freePart(pkg, "xl/tables/table", ".xml");
      tableRId = sheetRels.add(REL.table, relativeTarget(sheetPart, tablePart));
      sheetRels.save(pkg);
      ct.setOverride(tablePart, CONTENT_TYPE.table);
      nextTableId++;
    }

    const result = writeSheet(ctx, {
      plan: sheetPlan,
      xml: pkg.text(sheetPart) ?? "",
      created,
      oldArea: located.table?.area ?? null,
      tableRId,
    });
    pkg.setText(sheetPart, result.xml);
    pkg.setText(tablePart, tablePartXml(pkg.text(tablePart), tableId, sheetPlan.table, areaRef(result.area)));
    formulasChanged ||= result.formulasChanged;
    needsCalc ||= result.needsCalc;

    setAttr(entry.el, "state", sheetPlan.visibility === "visible" ? undefined : sheetPlan.visibility);
    setPrintTitles(wb, entry, sheetPlan, result.area);
  }

  ensureVisibleSheet(wb);
  if (formulasChanged) dropCalcChain(pkg, wb, ct);
  if (needsCalc) {
    const calcPr = child(wb.root, "calcPr") ?? element(`${prefixOf(wb.root)}calcPr`);
    setAttr(calcPr, "fullCalcOnLoad", "1");
    putChild(wb.root, calcPr, WORKBOOK_ORDER);
  }

  if (styles.changed) pkg.setText(stylesPart, styles.toXml());
  if (strings.changed && strings.used) {
    const part = ssPart ?? "xl/sharedStrings.xml";
    pkg.setText(part, strings.toXml());
    if (!ssPart) {
      wb.rels.add(REL.sharedStrings, relativeTarget(wb.part, part));
      ct.setOverride(part, CONTENT_TYPE.sharedStrings);
    }
  }
  pkg.setText(wb.part, serializeXml(wb.doc));
  wb.rels.save(pkg);
  ct.save(pkg);
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

const RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The prefix bound to the relationships namespace on workbook.xml's root (declared when missing). */
function relPrefix(root: XmlElement): string {
  const found = root.attrs.find(([k, v]) => k.startsWith("xmlns:") && v === RELS_NS);
  if (found) return found[0].slice(6);
  setAttr(root, "xmlns:r", RELS_NS);
  return "r";
}

/** The first free part name `${stem}N${ext}`. */
function freePart(pkg: XlsxPackage, stem: string, ext: string): string {
  let n = 1;
  while (pkg.has(`${stem}${n}${ext}`)) n++;
  return `${stem}${n}${ext}`;
}

const SKELETON =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/></worksheet>';

function createSheet(
  pkg: XlsxPackage,
  wb: WorkbookPart,
  ct: ContentTypes,
  name: string,
  rPrefix: string,
): SheetEntry {
  const part = freePart(pkg, "xl/worksheets/sheet", ".xml");
  pkg.setText(part, SKELETON);
  ct.setOverride(part, CONTENT_TYPE.worksheet);
  const rId = wb.rels.add(REL.worksheet, relativeTarget(wb.part, part));
  const sheets = wb.sheetsElement();
  const sheetId = Math.max(0, ...elements(sheets, "sheet").map((s) => Number(attr(s, "sheetId") ?? 0))) + 1;
  const el = element(`${prefixOf(wb.root)}sheet`, [
    ["name", name],
    ["sheetId", String(sheetId)],
    [`${rPrefix}:id`, rId],
  ]);
  sheets.children.push(el);
  return { el, name, sheetId, rId, part, isWorksheet: true };
}

/** Renames a sheet and the references to it in defined names. */
function renameSheet(wb: WorkbookPart, entry: SheetEntry, name: string): void {
  const old = entry.name;
  setAttr(entry.el, "name", name);
  entry.name = name;
  const quoted = sheetRef(old);
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(old) ? old : undefined;
  for (const d of wb.definedNames()) {
    const text = d.formula;
    let out = text.split(`${quoted}!`).join(`${sheetRef(name)}!`);
    if (bare)
      out = out.replace(
        new RegExp(`(^|[^A-Za-z0-9_.'!])${escapeRegExp(bare)}!`, "g"),
        `$1${sheetRef(name)}!`,
      );
    if (out !== text) d.el.children = [{ kind: "raw", text: escapeXmlText(out) }];
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeXmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The sheet's `_xlnm.Print_Titles`: its header row when the plan repeats it, none otherwise. */
function setPrintTitles(wb: WorkbookPart, entry: SheetEntry, plan: SheetPlan, area: Area): void {
  const index = elements(wb.sheetsElement(), "sheet").indexOf(entry.el);
  const p = prefixOf(wb.root);
  let dn = child(wb.root, "definedNames");
  const existing = dn
    ? elements(dn, "definedName").find(
        (d) => attr(d, "name") === "_xlnm.Print_Titles" && attr(d, "localSheetId") === String(index),
      )
    : undefined;
  if (!plan.print.repeatHeaderRow) {
    if (dn && existing) {
      dn.children = dn.children.filter((c) => c !== existing);
      if (elements(dn).length === 0) wb.root.children = wb.root.children.filter((c) => c !== dn);
    }
    return;
  }
  const text = escapeXmlText(printTitles(plan.name, area));
  if (existing) {
    existing.children = [{ kind: "raw", text }];
    return;
  }
  if (!dn) {
    dn = element(`${p}definedNames`);
    insertInOrder(wb.root, dn, WORKBOOK_ORDER);
  }
  const el = element(
    `${p}definedName`,
    [
      ["name", "_xlnm.Print_Titles"],
      ["localSheetId", String(index)],
    ],
    [{ kind: "raw", text }],
  );
  // Excel keeps defined names sorted by name; a new one goes before the first that sorts after it.
  const at = dn.children.findIndex(
    (c) => c.kind === "element" && (attr(c, "name") ?? "").toLowerCase() > "_xlnm.print_titles",
  );
  if (at < 0) dn.children.push(el);
  else dn.children.splice(at, 0, el);
}

/** At least one sheet visible; the active and first tabs on visible sheets. */
function ensureVisibleSheet(wb: WorkbookPart): void {
  const sheets = elements(wb.sheetsElement(), "sheet");
  const visible = (s: XmlElement | undefined) => !!s && (attr(s, "state") ?? "visible") === "visible";
  if (!sheets.some(visible)) setAttr(sheets[0] as XmlElement, "state", undefined);
  const firstVisible = sheets.findIndex(visible);
  const p = prefixOf(wb.root);
  let views = child(wb.root, "bookViews");
  if (!views) {
    views = element(`${p}bookViews`, [], [element(`${p}workbookView`)]);
    insertInOrder(wb.root, views, WORKBOOK_ORDER);
  }
  for (const view of elements(views, "workbookView")) {
    const active = Number(attr(view, "activeTab") ?? 0);
    if (!visible(sheets[active]))
      setAttr(view, "activeTab", firstVisible === 0 ? undefined : String(firstVisible));
    const first = Number(attr(view, "firstSheet") ?? 0);
    if (!visible(sheets[first]))
      setAttr(view, "firstSheet", firstVisible === 0 ? undefined : String(firstVisible));
  }
}

/** Removes the calculation chain (Excel rebuilds it), its relationship and its content type. */
function dropCalcChain(pkg: XlsxPackage, wb: WorkbookPart, ct: ContentTypes): void {
  const rels: Relationship[] = wb.rels
    .list()
    .filter((r) => r.type === REL.calcChain || r.type.endsWith("/calcChain"));
  for (const r of rels) {
    const part = resolveTarget(wb.part, r.target);
    pkg.remove(part);
    ct.removeOverride(part);
    wb.rels.removeWhere((el) => attr(el, "Id") === r.id);
  }
}
