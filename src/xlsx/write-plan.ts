/**
 * Applies a workbook plan to an .xlsx package in place: the sheets and tables the plan names are written (found
 * by table name, else by sheet name, else created after the existing sheets); every part ilm does not edit is
 * copied through byte for byte. See docs/decisions.md, "The .xlsx writer", for what is kept and why.
 */
import type { Area } from "../workbook/contents";
import { sheetRef } from "../workbook/a1";
import type { SheetPlan, TablePlan, WorkbookPlan } from "../workbook/plan";
import { tablesOf } from "../workbook/plan";
import { checkCharts, writeCharts } from "./drawing-part";
import { emptyPackage } from "./new-package";
import type { Relationship } from "./package";
import {
  CONTENT_TYPE,
  ContentTypes,
  REL,
  Rels,
  XlsxPackage,
  freePart,
  relativeTarget,
  resolveTarget,
} from "./package";
import type { PasswordHash } from "./protection";
import { hashPassword } from "./protection";
import type { TablePartInfo } from "./read-contents";
import { sheetTables } from "./read-contents";
import { referencedStrings, SharedStrings } from "./shared-strings";
import { StylesPart } from "./styles-part";
import { tablePartXml, validTableName } from "./table-part";
import type { SheetEntry } from "./workbook-part";
import { WORKBOOK_ORDER, WorkbookPart } from "./workbook-part";
import { areaRef, drawingRIdOf, printTitles, tableArea, writeSheet } from "./write-sheet";
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

function checkTable(t: TablePlan, tableNames: Set<string>): void {
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
    const tables = tablesOf(s);
    for (const t of tables) checkTable(t, tableNames);
    tables.forEach((a, i) => {
      for (const b of tables.slice(i + 1)) {
        if (overlaps(tableArea(a), tableArea(b)))
          throw new Error(`tables ${a.name} and ${b.name} on sheet ${s.name} overlap`);
      }
    });
    checkCharts(s);
  }
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
  for (const t of plan.sheets.flatMap(tablesOf)) {
    if (definedNames.has(t.name.toLowerCase())) {
      throw new Error(`table name ${t.name} is already a defined name in the workbook`);
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
    const planTables = tablesOf(sheetPlan);
    const keys = planTables.map((t) => t.name.toLowerCase());
    // The sheet: found by any of its tables' names (the main table's first), else by its name, else created.
    let entry: SheetEntry | undefined;
    for (const key of keys) {
      for (const [e, tables] of tablesBySheet) {
        if (!claimed.has(e) && tables.some((t) => t.name.toLowerCase() === key)) entry = e;
      }
      if (entry) break;
    }
    entry ??= [...tablesBySheet.keys()].find(
      (e) =>
        e.name.toLowerCase() === sheetPlan.name.toLowerCase() && e.isWorksheet && e.part && !claimed.has(e),
    );
    const created = !entry;
    if (!entry) {
      entry = createSheet(pkg, wb, ct, sheetPlan.name, rPrefix, sheetPlan.position === "first");
      tablesBySheet.set(entry, []);
    }
    claimed.add(entry);
    const sheetPart = entry.part as string;
    const onSheet = tablesBySheet.get(entry) ?? [];
    const found = keys.map((key) => onSheet.find((t) => t.name.toLowerCase() === key));

    // A table of the user's in the way is an error, not something to overwrite.
    const areas = planTables.map(tableArea);
    for (const t of allTables) {
      if (found.includes(t)) continue;
      const k = keys.indexOf(t.name.toLowerCase());
      if (k >= 0) {
        throw new Error(
          `table ${planTables[k]?.name} already exists on a sheet other than ${sheetPlan.name}`,
        );
      }
      const hit = onSheet.includes(t) && t.area ? areas.findIndex((a) => overlaps(t.area as Area, a)) : -1;
      if (hit >= 0) {
        throw new Error(
          `table ${t.name} on sheet ${entry.name} is in the way of table ${planTables[hit]?.name}`,
        );
      }
    }

    // Rename.
    if (entry.name !== sheetPlan.name) {
      const clash = entries.find((e) => e !== entry && e.name.toLowerCase() === sheetPlan.name.toLowerCase());
      if (clash) throw new Error(`cannot rename sheet ${entry.name}: a sheet named ${clash.name} exists`);
      renameSheet(wb, entry, sheetPlan.name);
    }

    // Table parts.
    const sheetRels = Rels.read(pkg, sheetPart);
    let relsChanged = false;
    const reserved = new Set<string>();
    const writes = planTables.map((table, i) => {
      const old = found[i];
      if (old) {
        const id = Number(attr(parseXml(pkg.text(old.part) ?? "<t/>").root, "id") ?? nextTableId);
        return { table, part: old.part, rId: old.rId, id, oldArea: old.area };
      }
      const part = freePart(pkg, "xl/tables/table", ".xml", reserved);
      reserved.add(part);
      const rId = sheetRels.add(REL.table, relativeTarget(sheetPart, part));
      relsChanged = true;
      ct.setOverride(part, CONTENT_TYPE.table);
      return { table, part, rId, id: nextTableId++, oldArea: null };
    });

    // Charts: the drawing part and its chart parts (before the sheet, which references the drawing).
    const xml = pkg.text(sheetPart) ?? "";
    let drawingRId: string | undefined;
    if (sheetPlan.charts && sheetPlan.charts.length > 0) {
      const drawn = writeCharts(pkg, ct, {
        sheetPart,
        sheetRels,
        sheetName: sheetPlan.name,
        charts: sheetPlan.charts,
        tables: planTables,
        drawingRId: drawingRIdOf(xml),
      });
      drawingRId = drawn.drawingRId;
      relsChanged ||= drawn.relsChanged;
    }
    if (relsChanged) sheetRels.save(pkg);

    const result = writeSheet(ctx, {
      plan: sheetPlan,
      xml,
      created,
      tables: writes.map((w) => ({ plan: w.table, oldArea: w.oldArea, rId: w.rId })),
      ...(drawingRId !== undefined ? { drawingRId } : {}),
    });
    pkg.setText(sheetPart, result.xml);
    writes.forEach((w, i) => {
      pkg.setText(w.part, tablePartXml(pkg.text(w.part), w.id, w.table, areaRef(result.areas[i] as Area)));
    });
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
  // Shared strings no cell uses any more are emptied (every sheet part is read, macro sheets included), unless
  // change-tracking revisions, which refer to them too, exist.
  if (!pkg.names().some((n) => n.startsWith("xl/revisions/"))) {
    const referenced = new Set<number>();
    for (const e of wb.sheets()) if (e.part) referencedStrings(pkg.text(e.part) ?? "", referenced);
    strings.keepOnly(referenced);
  }
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
  first: boolean,
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
  const entry = { el, name, sheetId, rId, part, isWorksheet: true };
  if (!first) {
    sheets.children.push(el);
    return entry;
  }
  // Before every other tab. Sheet-level defined names index sheets by position: each moves up by one.
  const at = sheets.children.findIndex((c) => c.kind === "element");
  sheets.children.splice(at < 0 ? sheets.children.length : at, 0, el);
  for (const d of wb.definedNames()) {
    if (d.localSheetId !== undefined) setAttr(d.el, "localSheetId", String(d.localSheetId + 1));
  }
  // The new first tab is the active one, and the tab bar starts at it; no other tab stays selected (two selected
  // tabs are a group in Excel, and typing would go into both).
  const views = child(wb.root, "bookViews");
  for (const view of views ? elements(views, "workbookView") : []) {
    setAttr(view, "activeTab", undefined);
    setAttr(view, "firstSheet", undefined);
  }
  for (const other of wb.sheets()) {
    if (other.el !== el && other.isWorksheet && other.part) deselectSheet(pkg, other.part);
  }
  return entry;
}

/** Removes tabSelected from a worksheet's views (an edit of that attribute only; huge parts are only decoded when they have it). */
function deselectSheet(pkg: XlsxPackage, part: string): void {
  const bytes = pkg.bytes(part);
  if (!bytes) return;
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 65_536)));
  const end = head.search(/<(?:[\w.-]+:)?sheetData\b/);
  if (!/\btabSelected="(?:1|true)"/.test(end < 0 ? head : head.slice(0, end))) return;
  const xml = pkg.text(part) ?? "";
  const cut = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  const views = cut < 0 ? xml : xml.slice(0, cut);
  pkg.setText(part, views.replace(/\s+tabSelected="[^"]*"/g, "") + (cut < 0 ? "" : xml.slice(cut)));
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

/**
 * The sheet's `_xlnm.Print_Titles`: its header row (and its identity columns, when the plan repeats them) when the
 * plan repeats it, none otherwise.
 */
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
  const text = escapeXmlText(printTitles(plan.name, area, plan.print.titleColumns ?? 0));
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
