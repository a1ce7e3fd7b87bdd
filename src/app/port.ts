/**
 * The task pane's port over any adapter: loading reads the cohort from the cells; saving writes the learners the
 * pane changed into the cells (never the others), and only if no one else changed ilm's settings meanwhile.
 */

import type { Cohort, Learner } from "../domain/cohort/schema";
import type { Result } from "../domain/problems";
import { failure } from "../domain/problems";
import { registrationKey } from "../workbook/registration";
import type { ChangeSummary } from "../workbook/plan";
import type {
  ChangeOrigin,
  LearnerSheet,
  Progress,
  WorkbookAccess,
  WorkbookPort,
  WorkbookState,
} from "../workbook/port";
import type { GenerateRequest } from "./generate";
import { generate } from "./generate";
import { catalogueOf, openWorkbook } from "./open";
import { validateCohort } from "../domain/cohort/validate";
import type { LocatedTable } from "../workbook/decode";
import { areaAddress, decodeWorkbook } from "../workbook/decode";

const WHAT = "This workbook";

/** How long the typing must stop before changes the host told of are recorded (milliseconds). */
export const RECORD_DELAY = 3_000;

export interface WorkbookPortOptions {
  /** Milliseconds the typing must stop before changes the host told of are recorded (RECORD_DELAY). */
  readonly recordDelay?: number;
}

export function createWorkbookPort(access: WorkbookAccess, options: WorkbookPortOptions = {}): WorkbookPort {
  /** The cohort as last loaded or saved, by registration key: what the pane's changes are measured against. */
  let loaded = new Map<string, string>();
  let revision: number | null = null;
  /** The session's sheet protection password: memory only, never part of the state that is saved. */
  let protectionPassword: string | null = null;
  /** The person's declared name, for the Decision log: memory only. */
  let who = "unknown";

  const remember = (cohort: Cohort, rev: number | null) => {
    loaded = new Map(cohort.learners.map((l) => [registrationKey(l.registration), JSON.stringify(l)]));
    revision = rev;
  };
  const changed = (learners: readonly Learner[]) =>
    learners.filter((l) => loaded.get(registrationKey(l.registration)) !== JSON.stringify(l));

  const write = async (
    state: WorkbookState,
    request: Partial<GenerateRequest>,
    onProgress?: (p: Progress) => void,
  ): Promise<Result<ChangeSummary>> => {
    onProgress?.({ fraction: 0, message: "Reading the workbook" });
    const catalogue = catalogueOf(state.centreCatalogues);
    if (!catalogue.ok) return catalogue;
    const valid = validateCohort(state.cohort, catalogue.value);
    if (!valid.ok) return valid;
    const contents = await access.read();
    if (!contents.ok) return contents;
    const setUp = revision !== null;
    // A learner the pane loaded and no longer lists was removed (Remove is only offered with nothing to lose).
    const listed = new Set(state.cohort.learners.map((l) => registrationKey(l.registration)));
    const removed = setUp
      ? [...loaded.entries()]
          .filter(([k]) => !listed.has(k))
          .map(([, json]) => (JSON.parse(json) as Learner).registration)
      : [];
    const generated = generate({
      contents: contents.value,
      what: WHAT,
      file: { ...state.cohort, learners: setUp ? changed(state.cohort.learners) : state.cohort.learners },
      partial: setUp,
      complete: true,
      prefer: "file",
      catalogues: state.centreCatalogues,
      mode: state.mode,
      ...(state.setup ? { setup: state.setup } : {}),
      ...(protectionPassword ? { protectionPassword } : {}),
      ...(removed.length > 0 ? { remove: removed } : {}),
      recording: { who, source: "task pane" },
      ...request,
    });
    if (!generated.ok) return generated;
    if (setUp && generated.value.revision !== revision)
      return failure(
        "stale-revision",
        "Someone else changed this workbook's ILM settings or learners since the task pane read them. Nothing was changed: close and reopen the task pane to see their changes, then make yours again.",
      );
    onProgress?.({ fraction: 0.1, message: "Writing the workbook" });
    const applied = await access.apply(generated.value.plan, generated.value.revision, (p) =>
      onProgress?.({ fraction: 0.1 + 0.9 * p.fraction, message: p.message }),
    );
    if (!applied.ok) return applied;
    remember(generated.value.cohort, (generated.value.revision ?? 0) + 1);
    return { ok: true, value: generated.value.summary };
  };

  return {
    capabilities: () => access.capabilities(),

    setProtectionPassword(password) {
      protectionPassword = password === "" ? null : password;
    },

    hasProtectionPassword: () => protectionPassword !== null,

    setWho(name) {
      who = name?.trim() || "unknown";
    },

    async recordChanges(origin: ChangeOrigin) {
      const contents = await access.read();
      if (!contents.ok) return contents;
      const decoded = decodeWorkbook(contents.value);
      if (!decoded.ok) return decoded;
      if (!decoded.value) return { ok: true, value: 0 };
      const generated = generate({
        contents: contents.value,
        what: WHAT,
        ...(protectionPassword ? { protectionPassword } : {}),
        recording: { who: origin === "local" ? who : "unknown", source: "changed outside ilm" },
      });
      if (!generated.ok) return generated;
      const rows = generated.value.logged.length;
      if (rows === 0) return { ok: true, value: 0 };
      // Only the Decision log and the settings (which know its table) are written: the other tabs stay as typed.
      const plan = {
        ...generated.value.plan,
        sheets: generated.value.plan.sheets.filter((s) => s.kind === "log" || s.kind === "state"),
      };
      const applied = await access.apply(plan, generated.value.revision);
      if (!applied.ok) return applied;
      if (revision !== null && revision === generated.value.revision) revision += 1;
      return { ok: true, value: rows };
    },

    async watchChanges(onRecorded) {
      if (!access.watch) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let pending: ChangeOrigin | null = null;
      const watched = await access.watch((origin) => {
        // A change typed here wins: its author is known.
        pending = pending === "local" || origin === "local" ? "local" : "remote";
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => {
          const from = pending ?? "remote";
          pending = null;
          void this.recordChanges(from).then((r) => {
            if (r.ok && r.value > 0) onRecorded?.(r.value);
          });
        }, options.recordDelay ?? RECORD_DELAY);
      });
      return watched.ok;
    },

    async loadState() {
      const contents = await access.read();
      if (!contents.ok) return contents;
      const decoded = decodeWorkbook(contents.value);
      if (decoded.ok && decoded.value === null) {
        loaded = new Map();
        revision = null;
        return { ok: true, value: null };
      }
      const opened = openWorkbook(contents.value, WHAT);
      if (!opened.ok) return opened;
      const { settings, revision: rev } = opened.value.decoded.stored;
      remember(opened.value.cohort, rev);
      return {
        ok: true,
        value: {
          cohort: opened.value.cohort,
          mode: settings.mode,
          centreCatalogues: settings.centreCatalogues,
          ...(settings.setup ? { setup: settings.setup } : {}),
        },
      };
    },

    async saveState(state) {
      const result = await write(state, {});
      return result.ok ? { ok: true, value: undefined } : result;
    },

    generate: (state, onProgress) => write(state, {}, onProgress),

    async convertToPortable(onProgress) {
      const state = await this.loadState();
      if (!state.ok) return state;
      if (!state.value)
        return failure(
          "not-set-up",
          "This workbook has no ILM mark sheets yet: set up a cohort and generate them first.",
        );
      return write(state.value, { mode: "portable" }, onProgress);
    },

    async select(sheet, registration) {
      const contents = await access.read();
      if (!contents.ok) return contents;
      const decoded = decodeWorkbook(contents.value);
      if (!decoded.ok) return decoded;
      if (!decoded.value)
        return failure(
          "not-set-up",
          "This workbook has no ILM tabs yet: set up a cohort and generate them first.",
        );
      const table = [...decoded.value.tables.values()].find((t) => holds(t, sheet));
      const what = sheet === "learners" ? "the Learners tab" : `the mark sheet of ${sheet.assessment}`;
      if (!table)
        return failure(
          "sheet-missing",
          `This workbook has no ${what.replace(/^the /, "")}: generate or update the mark sheets (Workbook tab), then try again.`,
        );
      const key = registrationKey(registration);
      const index = table.rows.findIndex((r) => r !== null && registrationKey(r.registration) === key);
      if (index < 0)
        return failure(
          "row-missing",
          `${registration.trim()} has no row on ${what} ("${table.sheet}"): generate or update the mark sheets (Workbook tab), then try again.`,
          { registration: registration.trim() },
        );
      const row = { ...table.area, row: table.area.row + 1 + index, rows: 1 };
      return access.select(table.sheet, areaAddress(row));
    },
  };
}

/** Whether a located table is the one a learner's row is wanted on. */
function holds(table: LocatedTable, sheet: LearnerSheet): boolean {
  if (sheet === "learners") return table.kind === "learners";
  return table.kind === "marksheet" && table.assessment === sheet.assessment;
}
