import type { ChangeSummary } from "../../src/workbook/plan";
import type { PanePort } from "../../src/app/port";
import type { LearnerSheet, Progress, WorkbookState } from "../../src/workbook/port";
import type { Result } from "../../src/domain/problems";
import { failure } from "../../src/domain/problems";

/**
 * A small in-memory stand-in for the workbook port: keeps the state as the workbook would (a JSON copy), records
 * what the pane asked for, and reports progress in steps. Failures can be switched on per call.
 */
export interface TestPort extends PanePort {
  stored: WorkbookState | null;
  readonly saves: WorkbookState[];
  readonly generated: WorkbookState[];
  converted: number;
  /** Every row the pane asked to select, in order. */
  readonly selections: { sheet: LearnerSheet; registration: string }[];
  /** Every cell the pane asked to go to, in order. */
  readonly goTos: { sheet: string; cell: string }[];
  failNext: { save?: string; generate?: string; convert?: string; select?: string };
  missing: string[];
  /** Resolves the pending generate call, when generation is held (for watching the progress bar). */
  release: (() => void) | null;
  holdGenerate: boolean;
  /** The protection password the pane gave for this session, as the port would keep it. */
  password: string | null;
  /** The name the pane gave the Decision log for this session. */
  who: string | null;
  /** Whether the pane asked to be told of changes. */
  watching: boolean;
}

export function createTestPort(initial: WorkbookState | null = null): TestPort {
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const port: TestPort = {
    stored: initial ? copy(initial) : null,
    saves: [],
    generated: [],
    converted: 0,
    selections: [],
    goTos: [],
    failNext: {},
    missing: [],
    release: null,
    holdGenerate: false,
    password: null,
    who: null,
    watching: false,
    setWho(name: string | null) {
      port.who = name;
    },
    async recordChanges() {
      return { ok: true, value: 0 };
    },
    async watchChanges() {
      port.watching = true;
      return true;
    },
    setProtectionPassword(password: string | null) {
      port.password = password === "" ? null : password;
    },
    hasProtectionPassword: () => port.password !== null,
    async capabilities() {
      return { ok: port.missing.length === 0, missing: port.missing };
    },
    async loadState(): Promise<Result<WorkbookState | null>> {
      return { ok: true, value: port.stored ? copy(port.stored) : null };
    },
    async saveState(state: WorkbookState): Promise<Result<void>> {
      if (port.failNext.save) {
        const error = port.failNext.save;
        port.failNext.save = undefined;
        return failure("refused", error);
      }
      port.stored = copy(state);
      port.saves.push(copy(state));
      return { ok: true, value: undefined };
    },
    async generate(state: WorkbookState, onProgress?: (p: Progress) => void): Promise<Result<ChangeSummary>> {
      if (port.failNext.generate) {
        const error = port.failNext.generate;
        port.failNext.generate = undefined;
        return failure("refused", error);
      }
      onProgress?.({ fraction: 0.5, message: "Writing D5.01 Work-based assignment" });
      if (port.holdGenerate) await new Promise<void>((resolve) => (port.release = resolve));
      onProgress?.({ fraction: 1, message: "Done" });
      const before = new Set(port.generated.at(-1)?.cohort.learners.map((l) => l.registration) ?? []);
      port.generated.push(copy(state));
      return {
        ok: true,
        value: {
          sheetsCreated: before.size === 0 ? ["Learners", "D5.01 Work-based assignment"] : [],
          sheetsUpdated: before.size === 0 ? [] : ["Learners", "D5.01 Work-based assignment"],
          learnersAdded: state.cohort.learners.map((l) => l.registration).filter((r) => !before.has(r)),
          learnersWithdrawn: [],
          entriesKept: 0,
          tablesRecovered: [],
          conflictsResolved: 0,
        },
      };
    },
    async convertToPortable(onProgress?: (p: Progress) => void): Promise<Result<ChangeSummary>> {
      if (port.failNext.convert) {
        const error = port.failNext.convert;
        port.failNext.convert = undefined;
        return failure("refused", error);
      }
      onProgress?.({ fraction: 1, message: "Done" });
      port.converted++;
      return {
        ok: true,
        value: {
          sheetsCreated: [],
          sheetsUpdated: ["Learners"],
          learnersAdded: [],
          learnersWithdrawn: [],
          entriesKept: 4,
          tablesRecovered: [],
          conflictsResolved: 0,
        },
      };
    },
    // The IQA tab's calls: this port holds no mark sheets (test/app and the IQA tab's tests use the memory port).
    async sample() {
      return failure("no-sampling-strategy", "The test port holds no mark sheets.");
    },
    async recordSample() {
      return failure("no-sampling-strategy", "The test port holds no mark sheets.");
    },
    async recordIqaDecision() {
      return failure("row-missing", "The test port holds no mark sheets.");
    },
    async goTo(sheet: string, cell: string) {
      port.goTos.push({ sheet, cell });
      return { ok: true, value: undefined };
    },
    async decisionLog() {
      return { ok: true, value: [] };
    },
    async select(sheet: LearnerSheet, registration: string): Promise<Result<void>> {
      if (port.failNext.select) {
        const error = port.failNext.select;
        port.failNext.select = undefined;
        return failure("refused", error);
      }
      port.selections.push({ sheet, registration });
      return { ok: true, value: undefined };
    },
  };
  return port;
}

/** A cohort set up for the Level 5 Certificate in Management (D5.01, D5.02+D5.03). */
export function setUpState(learners: WorkbookState["cohort"]["learners"] = []): WorkbookState {
  return {
    cohort: {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield Training" },
      cohort: "2026-A",
      learners,
    },
    mode: "ilm",
    centreCatalogues: [],
    setup: { qualifications: ["500/3564/2"], assessors: ["R. Hughes", "S. Okafor"] },
  };
}
