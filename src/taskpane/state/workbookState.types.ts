import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";

export type StateStatus =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly state: WorkbookState | null }
  | { readonly status: "failed"; readonly error: string };

export type WorkbookStore = StateStatus & {
  /** Writes the state to the workbook; the pane shows the new state only once the write succeeded. */
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
  /**
   * Reads the workbook again (what co-authors and assessors typed since); the pane shows what it read. On failure
   * the pane keeps what it showed.
   */
  readonly reload: () => Promise<Result<void>>;
  /** What the host lacks, in plain words (empty when it has everything). */
  readonly missing: readonly string[];
};
