/**
 * The task pane's port over any adapter: loading reads the cohort from the cells; saving writes the learners the
 * pane changed into the cells (never the others), and only if no one else changed ilm's settings meanwhile.
 */

import type { Cohort, Learner } from "../domain/cohort/schema";
import type { LogEntry } from "../domain/decisions/log";
import type { Problem, Result } from "../domain/problems";
import { failure } from "../domain/problems";
import { ownValue } from "../domain/reserved";
import type { SampleDraw, SampledRow, SampleRow, SamplingStrategy } from "../domain/sampling";
import { logEntriesOf } from "../workbook/decision-log";
import { KEYS } from "../workbook/layout";
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
import type { Generated, GenerateRequest } from "./generate";
import { generate } from "./generate";
import type { IqaDecision, IqaDecisionInput } from "./iqa-decision";
import { markSheetRow, recordIqaDecision } from "./iqa-decision";
import type { DrawnSample } from "./sample";
import { planSample, recordSample } from "./sample";
import { catalogueOf, openWorkbook } from "./open";
import { validateCohort } from "../domain/cohort/validate";
import type { DecodedWorkbook, LocatedTable } from "../workbook/decode";
import { areaAddress, decodeWorkbook } from "../workbook/decode";
import type { WorkbookContents } from "../workbook/contents";

const WHAT = "This workbook";

/** How long the typing must stop before changes the host told of are recorded (milliseconds). */
export const RECORD_DELAY = 3_000;

/** A row of the IQA sample as the task pane shows it: where it is, and what the IQA has decided about it so far. */
export interface IqaSampleRow extends SampledRow<SampleRow> {
  /** The row's tab, and its IQA decision cell (its first cell when the sheet has no such column); null: no row. */
  readonly place: { readonly sheet: string; readonly cell: string } | null;
  readonly decision?: IqaDecision;
  readonly action?: string;
  /** YYYY-MM-DD. */
  readonly due?: string;
  /** YYYY-MM-DD. */
  readonly closed?: string;
}

/** The IQA sample over the cells as they are now (planSample's, with each row's place and decision). */
export interface IqaSample {
  readonly strategy: SamplingStrategy;
  readonly seed: string;
  readonly seedFrom: DrawnSample["seedFrom"];
  readonly draw: SampleDraw<IqaSampleRow>;
  /** Cells the cohort cannot hold (left out of the sample), with their places. */
  readonly unreadable: readonly Problem[];
}

/** What the task pane's IQA tab asks of the workbook, besides what every tab does (WorkbookPort). */
export interface IqaPort {
  /** The sample the strategy (absent: the one the workbook keeps) asks for from the cells now. Changes nothing. */
  sample(strategy?: SamplingStrategy): Promise<Result<IqaSample>>;
  /**
   * Draws the sample (or tops it up) and records it: each row drawn now gets its reasons in its IQA sample cell,
   * and the workbook keeps the strategy and seed. Recorded in the Decision log under the declared name. The
   * sample as the cells then hold it.
   */
  recordSample(strategy: SamplingStrategy, seed?: string): Promise<Result<IqaSample>>;
  /** Writes an IQA's decision into that one mark-sheet row (refused when there is no such row). */
  recordIqaDecision(input: IqaDecisionInput): Promise<Result<void>>;
  /** Makes `sheet` the active tab and selects `cell` on it (an A1 address). Nothing in the workbook changes. */
  goTo(sheet: string, cell: string): Promise<Result<void>>;
  /** The Decision log's rows as the workbook holds them, oldest first (none when it has no log yet). */
  decisionLog(): Promise<Result<readonly LogEntry[]>>;
}

/** The port the task pane works with: every tab's, and the IQA tab's. */
export type PanePort = WorkbookPort & IqaPort;

export interface WorkbookPortOptions {
  /** Milliseconds the typing must stop before changes the host told of are recorded (RECORD_DELAY). */
  readonly recordDelay?: number;
}

export function createWorkbookPort(access: WorkbookAccess, options: WorkbookPortOptions = {}): PanePort {
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

  /**
   * Writes what `make` plans from the cells as they are now (read again just before: a co-author's changes are
   * kept), unless ilm's settings change before the plan is applied.
   */
  const writeFromCells = async (
    make: (contents: WorkbookContents) => Result<Generated>,
  ): Promise<Result<Generated>> => {
    const contents = await access.read();
    if (!contents.ok) return contents;
    const generated = make(contents.value);
    if (!generated.ok) return generated;
    const applied = await access.apply(generated.value.plan, generated.value.revision);
    if (!applied.ok) return applied;
    if (revision !== null && revision === generated.value.revision) revision += 1;
    return generated;
  };
  const recording = () => ({ who, source: "task pane" as const });

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

    async sample(strategy) {
      const contents = await access.read();
      if (!contents.ok) return contents;
      return iqaSample(contents.value, strategy);
    },

    async recordSample(strategy, seed) {
      const written = await writeFromCells((contents) => {
        const recorded = recordSample({
          contents,
          what: WHAT,
          strategy,
          ...(seed !== undefined ? { seed } : {}),
          recording: recording(),
          ...(protectionPassword ? { protectionPassword } : {}),
        });
        return recorded.ok ? { ok: true, value: recorded.value.generated } : recorded;
      });
      if (!written.ok) return written;
      return this.sample(strategy);
    },

    async recordIqaDecision(input) {
      const written = await writeFromCells((contents) =>
        recordIqaDecision({
          ...input,
          contents,
          what: WHAT,
          recording: recording(),
          ...(protectionPassword ? { protectionPassword } : {}),
        }),
      );
      return written.ok ? { ok: true, value: undefined } : written;
    },

    goTo: (sheet, cell) => access.select(sheet, cell),

    async decisionLog() {
      const contents = await access.read();
      if (!contents.ok) return contents;
      const decoded = decodeWorkbook(contents.value);
      if (!decoded.ok) return decoded;
      const table = [...(decoded.value?.tables.values() ?? [])].find((t) => t.kind === "log");
      return { ok: true, value: logEntriesOf(table) };
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

/** planSample over the cells, each row with its place on its mark sheet and the IQA's decision so far. */
function iqaSample(contents: WorkbookContents, strategy: SamplingStrategy | undefined): Result<IqaSample> {
  const planned = planSample({ contents, what: WHAT, ...(strategy ? { strategy } : {}) });
  if (!planned.ok) return planned;
  const decoded = decodeWorkbook(contents);
  if (!decoded.ok) return decoded;
  const { draw, cohort } = planned.value;
  const learners = new Map(cohort.learners.map((l) => [registrationKey(l.registration), l]));
  const sample = draw.sample.map((row) => {
    const entry = ownValue(
      learners.get(registrationKey(row.registration))?.assessments ?? {},
      row.assessment,
    );
    return {
      ...row,
      place: placeOf(decoded.value, row),
      ...(entry?.iqaDecision ? { decision: entry.iqaDecision } : {}),
      ...(entry?.iqaAction ? { action: entry.iqaAction } : {}),
      ...(entry?.actionDue ? { due: entry.actionDue } : {}),
      ...(entry?.actionClosed ? { closed: entry.actionClosed } : {}),
    };
  });
  return {
    ok: true,
    value: {
      strategy: planned.value.strategy,
      seed: planned.value.seed,
      seedFrom: planned.value.seedFrom,
      draw: { ...draw, sample },
      unreadable: planned.value.unreadable,
    },
  };
}

/** Where the IQA goes to record a row's decision: its IQA decision cell, else its first cell. */
function placeOf(decoded: DecodedWorkbook | null, row: SampleRow): IqaSampleRow["place"] {
  const found = decoded ? markSheetRow(decoded, row.registration, row.assessment) : null;
  if (!found) return null;
  const cell = found.cell(KEYS.iqaDecision) ?? found.cell(KEYS.registration);
  return cell ? { sheet: found.sheet, cell } : null;
}
