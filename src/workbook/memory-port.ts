import { loadCatalogue } from "../domain/catalogue/load";
import { validateCohort } from "../domain/cohort/validate";
import { formatProblem } from "../domain/problems";
import { buildPlanForState } from "./build";
import { MemoryWorkbook } from "./memory";
import type { ChangeSummary } from "./plan";
import type { PortResult, Progress, WorkbookPort, WorkbookState } from "./port";
import { STATE_TABLE, decodeStateTable, stateSheet } from "./state";

export interface MemoryPortOptions {
  /** The workbook to work on (a fresh, empty one by default). */
  readonly workbook?: MemoryWorkbook;
  /** Requirement sets the simulated host lacks (capabilities() then says so). */
  readonly missing?: readonly string[];
  /** A pause before each answer, to show progress and busy states in the harness. */
  readonly delayMs?: number;
}

export interface MemoryPort extends WorkbookPort {
  readonly workbook: MemoryWorkbook;
}

/** A WorkbookPort over an in-memory workbook, for component tests and the browser harness. */
export function createMemoryPort(options: MemoryPortOptions = {}): MemoryPort {
  const workbook = options.workbook ?? new MemoryWorkbook();
  const missing = [...(options.missing ?? [])];
  const pause = () =>
    options.delayMs
      ? new Promise<void>((resolve) => setTimeout(resolve, options.delayMs))
      : Promise.resolve();

  const readState = (): WorkbookState | null => {
    const table = workbook.read().tables.get(STATE_TABLE);
    return decodeStateTable(table).state;
  };

  const generate = async (
    state: WorkbookState,
    onProgress?: (p: Progress) => void,
  ): Promise<PortResult<ChangeSummary>> => {
    onProgress?.({ fraction: 0, message: "Reading the catalogue" });
    await pause();
    const catalogue = loadCatalogue(state.centreCatalogues);
    if (!catalogue.ok) {
      return {
        ok: false,
        error: `The catalogue cannot be used: ${catalogue.problems.map(formatProblem).join("; ")}`,
      };
    }
    const cohort = validateCohort(state.cohort, catalogue.value);
    if (!cohort.ok) {
      return {
        ok: false,
        error: `The cohort cannot be used: ${cohort.problems.map(formatProblem).join("; ")}`,
      };
    }
    onProgress?.({ fraction: 0.2, message: "Reading the workbook" });
    await pause();
    const { plan, summary } = buildPlanForState(state, cohort.value, catalogue.value, workbook.read());
    onProgress?.({ fraction: 0.5, message: "Writing the mark sheets" });
    await pause();
    workbook.apply(plan);
    onProgress?.({ fraction: 1, message: "Done" });
    return { ok: true, value: summary };
  };

  return {
    workbook,
    async capabilities() {
      await pause();
      return { ok: missing.length === 0, missing };
    },
    async loadState() {
      await pause();
      return { ok: true, value: readState() };
    },
    async saveState(state) {
      await pause();
      const existing = workbook.read().tables.get(STATE_TABLE);
      const maps = [...decodeStateTable(existing).maps.values()];
      const protection = {
        protect: true,
        ...(state.protectionPassword ? { password: state.protectionPassword } : {}),
      };
      workbook.apply({ mode: state.mode, sheets: [stateSheet(state, maps, protection)] });
      return { ok: true, value: undefined };
    },
    generate,
    async convertToPortable(onProgress) {
      const state = readState();
      if (!state) return { ok: false, error: "This workbook has no mark sheets yet: set up a cohort first." };
      return generate({ ...state, mode: "portable" }, onProgress);
    },
  };
}
