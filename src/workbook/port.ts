import type { Cohort } from "../domain/cohort/schema";
import type { ChangeSummary, FormulaMode } from "./plan";

/**
 * Workbook-level state, stored in the workbook itself so every co-author sees the same settings.
 * (Per-user preferences such as "my name" live in the browser, not here.)
 */
export interface WorkbookState {
  readonly cohort: Cohort;
  readonly mode: FormulaMode;
  /** Centre catalogue files (ilm-catalogue/1 JSON), in load order. */
  readonly centreCatalogues: readonly { readonly source: string; readonly json: unknown }[];
  /**
   * Set-up choices a cohort file does not hold: the qualifications the cohort offers (catalogue ids) and the
   * assessors' names, offered when learners are added. Optional: a workbook set up elsewhere has none.
   */
  readonly setup?: { readonly qualifications: readonly string[]; readonly assessors: readonly string[] };
  /** Sheet protection password, when the admin set one. */
  readonly protectionPassword?: string;
}

export interface Progress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly message: string;
}

/** A result as a value: what went wrong is said plainly, for the task pane to show. */
export type PortResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * How the task pane reaches a workbook. The Office.js implementation lives in src/excel; tests and the browser
 * harness use an in-memory one. Components never call Excel directly.
 */
export interface WorkbookPort {
  /** What the host can do; `missing` lists requirement sets or features the host lacks, in plain words. */
  capabilities(): Promise<{ readonly ok: boolean; readonly missing: readonly string[] }>;
  /** The state stored in the workbook, or null for a workbook never set up. */
  loadState(): Promise<PortResult<WorkbookState | null>>;
  saveState(state: WorkbookState): Promise<PortResult<void>>;
  /** Creates or updates the mark-sheet tabs, the units tab and the Learners tab, keeping every entry. */
  generate(state: WorkbookState, onProgress?: (p: Progress) => void): Promise<PortResult<ChangeSummary>>;
  /** Rewrites every formula in Portable mode (for sharing with someone who lacks the add-in). */
  convertToPortable(onProgress?: (p: Progress) => void): Promise<PortResult<ChangeSummary>>;
}
