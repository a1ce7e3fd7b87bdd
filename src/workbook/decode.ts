/**
 * The decoder, first half: finds ilm's settings and tables in what a workbook holds, and each table's columns
 * (by key) and rows (by registration number). Where it cannot be sure what a cell is, it refuses with problems
 * that name the tab, table, column or rows and say what to do. The second half (cohort-of.ts) turns the located
 * tables into a cohort.
 */

import type { Problem, Result } from "../domain/problems";
import { registrationKey, registrationProblem } from "./registration";
import { columnLetter } from "./a1";
import type { Area, CellContent, SheetContents, TableContents, WorkbookContents } from "./contents";
import { cellAt, valueOf } from "./contents";
import { HEADERS, KEYS, isUserKey, userKey } from "./layout";
import type { ColumnRole } from "./plan";
import type { ColumnMap, StoredSettings, TableKind } from "./settings";
import { SETTINGS_HEADERS, SETTINGS_SHEET, SETTINGS_TABLE, readSettings } from "./settings";

export interface LocatedColumn {
  readonly key: string;
  readonly header: string;
  readonly role: ColumnRole | "user";
  /** 0-based column within the table. */
  readonly offset: number;
}

export interface LocatedRow {
  /** As the cell holds it, trimmed. */
  readonly registration: string;
  /** Cells by column key. */
  readonly cells: ReadonlyMap<string, CellContent>;
}

export interface LocatedTable {
  readonly name: string;
  readonly sheet: string;
  readonly kind: TableKind;
  readonly assessment?: string;
  /** The table's rectangle, header row included. */
  readonly area: Area;
  readonly columns: readonly LocatedColumn[];
  /** Data rows in the sheet's order; null for a blank row inside the table. */
  readonly rows: readonly (LocatedRow | null)[];
  /** The table had become a plain range (Convert to Range) and was found again by its header row. */
  readonly recovered: boolean;
}

export interface DecodedWorkbook {
  readonly stored: StoredSettings;
  /** ilm's tables, by table name (the settings table aside). */
  readonly tables: ReadonlyMap<string, LocatedTable>;
  /** Tables the settings know whose tab is gone altogether (regeneration makes them afresh). */
  readonly gone: readonly ColumnMap[];
  /** The settings sheet's name as the workbook has it. */
  readonly settingsSheet: string;
  readonly contents: WorkbookContents;
}

/** A problem found in a workbook. */
export function workbookProblem(code: string, message: string, place: Problem["place"]): Problem {
  return { code, path: [], message, ...(place ? { place } : {}) };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findSheet(contents: WorkbookContents, name: string): SheetContents | undefined {
  return contents.sheets.find((s) => same(s.name, name));
}

export function findTable(contents: WorkbookContents, name: string): TableContents | undefined {
  return contents.tables.find((t) => same(t.name, name));
}

/** The text of a header cell, as Excel names a table column (trimmed). */
function headerText(c: CellContent | undefined): string {
  const v = valueOf(c);
  return v === null ? "" : String(v).trim();
}

function isBlankCell(c: CellContent | undefined): boolean {
  const v = valueOf(c);
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** "A2:A9" for a rectangle. */
export function areaAddress(area: Area): string {
  const from = `${columnLetter(area.column)}${area.row + 1}`;
  const to = `${columnLetter(area.column + area.columns - 1)}${area.row + area.rows}`;
  return from === to ? from : `${from}:${to}`;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/**
 * ilm's settings and tables in a workbook: null when the workbook holds no settings sheet (ilm never wrote to
 * it), problems when ilm cannot be sure where its entries are.
 */
export function decodeWorkbook(contents: WorkbookContents): Result<DecodedWorkbook | null> {
  const settingsLocation = locateSettings(contents);
  if (settingsLocation === null) return { ok: true, value: null };
  const { sheet: settingsSheet, records } = settingsLocation;
  const reading = readSettings(records);
  if (!reading.ok)
    return {
      ok: false,
      problems: [
        workbookProblem(
          "settings-unreadable",
          `ilm's settings in this workbook cannot be read (${reading.reason}). Nothing was changed; restore the workbook from a copy made before the settings sheet was edited.`,
          { sheet: settingsSheet.name },
        ),
      ],
    };
  const stored = reading.stored;

  const problems: Problem[] = [];
  const tables = new Map<string, LocatedTable>();
  const gone: ColumnMap[] = [];
  for (const map of stored.maps.values()) {
    const located = locateTable(contents, map, problems);
    if (located === "gone") gone.push(map);
    else if (located) tables.set(map.table, located);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { stored, tables, gone, settingsSheet: settingsSheet.name, contents } };
}

/** The settings table's records, from the table or (a table converted to a range) from its sheet. */
function locateSettings(
  contents: WorkbookContents,
): { sheet: SheetContents; records: Map<string, string> } | null {
  const table = findTable(contents, SETTINGS_TABLE);
  const sheet = table ? findSheet(contents, table.sheet) : findSheet(contents, SETTINGS_SHEET);
  if (!sheet) return null;
  const area: Area = table?.area ?? { row: 0, column: 0, rows: sheet.grid.length, columns: 2 };
  const records = new Map<string, string>();
  for (let r = area.row + 1; r < area.row + area.rows; r++) {
    const record = valueOf(cellAt(sheet, r, area.column));
    const data = valueOf(cellAt(sheet, r, area.column + 1));
    if (record === null || record === "") continue;
    records.set(String(record), data === null ? "" : String(data));
  }
  if (!table) {
    const header = [0, 1].map((c) => headerText(cellAt(sheet, area.row, area.column + c)));
    if (header[0] !== SETTINGS_HEADERS.record || header[1] !== SETTINGS_HEADERS.data) return null;
  }
  return { sheet, records };
}

/**
 * One of ilm's tables: where it is, its columns by key, its rows. "gone" when neither the table nor its tab is
 * in the workbook; undefined (with problems) when ilm cannot be sure.
 */
function locateTable(
  contents: WorkbookContents,
  map: ColumnMap,
  problems: Problem[],
): LocatedTable | "gone" | undefined {
  const table = findTable(contents, map.table);
  let sheet = table ? findSheet(contents, table.sheet) : findSheet(contents, map.sheet);
  let area = table?.area;
  let recovered = false;
  if (!table) {
    // Convert to Range (or a writer that dropped the table): the header row tells where the table was.
    const found = sheet ? findHeaderRow(sheet, map) : undefined;
    if (!sheet) {
      // The tab may have been renamed after its table was converted: look on every tab.
      for (const s of contents.sheets) {
        const a = findHeaderRow(s, map);
        if (a) {
          sheet = s;
          area = a;
          break;
        }
      }
      if (!sheet) return "gone";
    } else if (found) area = found;
    if (!area) {
      problems.push(
        workbookProblem(
          "table-missing",
          `ilm's table ${map.table} is no longer on the tab "${sheet.name}" and its header row (${map.columns
            .filter((c) => c.role !== "user")
            .slice(0, 3)
            .map((c) => `"${c.header}"`)
            .join(
              ", ",
            )}, ...) cannot be found, so ilm cannot tell which cells are its entries. Undo the change that removed the table, or put the header row back as it was, then run again.`,
          { sheet: sheet.name, table: map.table },
        ),
      );
      return undefined;
    }
    recovered = true;
  }
  if (!sheet || !area) return "gone";

  const place = { sheet: sheet.name, table: map.table };
  const byHeader = new Map(map.columns.map((c) => [c.header.toLowerCase(), c]));
  area = widened(sheet, area, map);
  const columns: LocatedColumn[] = [];
  const seen = new Set<string>();
  const foreign: string[] = [];
  for (let c = 0; c < area.columns; c++) {
    const header = headerText(cellAt(sheet, area.row, area.column + c));
    const known = byHeader.get(header.toLowerCase());
    if (known && !seen.has(known.key)) {
      seen.add(known.key);
      columns.push({ key: known.key, header, role: known.role, offset: c });
    } else {
      if (!known) foreign.push(header);
      columns.push({
        key: userKey(header === "" ? `(column ${c + 1})` : header),
        header,
        role: "user",
        offset: c,
      });
    }
  }
  // A column ilm computes (identity copied from the roster, formulas) holds no entry: when it is gone, it is
  // written again. A column of entries, or the registration numbers, cannot be guessed.
  const missing = map.columns.filter(
    (c) => (c.role === "entry" || c.key === KEYS.registration || c.key === "record") && !seen.has(c.key),
  );
  for (const m of missing) {
    const isKey = m.key === KEYS.registration;
    const hint =
      foreign.length > 0
        ? ` The table has header${foreign.length > 1 ? "s" : ""} ilm did not write: ${foreign
            .map((h) => `"${h}"`)
            .join(
              ", ",
            )}; if one of them is this column renamed, type "${m.header}" back into its header cell.`
        : ` If the column was deleted, undo the deletion.`;
    problems.push(
      workbookProblem(
        isKey ? "key-column-missing" : "column-missing",
        `The column "${m.header}" of ${map.table} is missing: its header was renamed or the column deleted, so ilm cannot be sure which cells hold ${isKey ? "each learner's registration number" : "its entries"}.${hint} Then run again.`,
        { ...place, column: m.header },
      ),
    );
  }
  if (missing.length > 0) return undefined;

  if (
    map.kind === "dashboard" ||
    map.kind === "feedback" ||
    map.kind === "iqaplan" ||
    map.kind === "log" ||
    map.kind === "legend"
  ) {
    const mine = columns.filter((c) => c.role === "user" && c.header !== "");
    if (mine.length > 0) {
      const tab =
        map.kind === "dashboard" ? "Dashboard" : map.kind === "iqaplan" ? "IQA plan tab" : "Feedback tab";
      problems.push(
        workbookProblem(
          `${map.kind}-column`,
          map.kind === "log"
            ? `The Decision log's table ${map.table} has a column ilm did not write ("${mine[0]?.header}"): the log keeps only its own columns, so that column would be lost. Move it out of the table (to a tab of your own), then run again.`
            : `The ${tab}'s table ${map.table} has a column ilm did not write ("${mine[0]?.header}"): the ${tab} is rebuilt on every run, so that column would be lost. Move it out of the table (to the right of the ${tab}'s tables, or to a tab of your own), then run again.`,
          { ...place, column: mine[0]?.header ?? "" },
        ),
      );
      return undefined;
    }
    // The Dashboard's and the IQA plan's tables are ilm's figures, one row per label, and the Decision log's rows
    // are history, one row per change: read as they are, by position.
    const rows: LocatedRow[] = [];
    for (let r = area.row + 1; r < area.row + area.rows; r++) {
      const cells = new Map<string, CellContent>();
      for (const c of columns) {
        const cell = cellAt(sheet, r, area.column + c.offset);
        if (cell !== undefined) cells.set(c.key, cell);
      }
      rows.push({ registration: `#${r - area.row}`, cells });
    }
    return {
      name: map.table,
      sheet: sheet.name,
      kind: map.kind,
      area,
      columns,
      rows,
      recovered,
    };
  }
  const keyColumn = columns.find((c) => c.key === (map.kind === "state" ? "record" : KEYS.registration));
  if (!keyColumn) return undefined;
  const rows: (LocatedRow | null)[] = [];
  const firstRow = new Map<string, number>();
  for (let r = area.row + 1; r < area.row + area.rows; r++) {
    const cells = new Map<string, CellContent>();
    for (const c of columns) {
      const cell = cellAt(sheet, r, area.column + c.offset);
      if (cell !== undefined) cells.set(c.key, cell);
    }
    const raw = valueOf(cells.get(keyColumn.key));
    const registration = raw === null ? "" : String(raw).trim();
    if (registration === "") {
      const typed = columns.filter(
        (c) => c.role !== "formula" && c.key !== keyColumn.key && !isBlankCell(cells.get(c.key)),
      );
      if (typed.length > 0)
        problems.push(
          workbookProblem(
            "row-without-registration",
            `Row ${r + 1} of ${map.table} holds entries (${typed
              .slice(0, 3)
              .map((c) => `"${c.header}"`)
              .join(
                ", ",
              )}) but no ${HEADERS.registration}, so ilm cannot tell whose they are. Type the learner's registration number into ${cellAddress(r, area.column + keyColumn.offset)}, or move the entries out of the table.`,
            { ...place, cell: cellAddress(r, area.column + keyColumn.offset) },
          ),
        );
      rows.push(null);
      continue;
    }
    const bad = registrationProblem(registration);
    if (bad)
      problems.push(
        workbookProblem(
          "registration-characters",
          `${HEADERS.registration} "${registration}" in row ${r + 1} of ${map.table}: ${bad}`,
          { ...place, cell: cellAddress(r, area.column + keyColumn.offset) },
        ),
      );
    const k = registrationKey(registration);
    const before = firstRow.get(k);
    if (before !== undefined) {
      problems.push({
        ...workbookProblem(
          "duplicate-row",
          `Rows ${before + 1} and ${r + 1} of ${map.table} are both for ${registration}, so ilm cannot tell which row's entries are the learner's. Merge them into one row (keep the entries you want) and delete the other, then run again.`,
          {
            ...place,
            cell: `${cellAddress(before, area.column + keyColumn.offset)}, ${cellAddress(r, area.column + keyColumn.offset)}`,
          },
        ),
        registration,
      });
    } else firstRow.set(k, r);
    rows.push({ registration, cells });
  }
  // Blank rows at the end of a table (an empty table's placeholder row, a range's tail) hold nothing: new
  // learners take their place.
  while (rows.length > 0 && rows[rows.length - 1] === null) rows.pop();
  const finalArea = recovered ? { ...area, rows: rows.length + 1 } : area;
  return {
    name: map.table,
    sheet: sheet.name,
    kind: map.kind,
    ...(map.assessment !== undefined ? { assessment: map.assessment } : {}),
    area: finalArea,
    columns,
    rows,
    recovered,
  };
}

/**
 * A table's area, widened over columns just outside it whose header is one of the table's columns (ilm's or a
 * person's own) missing from it: a column a person moved out of the table's edge (LibreOffice moves a column by inserting one before the table's
 * first column, which the table does not take in).
 */
function widened(sheet: SheetContents, area: Area, map: ColumnMap): Area {
  const inside = new Set<string>();
  for (let c = 0; c < area.columns; c++)
    inside.add(headerText(cellAt(sheet, area.row, area.column + c)).toLowerCase());
  // Every column the settings know, a person's own included: a column moved just outside its table is still its.
  const wanted = new Set(
    map.columns.filter((c) => !inside.has(c.header.toLowerCase())).map((c) => c.header.toLowerCase()),
  );
  let { column, columns } = area;
  const takes = (c: number) => {
    const h = headerText(cellAt(sheet, area.row, c)).toLowerCase();
    if (c < 0 || !wanted.has(h)) return false;
    wanted.delete(h);
    return true;
  };
  while (takes(column - 1)) {
    column--;
    columns++;
  }
  while (takes(column + columns)) columns++;
  return { ...area, column, columns };
}

/**
 * A table converted to a range: the first row (within the first 100) holding every header ilm wrote, in one
 * contiguous run; the range goes down to the first blank row. Undefined when no row holds them all.
 */
function findHeaderRow(sheet: SheetContents, map: ColumnMap): Area | undefined {
  const wanted = new Set(
    map.columns.filter((c) => c.role !== "user" && !isUserKey(c.key)).map((c) => c.header.toLowerCase()),
  );
  if (wanted.size === 0) return undefined;
  const limit = Math.min(sheet.grid.length, 100);
  for (let r = 0; r < limit; r++) {
    const row = sheet.grid[r];
    if (!row) continue;
    const hits: number[] = [];
    row.forEach((c, i) => {
      if (wanted.has(headerText(c).toLowerCase())) hits.push(i);
    });
    if (new Set(hits.map((i) => headerText(row[i]).toLowerCase())).size < wanted.size) continue;
    let left = Math.min(...hits);
    let right = Math.max(...hits);
    // User columns inside or at the edges of the run keep their place when they have a header.
    while (left > 0 && headerText(row[left - 1]) !== "") left--;
    while (right + 1 < row.length && headerText(row[right + 1]) !== "") right++;
    let bottom = r;
    for (let rr = r + 1; rr < sheet.grid.length; rr++) {
      let blank = true;
      for (let c = left; c <= right && blank; c++) if (!isBlankCell(cellAt(sheet, rr, c))) blank = false;
      if (blank) break;
      bottom = rr;
    }
    return { row: r, column: left, rows: bottom - r + 1, columns: right - left + 1 };
  }
  return undefined;
}
