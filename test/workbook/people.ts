/**
 * What people do to a workbook, as data, and a model of it on the in-memory workbook: typing and clearing
 * entries, sorting, moving columns, inserting a column to the left of a table, adding a column of their own, a
 * tab of their own, converting a table to a range, renaming a header, duplicating a row, changing the roster.
 * Used by the property tests that check regeneration never loses or misplaces an entry.
 */

import fc from "fast-check";
import type { Cohort, Learner } from "../../src/domain";
import type { CellContent } from "../../src/workbook/contents";
import { valueOf as contentValue } from "../../src/workbook/contents";
import type { DecodedWorkbook } from "../../src/workbook/decode";
import { decodeWorkbook } from "../../src/workbook/decode";
import type { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell } from "../../src/workbook/plan";

export type Action =
  | { readonly kind: "type"; readonly pick: number; readonly numeric: boolean }
  | { readonly kind: "clear"; readonly pick: number }
  | { readonly kind: "sort"; readonly pick: number; readonly by: number; readonly descending: boolean }
  | { readonly kind: "moveColumn"; readonly pick: number; readonly from: number; readonly to: number }
  | { readonly kind: "insertColumnLeft"; readonly pick: number }
  | { readonly kind: "userColumn"; readonly pick: number }
  | { readonly kind: "userTab" }
  | { readonly kind: "convertToRange"; readonly pick: number }
  | { readonly kind: "renameHeader"; readonly pick: number; readonly column: number }
  | { readonly kind: "duplicateRow"; readonly pick: number; readonly row: number }
  | { readonly kind: "roster"; readonly keep: number; readonly add: number };

const pick = fc.nat(10_000);
export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("type" as const), pick, numeric: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("clear" as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("sort" as const), pick, by: pick, descending: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("moveColumn" as const), pick, from: pick, to: pick }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("insertColumnLeft" as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("userColumn" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("userTab" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("convertToRange" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("renameHeader" as const), pick, column: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicateRow" as const), pick, row: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("roster" as const),
      keep: fc.double({ min: 0.5, max: 1, noNaN: true }),
      add: fc.nat(3),
    }),
  },
);

/** Where a typed value belongs: the table, the learner, the column key. */
export interface Place {
  readonly table: string;
  readonly registration: string;
  readonly key: string;
}

/** What the test expects the workbook to hold: each typed value (null: cleared) at its place. */
export class Expectations {
  readonly values = new Map<string, { place: Place; value: string | number | null }>();
  private token = 0;

  next(numeric: boolean): string | number {
    this.token++;
    return numeric ? 900_000 + this.token : `tok-${this.token}`;
  }

  text(): string {
    this.token++;
    return `tok-${this.token}`;
  }

  set(place: Place, value: string | number | null): void {
    this.values.set(`${place.table}|${place.registration}|${place.key}`, { place, value });
  }
}

export function decoded(wb: MemoryWorkbook): DecodedWorkbook {
  const d = decodeWorkbook(wb.contents());
  if (!d.ok || !d.value) throw new Error(`the workbook cannot be decoded: ${JSON.stringify(d)}`);
  return d.value;
}

/** The entry cells a person may type into on the mark sheets and in their own columns. */
function typable(d: DecodedWorkbook): { place: Place; sheet: string; row: number; column: number }[] {
  const out: { place: Place; sheet: string; row: number; column: number }[] = [];
  for (const t of d.tables.values()) {
    if (t.kind !== "marksheet" && t.kind !== "learners") continue;
    for (const c of t.columns) {
      const mine = c.role === "user";
      if (!(mine || (t.kind === "marksheet" && c.role === "entry"))) continue;
      t.rows.forEach((r, i) => {
        if (!r) return;
        out.push({
          place: { table: t.name, registration: r.registration, key: c.key },
          sheet: t.sheet,
          row: t.area.row + 1 + i,
          column: t.area.column + c.offset,
        });
      });
    }
  }
  return out;
}

/**
 * Tabs where people work: every visible tab with a table but the Dashboard, the Feedback tab and the IQA plan
 * (ilm's, rebuilt each run; the Feedback tab's two choices are kept, as its own test checks) and the Decision log
 * (locked: nothing is typed there).
 */
function tableSheets(wb: MemoryWorkbook): string[] {
  return wb.sheets
    .filter(
      (s) =>
        s.tables.length > 0 &&
        s.visibility === "visible" &&
        s.plan?.kind !== "dashboard" &&
        s.plan?.kind !== "feedback" &&
        s.plan?.kind !== "iqaplan" &&
        s.plan?.kind !== "log",
    )
    .map((s) => s.name);
}

function at<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** Moves a column of a table's area (header and rows) from one position to another, as a person drags it. */
function moveColumn(wb: MemoryWorkbook, sheetName: string, from: number, to: number): void {
  const sheet = wb.sheet(sheetName);
  const t = sheet?.tables[0];
  if (!sheet || !t) return;
  const { row, column, rows, columns } = t.area;
  const f = from % columns;
  const dest = to % columns;
  for (let r = row; r < row + rows; r++) {
    const line = Array.from({ length: columns }, (_, c) => sheet.grid[r]?.[column + c] ?? null);
    const [moved] = line.splice(f, 1);
    line.splice(dest, 0, moved ?? null);
    line.forEach((cell, c) => wb.setCell(sheetName, r, column + c, cell));
  }
}

/** Inserts a whole sheet column at A: every cell and table moves one column right. */
function insertColumnLeft(wb: MemoryWorkbook, sheetName: string): void {
  const sheet = wb.sheet(sheetName);
  if (!sheet) return;
  sheet.grid = sheet.grid.map((row) => [null, ...row]);
  sheet.tables = sheet.tables.map((t) => ({ ...t, area: { ...t.area, column: t.area.column + 1 } }));
}

export interface Applied {
  /** A cohort file to regenerate from (a roster change), if the action made one. */
  readonly file?: Cohort;
  /** The regeneration must refuse: ilm cannot be sure (a renamed header, a duplicated row). */
  readonly mustRefuse: boolean;
  /** Puts the workbook back after a refusal was checked. */
  readonly undo?: () => void;
}

/** Does what a person does; updates the expectations. */
export function perform(
  wb: MemoryWorkbook,
  action: Action,
  expected: Expectations,
  roster: { current: Cohort; fresh: (n: number) => Learner[] },
): Applied {
  const d = decoded(wb);
  const sheets = tableSheets(wb);
  switch (action.kind) {
    case "type": {
      const cell = at(typable(d), action.pick);
      if (!cell) return { mustRefuse: false };
      const value = expected.next(action.numeric);
      wb.setCell(
        cell.sheet,
        cell.row,
        cell.column,
        typeof value === "number" ? { t: "number", v: value } : { t: "text", v: value },
      );
      expected.set(cell.place, value);
      return { mustRefuse: false };
    }
    case "clear": {
      const cell = at(typable(d), action.pick);
      if (!cell) return { mustRefuse: false };
      wb.setCell(cell.sheet, cell.row, cell.column, null);
      expected.set(cell.place, null);
      return { mustRefuse: false };
    }
    case "sort": {
      const sheet = at(sheets, action.pick);
      if (!sheet) return { mustRefuse: false };
      const t = wb.sheet(sheet)?.tables[0];
      const by = action.by % (t?.area.columns ?? 1);
      const key = (c: Cell) => String(c === null ? "" : c.t === "formula" ? "" : c.v);
      wb.sortRows(sheet, (x, y) => {
        const order = key(x[by] ?? null).localeCompare(key(y[by] ?? null));
        return action.descending ? -order : order;
      });
      return { mustRefuse: false };
    }
    case "moveColumn": {
      const sheet = at(sheets, action.pick);
      if (sheet) moveColumn(wb, sheet, action.from, action.to);
      return { mustRefuse: false };
    }
    case "insertColumnLeft": {
      const sheet = at(sheets, action.pick);
      if (sheet) insertColumnLeft(wb, sheet);
      return { mustRefuse: false };
    }
    case "userColumn": {
      const sheet = at(sheets, action.pick);
      if (!sheet) return { mustRefuse: false };
      const table = [...d.tables.values()].find((t) => t.sheet === sheet);
      const area = wb.sheet(sheet)?.tables[0]?.area;
      if (!table || !area) return { mustRefuse: false };
      // The cells the new column takes must be free (a person's column goes where nothing is typed).
      const header = `Mine ${expected.text()}`;
      const col = wb.addColumn(sheet, header);
      table.rows.forEach((r, i) => {
        if (!r) return;
        const value = expected.text();
        wb.setCell(sheet, area.row + 1 + i, col, { t: "text", v: value });
        expected.set({ table: table.name, registration: r.registration, key: `user/${header}` }, value);
      });
      return { mustRefuse: false };
    }
    case "userTab": {
      const name = `My tab ${wb.sheets.length}`;
      const value = expected.text();
      wb.addSheet(name).grid = [
        [
          { t: "text", v: value },
          { t: "number", v: 42 },
        ],
      ];
      expected.set({ table: `sheet:${name}`, registration: "", key: "A1" }, value);
      return { mustRefuse: false };
    }
    case "convertToRange": {
      const sheet = at(sheets, action.pick);
      if (sheet) wb.convertToRange(sheet);
      return { mustRefuse: false };
    }
    case "renameHeader": {
      const table = at(
        [...d.tables.values()].filter(
          (t) =>
            t.kind !== "state" &&
            t.kind !== "dashboard" &&
            t.kind !== "feedback" &&
            t.kind !== "iqaplan" &&
            t.kind !== "log" &&
            t.kind !== "legend",
        ),
        action.pick,
      );
      const column = table
        ? at(
            table.columns.filter((c) => c.role === "entry"),
            action.column,
          )
        : undefined;
      if (!table || !column) return { mustRefuse: false };
      const sheet = wb.sheet(table.sheet);
      const cellAt = sheet?.grid[table.area.row]?.[table.area.column + column.offset] ?? null;
      wb.setCell(table.sheet, table.area.row, table.area.column + column.offset, {
        t: "text",
        v: `${column.header} (edited)`,
      });
      return {
        mustRefuse: true,
        undo: () => wb.setCell(table.sheet, table.area.row, table.area.column + column.offset, cellAt),
      };
    }
    case "duplicateRow": {
      const table = at(
        [...d.tables.values()].filter(
          (t) =>
            t.kind !== "state" &&
            t.kind !== "dashboard" &&
            t.kind !== "feedback" &&
            t.kind !== "iqaplan" &&
            t.kind !== "log" &&
            t.kind !== "legend" &&
            t.rows.some((r) => r !== null),
        ),
        action.pick,
      );
      const sheet = table ? wb.sheet(table.sheet) : undefined;
      const t = sheet?.tables.find((x) => x.name === table?.name);
      if (!table || !sheet || !t) return { mustRefuse: false };
      const filled = table.rows.map((r, i) => (r ? i : -1)).filter((i) => i >= 0);
      const source = table.area.row + 1 + (at(filled, action.row) ?? 0);
      const below = t.area.row + t.area.rows;
      const before = {
        area: { ...t.area },
        row: sheet.grid[below] ? [...(sheet.grid[below] as Cell[])] : undefined,
      };
      for (let c = 0; c < t.area.columns; c++)
        wb.setCell(sheet.name, below, t.area.column + c, sheet.grid[source]?.[t.area.column + c] ?? null);
      t.area = { ...t.area, rows: t.area.rows + 1 };
      return {
        mustRefuse: true,
        undo: () => {
          t.area = before.area;
          if (before.row) sheet.grid[below] = before.row;
          else sheet.grid[below] = [];
        },
      };
    }
    case "roster": {
      const kept = roster.current.learners.filter((_, i) => ((i * 7919) % 100) / 100 < action.keep);
      const learners = [...kept, ...roster.fresh(action.add)].map(rosterOnly);
      return { file: { ...roster.current, learners }, mustRefuse: false };
    }
  }
}

/** A learner as a roster (a CSV export from a registration system) gives them: no entries. */
function rosterOnly(l: Learner): Learner {
  const rest: Learner = { ...l };
  delete (rest as { assessments?: unknown }).assessments;
  delete (rest as { units?: unknown }).units;
  return rest;
}

/** Where each expected value is now, and what is there: the problems, in words (empty when all is well). */
export function check(wb: MemoryWorkbook, expected: Expectations): string[] {
  const d = decoded(wb);
  const problems: string[] = [];
  const counts = new Map<string | number, number>();
  // The Dashboard names each assessor typed anywhere: a name shown there is a figure's label, not a copy; the
  // Feedback tab's choice is a copy of a registration number.
  for (const s of wb.sheets.filter(
    (x) => x.plan?.kind !== "dashboard" && x.plan?.kind !== "feedback" && x.plan?.kind !== "iqaplan",
  ))
    for (const row of s.grid)
      for (const c of row) {
        const v = c === null || c.t === "formula" ? null : c.v;
        if (typeof v === "string" || typeof v === "number") counts.set(v, (counts.get(v) ?? 0) + 1);
      }
  for (const { place, value } of expected.values.values()) {
    if (place.table.startsWith("sheet:")) {
      const sheet = wb.sheet(place.table.slice("sheet:".length));
      if (sheet?.grid[0]?.[0]?.t !== "text" || sheet.grid[0][0].v !== value)
        problems.push(`${String(value)} is no longer on ${place.table}`);
      continue;
    }
    const t = d.tables.get(place.table);
    const row = t?.rows.find((r) => r?.registration === place.registration);
    const found: CellContent | undefined = row?.cells.get(place.key);
    const actual = contentValue(found);
    if (actual !== value)
      problems.push(
        `${place.table} ${place.registration} ${place.key}: expected ${String(value)}, found ${String(actual)}`,
      );
    if (value !== null && counts.get(value) !== 1)
      problems.push(`${String(value)} appears ${counts.get(value) ?? 0} times in the workbook`);
  }
  return problems;
}
