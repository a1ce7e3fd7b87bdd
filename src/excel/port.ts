import { loadCatalogue } from "../domain/catalogue/load";
import { validateCohort } from "../domain/cohort/validate";
import type { Problem } from "../domain/problems";
import { formatProblem } from "../domain/problems";
import { buildPlanForState } from "../workbook/build";
import type { ChangeSummary, ExistingWorkbook, WorkbookPlan } from "../workbook/plan";
import type { PortResult, Progress, WorkbookPort, WorkbookState } from "../workbook/port";
import type { ColumnMap } from "../workbook/state";
import { STATE_TABLE, decodeExisting, stateSheet } from "../workbook/state";
import type { IsSetSupported, XContext, XRun } from "./api";
import { ApplyError, applyPlan } from "./apply";
import type { Inventory } from "./read";
import { readExisting, readInventory } from "./read";
import type { HostFeatures } from "./requirements";
import { hostFeatures, missingFeatures } from "./requirements";

export interface ExcelPortOptions {
  /** Defaults to the global `Excel.run`. */
  readonly run?: XRun;
  /** Defaults to the global `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported?: IsSetSupported;
  /** Request budget in estimated bytes (see batch.ts). */
  readonly budget?: number;
}

const NOT_IN_EXCEL = "Excel is not available here: open this add-in from the ribbon inside Excel.";

/** The workbook port over Office.js: every Excel call of the task pane goes through here. */
export function createExcelPort(options: ExcelPortOptions = {}): WorkbookPort {
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
  ): Promise<PortResult<T>> => {
    const r = run();
    const f = features();
    if (!r || !f) return { ok: false, error: NOT_IN_EXCEL };
    if (!f.core) return { ok: false, error: missingFeatures(f)[0] ?? NOT_IN_EXCEL };
    try {
      return { ok: true, value: await r((context) => batch(context, f)) };
    } catch (error) {
      return { ok: false, error: plainError(error) };
    }
  };

  const generate = async (
    state: WorkbookState,
    onProgress?: (p: Progress) => void,
  ): Promise<PortResult<ChangeSummary>> => {
    const catalogue = loadCatalogue(state.centreCatalogues);
    if (!catalogue.ok)
      return { ok: false, error: problemsText("A centre catalogue is not valid", catalogue.problems) };
    const cohort = validateCohort(state.cohort, catalogue.value);
    if (!cohort.ok) return { ok: false, error: problemsText("The cohort has problems", cohort.problems) };
    return inExcel(async (context, f) => {
      onProgress?.({ fraction: 0, message: "Reading the workbook" });
      const inventory = await readInventory(context);
      const existing = await readExisting(context, inventory, null);
      const stored = decodeExisting(existing).state;
      const { plan, summary } = buildPlanForState(state, cohort.value, catalogue.value, existing);
      onProgress?.({ fraction: 0.1, message: "Writing the mark sheets" });
      await applyPlan(context, plan, inventory, {
        features: f,
        ...(stored?.protectionPassword ? { currentPassword: stored.protectionPassword } : {}),
        ...(options.budget ? { budget: options.budget } : {}),
        onProgress: (fraction, message) => onProgress?.({ fraction: 0.1 + 0.9 * fraction, message }),
      });
      return summary;
    });
  };

  return {
    async capabilities() {
      const f = features();
      if (!f || !run()) return { ok: false, missing: [NOT_IN_EXCEL] };
      return { ok: f.core, missing: missingFeatures(f) };
    },

    async loadState() {
      const result = await inExcel(async (context) => {
        const { existing } = await readState(context);
        const table = existing.tables.get(STATE_TABLE);
        return { present: table !== undefined && table.rows.size > 0, state: decodeExisting(existing).state };
      });
      if (!result.ok) return result;
      if (!result.value.present) return { ok: true, value: null };
      const state = result.value.state;
      if (!state || !isState(state))
        return {
          ok: false,
          error:
            "The settings stored in this workbook (the hidden “ILM state” sheet) cannot be read. " +
            "Set the cohort up again to rewrite them; marks in the sheets are not affected.",
        };
      return { ok: true, value: state };
    },

    async saveState(state) {
      return inExcel(async (context, f) => {
        const { inventory, existing } = await readState(context);
        const decoded = decodeExisting(existing);
        const protection = {
          protect: true,
          ...(state.protectionPassword ? { password: state.protectionPassword } : {}),
        };
        const plan: WorkbookPlan = {
          mode: state.mode,
          sheets: [stateSheet(state, [...decoded.maps.values()] as ColumnMap[], protection)],
        };
        await applyPlan(context, plan, inventory, {
          features: f,
          ...(decoded.state?.protectionPassword ? { currentPassword: decoded.state.protectionPassword } : {}),
          ...(options.budget ? { budget: options.budget } : {}),
          recalculate: false,
        });
      });
    },

    generate,

    async convertToPortable(onProgress) {
      const loaded = await this.loadState();
      if (!loaded.ok) return loaded;
      if (!loaded.value)
        return {
          ok: false,
          error: "This workbook has no ILM mark sheets yet: set up a cohort and generate them first.",
        };
      return generate({ ...loaded.value, mode: "portable" }, onProgress);
    },
  };
}

/** The sheets and tables, and the state table's records. */
async function readState(context: XContext): Promise<{ inventory: Inventory; existing: ExistingWorkbook }> {
  const inventory = await readInventory(context);
  const existing = await readExisting(context, inventory, null, (t) => t.name === STATE_TABLE);
  return { inventory, existing };
}

function isState(value: unknown): value is WorkbookState {
  const s = value as Partial<WorkbookState> | null;
  return (
    typeof s === "object" &&
    s !== null &&
    (s.mode === "ilm" || s.mode === "portable") &&
    typeof s.cohort === "object" &&
    s.cohort !== null &&
    Array.isArray(s.centreCatalogues)
  );
}

function problemsText(title: string, problems: readonly Problem[]): string {
  const shown = problems.slice(0, 3).map(formatProblem);
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  return `${title}: ${shown.join("; ")}${more}.`;
}

/** An exception from Excel or from the adapter, as a sentence for the task pane. */
function plainError(error: unknown): string {
  if (error instanceof ApplyError) return error.message;
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  const code = typeof e?.code === "string" ? e.code : "";
  if (/password/i.test(code) || /password/i.test(message))
    return "A mark sheet is protected with a password this workbook's settings do not know. Unprotect the sheet (Review > Unprotect Sheet) and try again.";
  if (/protected/i.test(code) || code === "AccessDenied")
    return `Excel refused to change a protected sheet: ${message}`;
  return `Excel could not finish the change: ${message}`;
}
