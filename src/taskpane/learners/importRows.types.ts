import type { Learner } from "../../domain/cohort/schema";
import type { ColumnChoice, ColumnField } from "./columnMapping";

/** One cell's problem, or the row's when it belongs to no column. */
export interface RowProblem {
  /** Index into the header; null for a problem with the row as a whole. */
  readonly column: number | null;
  readonly message: string;
  /** The domain problem's code, when it came from the reader ("not-a-date", "duplicate-registration"). */
  readonly code?: string;
}

/** One value a row changes on a learner already in the cohort ("Coaching hours", "12", "15"). */
export interface FieldChange {
  /** The field as its column is headed: "Coaching hours", "Assessor", "D5.01 S2". */
  readonly field: string;
  /** The value stored now, as the person would type it; null when nothing is stored. */
  readonly from: string | null;
  readonly to: string;
}

/** A row whose registration number is already in the cohort: it updates that learner. */
export interface LearnerUpdate {
  /** The learner as stored in the cohort now. */
  readonly stored: Learner;
  /** What the row changes; empty when the row says nothing new ("no change"). */
  readonly changes: readonly FieldChange[];
}

/** A row being brought in: its cells as typed (editable), and what checking them found. */
export interface ImportRow {
  /** The row number the person sees in their sheet or file (the header is row 1 when there is one). */
  readonly row: number;
  readonly cells: readonly string[];
  /** Left out on purpose: never written. */
  readonly leftOut: boolean;
  /** The learner the row describes (only the fields its cells give), or null while it has problems. */
  readonly learner: Learner | null;
  readonly problems: readonly RowProblem[];
  /** Set when the row's learner is already in the cohort (and the row has no problems). */
  readonly update: LearnerUpdate | null;
}

export interface ImportTable {
  /** Where the rows came from, for messages ("pasted rows", "cohort.csv"). */
  readonly source: string;
  readonly header: readonly string[];
  /** Problems with the text or its header: when there are any, there are no rows. */
  readonly problems: readonly string[];
  /** What a person should know about how a file was read (its encoding guessed, semicolons as separators). */
  readonly notes?: readonly string[];
  readonly rows: readonly ImportRow[];
  /**
   * Set when the roster's own header must be matched to learner fields before a row is read (then there are no
   * rows): its header cells, a sample value of each column, and the matching proposed.
   */
  readonly matching?: RosterMatching;
  /** Set when the rows were read through a matching the person confirmed (remembered when the rows are added). */
  readonly matched?: { readonly original: readonly string[]; readonly choices: readonly ColumnField[] };
}

/** A roster header waiting to be matched. */
export interface RosterMatching {
  readonly original: readonly string[];
  /** The first non-blank value in each column, to show what it holds. */
  readonly samples: readonly string[];
  readonly proposed: readonly ColumnChoice[];
  /** The proposal is the matching remembered in the workbook for these headers. */
  readonly remembered: boolean;
}

/** What committing the rows writes: learners new to the cohort, and rows that update a stored learner. */
export interface ImportPlan {
  readonly added: readonly Learner[];
  /** Each row's learner (only the fields it gives), to be written over the stored learner of that number. */
  readonly updated: readonly Learner[];
  /** Rows about learners already in the cohort that change nothing. */
  readonly unchanged: number;
  readonly leftOut: number;
}
