/**
 * One table of the plan: its layout (where it is, its columns in the order the workbook has them, new columns
 * at the right, existing rows in the workbook's order and new learners below) and its cells, merging what the
 * workbook holds with what a cohort file gives.
 */

import { formatIsoDate, fromSerial } from "../domain/engine/dates";
import type { Problem } from "../domain/problems";
import { columnLetter } from "./a1";
import type { Area, CellContent, WorkbookContents } from "./contents";
import { cellAt, isFormulaValue, valueOf } from "./contents";
import type { ColumnSpec, RowContext } from "./columns";
import { newCell } from "./columns";
import type { LocatedTable } from "./decode";
import { areaAddress, findSheet, workbookProblem } from "./decode";
import { filledDownFormula } from "./formula";
import { isUserKey } from "./layout";
import type { Cell, ColumnPlan, SheetPlan, TablePlan } from "./plan";
import { registrationKey } from "./registration";
import type { RowSource } from "./rows";
import type { ColumnMap } from "./settings";
import { FORMATS } from "./styles";

/** A cell where the cohort file and the workbook disagree. */
export interface Conflict {
  readonly registration: string;
  readonly learner: string;
  readonly sheet: string;
  readonly table: string;
  readonly column: string;
  /** A1 address of the cell. */
  readonly cell: string;
  readonly workbook: string | number | boolean | null;
  readonly file: string | number | boolean | null;
}

export interface TableInput {
  readonly name: string;
  readonly sheet: string;
  readonly kind: SheetPlan["kind"];
  readonly assessment?: string;
  readonly specs: readonly ColumnSpec[];
  /** Every learner the table applies to, by registration key (rows of learners it no longer applies to are kept). */
  readonly sources: ReadonlyMap<string, RowSource>;
  /** The order new learners are added in. */
  readonly order: readonly string[];
  /** A row source for a registration found on the tab but not on the roster. */
  readonly stray: (registration: string, row: ReadonlyMap<string, CellContent>) => RowSource;
  /** Areas of the sheet ilm's other tables had (a mark sheet's colour key): rewritten by ilm, never in the way. */
  readonly owned?: readonly Area[];
  /** Registration keys of learners taken off the tab: their rows are left out. */
  readonly removed?: ReadonlySet<string>;
  readonly located?: LocatedTable;
  readonly prefer?: "file" | "workbook";
}

export interface BuiltTable {
  readonly table: TablePlan;
  readonly map: ColumnMap;
  /** Entry cells kept from the workbook. */
  readonly kept: number;
  readonly conflicts: readonly Conflict[];
  /** Cells a person typed where the table has to grow. */
  readonly problems: readonly Problem[];
  /** Registration numbers of the rows added. */
  readonly added: readonly string[];
  /** Letters of each column key, for other tables' formulas. */
  readonly letter: (key: string) => string;
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
}

/** A cell read from the workbook, written back as it is (a formula stays a formula, text stays text). */
export function cellOf(value: CellContent | undefined, column: ColumnPlan): Cell {
  if (value === undefined || value === null) return null;
  if (isFormulaValue(value)) return { t: "formula", f: value.f, v: value.v };
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "number")
    return column.numberFormat === FORMATS.date ? { t: "date", v: value } : { t: "number", v: value };
  return { t: "text", v: value };
}

function literal(c: Cell | CellContent | undefined): string | number | boolean | null {
  if (c === undefined || c === null) return null;
  if (typeof c !== "object") return c;
  if ("t" in c) return c.t === "formula" ? (c.v ?? null) : c.v;
  return valueOf(c);
}

/** A value as a person reads it in a conflict: a date as YYYY-MM-DD. */
function shown(v: string | number | boolean | null, column: ColumnPlan): string | number | boolean | null {
  return column.numberFormat === FORMATS.date && typeof v === "number" && v >= 1
    ? formatIsoDate(fromSerial(Math.floor(v)))
    : v;
}

/** Whether two values are the same entry: blank equals blank, numbers within rounding, text exactly. */
function sameValue(a: string | number | boolean | null, b: string | number | boolean | null): boolean {
  const blank = (v: typeof a) => v === null || (typeof v === "string" && v.trim() === "");
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

export function assembleTable(input: TableInput, contents: WorkbookContents | undefined): BuiltTable {
  const { located, specs } = input;
  const specByKey = new Map(specs.map((s) => [s.plan.key, s]));

  // Columns: the workbook's, in its order, then the new ones at the right.
  const columns: ColumnPlan[] = [];
  const taken = new Set<string>();
  const claim = (wanted: string) => {
    // A header Excel can take as its table column's name unchanged: no line breaks, tabs or other controls (a
    // catalogue's section name may hold them), no surrounding spaces.
    // eslint-disable-next-line no-control-regex
    const header = wanted.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim() || "Column";
    let h = header;
    for (let i = 2; taken.has(h.toLowerCase()); i++) h = `${header} (${i})`;
    taken.add(h.toLowerCase());
    return h;
  };
  if (located) {
    for (const c of located.columns) {
      const spec = specByKey.get(c.key);
      if (spec) continue;
      taken.add(c.header.toLowerCase());
    }
    for (const c of located.columns) {
      const spec = specByKey.get(c.key);
      if (spec) columns.push({ ...spec.plan, header: claim(spec.plan.header) });
      else
        columns.push({
          key: c.key,
          header: c.header,
          // A column ilm no longer computes keeps its header; a person's column stays theirs to type in.
          role: c.role === "formula" || c.role === "identity" ? "formula" : "entry",
          width: 16,
          ...(isUserKey(c.key) || c.role === "entry" ? { wrap: true } : {}),
        });
    }
  }
  const present = new Set(columns.map((c) => c.key));
  for (const s of specs)
    if (!present.has(s.plan.key)) columns.push({ ...s.plan, header: claim(s.plan.header) });

  const origin = located ? { row: located.area.row, column: located.area.column } : { row: 0, column: 0 };
  const index = new Map(columns.map((c, i) => [c.key, i]));
  const letter = (key: string) => {
    const i = index.get(key);
    if (i === undefined) throw new Error(`internal: table ${input.name} has no column ${key}`);
    return columnLetter(origin.column + i);
  };
  const headerRow = origin.row + 1;

  // Rows: the workbook's, in its order (blank rows stay), then new learners.
  type Slot = { source: RowSource; existing: ReadonlyMap<string, CellContent> | undefined } | null;
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (const row of located?.rows ?? []) {
    if (!row) {
      slots.push(null);
      continue;
    }
    const k = registrationKey(row.registration);
    if (input.removed?.has(k)) continue;
    seen.add(k);
    slots.push({
      source: input.sources.get(k) ?? input.stray(row.registration, row.cells),
      existing: row.cells,
    });
  }
  const added: string[] = [];
  for (const k of input.order) {
    if (seen.has(k)) continue;
    const source = input.sources.get(k);
    if (!source) continue;
    seen.add(k);
    added.push(source.registration);
    slots.push({ source, existing: undefined });
  }

  let kept = 0;
  const conflicts: Conflict[] = [];
  const existingKeys = new Set(located?.columns.map((c) => c.key) ?? []);
  const rows: Cell[][] = slots.map((slot, i) => {
    const at: RowContext = { n: headerRow + 1 + i, headerRow, col: letter };
    if (!slot) return columns.map(() => null);
    const { source, existing } = slot;
    return columns.map((column) => {
      const spec = specByKey.get(column.key);
      const inWorkbook = existing !== undefined && existingKeys.has(column.key);
      const w = existing?.get(column.key);
      if (!spec) return inWorkbook && column.role === "entry" ? keep(w, column) : null;
      if (spec.kind === "computed") return spec.cell(source, at);
      if (!inWorkbook) return newCell(spec, source, at);
      if (spec.kind === "roster") {
        const given = source.fromFile || source.rosterStatus !== undefined ? spec.given(source) : undefined;
        if (given === undefined && source.complete) return null;
        return given === undefined ? keep(w, column) : given;
      }
      // A default the roster gave (the learner's assessor) follows the roster when the cell still holds the old one.
      const given = source.fromFile ? spec.given(source) : undefined;
      if (given === undefined && spec.fallback && source.previous && source.roster !== source.previous) {
        const before = spec.fallback({ ...source, roster: source.previous });
        if (before !== null && sameValue(literal(before), literal(w))) return spec.fallback(source);
      }
      if (!source.fromFile) return keep(w, column);
      if (given === undefined || sameValue(literal(given), literal(w))) return keep(w, column);
      conflicts.push({
        registration: source.registration,
        learner: source.name,
        sheet: input.sheet,
        table: input.name,
        column: column.header,
        cell: `${letter(column.key)}${at.n}`,
        workbook: shown(literal(w), column),
        file: shown(literal(given), column),
      });
      return input.prefer === "file" ? given : keep(w, column);
    });
  });
  function keep(w: CellContent | undefined, column: ColumnPlan): Cell {
    const cell = cellOf(w, column);
    if (cell !== null) kept++;
    return cell;
  }

  const problems =
    located && contents ? inTheWay(located, rows.length + 1, columns.length, input, contents) : [];
  const laidOut = columns.map((column, c) => {
    const formula = filledDownFormula(rows, c);
    return column.role === "formula" && formula !== null ? { ...column, calculated: formula } : column;
  });

  const map: ColumnMap = {
    table: input.name,
    sheet: input.sheet,
    kind: input.kind,
    ...(input.assessment !== undefined ? { assessment: input.assessment } : {}),
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      role: isUserKey(c.key) ? "user" : c.role,
    })),
  };
  return {
    table: {
      name: input.name,
      origin,
      columns: laidOut,
      rows,
      keys: slots.map((s) => s?.source.registration ?? ""),
    },
    map,
    kept,
    conflicts,
    problems,
    added,
    letter,
    headerRow,
  };
}

/** Cells a person typed beside or below a table, where the table has to grow. */
function inTheWay(
  located: LocatedTable,
  rows: number,
  columns: number,
  input: TableInput,
  contents: WorkbookContents,
): Problem[] {
  const sheet = findSheet(contents, located.sheet);
  if (!sheet) return [];
  const { area } = located;
  const hits: string[] = [];
  for (let r = area.row; r < area.row + rows && hits.length < 5; r++) {
    for (let c = area.column; c < area.column + columns && hits.length < 5; c++) {
      const inside = r < area.row + area.rows && c < area.column + area.columns;
      const owned = (input.owned ?? []).some(
        (a) => r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns,
      );
      if (inside || owned) continue;
      const v = valueOf(cellAt(sheet, r, c));
      if (v !== null && !(typeof v === "string" && v === "")) hits.push(`${columnLetter(c)}${r + 1}`);
    }
  }
  if (hits.length === 0) return [];
  const grown = { ...area, rows, columns };
  return [
    workbookProblem(
      "cells-in-the-way",
      `${input.name} has to grow to ${areaAddress(grown)} (${rows - area.rows > 0 ? `${rows - area.rows} new row${rows - area.rows > 1 ? "s" : ""}` : ""}${rows - area.rows > 0 && columns - area.columns > 0 ? " and " : ""}${columns - area.columns > 0 ? `${columns - area.columns} new column${columns - area.columns > 1 ? "s" : ""}` : ""}), but cells there hold what someone typed: ${hits.join(", ")}. Move those cells further away from the table, then run again.`,
      { sheet: located.sheet, table: input.name, cell: hits.join(", ") },
    ),
  ];
}
