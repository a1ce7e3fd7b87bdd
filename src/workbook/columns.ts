/** The column toolkit every table's column set is made with. */

import { columnLetter } from "./a1";
import { dateCell, text } from "./cells";
import { HEADERS, KEYS } from "./layout";
import type { Cell, ColumnPlan } from "./plan";
import type { RowSource } from "./rows";
import { FORMATS } from "./styles";

/** A column while the plan is built: its plan, and how each row's cell is made. */
export interface ColumnSpec {
  readonly plan: ColumnPlan;
  /** Identity cells (always), entry cells (only where the workbook is blank), formula cells (always). */
  readonly cell: (row: RowSource, n: number) => Cell;
}

export const WIDTH = {
  id: 16,
  name: 24,
  status: 12,
  date: 12,
  mark: 10,
  formula: 12,
  comment: 40,
  person: 18,
};

export const identityColumns = (): ColumnSpec[] => [
  {
    plan: {
      key: KEYS.registration,
      header: HEADERS.registration,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.id,
    },
    cell: (r) => ({ t: "text", v: r.registration }),
  },
  {
    plan: {
      key: KEYS.learner,
      header: HEADERS.learner,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.name,
    },
    cell: (r) => text(r.name),
  },
  {
    plan: {
      key: KEYS.status,
      header: HEADERS.status,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.status,
    },
    cell: (r) => text(r.status),
  },
];

const dateValidation = { type: "date", message: "Enter a date (YYYY-MM-DD)." } as const;

export function textEntry(
  key: string,
  header: string,
  width: number,
  pick: (r: RowSource) => string | undefined,
  wrap = false,
): ColumnSpec {
  return {
    plan: { key, header, role: "entry", numberFormat: FORMATS.text, width, ...(wrap ? { wrap: true } : {}) },
    cell: (r) => text(pick(r)),
  };
}

/** A date typed by a person, written from the cohort's ISO date. */
export function dateEntry(
  key: string,
  header: string,
  pick: (r: RowSource) => string | null | undefined,
): ColumnSpec {
  return {
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.date,
      width: WIDTH.date,
      validation: dateValidation,
    },
    cell: (r) => dateCell(pick(r)),
  };
}

export function formulaColumn(
  key: string,
  header: string,
  f: (n: number, r: RowSource) => string | null,
  extra: Partial<ColumnPlan> = {},
): ColumnSpec {
  return {
    plan: { key, header, role: "formula", width: WIDTH.formula, ...extra },
    cell: (r, n) => {
      const formula = f(n, r);
      return formula === null ? null : { t: "formula", f: formula };
    },
  };
}

/** Letters of columns by key, once the column order is known. */
export function lettersOf(specs: readonly ColumnSpec[]): (key: string) => string {
  const letters = new Map(specs.map((s, i) => [s.plan.key, columnLetter(i)]));
  return (key) => {
    const l = letters.get(key);
    if (l === undefined) throw new Error(`internal: no column ${key}`);
    return l;
  };
}
