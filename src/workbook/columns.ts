/** The column toolkit every table's column set is made with. */

import { dateCell, text } from "./cells";
import { HEADERS, KEYS } from "./layout";
import type { Cell, ColumnPlan } from "./plan";
import type { RowSource } from "./rows";
import { FORMATS } from "./styles";
import { dates } from "./validations";

/** Where a row's cells are, for formulas: the sheet row number and each column's letters by key. */
export interface RowContext {
  /** 1-based sheet row number. */
  readonly n: number;
  /** 1-based sheet row number of the table's header row. */
  readonly headerRow: number;
  /** Column letters of a key in the table as laid out (throws for a key the table lacks). */
  readonly col: (key: string) => string;
}

/**
 * A column while the plan is built: its plan, and who decides each row's cell.
 * - `computed`: written by ilm on every regeneration (identity copied from the roster, formulas).
 * - `roster`: the Learners tab's own fields; the cohort file decides them for the learners it lists (where it
 *   gives a value), the workbook keeps them otherwise.
 * - `entry`: typed by people; the workbook keeps them. A cohort file's value for an existing row that differs
 *   from the cell is a conflict, never a silent overwrite. `fallback` fills a new row (an assessor's name from
 *   the roster, say).
 */
export type ColumnSpec =
  | {
      readonly kind: "computed";
      readonly plan: ColumnPlan;
      readonly cell: (row: RowSource, at: RowContext) => Cell;
    }
  | {
      readonly kind: "roster" | "entry";
      readonly plan: ColumnPlan;
      /** The cohort's value for the row's learner; undefined when the cohort says nothing. */
      readonly given: (row: RowSource) => Cell | undefined;
      readonly fallback?: (row: RowSource) => Cell;
    };

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

const dateValidation = dates("Enter a date (YYYY-MM-DD).");

/** Registration No, Learner and Status, copied from the roster onto every tab but the Learners tab. */
export const identityColumns = (): ColumnSpec[] => [
  registrationColumn(),
  {
    kind: "computed",
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
    kind: "computed",
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

export function registrationColumn(): ColumnSpec {
  return {
    kind: "computed",
    plan: {
      key: KEYS.registration,
      header: HEADERS.registration,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.id,
    },
    cell: (r) => ({ t: "text", v: r.registration }),
  };
}

/** Text typed by a person; `kind` says who decides it on regeneration. */
export function textEntry(
  key: string,
  header: string,
  width: number,
  pick: (r: RowSource) => string | undefined,
  options: {
    readonly wrap?: boolean;
    readonly kind?: "roster" | "entry";
    readonly fallback?: (r: RowSource) => string | undefined;
  } = {},
): ColumnSpec {
  const fallback = options.fallback;
  return {
    kind: options.kind ?? "entry",
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.text,
      width,
      ...(options.wrap ? { wrap: true } : {}),
    },
    given: (r) => {
      const v = pick(r);
      return v === undefined ? undefined : text(v);
    },
    ...(fallback ? { fallback: (r: RowSource) => text(fallback(r)) } : {}),
  };
}

/** A date typed by a person, written from the cohort's ISO date (null in the cohort is a blank cell). */
export function dateEntry(
  key: string,
  header: string,
  pick: (r: RowSource) => string | null | undefined,
  kind: "roster" | "entry" = "entry",
): ColumnSpec {
  return {
    kind,
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.date,
      width: WIDTH.date,
      validation: dateValidation,
    },
    given: (r) => {
      const v = pick(r);
      return v === undefined ? undefined : dateCell(v);
    },
  };
}

export function formulaColumn(
  key: string,
  header: string,
  f: (at: RowContext, r: RowSource) => string | null,
  extra: Partial<ColumnPlan> = {},
): ColumnSpec {
  return {
    kind: "computed",
    plan: { key, header, role: "formula", width: WIDTH.formula, ...extra },
    cell: (r, at) => {
      const formula = f(at, r);
      return formula === null ? null : { t: "formula", f: formula };
    },
  };
}

/** The cell a spec writes for a row that is new to its table (or a column new to it). */
export function newCell(spec: ColumnSpec, row: RowSource, at: RowContext): Cell {
  if (spec.kind === "computed") return spec.cell(row, at);
  return spec.given(row) ?? spec.fallback?.(row) ?? null;
}
