/** Evaluating the marked workbook, and exporting the cohort it holds: the same answers as for a cohort file. */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Cohort } from "../domain/cohort/schema";
import { validateCohort } from "../domain/cohort/validate";
import type { CohortEvaluation } from "../domain/engine/learner";
import { evaluateCohort } from "../domain/engine/learner";
import type { Problem, Result } from "../domain/problems";
import type { WorkbookContents } from "../workbook/contents";
import type { CentreCatalogueFile, Settings } from "../workbook/settings";
import { openWorkbook } from "./open";

export interface WorkbookEvaluation {
  readonly cohort: Cohort;
  readonly catalogue: Catalogue;
  readonly evaluation: CohortEvaluation;
  /** Cells the cohort format cannot hold (left out of the evaluation), with their places. */
  readonly unreadable: readonly Problem[];
  /** The workbook's settings. */
  readonly settings: Settings;
}

/** The outcomes of every learner as the workbook's cells hold them. */
export function evaluateWorkbook(
  contents: WorkbookContents,
  what: string,
  catalogues?: readonly CentreCatalogueFile[],
): Result<WorkbookEvaluation> {
  const opened = openWorkbook(contents, what, catalogues);
  if (!opened.ok) return opened;
  const valid = validateCohort(opened.value.cohort, opened.value.catalogue);
  if (!valid.ok) return valid;
  return {
    ok: true,
    value: {
      cohort: valid.value,
      catalogue: opened.value.catalogue,
      evaluation: evaluateCohort(opened.value.catalogue, valid.value),
      unreadable: opened.value.unreadable,
      settings: opened.value.decoded.stored.settings,
    },
  };
}

/**
 * The cohort a workbook holds, as an ilm-cohort/1 document `ilm workbook` reads back. Refused while a cell holds
 * something the format cannot (an export never drops an entry).
 */
export function exportWorkbook(contents: WorkbookContents, what: string): Result<Cohort> {
  const opened = openWorkbook(contents, what);
  if (!opened.ok) return opened;
  if (opened.value.unreadable.length > 0) return { ok: false, problems: [...opened.value.unreadable] };
  return { ok: true, value: opened.value.cohort };
}
