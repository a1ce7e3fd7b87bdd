import type { Cohort } from "../domain/cohort/schema";
import type { Result } from "../domain/problems";
import type { WorkbookContents } from "./contents";
import type { ChangeSummary, FormulaMode, WorkbookPlan } from "./plan";
import type { SetupSettings } from "./settings";

/**
 * What the task pane works with: the cohort as the workbook's cells hold it, and the workbook's settings.
 * (Per-user preferences such as "my name" live in the browser, not here.)
 */
export interface WorkbookState {
  readonly cohort: Cohort;
  readonly mode: FormulaMode;
  /** Centre catalogue files (ilm-catalogue/1 JSON), in load order. */
  readonly centreCatalogues: readonly { readonly source: string; readonly json: unknown }[];
  /**
   * Set-up choices a cohort file does not hold: the qualifications the cohort offers (catalogue ids) and the
   * assessors' names, offered when learners are added, and the roster column matchings the Learners tab
   * remembers. Optional: a workbook set up elsewhere has none.
   */
  readonly setup?: SetupSettings;
}

export interface Progress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly message: string;
}

/**
 * What an adapter does for the task pane: read what the workbook holds, and apply a plan. It makes no decisions
 * of its own: the use cases in src/app decide.
 */
export interface WorkbookAccess {
  /** What the host can do; `missing` lists requirement sets or features the host lacks, in plain words. */
  capabilities(): Promise<{ readonly ok: boolean; readonly missing: readonly string[] }>;
  read(): Promise<Result<WorkbookContents>>;
  /**
   * Applies a plan, in one go, unless ilm's settings changed since they were read: the settings' revision is
   * read again just before writing and must still be `revision` (null: the workbook had no settings).
   */
  apply(
    plan: WorkbookPlan,
    revision: number | null,
    onProgress?: (p: Progress) => void,
  ): Promise<Result<void>>;
  /**
   * Makes `sheet` the active tab and selects `address` on it (an A1 address such as "A7:M7"), as a person
   * clicking there would. Nothing in the workbook changes.
   */
  select(sheet: string, address: string): Promise<Result<void>>;
  /**
   * Calls `listener` after a cell of the workbook changes, typed here ("local") or by a co-author ("remote"), as
   * long as the session lasts. Absent where the host tells of no changes (the .xlsx files the command line reads).
   */
  watch?(listener: (origin: ChangeOrigin) => void): Promise<Result<void>>;
}

/** Where a change the host told of was made: in this Excel ("local") or by a co-author ("remote"). */
export type ChangeOrigin = "local" | "remote";

/** A tab with one row per learner: the Learners tab, or the mark sheet of one assessment (its catalogue id). */
export type LearnerSheet = "learners" | { readonly assessment: string };

/**
 * How the task pane reaches a workbook (src/app/port.ts builds it over an adapter's WorkbookAccess).
 * Components never call Excel directly.
 */
export interface WorkbookPort {
  capabilities(): Promise<{ readonly ok: boolean; readonly missing: readonly string[] }>;
  /** The cohort and settings the workbook holds, or null for a workbook never set up. */
  loadState(): Promise<Result<WorkbookState | null>>;
  /** Writes the changes from the state last loaded or saved into the cells (and the settings). */
  saveState(state: WorkbookState): Promise<Result<void>>;
  /** Creates or updates the mark-sheet tabs, the units tab and the Learners tab, keeping every entry. */
  generate(state: WorkbookState, onProgress?: (p: Progress) => void): Promise<Result<ChangeSummary>>;
  /** Rewrites every formula in Portable mode (for sharing with someone who lacks the add-in). */
  convertToPortable(onProgress?: (p: Progress) => void): Promise<Result<ChangeSummary>>;
  /**
   * Selects a learner's row (the whole width of ilm's table) on the Learners tab or on an assessment's mark sheet,
   * wherever the row is now; problems when the workbook has no such tab or no row for that registration number.
   */
  select(sheet: LearnerSheet, registration: string): Promise<Result<void>>;
  /**
   * The sheet protection password every write of this session protects ilm's tabs with (and unprotects them
   * with), or null for none. It lives in memory for the session only: never in the workbook or its settings.
   */
  setProtectionPassword(password: string | null): void;
  /** Whether a protection password was given this session. */
  hasProtectionPassword(): boolean;
  /**
   * Who the Decision log names for what this session changes (the person's declared name); "unknown" when
   * null or blank. Memory only, like the password.
   */
  setWho(name: string | null): void;
  /**
   * Records in the Decision log what changed in the cells since it last recorded, as "changed outside ilm"
   * (by this session's person for a change typed here, "unknown" for a co-author's), and nothing else; the
   * number of rows added (0 when nothing changed, and then nothing is written).
   */
  recordChanges(origin: ChangeOrigin): Promise<Result<number>>;
  /**
   * Records changes as the host tells of them (see WorkbookAccess.watch), a moment after the typing stops; false
   * where the host tells of none.
   */
  watchChanges(onRecorded?: (rows: number) => void): Promise<boolean>;
}
