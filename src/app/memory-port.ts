import { failure } from "../domain/problems";
import { decodeWorkbook } from "../workbook/decode";
import { MemoryWorkbook } from "../workbook/memory";
import type { WorkbookAccess } from "../workbook/port";
import type { PanePort } from "./port";
import { createWorkbookPort } from "./port";

export interface MemoryPortOptions {
  /** The workbook to work on (a fresh, empty one by default). */
  readonly workbook?: MemoryWorkbook;
  /** Requirement sets the simulated host lacks (capabilities() then says so). */
  readonly missing?: readonly string[];
  /** A pause before each answer, to show progress and busy states in the harness. */
  readonly delayMs?: number;
}

export interface MemoryPort extends PanePort {
  readonly workbook: MemoryWorkbook;
}

/** The in-memory adapter: reads and applies plans on a MemoryWorkbook, with the revision check Excel's has. */
export function memoryAccess(workbook: MemoryWorkbook, options: MemoryPortOptions = {}): WorkbookAccess {
  const missing = [...(options.missing ?? [])];
  const pause = () =>
    options.delayMs
      ? new Promise<void>((resolve) => setTimeout(resolve, options.delayMs))
      : Promise.resolve();
  return {
    async capabilities() {
      await pause();
      return { ok: missing.length === 0, missing };
    },
    async read() {
      await pause();
      return { ok: true, value: workbook.contents() };
    },
    async apply(plan, revision, onProgress) {
      await pause();
      const now = decodeWorkbook(workbook.contents());
      const current = now.ok && now.value ? now.value.stored.revision : null;
      if (current !== revision)
        return failure(
          "stale-revision",
          "Someone else changed this workbook's ILM settings or learners meanwhile. Nothing was changed: close and reopen the task pane, then make your change again.",
        );
      onProgress?.({ fraction: 0.5, message: "Writing the mark sheets" });
      workbook.apply(plan);
      onProgress?.({ fraction: 1, message: "Done" });
      return { ok: true, value: undefined };
    },
    async select(name, address) {
      await pause();
      const sheet = workbook.sheet(name);
      if (!sheet) return failure("sheet-missing", `This workbook has no tab "${name}".`);
      workbook.selection = { sheet: sheet.name, address };
      return { ok: true, value: undefined };
    },
  };
}

/** A WorkbookPort over an in-memory workbook, for component tests and the browser harness. */
export function createMemoryPort(options: MemoryPortOptions = {}): MemoryPort {
  const workbook = options.workbook ?? new MemoryWorkbook();
  return { ...createWorkbookPort(memoryAccess(workbook, options)), workbook };
}
