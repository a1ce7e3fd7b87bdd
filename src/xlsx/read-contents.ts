/**
 * Reads an .xlsx package into the workbook layer's read model (WorkbookContents): sheets in tab order with their
 * visibility and cells (values, formulas with cached values, shared formulas expanded), tables and their areas,
 * workbook-level defined names. Dates come out as 1900-system serials whatever the file's date system.
 */
import type {
  Area,
  CellContent,
  SheetContents,
  TableContents,
  Value,
  WorkbookContents,
} from "../workbook/contents";
import { referenceShifter } from "../workbook/formula";
import { XlsxPackage, REL, Rels, resolveTarget } from "./package";
import { itemText, readSharedStrings } from "./shared-strings";
import { parseCellRef, scanRows, splitWorksheet } from "./sheet-xml";
import { dateStyles } from "./styles-part";
import { WorkbookPart } from "./workbook-part";
import { attr, decodeEntities, parseXml } from "./xml";
import { decodeXString } from "./xstring";

/** Days between the 1900 and the 1904 date systems' day 0. */
export const DATE1904_OFFSET = 1462;

export function readXlsxContents(bytes: Uint8Array): Promise<WorkbookContents> {
  return Promise.resolve(readContentsSync(bytes));
}

export function readContentsSync(bytes: Uint8Array): WorkbookContents {
  return readPackageContents(XlsxPackage.fromBytes(bytes));
}

/** "B2:D10" → its area; null when not a range. */
export function parseArea(ref: string): Area | null {
  const [a, b] = ref.split(":");
  const from = parseCellRef(a ?? "");
  const to = parseCellRef(b ?? a ?? "");
  if (!from || !to) return null;
  const row = Math.min(from[0], to[0]);
  const column = Math.min(from[1], to[1]);
  return {
    row,
    column,
    rows: Math.abs(to[0] - from[0]) + 1,
    columns: Math.abs(to[1] - from[1]) + 1,
  };
}

export interface TablePartInfo {
  readonly part: string;
  /** The relationship id in the sheet's rels. */
  readonly rId: string;
  readonly name: string;
  readonly area: Area | null;
}

/** The table parts a worksheet's rels point to. */
export function sheetTables(pkg: XlsxPackage, sheetPart: string): TablePartInfo[] {
  const out: TablePartInfo[] = [];
  for (const rel of Rels.read(pkg, sheetPart).list()) {
    if (rel.external || !(rel.type === REL.table || rel.type.endsWith("/table"))) continue;
    const part = resolveTarget(sheetPart, rel.target);
    const text = pkg.text(part);
    if (!text) continue;
    const root = parseXml(text).root;
    out.push({
      part,
      rId: rel.id,
      name: attr(root, "displayName") ?? attr(root, "name") ?? "",
      area: parseArea(attr(root, "ref") ?? ""),
    });
  }
  return out;
}

export function readPackageContents(pkg: XlsxPackage): WorkbookContents {
  const wb = WorkbookPart.read(pkg);
  const date1904 = wb.date1904();
  const stylesPart = wb.partOfType(REL.styles);
  const isDate = dateStyles(stylesPart ? pkg.text(stylesPart) : undefined);
  const ssPart = wb.partOfType(REL.sharedStrings);
  const strings = readSharedStrings(ssPart ? pkg.text(ssPart) : undefined);
  const sheets: SheetContents[] = [];
  const tables: TableContents[] = [];
  for (const entry of wb.sheets()) {
    const state = attr(entry.el, "state");
    const visibility = state === "hidden" || state === "veryHidden" ? state : "visible";
    const xml = entry.isWorksheet && entry.part ? pkg.text(entry.part) : undefined;
    const grid = xml ? readGrid(xml, strings, isDate, date1904) : [];
    sheets.push({ name: entry.name, visibility, grid });
    if (entry.isWorksheet && entry.part) {
      for (const t of sheetTables(pkg, entry.part)) {
        if (t.area) tables.push({ name: t.name, sheet: entry.name, area: t.area });
      }
    }
  }
  const definedNames = wb
    .definedNames()
    .filter((d) => d.localSheetId === undefined)
    .map((d) => d.name);
  return { sheets, tables, definedNames };
}

const ATTRS = /([\w:]+)="([^"]*)"/g;
const F = /<(?:[\w.-]+:)?f\b([^>]*?)(\/?)>/;
const V = /<(?:[\w.-]+:)?v\b[^>]*?(\/?)>/;
const IS = /<((?:[\w.-]+:)?)is\b[^>]*>/;

interface SharedFormula {
  readonly f: string;
  readonly row: number;
  readonly col: number;
  /** The master formula read once, moved for each cell that shares it. */
  readonly shift: (rows: number, columns: number) => string | null;
}

/** A sheet's cells, row-major. */
export function readGrid(
  xml: string,
  strings: readonly string[],
  isDate: readonly boolean[],
  date1904: boolean,
): CellContent[][] {
  const grid: CellContent[][] = [];
  const split = splitWorksheet(xml);
  const sheetData = split.children.find((c) => c.name.replace(/^[\w.-]+:/, "") === "sheetData");
  if (!sheetData) return grid;
  const shared = new Map<string, SharedFormula>();
  for (const row of scanRows(sheetData.xml)) {
    for (const cell of row.cells) {
      let t = "n";
      let s = 0;
      ATTRS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = ATTRS.exec(cell.attrs)) !== null) {
        if (m[1] === "t") t = m[2] as string;
        else if (m[1] === "s") s = Number(m[2]);
      }
      const inner = cell.inner;
      let value: Value = null;
      let formula: string | undefined;
      if (inner) {
        const vm = V.exec(inner);
        let vText: string | undefined;
        if (vm && vm[1] !== "/") {
          const start = (vm.index ?? 0) + vm[0].length;
          vText = decodeEntities(inner.slice(start, inner.indexOf("</", start)));
        } else if (vm) vText = "";
        if (t === "s") value = vText === undefined ? null : (strings[Number(vText)] ?? null);
        else if (t === "inlineStr") {
          const im = IS.exec(inner);
          if (im) {
            const start = (im.index ?? 0) + im[0].length;
            value = itemText(inner.slice(start, inner.indexOf(`</${im[1] as string}is>`, start)));
          }
        } else if (t === "b")
          value = vText === undefined ? null : vText.trim() === "1" || vText.trim() === "true";
        else if (t === "str" || t === "e") value = vText === undefined ? null : decodeXString(vText);
        else if (t === "d") value = vText ? isoToSerial(vText) : null;
        else if (vText !== undefined && vText.trim() !== "") {
          const n = Number(vText);
          value = Number.isFinite(n) ? (date1904 && isDate[s] ? n + DATE1904_OFFSET : n) : null;
        }
        const fm = F.exec(inner);
        if (fm) formula = formulaOf(fm, inner, cell.row, cell.col, shared);
      }
      if (formula === undefined && value === null) continue;
      const gridRow = (grid[cell.row] ??= []);
      gridRow[cell.col] = formula !== undefined ? { f: formula, v: value } : value;
    }
  }
  // Holes (blank cells) as null, so every row is a dense array.
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row) for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  }
  return grid;
}

function formulaOf(
  fm: RegExpExecArray,
  inner: string,
  row: number,
  col: number,
  shared: Map<string, SharedFormula>,
): string | undefined {
  const fAttrs = fm[1] as string;
  let text = "";
  if (fm[2] !== "/") {
    const start = (fm.index ?? 0) + fm[0].length;
    text = decodeEntities(inner.slice(start, inner.indexOf("</", start)));
  }
  if (/\bt="shared"/.test(fAttrs)) {
    const si = /\bsi="(\d+)"/.exec(fAttrs)?.[1];
    if (si !== undefined) {
      if (text) shared.set(si, { f: text, row, col, shift: referenceShifter(text) });
      else {
        const master = shared.get(si);
        if (!master) return undefined;
        return master.shift(row - master.row, col - master.col) ?? master.f;
      }
    }
  }
  return text === "" && fm[2] === "/" ? undefined : text;
}

/** An ISO 8601 date-time (a t="d" cell) as a 1900-system serial. */
function isoToSerial(iso: string): number | null {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? ms / 86_400_000 + 25_569 : null;
}

/** Every sheet's cell values (cached results for formulas), by sheet name: for tests and checks. */
export function readGridsSync(bytes: Uint8Array): Map<string, Value[][]> {
  const contents = readContentsSync(bytes);
  const out = new Map<string, Value[][]>();
  for (const sheet of contents.sheets) {
    out.set(
      sheet.name,
      Array.from(sheet.grid, (row) =>
        row ? row.map((c) => (typeof c === "object" && c !== null ? c.v : (c ?? null))) : [],
      ),
    );
  }
  return out;
}

/** `readGrids` of the old ExcelJS adapter, on this reader. */
export function readGrids(bytes: Uint8Array): Promise<Map<string, Value[][]>> {
  return Promise.resolve(readGridsSync(bytes));
}
