import type { Qualification } from "../domain/catalogue/schema";
import type { Learner } from "../domain/cohort/schema";

/** One row of a table: a learner of the roster, seen from one table. */
export interface RowSource {
  readonly registration: string;
  /** The learner's name on the roster. */
  readonly name: string;
  readonly qualification: Qualification | undefined;
  readonly qualificationText: string;
  /** The Status shown on this table: Active, Withdrawn, or "Qualification changed" on a tab it no longer uses. */
  readonly status: string;
  /**
   * The Learners tab's Status as the cohort file decides it (Active, Withdrawn; Withdrawn for a learner the file
   * no longer lists); undefined when no file decides (regenerating from the workbook alone).
   */
  readonly rosterStatus?: string;
  /**
   * The learner whose values are "given": the cohort file's learner when regenerating from a file (undefined for
   * a learner the file does not list), else the learner as the workbook holds it.
   */
  readonly learner: Learner | undefined;
  /** Whether `learner` comes from a cohort file (its entries are then compared with the cells). */
  readonly fromFile: boolean;
  /** `learner` is a whole record (the task pane's): a roster field it leaves out is blank. */
  readonly complete?: boolean;
  /** The learner as the roster holds them after the merge (for defaults such as an assessor's name). */
  readonly roster: Learner | undefined;
  /** The learner as the workbook's roster held them before this run (a default that was theirs follows a change). */
  readonly previous?: Learner;
}
