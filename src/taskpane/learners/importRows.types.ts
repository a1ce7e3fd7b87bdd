import type { Learner } from "../../domain/cohort/schema";

/** One cell's problem, or the row's when it belongs to no column. */
export interface RowProblem {
  /** Index into the header; null for a problem with the row as a whole. */
  readonly column: number | null;
  readonly message: string;
}

/** A row being brought in: its cells as typed (editable), and what checking them found. */
export interface ImportRow {
  /** The row number the person sees in their sheet or file (the header is row 1 when there is one). */
  readonly row: number;
  readonly cells: readonly string[];
  /** Left out on purpose: never written. */
  readonly leftOut: boolean;
  readonly learner: Learner | null;
  readonly problems: readonly RowProblem[];
}

export interface ImportTable {
  /** Where the rows came from, for messages ("pasted rows", "cohort.csv"). */
  readonly source: string;
  readonly header: readonly string[];
  /** Problems with the text or its header: when there are any, there are no rows. */
  readonly problems: readonly string[];
  readonly rows: readonly ImportRow[];
}
