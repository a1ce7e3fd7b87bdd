import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import type { Cohort, Learner } from "../domain/cohort/schema";
import type { Problem } from "../domain/problems";
import { safeSheetName, sheetRef } from "./a1";
import type { Area, CellContent, WorkbookContents } from "./contents";
import { cellAt, valueOf } from "./contents";
import type { ColumnSpec } from "./columns";
import type { DecodedWorkbook } from "./decode";
import { cellAddress, findSheet, workbookProblem } from "./decode";
import type { FormatLayout } from "./formats";
import { learnersFormats, markSheetFormats, unitsFormats } from "./formats";
import {
  KEYS,
  LEARNERS_SHEET,
  LEARNERS_TABLE,
  STATUS,
  UNITS_SHEET,
  UNITS_TABLE,
  directUnitKey,
  isLearnerUnitKey,
  markSheetName,
  markTableName,
} from "./layout";
import type { UnitSource } from "./learners-columns";
import { learnersColumns, unitsColumns } from "./learners-columns";
import type { MarkSheetOptions } from "./marksheet-columns";
import { criteriaColumns, sectionedColumns } from "./marksheet-columns";
import { storedStrategy, toleranceOf } from "./sampling-settings";
import type { ChangeSummary, SheetPlan, TablePlan, WorkbookPlan } from "./plan";
import { registrationKey } from "./registration";
import type { RowSource } from "./rows";
import type { ColumnMap, Settings, TableKind } from "./settings";
import { SETTINGS_SHEET, SETTINGS_TABLE, settingsSheet } from "./settings";
import type { BuiltTable, Conflict } from "./tables";
import { assembleTable } from "./tables";
import type { SourceTable } from "./stacked-tables";
import { AS_OF_CELL, DASHBOARD_SHEET, DASHBOARD_TABLES, dashboardSheet } from "./dashboard";
import { ALLOWED } from "./validations";
import { LOG_COLUMNS, LOG_SHEET, LOG_TABLE, decisionLogSheet } from "./decision-log";
import { FEEDBACK_SHEET, FEEDBACK_TABLES, feedbackSheet } from "./feedback-tab";
import { tablesOf } from "./plan";
import type { Cell } from "./plan";
import { markSheetWhat, printOf } from "./print";
import { LEGEND_SUFFIX, legendTable } from "./legend";
import { IQA_PLAN_SHEET, IQA_PLAN_TABLES, iqaPlanSheet, recordedRows } from "./iqa-plan";

export interface BuildInput {
  readonly catalogue: Catalogue;
  readonly settings: Settings;
  /** What the workbook holds: ilm's tables located (absent for a workbook ilm never wrote to). */
  readonly decoded?: DecodedWorkbook;
  /** Everything the workbook holds (for a workbook ilm never wrote to: its tabs' and tables' names). */
  readonly contents?: WorkbookContents;
  /** The cohort the workbook holds (cohortOf(decoded)); it is the roster when no cohort file is given. */
  readonly held?: Cohort;
  /**
   * A cohort file: who is on the course (and their qualification, assessor, dates and hours where it gives them),
   * and any entries it holds. Its entries are compared with the cells; a difference is a conflict.
   */
  readonly file?: Cohort;
  /**
   * The file lists only some learners (the task pane's changes): the others keep their roster and status as the
   * workbook has them, instead of being withdrawn.
   */
  readonly partial?: boolean;
  /**
   * The file's learners are whole records (the task pane's): a roster field a learner leaves out is blank, not
   * "keep the workbook's".
   */
  readonly complete?: boolean;
  /** Which side wins a conflict; without it a conflict stops the run. */
  readonly prefer?: "file" | "workbook";
  /** Sheet protection password for this run only (never stored); absent keeps a sheet's existing password. */
  readonly protectionPassword?: string;
  /**
   * Registration numbers of learners to take off every tab (the task pane's Remove): only learners the workbook
   * holds nothing for (no mark, outcome, date, comment or hours, nothing in a person's own column); otherwise the
   * run refuses, naming what is there.
   */
  readonly remove?: readonly string[];
}

export interface BuildOutput {
  readonly plan: WorkbookPlan;
  readonly summary: ChangeSummary;
  /** Cells where the cohort file and the workbook disagree (resolved by `prefer` when given). */
  readonly conflicts: readonly Conflict[];
  /** Reasons the plan cannot be applied without losing something (cells in the way of a growing table). */
  readonly problems: readonly Problem[];
}

const withdrawnText = (l: Learner | undefined) => (l?.withdrawn ? STATUS.withdrawn : STATUS.active);

/**
 * Builds the workbook plan: the Learners tab (the roster), one mark-sheet tab per assessment the cohort's
 * qualifications use, a tab for unit outcomes given directly, and the veryHidden settings sheet. Every entry the
 * workbook holds is kept where it is (matched by registration number and column key); tables keep their place,
 * their columns' order and their rows' order; new columns go to the right and new learners below.
 */
export function buildWorkbookPlan(input: BuildInput): BuildOutput {
  const { catalogue, decoded, file, settings } = input;
  const mode = settings.mode;
  const held = input.held?.learners ?? [];
  const heldByKey = new Map(held.map((l) => [registrationKey(l.registration), l]));
  const fileByKey = new Map((file?.learners ?? []).map((l) => [registrationKey(l.registration), l]));

  // The roster: the workbook's learners in its order, then the file's new ones.
  const removed = new Set((input.remove ?? []).map(registrationKey));
  const removeProblems = [...removed].flatMap((k) => {
    const h = heldByKey.get(k);
    const what = h ? [...heldEntries(h), ...ownColumnEntries(decoded, k)] : [];
    return what.length === 0
      ? []
      : [
          {
            ...workbookProblem(
              "remove-has-entries",
              `${h?.registration} (${h?.name}) cannot be removed: the workbook holds ${what.join(", ")} for them. Withdraw them instead, so the record stays.`,
              undefined,
            ),
            registration: h?.registration ?? k,
          },
        ];
  });
  const order: string[] = [];
  for (const l of held)
    if (!removed.has(registrationKey(l.registration))) order.push(registrationKey(l.registration));
  for (const l of file?.learners ?? []) {
    const k = registrationKey(l.registration);
    if (!heldByKey.has(k) && !removed.has(k)) order.push(k);
  }
  interface RosterEntry {
    readonly roster: Learner;
    readonly given: Learner | undefined;
    readonly fromFile: boolean;
    readonly rosterStatus?: string;
  }
  const roster = new Map<string, RosterEntry>();
  for (const k of order) {
    const h = heldByKey.get(k);
    const f = fileByKey.get(k);
    if (!file || (input.partial && !f)) {
      roster.set(k, { roster: h as Learner, given: h, fromFile: false });
      continue;
    }
    const merged: Learner = f
      ? {
          ...(input.complete ? f : { ...(h ?? f), ...definedFields(f) }),
          registration: h?.registration ?? f.registration,
          withdrawn: f.withdrawn === true,
        }
      : { ...(h as Learner), withdrawn: true };
    roster.set(k, {
      roster: merged,
      given: f,
      fromFile: f !== undefined,
      rosterStatus: f ? withdrawnText(f) : STATUS.withdrawn,
    });
  }
  const rosterLearners = order.map((k) => (roster.get(k) as RosterEntry).roster);
  const unitsOf = (l: Learner) => catalogue.qualifications.get(l.qualification.trim())?.units ?? [];

  const sourcesFor = (applies: (l: Learner) => boolean): Map<string, RowSource> => {
    const out = new Map<string, RowSource>();
    for (const k of order) {
      const e = roster.get(k) as RosterEntry;
      const l = e.roster;
      const qualificationText = l.qualification.trim();
      out.set(k, {
        registration: l.registration,
        name: l.name,
        qualification: catalogue.qualifications.get(qualificationText),
        qualificationText,
        status: l.withdrawn ? STATUS.withdrawn : applies(l) ? STATUS.active : STATUS.moved,
        ...(e.rosterStatus !== undefined ? { rosterStatus: e.rosterStatus } : {}),
        learner: e.given,
        fromFile: e.fromFile,
        roster: l,
        complete: input.complete === true && e.fromFile,
        ...(heldByKey.has(k) ? { previous: heldByKey.get(k) as Learner } : {}),
      });
    }
    return out;
  };
  const stray = (registration: string, row: ReadonlyMap<string, CellContent>): RowSource => {
    const name = valueOf(row.get(KEYS.learner));
    return {
      registration,
      name: name === null ? "" : String(name),
      qualification: undefined,
      qualificationText: "",
      status: STATUS.withdrawn,
      learner: undefined,
      fromFile: false,
      roster: undefined,
    };
  };

  const maps = [...(decoded?.stored.maps.values() ?? [])];
  const located = (table: string) => decoded?.tables.get(table);
  const mapOf = (kind: TableKind, assessment?: string) =>
    maps.find((m) => m.kind === kind && (assessment === undefined || m.assessment === assessment));

  // Which assessments get a tab: those the roster's qualifications use, plus tabs made before.
  const unitsUsed = new Set<string>();
  for (const l of rosterLearners) for (const u of unitsOf(l)) unitsUsed.add(u);
  const oldAssessments = new Set(maps.filter((m) => m.kind === "marksheet").map((m) => m.assessment));
  const assessments = [...catalogue.assessments.values()].filter(
    (a) => a.units.some((u) => unitsUsed.has(u)) || oldAssessments.has(a.id),
  );

  // Units given a direct outcome: those no assessment covers, plus any the cohort or the workbook gives directly.
  const oldUnits = mapOf("units");
  const directUnits = [...catalogue.units.keys()].filter(
    (u) =>
      (unitsUsed.has(u) && (catalogue.assessmentsForUnit.get(u) ?? []).length === 0) ||
      rosterLearners.some((l) => l.units !== undefined && Object.hasOwn(l.units, u)) ||
      [...fileByKey.values()].some((l) => l.units !== undefined && Object.hasOwn(l.units, u)) ||
      (oldUnits?.columns.some((c) => c.key === directUnitKey(u)) ?? false),
  );

  // Names: a tab or table keeps the name it has; a new one never takes a name someone else's tab or table has.
  const names = nameKeeper(decoded, input.contents ?? decoded?.contents);
  const learnersMap = mapOf("learners");
  // The Dashboard keeps its tab (and the As of date typed there); its tables' names are fixed.
  const asOfTable = located(DASHBOARD_TABLES.asOf);
  const dashboardName = asOfTable?.sheet ?? names.sheet(mapOf("dashboard")?.sheet ?? DASHBOARD_SHEET);
  const dashboardAsOf = asOfTable?.rows[0]?.cells.get("asOf");
  // The Decision log's names.
  const logMap = mapOf("log");
  const logName = logMap?.table ?? names.table(LOG_TABLE);
  const logSheetName = located(logName)?.sheet ?? names.sheet(logMap?.sheet ?? LOG_SHEET);
  const markSheetOptions: Omit<MarkSheetOptions, "mode"> = { tolerance: toleranceOf(settings) };

  const learnersName = learnersMap?.table ?? names.table(LEARNERS_TABLE);
  const learnersSheet = located(learnersName)?.sheet ?? names.sheet(learnersMap?.sheet ?? LEARNERS_SHEET);
  const markSheets = assessments.map((a) => {
    const map = mapOf("marksheet", a.id);
    const table = map?.table ?? names.table(markTableName(a.id));
    return {
      assessment: a,
      table,
      sheet: located(table)?.sheet ?? names.sheet(map?.sheet ?? markSheetName(a)),
      legend: mapOf("legend", a.id)?.table ?? names.table(`${table}${LEGEND_SUFFIX}`),
    };
  });
  const unitsName = oldUnits?.table ?? (directUnits.length > 0 ? names.table(UNITS_TABLE) : undefined);
  const unitsSheet = unitsName
    ? (located(unitsName)?.sheet ?? names.sheet(oldUnits?.sheet ?? UNITS_SHEET))
    : undefined;

  const protection = {
    protect: true,
    ...(input.protectionPassword ? { password: input.protectionPassword } : {}),
    allow: ALLOWED,
  };
  const sheetDefaults = {
    freeze: { rows: 1, columns: 2 },
    protection,
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "visible" as const,
  };
  const built: BuiltTable[] = [];
  const build = (
    name: string,
    sheet: string,
    kind: SheetPlan["kind"],
    specs: readonly ColumnSpec[],
    applies: (l: Learner) => boolean,
    assessment?: string,
    owned?: readonly Area[],
  ): BuiltTable => {
    const sources = sourcesFor(applies);
    const t = assembleTable(
      {
        name,
        sheet,
        kind,
        ...(assessment !== undefined ? { assessment } : {}),
        specs,
        sources,
        order: order.filter((k) => applies((roster.get(k) as RosterEntry).roster)),
        stray,
        removed,
        ...(owned ? { owned } : {}),
        ...(located(name) ? { located: located(name) } : {}),
        ...(input.prefer ? { prefer: input.prefer } : {}),
      },
      decoded?.contents,
    );
    built.push(t);
    return t;
  };
  const layoutOf = (t: BuiltTable): FormatLayout => ({
    columns: t.table.columns,
    cell: (key) =>
      t.table.columns.some((c) => c.key === key) ? `${t.letter(key)}${t.headerRow + 1}` : undefined,
    fixed: (key) =>
      t.table.columns.some((c) => c.key === key) ? `$${t.letter(key)}${t.headerRow + 1}` : undefined,
  });
  const sheetOf = (
    t: BuiltTable,
    name: string,
    kind: SheetPlan["kind"],
    formats: SheetPlan["conditionalFormats"],
    assessment?: Assessment,
  ): SheetPlan => ({
    ...sheetDefaults,
    // Readable print-outs: as many pages wide as the text needs, identity columns repeated, header and footer.
    print: printOf(t.table.columns, settings, assessment ? markSheetWhat(assessment) : ""),
    name,
    kind,
    ...(assessment !== undefined ? { assessment: assessment.id } : {}),
    table: t.table,
    conditionalFormats: formats,
  });

  // Mark sheets.
  const markSheetPlans = markSheets.map((ms) => {
    const a = ms.assessment;
    const specs =
      a.kind === "sectioned"
        ? sectionedColumns(a, { ...markSheetOptions, mode })
        : criteriaColumns(a, { ...markSheetOptions, mode });
    const key = located(ms.legend);
    const t = build(
      ms.table,
      ms.sheet,
      "marksheet",
      specs,
      (l) => unitsOf(l).some((u) => a.units.includes(u)),
      a.id,
      key ? [key.area] : [],
    );
    // The colour key, below the table.
    const legend = legendTable(ms.legend, t.table);
    const plan: SheetPlan = {
      ...sheetOf(t, ms.sheet, "marksheet", markSheetFormats(a, layoutOf(t)), a),
      moreTables: [legend],
    };
    const inTheWayOfKey = decoded
      ? ownCellsInTheWay(ms.sheet, legend, [key?.area, located(ms.table)?.area], decoded, "the colour key")
      : [];
    return { ms, t, plan, legend, inTheWayOfKey };
  });

  // Unit outcomes given directly.
  let unitsPlan: { t: BuiltTable; plan: SheetPlan } | undefined;
  if (unitsName && unitsSheet) {
    const applies = (l: Learner) =>
      unitsOf(l).some((u) => directUnits.includes(u)) || Object.keys(l.units ?? {}).length > 0;
    const t = build(unitsName, unitsSheet, "units", unitsColumns(directUnits), applies);
    unitsPlan = { t, plan: sheetOf(t, unitsSheet, "units", unitsFormats(layoutOf(t))) };
  }

  // Learners: each unit's outcome looked up, by registration number, on the tabs that give it.
  const learnerUnits = [...catalogue.units.keys()].filter(
    (u) =>
      unitsUsed.has(u) ||
      (located(learnersName)?.columns.some((c) => isLearnerUnitKey(c.key) && c.key === `unit/${u}`) ?? false),
  );
  const lookup =
    (sheet: string, t: BuiltTable, key: string): UnitSource =>
    (registration) => {
      const ref = sheetRef(sheet);
      const value = t.letter(key);
      const reg = t.letter(KEYS.registration);
      return `INDEX(${ref}!$${value}:$${value},MATCH(${registration},${ref}!$${reg}:$${reg},0))`;
    };
  const sources = (unit: string): UnitSource[] => [
    ...markSheetPlans
      .filter((m) => m.ms.assessment.units.includes(unit))
      .map((m) => lookup(m.ms.sheet, m.t, KEYS.outcome)),
    ...(unitsPlan && unitsSheet && directUnits.includes(unit)
      ? [lookup(unitsSheet, unitsPlan.t, directUnitKey(unit))]
      : []),
  ];
  const learnersTable = build(
    learnersName,
    learnersSheet,
    "learners",
    learnersColumns(catalogue, mode, learnerUnits, sources, `${sheetRef(dashboardName)}!${AS_OF_CELL}`),
    () => true,
  );
  const learnersPlan = sheetOf(
    learnersTable,
    learnersSheet,
    "learners",
    learnersFormats(layoutOf(learnersTable)),
  );

  // The Dashboard: the cohort's figures over the tables above, first tab.
  const sourceOf = (t: BuiltTable, sheet: string): SourceTable => ({
    sheet,
    letter: t.letter,
    has: (key) => t.table.columns.some((c) => c.key === key),
    firstRow: t.headerRow + 1,
    lastRow: t.headerRow + Math.max(t.table.rows.length, 1),
  });
  const qualificationIds = [...catalogue.qualifications.keys()].filter((q) =>
    rosterLearners.some((l) => l.qualification.trim() === q),
  );
  const assessorCells = markSheetPlans.flatMap((m) => {
    const c = m.t.table.columns.findIndex((x) => x.key === KEYS.assessor);
    return m.t.table.rows.map((r) => r[c] ?? null);
  });
  const assessors = [
    ...new Set(
      [
        ...rosterLearners.map((l) => l.assessor),
        ...assessorCells.map((c) => (c !== null && c.t === "text" ? c.v : undefined)),
      ].filter((a): a is string => a !== undefined && a.trim() !== ""),
    ),
  ].sort((a, b) => a.localeCompare(b, "en"));
  const dashboard = dashboardSheet(
    {
      catalogue,
      learners: sourceOf(learnersTable, learnersSheet),
      markSheets: markSheetPlans.map((m) => ({
        assessment: m.ms.assessment,
        table: sourceOf(m.t, m.ms.sheet),
      })),
      qualifications: qualificationIds,
      units: learnerUnits.map((u) => ({
        unit: u,
        qualifications: qualificationIds.filter((q) => catalogue.qualifications.get(q)?.units.includes(u)),
      })),
      assessors,
      sheet: dashboardName,
      ...(dashboardAsOf !== undefined ? { asOf: dashboardAsOf } : {}),
    },
    { ...sheetDefaults, conditionalFormats: [] },
  );
  const dashboardProblems = decoded ? inTheWay(dashboard, decoded, "the Dashboard's tables") : [];
  const dashboardMaps = tablesOf(dashboard).map((t) => tableMap(dashboardName, t, "dashboard"));

  // The Feedback tab: one learner's assessment as the ILM mark sheet shows it; the two choices are kept.
  const choiceTable = located(FEEDBACK_TABLES.choice);
  const feedbackName = choiceTable?.sheet ?? names.sheet(mapOf("feedback")?.sheet ?? FEEDBACK_SHEET);
  const assessmentsTable = (dashboard.moreTables ?? []).find((t) => t.name === DASHBOARD_TABLES.assessments);
  const listFirst = (assessmentsTable?.origin?.row ?? 0) + 2;
  const firstKey = order.find((k) =>
    markSheetPlans.some((m) => m.t.table.keys.some((x) => registrationKey(x) === k)),
  );
  const firstLearner = firstKey !== undefined ? roster.get(firstKey)?.roster.registration : undefined;
  const firstAssessment = markSheetPlans.find((m) =>
    m.t.table.keys.some((x) => registrationKey(x) === firstKey),
  )?.ms.assessment.id;
  const keptChoice = (key: string): Cell | undefined => {
    if (!choiceTable) return undefined;
    const v = choiceTable.rows[0]?.cells.get(key);
    if (v === undefined || v === null) return null;
    if (typeof v === "object") return { t: "formula", f: v.f, ...(v.v !== null ? { v: v.v } : {}) };
    if (typeof v === "number") return { t: "number", v };
    if (typeof v === "boolean") return { t: "bool", v };
    return { t: "text", v };
  };
  const textCell = (v: string | undefined): Cell => (v === undefined ? null : { t: "text", v });
  const feedback = feedbackSheet(
    {
      catalogue,
      sheet: feedbackName,
      centre: settings.centre,
      cohort: settings.cohort,
      learners: sourceOf(learnersTable, learnersSheet),
      markSheets: markSheetPlans.map((m) => ({
        assessment: m.ms.assessment,
        table: sourceOf(m.t, m.ms.sheet),
      })),
      assessmentList: `${sheetRef(dashboardName)}!$A$${listFirst}:$A$${listFirst + Math.max(markSheetPlans.length, 1) - 1}`,
      choice: {
        registration: keptChoice("registration") ?? textCell(firstLearner),
        assessment: keptChoice("assessment") ?? textCell(firstAssessment),
      },
    },
    { ...sheetDefaults, conditionalFormats: [] },
  );
  const feedbackProblems = decoded ? inTheWay(feedback, decoded, "the Feedback tab's tables") : [];
  const feedbackMaps = tablesOf(feedback).map((t) => tableMap(feedbackName, t, "feedback"));

  // The IQA plan: the stored sampling strategy and how far the mark sheets' rows, as this run writes them, meet it.
  const iqaName =
    located(IQA_PLAN_TABLES.strategy)?.sheet ?? names.sheet(mapOf("iqaplan")?.sheet ?? IQA_PLAN_SHEET);
  const strategy = storedStrategy(settings);
  const recordedPlan = (): WorkbookPlan => ({
    mode,
    sheets: [
      learnersPlan,
      ...markSheetPlans.map((m) => m.plan),
      ...(unitsPlan ? [unitsPlan.plan] : []),
      settingsSheet(
        settings,
        0,
        built.map((t) => t.map),
        protection,
      ),
    ],
  });
  const iqaPlan = iqaPlanSheet(
    {
      sheet: iqaName,
      markSheets: markSheetPlans.map((m) => ({
        assessment: m.ms.assessment,
        table: sourceOf(m.t, m.ms.sheet),
      })),
      strategy,
      recorded: strategy?.ok ? recordedRows(recordedPlan(), catalogue, toleranceOf(settings)) : null,
      print: settings,
    },
    { ...sheetDefaults, conditionalFormats: [] },
  );
  const iqaProblems = decoded ? inTheWay(iqaPlan, decoded, "the IQA plan's tables") : [];
  const iqaMaps = tablesOf(iqaPlan).map((t) => tableMap(iqaName, t, "iqaplan"));

  // The Decision log: its rows as they are (generate adds the changes this run finds).
  const logPlan = decisionLogSheet(logSheetName, logName, located(logName), {
    ...sheetDefaults,
    print: printOf(LOG_COLUMNS, settings, "Decision log: one row per change to a decision, never rewritten"),
  });
  const logColumnMap = tableMap(logSheetName, logPlan.table, "log");

  const legendMaps: ColumnMap[] = markSheetPlans.map((m) => ({
    ...tableMap(m.ms.sheet, m.legend, "legend"),
    assessment: m.ms.assessment.id,
  }));

  // Settings: tables this run did not write (an assessment a removed centre catalogue defined) stay ilm's.
  const written = new Set([
    ...built.map((t) => t.map.table),
    ...dashboardMaps.map((m) => m.table),
    ...feedbackMaps.map((m) => m.table),
    ...iqaMaps.map((m) => m.table),
    ...legendMaps.map((m) => m.table),
    logColumnMap.table,
  ]);
  const allMaps: ColumnMap[] = [
    ...built.map((t) => t.map),
    ...dashboardMaps,
    ...feedbackMaps,
    ...iqaMaps,
    ...legendMaps,
    logColumnMap,
    ...maps.filter((m) => !written.has(m.table)),
  ];
  const revision = (decoded?.stored.revision ?? 0) + 1;
  const settingsPlan = settingsSheet(
    settings,
    revision,
    allMaps,
    protection,
    decoded?.settingsSheet ?? SETTINGS_SHEET,
  );

  const sheets = [
    dashboard,
    learnersPlan,
    ...markSheetPlans.map((m) => m.plan),
    ...(unitsPlan ? [unitsPlan.plan] : []),
    feedback,
    iqaPlan,
    logPlan,
    settingsPlan,
  ];
  const conflicts = built.flatMap((t) => t.conflicts);
  const problems = [
    ...removeProblems,
    ...built.flatMap((t) => t.problems),
    ...markSheetPlans.flatMap((m) => m.inTheWayOfKey),
    ...dashboardProblems,
    ...feedbackProblems,
    ...iqaProblems,
  ];
  const summary: ChangeSummary = {
    sheetsCreated: sheets.filter((s) => s.kind !== "state" && !located(s.table.name)).map((s) => s.name),
    sheetsUpdated: sheets.filter((s) => s.kind !== "state" && located(s.table.name)).map((s) => s.name),
    learnersAdded: learnersTable.added,
    learnersWithdrawn: order
      .filter((k) => roster.get(k)?.roster.withdrawn && heldByKey.has(k) && !heldByKey.get(k)?.withdrawn)
      .map((k) => (roster.get(k) as RosterEntry).roster.registration),
    entriesKept: built.reduce((n, t) => n + t.kept, 0),
    tablesRecovered: [
      ...new Set([...(decoded?.tables.values() ?? [])].filter((t) => t.recovered).map((t) => t.sheet)),
    ],
    conflictsResolved: input.prefer ? conflicts.length : 0,
  };
  return { plan: { mode, sheets }, summary, conflicts, problems };
}

/**
 * Cells a person typed on the Dashboard or the Feedback tab where its tables are about to be (they move as lists
 * grow): the run refuses rather than write over them.
 */
function inTheWay(plan: SheetPlan, decoded: DecodedWorkbook, what: string): Problem[] {
  const sheet = findSheet(decoded.contents, plan.name);
  if (!sheet) return [];
  const old = [...decoded.tables.values()].filter((t) => t.kind === plan.kind).map((t) => t.area);
  const inside = (r: number, c: number, a: Area) =>
    r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns;
  const hits: string[] = [];
  for (const t of tablesOf(plan)) {
    const o = t.origin ?? { row: 0, column: 0 };
    for (let r = o.row; r < o.row + Math.max(t.rows.length, 1) + 1 && hits.length < 5; r++)
      for (let c = o.column; c < o.column + t.columns.length && hits.length < 5; c++) {
        if (old.some((a) => inside(r, c, a))) continue;
        const v = valueOf(cellAt(sheet, r, c));
        if (v !== null && v !== "") hits.push(cellAddress(r, c));
      }
  }
  if (hits.length === 0) return [];
  return [
    workbookProblem(
      "cells-in-the-way",
      `${what.charAt(0).toUpperCase()}${what.slice(1)} need the cells ${hits.join(", ")} on the tab "${plan.name}", but they hold what someone typed. Move those cells to the right of ${what} or to a tab of your own, then run again.`,
      { sheet: plan.name, cell: hits.join(", ") },
    ),
  ];
}

/**
 * Cells a person typed where a table of ilm's beside another is about to go (a mark sheet's colour key): cells of
 * its new area outside the `owned` areas (where ilm's tables were) that hold something. The run refuses rather
 * than write over them.
 */
function ownCellsInTheWay(
  sheetName: string,
  table: TablePlan,
  owned: readonly (Area | undefined)[],
  decoded: DecodedWorkbook,
  what: string,
): Problem[] {
  const sheet = findSheet(decoded.contents, sheetName);
  if (!sheet) return [];
  const inside = (r: number, c: number) =>
    owned.some((a) => a && r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns);
  const o = table.origin ?? { row: 0, column: 0 };
  const hits: string[] = [];
  for (let r = o.row; r < o.row + Math.max(table.rows.length, 1) + 1 && hits.length < 5; r++)
    for (let c = o.column; c < o.column + table.columns.length && hits.length < 5; c++) {
      if (inside(r, c)) continue;
      const v = valueOf(cellAt(sheet, r, c));
      if (v !== null && v !== "") hits.push(cellAddress(r, c));
    }
  if (hits.length === 0) return [];
  return [
    workbookProblem(
      "cells-in-the-way",
      `${what.charAt(0).toUpperCase()}${what.slice(1)} needs the cells ${hits.join(", ")} on the tab "${sheetName}", but they hold what someone typed. Move those cells further down, or to the right of the table, or to a tab of your own, then run again.`,
      { sheet: sheetName, cell: hits.join(", ") },
    ),
  ];
}

/** What the workbook holds for a learner beyond the roster: assessment entries, unit outcomes, hours. */
function heldEntries(learner: Learner): string[] {
  const given = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(given)
      : typeof v === "object" && v !== null
        ? Object.values(v).some(given)
        : v !== null && v !== undefined && (typeof v !== "string" || v.trim() !== "");
  const found: string[] = [];
  for (const [id, entry] of Object.entries(learner.assessments ?? {})) {
    // The Assessor and IQA names are filled from the roster: they are not entries of the learner's own.
    const own = Object.entries(entry).filter(([field]) => field !== "assessor" && field !== "iqa");
    if (own.some(([, v]) => given(v))) found.push(`${id} entries`);
  }
  const units = Object.entries(learner.units ?? {}).filter(([, v]) => given(v));
  if (units.length > 0) found.push(`outcomes for ${units.map(([u]) => u).join(", ")}`);
  if (given(learner.hours)) found.push("hours");
  return found;
}

/** Cells typed into a person's own columns on the learner's rows, as "Tab: Header". */
function ownColumnEntries(decoded: DecodedWorkbook | undefined, key: string): string[] {
  const found: string[] = [];
  for (const t of decoded?.tables.values() ?? []) {
    const row = t.rows.find((r) => r !== null && registrationKey(r.registration) === key);
    if (!row) continue;
    for (const c of t.columns.filter((x) => x.role === "user")) {
      const v = valueOf(row.cells.get(c.key));
      if (v !== null && v !== "") found.push(`"${c.header}" on ${t.sheet}`);
    }
  }
  return found;
}

/** What the settings record of one of ilm's tables: its sheet, its kind and its columns. */
function tableMap(sheet: string, table: TablePlan, kind: TableKind): ColumnMap {
  return {
    table: table.name,
    sheet,
    kind,
    columns: table.columns.map((c) => ({ key: c.key, header: c.header, role: c.role })),
  };
}

/** A learner's fields that a cohort file gives (undefined ones left out, so the workbook's stay). */
function definedFields(l: Learner): Partial<Learner> {
  return Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as Partial<Learner>;
}

/**
 * New tab and table names: a new tab never takes the name of a tab in the workbook, nor a new table the name of
 * a table or defined name (Excel keeps them in one namespace), ignoring case.
 */
function nameKeeper(
  decoded: DecodedWorkbook | undefined,
  contents: WorkbookContents | undefined,
): {
  sheet: (wanted: string) => string;
  table: (wanted: string) => string;
} {
  const sheets = new Set((contents?.sheets ?? []).map((s) => s.name.toLowerCase()));
  sheets.add(SETTINGS_SHEET.toLowerCase());
  const tables = new Set([
    ...(contents?.tables ?? []).map((t) => t.name.toLowerCase()),
    ...(contents?.definedNames ?? []).map((n) => n.toLowerCase()),
    ...[...(decoded?.stored.maps.keys() ?? [])].map((n) => n.toLowerCase()),
    SETTINGS_TABLE.toLowerCase(),
  ]);
  return {
    sheet: (wanted) => {
      let name = wanted;
      for (let i = 2; sheets.has(name.toLowerCase()); i++)
        name = safeSheetName(`${wanted.slice(0, 26)} (${i})`);
      sheets.add(name.toLowerCase());
      return name;
    },
    table: (wanted) => {
      let name = wanted;
      for (let i = 2; tables.has(name.toLowerCase()); i++) name = `${wanted}_${i}`;
      tables.add(name.toLowerCase());
      return name;
    },
  };
}
