import type { PanePort } from "../app/port";
import { createWorkbookPort } from "../app/port";
import type { WorkbookContents } from "../workbook/contents";
import type { Result } from "../domain/problems";
import { failure } from "../domain/problems";
import type { WorkbookAccess } from "../workbook/port";
import type { IsSetSupported, XContext, XRange, XRun, XWorksheet } from "./api";
import type { ApplyReport } from "./apply";
import { ApplyError, StaleRevisionError, applyPlan } from "./apply";
import { readContents } from "./read";
import type { HostFeatures } from "./requirements";
import { hostFeatures, missingFeatures } from "./requirements";

export interface ExcelPortOptions {
  /** Defaults to the global `Excel.run`. */
  readonly run?: XRun;
  /** Defaults to the global `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported?: IsSetSupported;
  /** Request budget in estimated bytes (see batch.ts). */
  readonly budget?: number;
  /** Response budget in bytes for reads (see batch.ts). */
  readonly responseBudget?: number;
  /** Called with what each apply did (syncs, print setup refused), for logs and tests. */
  readonly onApplied?: (report: ApplyReport) => void;
  /** Milliseconds the typing must stop before observed changes are recorded in the Decision log. */
  readonly recordDelay?: number;
}

/** What selecting a learner's row needs of a worksheet beyond api.ts's subset (Excel.Worksheet has both). */
interface Selectable {
  activate(): void;
  getRange(address: string): XRange & { select(): void };
}
// The real worksheet satisfies it (a compile-time proof, as in api.ts; no code runs).
export const OFFICE_JS_SELECTS: Excel.Worksheet extends Selectable ? true : never = true;

const NOT_IN_EXCEL = "Excel is not available here: open this add-in from the ribbon inside Excel.";

/**
 * The Office.js adapter: reads what the workbook holds and applies plans, and makes no decisions of its own
 * (the use cases in src/app do). Every Excel call of the task pane goes through here.
 */
export function createExcelAccess(options: ExcelPortOptions = {}): WorkbookAccess {
  const globals = globalThis as {
    Excel?: { run?: unknown };
    Office?: { context?: { requirements?: unknown } };
  };
  const run = (): XRun | null => {
    if (options.run) return options.run;
    if (typeof globals.Excel?.run !== "function") return null;
    return (batch) => Excel.run((context) => batch(context));
  };
  const features = (): HostFeatures | null => {
    if (options.isSetSupported) return hostFeatures(options.isSetSupported);
    if (!globals.Office?.context?.requirements) return null;
    return hostFeatures((name, version) => Office.context.requirements.isSetSupported(name, version));
  };

  /** Runs a batch against the workbook; any failure becomes a plain message. */
  const inExcel = async <T>(
    batch: (context: XContext, features: HostFeatures) => Promise<T>,
  ): Promise<Result<T>> => {
    const r = run();
    const f = features();
    if (!r || !f) return failure("not-in-excel", NOT_IN_EXCEL);
    if (!f.core) return failure("host-lacks", missingFeatures(f)[0] ?? NOT_IN_EXCEL);
    try {
      return { ok: true, value: await r((context) => batch(context, f)) };
    } catch (error) {
      return failure(
        error instanceof StaleRevisionError ? "stale-revision" : "excel-error",
        plainError(error),
      );
    }
  };

  return {
    async capabilities() {
      const f = features();
      if (!f || !run()) return { ok: false, missing: [NOT_IN_EXCEL] };
      return { ok: f.core, missing: missingFeatures(f) };
    },

    read: (): Promise<Result<WorkbookContents>> =>
      inExcel((context) =>
        readContents(context, options.responseBudget ? { budget: options.responseBudget } : {}),
      ),

    async apply(plan, revision, onProgress) {
      const result = await inExcel(async (context, f) =>
        applyPlan(context, plan, {
          features: f,
          revision,
          ...(options.budget ? { budget: options.budget } : {}),
          onProgress: (fraction, message) => onProgress?.({ fraction, message }),
        }),
      );
      if (!result.ok) return result;
      options.onApplied?.(result.value);
      return { ok: true, value: undefined };
    },

    // Changes typed here or by co-authors (ExcelApi 1.9); the handler stays registered after the batch.
    watch: (listener) =>
      inExcel(async (context, f) => {
        if (!f.api19)
          throw new ApplyError("This version of Excel does not tell add-ins of changes (ExcelApi 1.9).");
        context.workbook.worksheets.onChanged.add(async (args) =>
          listener(args.source === "Remote" ? "remote" : "local"),
        );
        await context.sync();
      }),

    // Activating a tab and selecting a range (ExcelApi 1.1) lie outside the subset api.ts types for writing.
    select: (sheet, address) =>
      inExcel(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet) as Omit<XWorksheet, "getRange"> &
          Selectable;
        worksheet.activate();
        worksheet.getRange(address).select();
        await context.sync();
      }),
  };
}

/** The task pane's port over Office.js: the use cases of src/app over createExcelAccess. */
export function createExcelPort(options: ExcelPortOptions = {}): PanePort {
  return createWorkbookPort(
    createExcelAccess(options),
    options.recordDelay !== undefined ? { recordDelay: options.recordDelay } : {},
  );
}

/** An exception from Excel or from the adapter, as a sentence for the task pane. */
function plainError(error: unknown): string {
  if (error instanceof ApplyError) return error.message;
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  const code = typeof e?.code === "string" ? e.code : "";
  if (/password/i.test(code) || /password/i.test(message))
    return "A sheet is protected with a password ilm was not given. ilm does not keep the password: give the sheet protection password in the task pane for this session (or unprotect the sheet with Review > Unprotect Sheet), then try again.";
  if (/protected/i.test(code) || code === "AccessDenied")
    return `Excel refused to change a protected sheet: ${message}`;
  return `Excel could not finish the change: ${message}`;
}
