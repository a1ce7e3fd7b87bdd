import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Cohort, Learner } from "../domain/cohort/schema";
import { safeSheetName, sheetRef } from "./a1";
import { textOf } from "./cells";
import type { ColumnSpec } from "./columns";
import { lettersOf } from "./columns";
import { learnersFormats, markSheetFormats, unitsFormats } from "./formats";
import {
  HEADERS,
  KEYS,
  LEARNERS_SHEET,
  LEARNERS_TABLE,
  STATUS,
  UNITS_SHEET,
  UNITS_TABLE,
  directUnitKey,
  markSheetName,
  markTableName,
} from "./layout";
import { learnersColumns, unitsColumns } from "./learners-columns";
import { criteriaColumns, sectionedColumns } from "./marksheet-columns";
import type {
  ChangeSummary,
  ExistingWorkbook,
  FormulaMode,
  SheetPlan,
  TablePlan,
  WorkbookPlan,
} from "./plan";
import type { WorkbookState } from "./port";
import type { RowSource } from "./rows";
import { rowsOf } from "./rows";
import type { ColumnMap } from "./state";
import { STATE_SHEET, decodeExisting, stateSheet } from "./state";
import { assembleTable } from "./tables";

export interface BuildInput {
  readonly cohort: Cohort;
  readonly catalogue: Catalogue;
  readonly mode: FormulaMode;
  /** What the workbook already holds; its entries win over the cohort's. */
  readonly existing?: ExistingWorkbook;
  /** Sheet protection password; none unless the admin sets one. */
  readonly protectionPassword?: string;
  /** Centre catalogue files, stored in the state sheet so every co-author uses the same catalogue. */
  readonly centreCatalogues?: WorkbookState["centreCatalogues"];
  /** The task pane's set-up choices, stored with the rest of the workbook state. */
  readonly setup?: WorkbookState["setup"];
}

export interface BuildOutput {
  readonly plan: WorkbookPlan;
  readonly summary: ChangeSummary;
}

/** The plan for a workbook's stored state (a validated cohort and its catalogue), as both ports build it. */
export function buildPlanForState(
  state: WorkbookState,
  cohort: Cohort,
  catalogue: Catalogue,
  existing: ExistingWorkbook,
): BuildOutput {
  return buildWorkbookPlan({
    cohort,
    catalogue,
    mode: state.mode,
    existing,
    centreCatalogues: state.centreCatalogues,
    ...(state.protectionPassword ? { protectionPassword: state.protectionPassword } : {}),
    ...(state.setup ? { setup: state.setup } : {}),
  });
}

/**
 * Builds the workbook plan for a cohort: one mark-sheet tab per assessment its qualifications use, a tab for
 * unit outcomes given directly, the Learners tab and the veryHidden state sheet. With `existing`, every value a
 * person typed is kept (matched by registration number and column key), learners no longer in the cohort are
 * kept and marked withdrawn, and columns a user added survive.
 */
export function buildWorkbookPlan(input: BuildInput): BuildOutput {
  const { cohort, catalogue, mode, existing } = input;
  const decoded = decodeExisting(existing);
  const oldMaps = decoded.maps;
  const existingTable = (table: string) => existing?.tables.get(table);
  const existingLearners = existingTable(LEARNERS_TABLE);
  const rowsFor = rowsOf(cohort, catalogue, existingLearners);
  const unitsOf = (l: Learner) => catalogue.qualifications.get(l.qualification)?.units ?? [];

  const protection = {
    protect: true,
    ...(input.protectionPassword ? { password: input.protectionPassword } : {}),
  };
  const sheetDefaults = {
    freeze: { rows: 1, columns: 2 },
    protection,
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "visible" as const,
  };

  // Each table keeps the workbook's entries; the count goes to the summary and the column map to the state.
  const maps: ColumnMap[] = [];
  let kept = 0;
  const tableFor = (
    table: string,
    sheet: string,
    kind: SheetPlan["kind"],
    specs: readonly ColumnSpec[],
    rows: readonly RowSource[],
    assessment?: string,
  ): TablePlan => {
    const built = assembleTable(
      table,
      sheet,
      kind,
      specs,
      rows,
      existingTable(table),
      oldMaps.get(table),
      assessment,
    );
    kept += built.kept;
    maps.push(built.map);
    return built.table;
  };

  // Which assessments get a tab: those the cohort's qualifications use, plus tabs made before.
  const unitsUsed = new Set<string>();
  for (const l of cohort.learners) for (const u of unitsOf(l)) unitsUsed.add(u);
  const oldAssessments = new Set(
    [...oldMaps.values()]
      .filter((m) => m.kind === "marksheet" && m.assessment)
      .map((m) => m.assessment as string),
  );
  const assessments = [...catalogue.assessments.values()].filter(
    (a) => a.units.some((u) => unitsUsed.has(u)) || oldAssessments.has(a.id),
  );

  // Units given a direct outcome: those no assessment covers, plus any the cohort or the workbook gives directly.
  const oldUnitsMap = oldMaps.get(UNITS_TABLE);
  const directUnits = [...catalogue.units.keys()].filter(
    (u) =>
      (unitsUsed.has(u) && (catalogue.assessmentsForUnit.get(u) ?? []).length === 0) ||
      cohort.learners.some((l) => l.units?.[u] !== undefined) ||
      (oldUnitsMap?.columns.some((c) => c.key === directUnitKey(u)) ?? false),
  );

  // Reserve names in the order the tabs appear; the Learners tab refers to the others.
  const nameSheet = sheetNamer(existing);
  const learnersSheet = nameSheet(LEARNERS_TABLE, LEARNERS_SHEET);
  const markSheets = assessments.map((a) => ({
    assessment: a,
    table: markTableName(a.id),
    sheet: nameSheet(markTableName(a.id), markSheetName(a)),
  }));
  const unitsSheet = directUnits.length > 0 ? nameSheet(UNITS_TABLE, UNITS_SHEET) : undefined;

  // Mark sheets.
  const outcomeLetter = new Map<string, string>();
  const markSheetPlans = markSheets.map((ms): SheetPlan => {
    const a = ms.assessment;
    const rows = rowsFor(existingTable(ms.table), (l) => unitsOf(l).some((u) => a.units.includes(u)));
    const specs = a.kind === "sectioned" ? sectionedColumns(a, mode) : criteriaColumns(a, mode);
    const table = tableFor(ms.table, ms.sheet, "marksheet", specs, rows, a.id);
    outcomeLetter.set(a.id, lettersOf(specs)(KEYS.outcome));
    return {
      ...sheetDefaults,
      name: ms.sheet,
      kind: "marksheet",
      assessment: a.id,
      table,
      conditionalFormats: markSheetFormats(a, table.columns),
    };
  });

  // Unit outcomes given directly.
  const unitSpecs = unitsColumns(directUnits);
  const directLetter = lettersOf(unitSpecs);
  let unitsPlan: SheetPlan | undefined;
  if (unitsSheet) {
    const applies = (l: Learner) =>
      unitsOf(l).some((u) => directUnits.includes(u)) || Object.keys(l.units ?? {}).length > 0;
    const rows = rowsFor(existingTable(UNITS_TABLE), applies);
    const table = tableFor(UNITS_TABLE, unitsSheet, "units", unitSpecs, rows);
    unitsPlan = {
      ...sheetDefaults,
      name: unitsSheet,
      kind: "units",
      table,
      conditionalFormats: unitsFormats(table.columns),
    };
  }

  // Learners: each unit's outcome looked up, by registration number, on the tabs that give it.
  const learnerRows = rowsFor(existingLearners, () => true);
  const learnerUnits = [...catalogue.units.keys()].filter(
    (u) => unitsUsed.has(u) || learnerRows.some((r) => r.qualification?.units.includes(u)),
  );
  const lookup = (sheet: string, letter: string) => {
    const ref = sheetRef(sheet);
    return `INDEX(${ref}!$${letter}:$${letter},MATCH($A{n},${ref}!$A:$A,0))`;
  };
  const sources = (unit: string) => [
    ...markSheets
      .filter((ms) => ms.assessment.units.includes(unit))
      .map((ms) => lookup(ms.sheet, outcomeLetter.get(ms.assessment.id) as string)),
    ...(unitsSheet && directUnits.includes(unit)
      ? [lookup(unitsSheet, directLetter(directUnitKey(unit)))]
      : []),
  ];
  const learnersTable = tableFor(
    LEARNERS_TABLE,
    learnersSheet,
    "learners",
    learnersColumns(catalogue, mode, learnerUnits, sources),
    learnerRows,
  );
  const learnersPlan: SheetPlan = {
    ...sheetDefaults,
    name: learnersSheet,
    kind: "learners",
    table: learnersTable,
    conditionalFormats: learnersFormats(learnersTable.columns),
  };

  // State.
  const state: WorkbookState = {
    cohort,
    mode,
    centreCatalogues: input.centreCatalogues ?? decoded.state?.centreCatalogues ?? [],
    ...(input.protectionPassword ? { protectionPassword: input.protectionPassword } : {}),
    ...((input.setup ?? decoded.state?.setup) ? { setup: input.setup ?? decoded.state?.setup } : {}),
  };
  const statePlan = stateSheet(state, maps, protection);

  const sheets = [learnersPlan, ...markSheetPlans, ...(unitsPlan ? [unitsPlan] : []), statePlan];
  return { plan: { mode, sheets }, summary: changeSummary(sheets, existing, cohort, learnerRows, kept) };
}

/** Names each tab: the name it has in the workbook, else the one wanted, made unique with " (2)", " (3)"… */
function sheetNamer(existing: ExistingWorkbook | undefined): (table: string, wanted: string) => string {
  const taken = new Set<string>([STATE_SHEET.toLowerCase()]);
  return (table, wanted) => {
    let name = existing?.tables.get(table)?.sheet ?? wanted;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = safeSheetName(`${wanted.slice(0, 27)} (${i})`);
    taken.add(name.toLowerCase());
    return name;
  };
}

/** What generating did to the workbook, for the person who asked. */
function changeSummary(
  sheets: readonly SheetPlan[],
  existing: ExistingWorkbook | undefined,
  cohort: Cohort,
  learnerRows: readonly RowSource[],
  kept: number,
): ChangeSummary {
  const before = new Set(existing ? [...existing.tables.keys()] : []);
  const existingLearners = existing?.tables.get(LEARNERS_TABLE);
  const wasWithdrawn = (registration: string) =>
    textOf(existingLearners?.rows.get(registration)?.get(HEADERS.status)) === STATUS.withdrawn;
  const tabs = sheets.filter((s) => s.kind !== "state");
  return {
    sheetsCreated: tabs.filter((s) => !before.has(s.table.name)).map((s) => s.name),
    sheetsUpdated: tabs.filter((s) => before.has(s.table.name)).map((s) => s.name),
    learnersAdded: cohort.learners
      .filter((l) => !existingLearners?.rows.has(l.registration))
      .map((l) => l.registration),
    learnersWithdrawn: learnerRows
      .filter((r) => r.status === STATUS.withdrawn && !wasWithdrawn(r.registration))
      .map((r) => r.registration),
    entriesKept: kept,
  };
}
