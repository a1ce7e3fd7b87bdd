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
import { todayIso } from "./clock";
import { cohortOf } from "../workbook/cohort-of";
import type { WorkbookContents } from "../workbook/contents";
import { decodeWorkbook, workbookProblem } from "../workbook/decode";
import { MemoryWorkbook } from "../workbook/memory";
import type { ChangeSummary, FormulaMode, WorkbookPlan } from "../workbook/plan";
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
  /** The file lists only the learners to change or add (the task pane); the others are left as they are. */
  readonly partial?: boolean;
  /** The file's learners are whole records (the task pane's): a roster field left out is blank. */
  readonly complete?: boolean;
  /** Which side wins where the file and the workbook disagree about an entry; without it, a conflict stops. */
  readonly prefer?: "file" | "workbook";
  readonly protectionPassword?: string;
  /** Refuse a workbook that holds anything but was not made by ilm (the command line's --out). */
  readonly requireIlm?: boolean;
  /** Today (YYYY-MM-DD): the As of date while the Dashboard's As of cell says =TODAY(). Default: the clock's. */
  readonly today?: string;
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
  return {
    ok: true,
    value: {
      // Every formula carries the value the engine gives, so readers that do not calculate show it too.
      plan:
        evaluation && valid.ok
          ? withCachedValues(
              built.plan,
              valid.value,
              evaluation,
              catalogue.value,
              asOfOf(after, request.today),
            )
          : built.plan,
      summary: built.summary,
      conflicts: built.conflicts,
      catalogue: catalogue.value,
      cohort,
      evaluation,
      afterProblems: [...refused, ...(valid.ok ? [] : valid.problems)],
      invalid: evaluation === null || hasInvalid(evaluation) || refused.length > 0,
      revision: decoded ? decoded.stored.revision : null,
    },
  };
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
