/**
 * Opening a workbook: ilm's settings, its catalogue and the cohort its cells hold. Every use case that reads a
 * workbook starts here.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import { loadCatalogue } from "../domain/catalogue/load";
import type { Cohort } from "../domain/cohort/schema";
import type { Problem, Result } from "../domain/problems";
import { cohortOf } from "../workbook/cohort-of";
import type { WorkbookContents } from "../workbook/contents";
import { valueOf } from "../workbook/contents";
import type { DecodedWorkbook } from "../workbook/decode";
import { decodeWorkbook, workbookProblem } from "../workbook/decode";
import type { CentreCatalogueFile } from "../workbook/settings";

export interface OpenedWorkbook {
  readonly decoded: DecodedWorkbook;
  readonly catalogue: Catalogue;
  /** The cohort the cells hold. */
  readonly cohort: Cohort;
  /** Cells the cohort format cannot hold, with their places. */
  readonly unreadable: readonly Problem[];
}

/** Whether a workbook holds anything at all (a new, empty workbook is no one's). */
export function isEmptyWorkbook(contents: WorkbookContents): boolean {
  return (
    contents.tables.length === 0 &&
    contents.sheets.every((s) => s.grid.every((row) => !row || row.every((c) => valueOf(c) === null)))
  );
}

export function notIlmWorkbook(what: string): Problem {
  return workbookProblem(
    "not-ilm-workbook",
    `${what} was not made by ilm (it has no ILM settings sheet), so ilm will not change it: its tabs could be overwritten. Give a new file name, or open the workbook in Excel and set the cohort up from the ILM Markbook task pane.`,
    undefined,
  );
}

/** The catalogue a workbook uses: the ILM catalogue and the centre files its settings name. */
export function catalogueOf(files: readonly CentreCatalogueFile[]): Result<Catalogue> {
  return loadCatalogue(files);
}

/**
 * Opens a workbook ilm made. `what` names it in messages ("cohort.xlsx"); `catalogues`, when given, replace the
 * centre catalogue files its settings name.
 */
export function openWorkbook(
  contents: WorkbookContents,
  what: string,
  catalogues?: readonly CentreCatalogueFile[],
): Result<OpenedWorkbook> {
  const decoded = decodeWorkbook(contents);
  if (!decoded.ok) return decoded;
  if (!decoded.value) return { ok: false, problems: [notIlmWorkbook(what)] };
  const catalogue = catalogueOf(catalogues ?? decoded.value.stored.settings.centreCatalogues);
  if (!catalogue.ok) return catalogue;
  const { cohort, unreadable } = cohortOf(decoded.value, catalogue.value);
  return { ok: true, value: { decoded: decoded.value, catalogue: catalogue.value, cohort, unreadable } };
}
