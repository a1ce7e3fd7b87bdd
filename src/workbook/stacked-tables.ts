/**
 * Tabs of small formula tables over the generated ones (the Dashboard, the IQA plan): where a source table's rows
 * are, and tables placed one under another from the top left with a blank row between.
 */

import { sheetRef } from "./a1";
import type { Cell, ColumnPlan, TablePlan } from "./plan";

/** A generated table as such a tab reads it: where its columns and data rows are. */
export interface SourceTable {
  readonly sheet: string;
  /** Column letters by key. */
  readonly letter: (key: string) => string;
  readonly has: (key: string) => boolean;
  /** 1-based sheet rows of the first and last data row (last ≥ first, even for an empty table). */
  readonly firstRow: number;
  readonly lastRow: number;
}

/**
 * A column of a table's data rows, absolute.
 * @example rangeOf(learners, "status") // "'Learners'!$C$2:$C$41"
 */
export function rangeOf(t: SourceTable, key: string): string {
  const l = t.letter(key);
  return `${sheetRef(t.sheet)}!$${l}$${t.firstRow}:$${l}$${t.lastRow}`;
}

/** A column of such a tab's tables. */
export function tabColumn(
  key: string,
  header: string,
  role: ColumnPlan["role"],
  width: number,
  extra: Partial<ColumnPlan> = {},
): ColumnPlan {
  return { key, header, role, width, ...extra };
}

/** Tables placed one under another from the top left, a blank row between; `row` is where the next one goes. */
export class TableStack {
  readonly tables: TablePlan[] = [];
  /** The 0-based sheet row of the next table's header. */
  row = 0;

  /** Places a table (header row and data rows; an empty table keeps one blank data row) at `row`. */
  place(name: string, columns: ColumnPlan[], rows: Cell[][]): TablePlan {
    const table: TablePlan = {
      name,
      origin: { row: this.row, column: 0 },
      columns,
      rows,
      keys: rows.map((_, i) => String(i)),
    };
    this.row += Math.max(rows.length, 1) + 2;
    this.tables.push(table);
    return table;
  }
}
