/**
 * Generating a workbook: from a cohort file (the roster, and any entries it holds) and what the workbook already
 * holds, the plan that writes ilm's tabs, with every entry kept where it is. One use case for the command line,
 * the Office.js port and the in-memory port.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Cohort } from "../domain/cohort/schema";
import { validateCohort } from "../domain/cohort/validate";
import type { CohortEvaluation } from "../domain/engine/learner";
import { evaluateCohort, hasInvalid } from "../domain/engine/learner";
import type { Problem, Result } from "../domain/problems";
import { buildWorkbookPlan } from "../workbook/build";
import { withCachedValues } from "../workbook/cached";
import { DASHBOARD_TABLES } from "../workbook/dashboard";
import { formatIsoDate, fromSerial } from "../domain/engine/dates";
import { nowIso, todayIso } from "./clock";
import { decisionsOf } from "../domain/decisions/decisions";
import type { LogEntry, LogSource } from "../domain/decisions/log";
import { changesSince } from "../domain/decisions/log";
import { logEntriesOf, withAttempts, withLogEntries } from "../workbook/decision-log";
import { cohortOf } from "../workbook/cohort-of";
import type { CellContent, WorkbookContents } from "../workbook/contents";
import { isFormulaValue } from "../workbook/contents";
import { decodeWorkbook, findSheet, findTable, workbookProblem } from "../workbook/decode";
import { MemoryWorkbook } from "../workbook/memory";
import { toleranceOf } from "../workbook/sampling-settings";
import type { Cell, ChangeSummary, FormulaMode, SheetPlan, WorkbookPlan } from "../workbook/plan";
import { tablesOf } from "../workbook/plan";
import type { CentreCatalogueFile, Settings } from "../workbook/settings";
import { catalogueOf, isEmptyWorkbook, notIlmWorkbook } from "./open";
import type { Conflict } from "../workbook/tables";

/** The centre and cohort names a cohort file gives when it has none (a CSV roster). */
export const NOT_GIVEN = "not given";

export interface GenerateRequest {
  /** What the workbook holds now; absent for a new workbook. */
  readonly contents?: WorkbookContents;
  /** Names the workbook in messages ("cohort.xlsx", "this workbook"). */
  readonly what: string;
  /** A cohort file: who is on the course, and any entries it holds. Absent: regenerate from the cells alone. */
  readonly file?: Cohort;
  /** Centre catalogue files for this and later runs; absent keeps the ones the workbook's settings name. */
  readonly catalogues?: readonly CentreCatalogueFile[];
  readonly mode?: FormulaMode;
  readonly setup?: Settings["setup"];
  /** The IQA sampling strategy (and seed) to keep; absent keeps the one the workbook's settings hold. */
  readonly sampling?: Settings["sampling"];
  /** The file lists only the learners to change or add (the task pane); the others are left as they are. */
  readonly partial?: boolean;
  /** The file's learners are whole records (the task pane's): a roster field left out is blank. */
  readonly complete?: boolean;
  /** Which side wins where the file and the workbook disagree about an entry; without it, a conflict stops. */
  readonly prefer?: "file" | "workbook";
  readonly protectionPassword?: string;
  /** Learners to take off every tab (the task pane's Remove); refused for one the workbook holds anything for. */
  readonly remove?: readonly string[];
  /** Refuse a workbook that holds anything but was not made by ilm (the command line's --out). */
  readonly requireIlm?: boolean;
  /** Today (YYYY-MM-DD): the As of date while the Dashboard's As of cell says =TODAY(). Default: the clock's. */
  readonly today?: string;
  /**
   * Who makes this run and from where, for the Decision log (docs/iqa.md): the person's declared name, else
   * "unknown"; the source of the changes the run makes. When: YYYY-MM-DDTHH:MM, default the clock's.
   */
  readonly recording?: { readonly who: string; readonly source: LogSource; readonly when?: string };
}

export interface Generated {
  readonly plan: WorkbookPlan;
  readonly summary: ChangeSummary;
  /** Conflicts settled by `prefer`. */
  readonly conflicts: readonly Conflict[];
  readonly catalogue: Catalogue;
  /** The cohort the workbook holds once the plan is applied, and its evaluation (null when it is not valid). */
  readonly cohort: Cohort;
  readonly evaluation: CohortEvaluation | null;
  /**
   * Problems with the cohort the written workbook holds (an unknown qualification typed on the Learners tab, an
   * outcome on Unit outcomes for a unit outside the learner's qualification).
   */
  readonly afterProblems: readonly Problem[];
  /** INVALID entries in the written workbook, or problems with its cohort. */
  readonly invalid: boolean;
  /** The settings revision the workbook had when read (null for a workbook without settings). */
  readonly revision: number | null;
  /** The rows this run adds to the Decision log: changes found in the cells, then the run's own. */
  readonly logged: readonly LogEntry[];
}

const sameCentre = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function generate(request: GenerateRequest): Result<Generated> {
  const { contents, file } = request;
  const decodedResult = contents ? decodeWorkbook(contents) : { ok: true as const, value: null };
  if (!decodedResult.ok) return decodedResult;
  const decoded = decodedResult.value;
  if (!decoded && contents && request.requireIlm && !isEmptyWorkbook(contents))
    return { ok: false, problems: [notIlmWorkbook(request.what)] };

  const stored = decoded?.stored.settings;
  const fileCentre = file && file.centre.number !== NOT_GIVEN ? file.centre : undefined;
  if (
    stored &&
    fileCentre &&
    stored.centre.number !== NOT_GIVEN &&
    !sameCentre(stored.centre.number, fileCentre.number)
  )
    return {
      ok: false,
      problems: [
        workbookProblem(
          "other-centre",
          `The cohort file is for centre ${fileCentre.number} (${fileCentre.name}) but ${request.what} is centre ${stored.centre.number}'s (${stored.centre.name}). Nothing was changed: check you picked the right file and workbook.`,
          undefined,
        ),
      ],
    };
  const settings: Settings = {
    centre:
      stored && (stored.centre.number !== NOT_GIVEN || !fileCentre)
        ? stored.centre
        : (fileCentre ?? { number: NOT_GIVEN, name: NOT_GIVEN }),
    cohort: stored && (stored.cohort !== NOT_GIVEN || !file) ? stored.cohort : (file?.cohort ?? NOT_GIVEN),
    mode: request.mode ?? stored?.mode ?? "portable",
    centreCatalogues: request.catalogues ?? stored?.centreCatalogues ?? [],
    ...((request.setup ?? stored?.setup) ? { setup: request.setup ?? stored?.setup } : {}),
    ...((request.sampling ?? stored?.sampling) ? { sampling: request.sampling ?? stored?.sampling } : {}),
  };
  const catalogue = catalogueOf(settings.centreCatalogues);
  if (!catalogue.ok) return catalogue;

  const held = decoded ? cohortOf(decoded).cohort : undefined;
  const built = buildWorkbookPlan({
    catalogue: catalogue.value,
    settings,
    ...(decoded ? { decoded } : {}),
    ...(contents ? { contents } : {}),
    ...(held ? { held } : {}),
    ...(file ? { file } : {}),
    ...(request.prefer ? { prefer: request.prefer } : {}),
    ...(request.partial ? { partial: true } : {}),
    ...(request.complete ? { complete: true } : {}),
    ...(request.protectionPassword ? { protectionPassword: request.protectionPassword } : {}),
    ...(request.remove ? { remove: request.remove } : {}),
  });
  if (built.problems.length > 0) return { ok: false, problems: [...built.problems] };
  if (built.conflicts.length > 0 && !request.prefer)
    return { ok: false, problems: built.conflicts.map(conflictProblem) };

  // What the workbook holds once written: decoded again from the plan's own cells.
  const after = new MemoryWorkbook();
  after.apply(built.plan);
  const afterDecoded = decodeWorkbook(after.contents());
  const reading =
    afterDecoded.ok && afterDecoded.value ? cohortOf(afterDecoded.value, catalogue.value) : null;
  const cohort = reading
    ? reading.cohort
    : (file ??
      held ?? { format: "ilm-cohort/1", centre: settings.centre, cohort: settings.cohort, learners: [] });
  // An outcome typed on Unit outcomes for a unit outside the learner's qualification: kept, named, not counted.
  const refused = (reading?.unreadable ?? []).filter((p) => p.code === "unit-not-in-qualification");
  const valid = validateCohort(cohort, catalogue.value);
  const evaluation = valid.ok ? evaluateCohort(catalogue.value, valid.value) : null;

  // The Decision log: what changed in the cells since it last recorded (outside ilm), then what this run changes.
  const when = request.recording?.when ?? nowIso();
  const who = request.recording?.who.trim() || "unknown";
  const log = logEntriesOf([...(decoded?.tables.values() ?? [])].find((t) => t.kind === "log"));
  const found = held ? decisionsIn(catalogue.value, held) : null;
  const outside = found
    ? changesSince(log, found, { when, who: "unknown", source: "changed outside ilm" })
    : [];
  const made =
    evaluation && valid.ok
      ? changesSince([...log, ...outside], decisionsOf(catalogue.value, valid.value, evaluation), {
          when,
          who,
          source: request.recording?.source ?? "ilm command",
        })
      : [];
  const logged = [...outside, ...made];
  const plan = withAttempts(withLogEntries(built.plan, logged), [...log, ...logged]);
  return {
    ok: true,
    value: {
      // Every formula carries the value the engine gives, so readers that do not calculate show it too.
      plan:
        evaluation && valid.ok
          ? withCachedValues(plan, valid.value, evaluation, catalogue.value, asOfOf(after, request.today), {
              tolerance: toleranceOf(settings),
            })
          : plan,
      summary: contents ? withoutUnchanged(built.summary, plan, contents) : built.summary,
      conflicts: built.conflicts,
      catalogue: catalogue.value,
      cohort,
      evaluation,
      afterProblems: [...refused, ...(valid.ok ? [] : valid.problems)],
      invalid: evaluation === null || hasInvalid(evaluation) || refused.length > 0,
      revision: decoded ? decoded.stored.revision : null,
      logged,
    },
  };
}

/** The decisions a cohort's cells hold, or null when they cannot be evaluated (a learner not valid). */
function decisionsIn(catalogue: Catalogue, cohort: Cohort) {
  const valid = validateCohort(cohort, catalogue);
  return valid.ok ? decisionsOf(catalogue, valid.value, evaluateCohort(catalogue, valid.value)) : null;
}

/**
 * The summary with only the tabs whose cells the plan changes listed as updated: a tab that would be written
 * exactly as it is (same place, same headers, values and formulas) is not "updated", so a run with nothing
 * changed says so. Formats, protection and charts are not compared: ilm writes them the same each time.
 */
function withoutUnchanged(
  summary: ChangeSummary,
  plan: WorkbookPlan,
  contents: WorkbookContents,
): ChangeSummary {
  const unchanged = new Set(
    plan.sheets.filter((p) => p.kind !== "state" && !sheetChanges(p, contents)).map((p) => p.name),
  );
  return { ...summary, sheetsUpdated: summary.sheetsUpdated.filter((name) => !unchanged.has(name)) };
}

/** Whether writing `plan` would change any cell of its tables, their places, or the tab's name or visibility. */
function sheetChanges(plan: SheetPlan, contents: WorkbookContents): boolean {
  const sheet = findSheet(contents, plan.name);
  if (!sheet || sheet.name !== plan.name || sheet.visibility !== plan.visibility) return true;
  for (const table of tablesOf(plan)) {
    const found = findTable(contents, table.name);
    const origin = table.origin ?? { row: 0, column: 0 };
    if (
      !found ||
      found.sheet !== sheet.name ||
      found.area.row !== origin.row ||
      found.area.column !== origin.column ||
      found.area.rows !== Math.max(table.rows.length, 1) + 1 ||
      found.area.columns !== table.columns.length
    )
      return true;
    const at = (r: number, c: number): CellContent => sheet.grid[origin.row + r]?.[origin.column + c] ?? null;
    if (table.columns.some((col, c) => !sameCell({ t: "text", v: col.header }, at(0, c)))) return true;
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r] as readonly Cell[];
      for (let c = 0; c < table.columns.length; c++) if (!sameCell(row[c] ?? null, at(r + 1, c))) return true;
    }
  }
  return false;
}

/** A planned cell against what the workbook holds there: the same formula text, or the same value. */
function sameCell(cell: Cell, held: CellContent): boolean {
  if (cell !== null && cell.t === "formula") return isFormulaValue(held) && held.f === cell.f;
  if (isFormulaValue(held)) return false;
  const value = cell === null ? null : cell.v;
  return (value === "" ? null : value) === (held === "" ? null : held);
}

/** The As of date the workbook's figures are counted from: the date typed in the cell, else today. */
function asOfOf(workbook: MemoryWorkbook, today: string | undefined): string {
  const cell = workbook.sheets.flatMap((s) =>
    s.tables.filter((t) => t.name === DASHBOARD_TABLES.asOf).map((t) => ({ s, t })),
  )[0];
  const v = cell ? cell.s.grid[cell.t.area.row + 1]?.[cell.t.area.column] : null;
  if (v && (v.t === "date" || v.t === "number") && v.v >= 1)
    return formatIsoDate(fromSerial(Math.floor(v.v)));
  return today ?? todayIso();
}

function shown(v: string | number | boolean | null): string {
  return v === null || v === "" ? "blank" : typeof v === "string" ? `"${v}"` : String(v);
}

/** A conflict as a problem: the learner, the place and both values. */
export function conflictProblem(c: Conflict): Problem {
  return {
    ...workbookProblem(
      "conflict",
      `the workbook holds ${shown(c.workbook)}, the cohort file ${shown(c.file)} (${c.learner}). Say which wins with --prefer file or --prefer workbook, or make them agree.`,
      { sheet: c.sheet, table: c.table, column: c.column, cell: c.cell },
    ),
    registration: c.registration,
  };
}
