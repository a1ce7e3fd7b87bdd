import type { Catalogue } from "../domain/catalogue/catalogue";
import type {
  Assessment,
  CriteriaAssessment,
  Qualification,
  Rule,
  SectionedAssessment,
} from "../domain/catalogue/schema";
import type { AssessmentEntry, Cohort, Learner } from "../domain/cohort/schema";
import { parseIsoDate, toSerial } from "../domain/engine/dates";
import { columnLetter, safeSheetName, sheetRef, textConstant } from "./a1";
import type { UnitCells } from "./compile";
import { compileNeeds, compileRule, creditsSum, practiceHoursNeeded } from "./compile";
import {
  HEADERS,
  KEYS,
  LEARNERS_SHEET,
  LEARNERS_TABLE,
  STATUS,
  UNITS_SHEET,
  UNITS_TABLE,
  criterionHeader,
  criterionKey,
  directUnitKey,
  learnerUnitKey,
  markSheetName,
  markTableName,
  qaCriterionHeader,
  qaCriterionKey,
  qaSectionHeader,
  qaSectionKey,
  sectionHeader,
  sectionKey,
  userKey,
} from "./layout";
import type {
  Cell,
  ChangeSummary,
  ColumnPlan,
  ConditionalFormatPlan,
  ExistingTable,
  ExistingWorkbook,
  FormulaMode,
  SheetPlan,
  TablePlan,
  WorkbookPlan,
} from "./plan";
import type { WorkbookState } from "./port";
import type { ColumnMap } from "./state";
import { STATE_SHEET, decodeExisting, stateSheet } from "./state";
import { FORMATS } from "./styles";

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

type Existing = string | number | boolean | null;

/** One row of a table: a learner of the cohort, or one kept from the workbook. */
interface RowSource {
  readonly registration: string;
  readonly name: string;
  readonly qualification: Qualification | undefined;
  readonly qualificationText: string;
  readonly status: string;
  readonly learner: Learner | undefined;
}

/** A column while the plan is built: its plan, and how each row's cell is made. */
interface ColumnSpec {
  readonly plan: ColumnPlan;
  /** Identity cells (always), entry cells (only where the workbook is blank), formula cells (always). */
  readonly cell: (row: RowSource, n: number) => Cell;
}

interface BuiltTable {
  readonly table: TablePlan;
  readonly kept: number;
  readonly map: ColumnMap;
}

const WIDTH = { id: 16, name: 24, status: 12, date: 12, mark: 10, formula: 12, comment: 40, person: 18 };

/**
 * Builds the workbook plan for a cohort: one mark-sheet tab per assessment its qualifications use, a tab for
 * unit outcomes given directly, the Learners tab and the veryHidden state sheet. With `existing`, every value a
 * person typed is kept (matched by registration number and column key), learners no longer in the cohort are
 * kept and marked withdrawn, and columns a user added survive.
 */
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

export function buildWorkbookPlan(input: BuildInput): BuildOutput {
  const { cohort, catalogue, mode, existing } = input;
  const decoded = decodeExisting(existing);
  const oldMaps = decoded.maps;
  const byRegistration = new Map(cohort.learners.map((l) => [l.registration, l]));
  const existingLearners = existing?.tables.get(LEARNERS_TABLE);

  const protection = {
    protect: true,
    ...(input.protectionPassword ? { password: input.protectionPassword } : {}),
  };
  const sheetDefaults = {
    conditionalFormats: [] as ConditionalFormatPlan[],
    freeze: { rows: 1, columns: 2 },
    protection,
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "visible" as const,
  };

  // Which assessments get a tab: those the cohort's qualifications use, plus tabs made before.
  const qualificationsUsed = new Set<string>();
  for (const l of cohort.learners)
    if (catalogue.qualifications.has(l.qualification)) qualificationsUsed.add(l.qualification);
  const unitsUsed = new Set<string>();
  for (const q of qualificationsUsed)
    for (const u of catalogue.qualifications.get(q)?.units ?? []) unitsUsed.add(u);
  const oldAssessments = new Set(
    [...oldMaps.values()]
      .filter((m) => m.kind === "marksheet" && m.assessment)
      .map((m) => m.assessment as string),
  );
  const assessments = [...catalogue.assessments.values()].filter(
    (a) => a.units.some((u) => unitsUsed.has(u)) || oldAssessments.has(a.id),
  );

  const qualificationOf = (text: string) => catalogue.qualifications.get(text);
  const source = (
    registration: string,
    existingRow: ReadonlyMap<string, Existing> | undefined,
    applies: boolean,
  ) => {
    const learner = byRegistration.get(registration);
    const learnerRow = existingLearners?.rows.get(registration);
    const qualificationText =
      learner?.qualification ??
      textOf(learnerRow?.get(HEADERS.qualification) ?? existingRow?.get(HEADERS.qualification));
    const status = !learner || learner.withdrawn ? STATUS.withdrawn : applies ? "" : STATUS.moved;
    return {
      registration,
      name: learner?.name ?? textOf(existingRow?.get(HEADERS.learner) ?? learnerRow?.get(HEADERS.learner)),
      qualification: qualificationOf(qualificationText),
      qualificationText,
      status,
      learner,
    } satisfies RowSource;
  };

  /** Existing rows first (in the workbook's order, which users may have sorted), then the cohort's new ones. */
  const rowsFor = (table: ExistingTable | undefined, applies: (l: Learner) => boolean): RowSource[] => {
    const out: RowSource[] = [];
    const seen = new Set<string>();
    for (const [registration, row] of table?.rows ?? []) {
      if (registration === "" || seen.has(registration)) continue;
      seen.add(registration);
      const learner = byRegistration.get(registration);
      out.push(source(registration, row, learner ? applies(learner) : false));
    }
    for (const l of cohort.learners) {
      if (seen.has(l.registration) || !applies(l)) continue;
      seen.add(l.registration);
      out.push(source(l.registration, undefined, true));
    }
    return out;
  };

  const sheets: SheetPlan[] = [];
  const maps: ColumnMap[] = [];
  let kept = 0;
  const sheetNames = new Set<string>([STATE_SHEET.toLowerCase()]);
  const nameSheet = (table: string, wanted: string) => {
    let name = existing?.tables.get(table)?.sheet ?? wanted;
    for (let i = 2; sheetNames.has(name.toLowerCase()); i++)
      name = safeSheetName(`${wanted.slice(0, 27)} (${i})`);
    sheetNames.add(name.toLowerCase());
    return name;
  };
  // Reserve names in the order the tabs appear; the Learners tab refers to the others.
  const learnersSheet = nameSheet(LEARNERS_TABLE, LEARNERS_SHEET);
  const markSheets = assessments.map((a) => ({
    assessment: a,
    table: markTableName(a.id),
    sheet: nameSheet(markTableName(a.id), markSheetName(a)),
  }));

  // Units given a direct outcome: those no assessment covers, plus any the cohort or the workbook gives directly.
  const oldUnitsMap = oldMaps.get(UNITS_TABLE);
  const directUnits = [...catalogue.units.keys()].filter(
    (u) =>
      (unitsUsed.has(u) && (catalogue.assessmentsForUnit.get(u) ?? []).length === 0) ||
      cohort.learners.some((l) => l.units?.[u] !== undefined) ||
      (oldUnitsMap?.columns.some((c) => c.key === directUnitKey(u)) ?? false),
  );
  const unitsSheet = directUnits.length > 0 ? nameSheet(UNITS_TABLE, UNITS_SHEET) : undefined;

  // Mark sheets.
  const outcomeColumn = new Map<string, string>();
  for (const ms of markSheets) {
    const a = ms.assessment;
    const applies = (l: Learner) =>
      (catalogue.qualifications.get(l.qualification)?.units ?? []).some((u) => a.units.includes(u));
    const existingTable = existing?.tables.get(ms.table);
    const rows = rowsFor(existingTable, applies);
    const specs = a.kind === "sectioned" ? sectionedColumns(a, mode) : criteriaColumns(a, mode);
    const built = assembleTable(
      ms.table,
      ms.sheet,
      "marksheet",
      specs,
      rows,
      existingTable,
      oldMaps.get(ms.table),
      a.id,
    );
    kept += built.kept;
    maps.push(built.map);
    outcomeColumn.set(a.id, columnLetter(specs.findIndex((s) => s.plan.key === KEYS.outcome)));
    sheets.push({
      ...sheetDefaults,
      name: ms.sheet,
      kind: "marksheet",
      assessment: a.id,
      table: built.table,
      conditionalFormats: markSheetFormats(a, built.table.columns),
    });
  }

  // Unit outcomes given directly.
  let unitsSheetPlan: SheetPlan | undefined;
  const directColumn = new Map<string, string>();
  if (unitsSheet) {
    const existingTable = existing?.tables.get(UNITS_TABLE);
    const applies = (l: Learner) =>
      (catalogue.qualifications.get(l.qualification)?.units ?? []).some((u) => directUnits.includes(u)) ||
      Object.keys(l.units ?? {}).length > 0;
    const rows = rowsFor(existingTable, applies);
    const specs = unitsColumns(directUnits);
    const built = assembleTable(UNITS_TABLE, unitsSheet, "units", specs, rows, existingTable, oldUnitsMap);
    kept += built.kept;
    maps.push(built.map);
    specs.forEach((s, i) => {
      if (s.plan.key.startsWith("direct/"))
        directColumn.set(s.plan.key.slice("direct/".length), columnLetter(i));
    });
    unitsSheetPlan = {
      ...sheetDefaults,
      name: unitsSheet,
      kind: "units",
      table: built.table,
      conditionalFormats: unitsFormats(built.table.columns),
    };
  }

  // Learners.
  const learnerRows = rowsFor(existingLearners, () => true);
  const learnerUnits = [...catalogue.units.keys()].filter(
    (u) => unitsUsed.has(u) || learnerRows.some((r) => r.qualification?.units.includes(u)),
  );
  const sources = (unit: string) => {
    const out: string[] = [];
    for (const ms of markSheets) {
      if (!ms.assessment.units.includes(unit)) continue;
      const ref = sheetRef(ms.sheet);
      out.push(
        `INDEX(${ref}!$${outcomeColumn.get(ms.assessment.id)}:$${outcomeColumn.get(ms.assessment.id)},MATCH($A{n},${ref}!$A:$A,0))`,
      );
    }
    const direct = directColumn.get(unit);
    if (unitsSheet && direct) {
      const ref = sheetRef(unitsSheet);
      out.push(`INDEX(${ref}!$${direct}:$${direct},MATCH($A{n},${ref}!$A:$A,0))`);
    }
    return out;
  };
  const learnerSpecs = learnersColumns(catalogue, mode, learnerUnits, sources);
  const learnersBuilt = assembleTable(
    LEARNERS_TABLE,
    learnersSheet,
    "learners",
    learnerSpecs,
    learnerRows,
    existingLearners,
    oldMaps.get(LEARNERS_TABLE),
  );
  kept += learnersBuilt.kept;
  maps.push(learnersBuilt.map);
  const learnersPlan: SheetPlan = {
    ...sheetDefaults,
    name: learnersSheet,
    kind: "learners",
    table: learnersBuilt.table,
    conditionalFormats: learnersFormats(learnersBuilt.table.columns),
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

  const allSheets = [learnersPlan, ...sheets, ...(unitsSheetPlan ? [unitsSheetPlan] : []), statePlan];

  // Summary.
  const before = new Set(existing ? [...existing.tables.keys()] : []);
  const wasWithdrawn = (registration: string) =>
    textOf(existingLearners?.rows.get(registration)?.get(HEADERS.status)) === STATUS.withdrawn;
  const summary: ChangeSummary = {
    sheetsCreated: allSheets
      .filter((s) => s.kind !== "state" && !before.has(s.table.name))
      .map((s) => s.name),
    sheetsUpdated: allSheets.filter((s) => s.kind !== "state" && before.has(s.table.name)).map((s) => s.name),
    learnersAdded: cohort.learners
      .filter((l) => !existingLearners?.rows.has(l.registration))
      .map((l) => l.registration),
    learnersWithdrawn: learnerRows
      .filter((r) => r.status === STATUS.withdrawn && !wasWithdrawn(r.registration))
      .map((r) => r.registration),
    entriesKept: kept,
  };
  return { plan: { mode, sheets: allSheets }, summary };
}

// ---------------------------------------------------------------------------------------------------------------
// Tables: columns matched by key, entries kept, user columns carried over by header.

function assembleTable(
  name: string,
  sheet: string,
  kind: SheetPlan["kind"],
  givenSpecs: readonly ColumnSpec[],
  rows: readonly RowSource[],
  existing: ExistingTable | undefined,
  oldMap: ColumnMap | undefined,
  assessment?: string,
): BuiltTable {
  const specs = uniqueHeaders(givenSpecs);
  const specByKey = new Map(specs.map((s) => [s.plan.key, s]));
  const specByHeader = new Map(specs.map((s) => [s.plan.header, s]));
  const oldByHeader = new Map((oldMap?.columns ?? []).map((c) => [c.header, c]));

  // Existing header → key; unknown or retired entry columns are carried over by header.
  const headerKey = new Map<string, string>();
  const carried: ColumnPlan[] = [];
  for (const header of existing?.headers ?? []) {
    const old = oldByHeader.get(header);
    const key = old?.key ?? specByHeader.get(header)?.plan.key;
    if (key !== undefined && specByKey.has(key)) {
      headerKey.set(header, key);
      continue;
    }
    if (old && (old.role === "formula" || old.role === "identity")) continue;
    const hasValues = [...(existing?.rows.values() ?? [])].some((r) => !isBlank(r.get(header)));
    if (old && old.role === "entry" && !hasValues) continue;
    const carriedKey = userKey(header);
    if (carried.some((c) => c.key === carriedKey) || specByHeader.has(header)) continue;
    headerKey.set(header, carriedKey);
    carried.push({ key: carriedKey, header, role: "entry", width: 16, wrap: true });
  }

  const columns: ColumnPlan[] = [...specs.map((s) => s.plan), ...carried];
  let kept = 0;
  const cells: Cell[][] = rows.map((row, i) => {
    const n = i + 2;
    const old = new Map<string, Existing>();
    const existingRow = existing?.rows.get(row.registration);
    if (existingRow) {
      for (const [header, value] of existingRow) {
        const key = headerKey.get(header);
        if (key !== undefined && !isBlank(value)) old.set(key, value);
      }
    }
    const out: Cell[] = specs.map((spec) => {
      if (spec.plan.role === "entry") {
        const value = old.get(spec.plan.key);
        if (value !== undefined) {
          kept++;
          return cellOf(value, spec.plan);
        }
      }
      return spec.cell(row, n);
    });
    for (const c of carried) {
      const value = old.get(c.key);
      if (value !== undefined) kept++;
      out.push(value === undefined ? null : cellOf(value, c));
    }
    return out;
  });

  const map: ColumnMap = {
    table: name,
    sheet,
    kind,
    ...(assessment ? { assessment } : {}),
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      role: c.key.startsWith("user/") ? "user" : c.role,
    })),
  };
  return { table: { name, columns, rows: cells, keys: rows.map((r) => r.registration) }, kept, map };
}

/** Table headers must be unique: a clash (a section named like a fixed column) gets " (2)". */
function uniqueHeaders(specs: readonly ColumnSpec[]): ColumnSpec[] {
  const seen = new Set<string>();
  return specs.map((s) => {
    let header = s.plan.header;
    for (let i = 2; seen.has(header.toLowerCase()); i++) header = `${s.plan.header} (${i})`;
    seen.add(header.toLowerCase());
    return header === s.plan.header ? s : { ...s, plan: { ...s.plan, header } };
  });
}

/** A value read from the workbook, written back as it was typed (text stays text). */
function cellOf(value: Existing, column: ColumnPlan): Cell {
  if (value === null) return null;
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "number")
    return column.numberFormat === FORMATS.date ? { t: "date", v: value } : { t: "number", v: value };
  return { t: "text", v: value };
}

function isBlank(value: Existing | undefined): boolean {
  return value === null || value === undefined || value === "";
}

function textOf(value: Existing | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

const text = (v: string | undefined | null): Cell =>
  v === undefined || v === null || v === "" ? null : { t: "text", v };

function dateCell(iso: string | null | undefined): Cell {
  if (!iso) return null;
  const d = parseIsoDate(iso);
  return d ? { t: "date", v: toSerial(d) } : { t: "text", v: iso };
}

function numberCell(n: number | undefined): Cell {
  return n === undefined ? null : { t: "number", v: n };
}

/** A section mark from the cohort: numbers (and numeric text, as the engine reads it) as numbers. */
function markCell(value: string | number | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return { t: "number", v: value };
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) && Number.isFinite(n)) return { t: "number", v: n };
  return { t: "text", v: value };
}

/** A criterion result from the cohort: "P"/"R" as the engine reads them (any case, trimmed); anything else as typed. */
function criterionCell(value: string | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  const t = value.trim().toUpperCase();
  if (t === "") return null;
  return t === "P" || t === "R" ? { t: "text", v: t } : { t: "text", v: value };
}

// ---------------------------------------------------------------------------------------------------------------
// Column sets.

const identityColumns = (): ColumnSpec[] => [
  {
    plan: {
      key: KEYS.registration,
      header: HEADERS.registration,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.id,
    },
    cell: (r) => ({ t: "text", v: r.registration }),
  },
  {
    plan: {
      key: KEYS.learner,
      header: HEADERS.learner,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.name,
    },
    cell: (r) => text(r.name),
  },
  {
    plan: {
      key: KEYS.status,
      header: HEADERS.status,
      role: "identity",
      numberFormat: FORMATS.text,
      width: WIDTH.status,
    },
    cell: (r) => text(r.status),
  },
];

const dateValidation = { type: "date", message: "Enter a date (YYYY-MM-DD)." } as const;

function entryOf(row: RowSource, assessment: string): AssessmentEntry | undefined {
  return row.learner?.assessments?.[assessment];
}

function dateColumn(
  key: string,
  header: string,
  pick: (e: AssessmentEntry) => string | null | undefined,
  a: string,
): ColumnSpec {
  return {
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.date,
      width: WIDTH.date,
      validation: dateValidation,
    },
    cell: (r) => {
      const e = entryOf(r, a);
      return e ? dateCell(pick(e)) : null;
    },
  };
}

function textEntry(
  key: string,
  header: string,
  width: number,
  pick: (r: RowSource) => string | undefined,
  wrap = false,
): ColumnSpec {
  return {
    plan: { key, header, role: "entry", numberFormat: FORMATS.text, width, ...(wrap ? { wrap: true } : {}) },
    cell: (r) => text(pick(r)),
  };
}

/** Columns every mark sheet starts with: identity, assessor, dates of submission, assessment and IQA check. */
function markSheetHead(a: Assessment): ColumnSpec[] {
  return [
    ...identityColumns(),
    textEntry(
      KEYS.assessor,
      HEADERS.assessor,
      WIDTH.person,
      (r) => entryOf(r, a.id)?.assessor ?? r.learner?.assessor,
    ),
    dateColumn(KEYS.submitted, HEADERS.submitted, (e) => e.submitted, a.id),
    dateColumn(KEYS.assessed, HEADERS.assessed, (e) => e.assessed, a.id),
    dateColumn(KEYS.iqaChecked, HEADERS.iqaChecked, (e) => e.iqaChecked, a.id),
  ];
}

/** Columns every mark sheet ends with: comments, IQA, external verification, opt-out. */
function markSheetTail(a: Assessment): ColumnSpec[] {
  return [
    textEntry(KEYS.strengths, HEADERS.strengths, WIDTH.comment, (r) => entryOf(r, a.id)?.strengths, true),
    textEntry(
      KEYS.improvements,
      HEADERS.improvements,
      WIDTH.comment,
      (r) => entryOf(r, a.id)?.improvements,
      true,
    ),
    textEntry(KEYS.iqa, HEADERS.iqa, WIDTH.person, (r) => entryOf(r, a.id)?.iqa ?? r.learner?.iqa),
    dateColumn(KEYS.externallyVerified, HEADERS.externallyVerified, (e) => e.externallyVerified, a.id),
    {
      plan: {
        key: KEYS.optOut,
        header: HEADERS.optOut,
        role: "entry",
        width: 14,
        validation: {
          type: "list",
          values: ["Yes", "No"],
          message: "Yes if the learner refused the script's use for standardisation.",
        },
      },
      cell: (r) => {
        const v = entryOf(r, a.id)?.standardisationOptOut;
        return v === undefined ? null : { t: "text", v: v ? "Yes" : "No" };
      },
    },
  ];
}

function formulaColumn(
  key: string,
  header: string,
  f: (n: number, r: RowSource) => string | null,
  extra: Partial<ColumnPlan> = {},
): ColumnSpec {
  return {
    plan: { key, header, role: "formula", width: WIDTH.formula, ...extra },
    cell: (r, n) => {
      const formula = f(n, r);
      return formula === null ? null : { t: "formula", f: formula };
    },
  };
}

/** Letters of columns by key, once the column order is known. */
function lettersOf(specs: readonly ColumnSpec[]): (key: string) => string {
  const letters = new Map(specs.map((s, i) => [s.plan.key, columnLetter(i)]));
  return (key) => {
    const l = letters.get(key);
    if (l === undefined) throw new Error(`internal: no column ${key}`);
    return l;
  };
}

/**
 * Sectioned marks, portable: INVALID when a mark is not a number, negative or above its maximum; "" while a
 * section is blank (INCOMPLETE); PASS with the pass total and every section's minimum; REFERRAL otherwise.
 */
export function sectionedOutcome(
  a: SectionedAssessment,
  refs: readonly string[],
  range: string,
  mode: FormulaMode,
): string {
  if (mode === "ilm") return `IFERROR(ILM.RESULT(${range},${textConstant(a.id)}),"INVALID")`;
  const invalid = sectionedInvalid(a, refs, range);
  const pass = [`SUM(${range})>=${a.passTotal}`, ...a.sections.map((s, i) => `${refs[i]}>=${s.min}`)];
  return `IF(${invalid},"INVALID",IF(COUNTBLANK(${range})>0,"",IF(AND(${pass.join(",")}),"PASS","REFERRAL")))`;
}

function sectionedInvalid(a: SectionedAssessment, refs: readonly string[], range: string): string {
  const bad = a.sections.flatMap((s, i) => [`${refs[i]}<0`, `${refs[i]}>${s.max}`]);
  return `OR(COUNTA(${range})>COUNT(${range}),${bad.join(",")})`;
}

function sectionedTotal(a: SectionedAssessment, refs: readonly string[], range: string): string {
  return `IF(${sectionedInvalid(a, refs, range)},"",IF(COUNT(${range})=0,"",SUM(${range})))`;
}

function sectionedColumns(a: SectionedAssessment, mode: FormulaMode): ColumnSpec[] {
  const marks = (qa: boolean): ColumnSpec[] =>
    a.sections.map((s, i) => ({
      plan: {
        key: qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i),
        header: qa ? qaSectionHeader(s) : sectionHeader(s),
        role: "entry",
        width: Math.max(WIDTH.mark, Math.min(22, (qa ? qaSectionHeader(s) : sectionHeader(s)).length + 2)),
        validation: {
          type: "whole",
          min: 0,
          max: s.max,
          message: `A whole mark from 0 to ${s.max} (minimum ${s.min} to pass).`,
        },
      },
      cell: (r) => markCell((qa ? entryOf(r, a.id)?.qaMarks : entryOf(r, a.id)?.marks)?.[i]),
    }));
  const specs: ColumnSpec[] = [...markSheetHead(a), ...marks(false), ...marks(true)];
  const formulas: ColumnSpec[] = [];
  let letters: ((key: string) => string) | undefined;
  const col = (key: string) => (letters ??= lettersOf([...specs, ...formulas]))(key);
  const refsOf = (qa: boolean, n: number) =>
    a.sections.map((_, i) => `${col(qa ? qaSectionKey(a.id, i) : sectionKey(a.id, i))}${n}`);
  const rangeOf = (qa: boolean, n: number) => {
    const refs = refsOf(qa, n);
    return `${refs[0]}:${refs[refs.length - 1]}`;
  };
  formulas.push(
    formulaColumn(KEYS.total, HEADERS.total, (n) => sectionedTotal(a, refsOf(false, n), rangeOf(false, n)), {
      width: 8,
    }),
    formulaColumn(KEYS.outcome, HEADERS.outcome, (n) =>
      sectionedOutcome(a, refsOf(false, n), rangeOf(false, n), mode),
    ),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (n) => {
        const refs = refsOf(false, n);
        const outcome = `${col(KEYS.outcome)}${n}`;
        if (mode === "ilm") {
          const names = `{${a.sections.map((s) => textConstant(s.short)).join(",")}}`;
          return `IF(${outcome}="REFERRAL",IFERROR(ILM.REFERRED(${rangeOf(false, n)},${textConstant(a.id)},${names}),""),"")`;
        }
        const parts = a.sections.map((s, i) => `IF(${refs[i]}<${s.min},${textConstant(`, ${s.short}`)},"")`);
        return `IF(${outcome}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true },
    ),
    formulaColumn(
      KEYS.qaTotal,
      HEADERS.qaTotal,
      (n) => sectionedTotal(a, refsOf(true, n), rangeOf(true, n)),
      { width: 8 },
    ),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (n) =>
      sectionedOutcome(a, refsOf(true, n), rangeOf(true, n), mode),
    ),
  );
  return [...specs, ...formulas, ...markSheetTail(a)];
}

/** Criterion pass/refer, portable: INVALID when a cell is not P or R; "" while one is blank; PASS when all are P. */
export function criteriaOutcome(count: number, range: string, mode: FormulaMode): string {
  if (mode === "ilm") return `IFERROR(ILM.CRITERIA(${range}),"INVALID")`;
  return (
    `IF(COUNTA(${range})>SUMPRODUCT((${range}="P")+(${range}="R")),"INVALID",` +
    `IF(COUNTA(${range})<${count},"",IF(SUMPRODUCT((${range}="R")*1)>0,"REFERRAL","PASS")))`
  );
}

function criteriaColumns(a: CriteriaAssessment, mode: FormulaMode): ColumnSpec[] {
  const pr = { type: "list", values: ["P", "R"], message: "P (pass) or R (refer)." } as const;
  const marks = (qa: boolean): ColumnSpec[] =>
    a.criteria.map((c) => ({
      plan: {
        key: qa ? qaCriterionKey(a.id, c.id) : criterionKey(a.id, c.id),
        header: qa ? qaCriterionHeader(c.id) : criterionHeader(c.id),
        role: "entry",
        numberFormat: FORMATS.text,
        width: qa ? 10 : 8,
        validation: pr,
      },
      cell: (r) => criterionCell((qa ? entryOf(r, a.id)?.qaCriteria : entryOf(r, a.id)?.criteria)?.[c.id]),
    }));
  const specs: ColumnSpec[] = [...markSheetHead(a), ...marks(false), ...marks(true)];
  const formulas: ColumnSpec[] = [];
  let letters: ((key: string) => string) | undefined;
  const col = (key: string) => (letters ??= lettersOf([...specs, ...formulas]))(key);
  const rangeOf = (qa: boolean, n: number) => {
    const first = a.criteria[0] as { id: string };
    const last = a.criteria[a.criteria.length - 1] as { id: string };
    const key = qa ? qaCriterionKey : criterionKey;
    return `${col(key(a.id, first.id))}${n}:${col(key(a.id, last.id))}${n}`;
  };
  formulas.push(
    formulaColumn(KEYS.outcome, HEADERS.outcome, (n) =>
      criteriaOutcome(a.criteria.length, rangeOf(false, n), mode),
    ),
    formulaColumn(
      KEYS.referred,
      HEADERS.referredSections,
      (n) => {
        const parts = a.criteria.map(
          (c) => `IF(${col(criterionKey(a.id, c.id))}${n}="R",${textConstant(`, ${c.id}`)},"")`,
        );
        return `IF(${col(KEYS.outcome)}${n}="REFERRAL",MID(${parts.join("&")},3,500),"")`;
      },
      { width: 22, wrap: true },
    ),
    formulaColumn(KEYS.qaOutcome, HEADERS.qaOutcome, (n) =>
      criteriaOutcome(a.criteria.length, rangeOf(true, n), mode),
    ),
  );
  return [...specs, ...formulas, ...markSheetTail(a)];
}

function unitsColumns(units: readonly string[]): ColumnSpec[] {
  const list = {
    type: "list",
    values: ["PASS", "REFERRAL", "PENDING"],
    message: "PASS, REFERRAL or PENDING (a unit not marked on a mark sheet here).",
  } as const;
  return [
    ...identityColumns(),
    ...units.map((u): ColumnSpec => ({
      plan: {
        key: directUnitKey(u),
        header: u,
        role: "entry",
        numberFormat: FORMATS.text,
        width: 11,
        validation: list,
      },
      cell: (r) => text(r.learner?.units?.[u] ?? undefined),
    })),
  ];
}

function learnersColumns(
  catalogue: Catalogue,
  mode: FormulaMode,
  units: readonly string[],
  sources: (unit: string) => string[],
): ColumnSpec[] {
  const hours = (
    key: string,
    header: string,
    pick: (h: NonNullable<Learner["hours"]>) => number | undefined,
  ): ColumnSpec => ({
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.hours,
      width: 10,
      validation: { type: "decimal", min: 0, max: 100000, message: "Hours, 0 or more." },
    },
    cell: (r) => numberCell(r.learner?.hours ? pick(r.learner.hours) : undefined),
  });
  const specs: ColumnSpec[] = [
    ...identityColumns(),
    {
      plan: {
        key: KEYS.qualification,
        header: HEADERS.qualification,
        role: "identity",
        numberFormat: FORMATS.text,
        width: 14,
      },
      cell: (r) => text(r.qualificationText),
    },
    textEntry(KEYS.assessor, HEADERS.assessor, WIDTH.person, (r) => r.learner?.assessor),
    {
      plan: {
        key: KEYS.registered,
        header: HEADERS.registered,
        role: "entry",
        numberFormat: FORMATS.date,
        width: WIDTH.date,
        validation: dateValidation,
      },
      cell: (r) => dateCell(r.learner?.registered),
    },
  ];
  const formulas: ColumnSpec[] = [];
  formulas.push(
    formulaColumn(
      KEYS.deadline,
      HEADERS.deadline,
      (n, r) => {
        const q = r.qualification;
        if (!q) return null;
        const reg = `${letter(KEYS.registered)}${n}`;
        if (mode === "ilm")
          return `IF(${reg}="","",IFERROR(ILM.DEADLINE(${letter(KEYS.qualification)}${n},${reg}),""))`;
        return q.durationMonths === null ? `""` : `IF(ISNUMBER(${reg}),EDATE(${reg},${q.durationMonths}),"")`;
      },
      { numberFormat: FORMATS.date, width: WIDTH.date },
    ),
  );
  specs.push(
    hours(KEYS.induction, HEADERS.induction, (h) => h.induction),
    hours(KEYS.tutorial, HEADERS.tutorial, (h) => h.tutorial),
    hours(KEYS.coaching, HEADERS.coaching, (h) => h.coaching),
  );
  // Deadline sits between Registered and the hours.
  const ordered = () => [...specs.slice(0, 6), ...formulas, ...specs.slice(6)];
  const unitFormulas: ColumnSpec[] = units.map((u) =>
    formulaColumn(
      learnerUnitKey(u),
      u,
      (n, r) => {
        if (!r.qualification?.units.includes(u)) return null;
        let formula = `""`;
        for (const s of [...sources(u)].reverse()) {
          formula = `IFERROR(CHOOSE(MATCH(${s.replace(/\{n\}/g, String(n))},{"PASS","REFERRAL"},0),"PASS","REFERRAL"),${formula})`;
        }
        return formula;
      },
      { width: 10 },
    ),
  );
  const tail: ColumnSpec[] = [];
  const final = () => [...ordered(), ...unitFormulas, ...tail];
  let letters: ((key: string) => string) | undefined;
  const letter = (key: string) => (letters ??= lettersOf(final()))(key);
  const cellsFor = (n: number): UnitCells => ({
    ref: (u) => (units.includes(u) ? `${letter(learnerUnitKey(u))}${n}` : null),
    credits: (u) => catalogue.units.get(u)?.credits ?? 0,
  });
  const unitHeaders = () => {
    if (units.length === 0) return null;
    const first = letter(learnerUnitKey(units[0] as string));
    const last = letter(learnerUnitKey(units[units.length - 1] as string));
    return { header: `$${first}$1:$${last}$1`, row: (n: number) => `${first}${n}:${last}${n}` };
  };
  const ilmCall = (fn: string, n: number) => {
    const h = unitHeaders();
    return h ? `ILM.${fn}(${letter(KEYS.qualification)}${n},${h.header},${h.row(n)})` : null;
  };
  tail.push(
    formulaColumn(
      KEYS.credits,
      HEADERS.credits,
      (n, r) => {
        if (!r.qualification) return null;
        return mode === "ilm" ? ilmCall("CREDITS", n) : creditsSum(r.qualification.units, cellsFor(n));
      },
      { width: 8, numberFormat: "0" },
    ),
    formulaColumn(
      KEYS.achieved,
      HEADERS.achieved,
      (n, r) => {
        if (!r.qualification) return null;
        return mode === "ilm"
          ? ilmCall("ACHIEVED", n)
          : compileRule(r.qualification.rule as Rule, cellsFor(n));
      },
      { width: 10 },
    ),
    formulaColumn(
      KEYS.needs,
      HEADERS.needs,
      (n, r) => {
        if (!r.qualification) return null;
        return mode === "ilm" ? ilmCall("NEEDS", n) : compileNeeds(r.qualification.rule as Rule, cellsFor(n));
      },
      { width: 40, wrap: true },
    ),
    formulaColumn(
      KEYS.ready,
      HEADERS.ready,
      (n, r) => {
        const q = r.qualification;
        if (!q) return null;
        const parts = [`${letter(KEYS.achieved)}${n}`];
        if (q.inductionHours) parts.push(`N(${letter(KEYS.induction)}${n})>=${q.inductionHours}`);
        if (q.tutorialHours) parts.push(`N(${letter(KEYS.tutorial)}${n})>=${q.tutorialHours}`);
        const practice = q.units.map((u) => ({ id: u, hours: catalogue.units.get(u)?.practiceHours ?? 0 }));
        const needed = practiceHoursNeeded(practice, cellsFor(n));
        if (needed !== "0") parts.push(`N(${letter(KEYS.coaching)}${n})>=${needed}`);
        return `AND(${parts.join(",")})`;
      },
      { width: 10 },
    ),
  );
  return final();
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional formats.

function keyLetter(columns: readonly ColumnPlan[], key: string): string | undefined {
  const i = columns.findIndex((c) => c.key === key);
  return i < 0 ? undefined : columnLetter(i);
}

function withdrawnFormat(columns: readonly ColumnPlan[]): ConditionalFormatPlan {
  const status = keyLetter(columns, KEYS.status) as string;
  return {
    columns: [KEYS.registration, KEYS.learner, KEYS.status],
    formula: `$${status}2<>""`,
    style: "withdrawn",
  };
}

function outcomeFormats(columns: readonly ColumnPlan[], key: string): ConditionalFormatPlan[] {
  const l = keyLetter(columns, key);
  if (!l) return [];
  return [
    { columns: [key], formula: `$${l}2="REFERRAL"`, style: "referral" },
    { columns: [key], formula: `$${l}2="INVALID"`, style: "invalid" },
    { columns: [key], formula: `$${l}2="PASS"`, style: "pass" },
  ];
}

function markSheetFormats(a: Assessment, columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(columns)];
  if (a.kind === "sectioned") {
    a.sections.forEach((s, i) => {
      for (const key of [sectionKey(a.id, i), qaSectionKey(a.id, i)]) {
        const l = keyLetter(columns, key) as string;
        out.push({ columns: [key], formula: `AND(ISNUMBER(${l}2),${l}2<${s.min})`, style: "belowMinimum" });
      }
    });
  } else {
    for (const c of a.criteria) {
      for (const key of [criterionKey(a.id, c.id), qaCriterionKey(a.id, c.id)]) {
        const l = keyLetter(columns, key) as string;
        out.push({ columns: [key], formula: `${l}2="R"`, style: "belowMinimum" });
      }
    }
  }
  return [...out, ...outcomeFormats(columns, KEYS.outcome), ...outcomeFormats(columns, KEYS.qaOutcome)];
}

function unitsFormats(columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(columns)];
  for (const c of columns) {
    if (!c.key.startsWith("direct/")) continue;
    const l = keyLetter(columns, c.key) as string;
    out.push({ columns: [c.key], formula: `${l}2="REFERRAL"`, style: "referral" });
    out.push({ columns: [c.key], formula: `${l}2="PASS"`, style: "pass" });
  }
  return out;
}

function learnersFormats(columns: readonly ColumnPlan[]): ConditionalFormatPlan[] {
  const out: ConditionalFormatPlan[] = [withdrawnFormat(columns)];
  for (const c of columns) {
    if (!c.key.startsWith("unit/")) continue;
    const l = keyLetter(columns, c.key) as string;
    out.push({ columns: [c.key], formula: `${l}2="REFERRAL"`, style: "referral" });
    out.push({ columns: [c.key], formula: `${l}2="PASS"`, style: "pass" });
  }
  for (const key of [KEYS.achieved, KEYS.ready]) {
    const l = keyLetter(columns, key) as string;
    out.push({ columns: [key], formula: `${l}2=TRUE`, style: "pass" });
  }
  return out;
}
