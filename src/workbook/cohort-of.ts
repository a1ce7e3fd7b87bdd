/**
 * The decoder, second half: the cohort a workbook holds, read from its cells by column key. The Learners tab
 * is the roster; each mark sheet row is a learner's entry for its assessment; the Unit outcomes tab gives unit
 * outcomes directly. It is the inverse of the plan builder: decode(build(cohort)) is the cohort in canonical
 * form (see canonicalCohort).
 */

import { formatIsoDate, fromSerial, parseIsoDate } from "../domain/engine/dates";
import type { AssessmentEntry, Cohort, Learner } from "../domain/cohort/schema";
import { COHORT_FORMAT } from "../domain/cohort/schema";
import type { Problem } from "../domain/problems";
import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Qualification } from "../domain/catalogue/schema";
import { columnLetter } from "./a1";
import type { CellContent, Value } from "./contents";
import { valueOf } from "./contents";
import type { DecodedWorkbook, LocatedRow, LocatedTable } from "./decode";
import { workbookProblem } from "./decode";
import { IQA_DECISIONS, KEYS, STATUS } from "./layout";
import { registrationKey } from "./registration";

export interface CohortReading {
  readonly cohort: Cohort;
  /**
   * Cells the cohort format cannot hold (a date column holding "next week", hours holding text, a mark-sheet row
   * for a learner missing from the Learners tab): each with its place. Regeneration keeps them as they are; an
   * export refuses while there are any.
   */
  readonly unreadable: readonly Problem[];
}

/**
 * The cohort a decoded workbook holds. With the workbook's `catalogue`, an outcome typed on the Unit outcomes tab
 * for a unit outside the learner's qualification is refused: left out of the cohort and named, cell and all, in
 * `unreadable` (the cell itself is kept as typed).
 */
export function cohortOf(decoded: DecodedWorkbook, catalogue?: Catalogue): CohortReading {
  const unreadable: Problem[] = [];
  const tables = [...decoded.tables.values()];
  const learnersTable = tables.find((t) => t.kind === "learners");
  const legacy = new Map(
    (decoded.stored.legacyCohort?.learners ?? []).map((l) => [registrationKey(String(l.registration)), l]),
  );

  const learners: Learner[] = [];
  const byKey = new Map<string, Learner>();
  for (const row of learnersTable?.rows ?? []) {
    if (!row) continue;
    const learner = rosterOf(
      row,
      learnersTable as LocatedTable,
      legacy.get(registrationKey(row.registration)),
      unreadable,
    );
    learners.push(learner);
    byKey.set(registrationKey(row.registration), learner);
  }

  for (const table of tables) {
    if (table.kind === "marksheet" && table.assessment !== undefined) {
      for (const row of table.rows) {
        if (!row) continue;
        const learner = byKey.get(registrationKey(row.registration));
        const entry = entryOf(row, table, table.assessment, learner, unreadable);
        if (!entry) continue;
        if (!learner) {
          unreadable.push(notOnRoster(table, row));
          continue;
        }
        const assessments: Record<string, AssessmentEntry> = learner.assessments ?? {};
        assessments[table.assessment] = entry;
        (learner as { assessments?: Record<string, AssessmentEntry> }).assessments = assessments;
      }
    } else if (table.kind === "units") {
      for (const [i, row] of table.rows.entries()) {
        if (!row) continue;
        const learner = byKey.get(registrationKey(row.registration));
        const qualification = learner ? catalogue?.qualifications.get(learner.qualification) : undefined;
        const units = unitsOf(row, table, unreadable, qualification && { qualification, index: i });
        if (!units) continue;
        if (!learner) {
          unreadable.push(notOnRoster(table, row));
          continue;
        }
        (learner as { units?: Learner["units"] }).units = units;
      }
    }
  }

  const { settings } = decoded.stored;
  return {
    cohort: {
      format: COHORT_FORMAT,
      centre: { number: settings.centre.number, name: settings.centre.name },
      cohort: settings.cohort,
      learners,
    },
    unreadable,
  };
}

function notOnRoster(table: LocatedTable, row: LocatedRow): Problem {
  return {
    ...workbookProblem(
      "not-on-roster",
      `${row.registration} has entries on this tab but no row on the Learners tab, so the cohort cannot say whose they are. Add the learner to the Learners tab (the task pane's Learners tab, or a cohort file), then run again.`,
      { sheet: table.sheet, table: table.name },
    ),
    registration: row.registration,
  };
}

/** Plain text of a cell: numbers and booleans as typed; undefined when blank. */
function textOf(c: CellContent | undefined): string | undefined {
  const v = valueOf(c);
  if (v === null) return undefined;
  const s = typeof v === "string" ? v : String(v);
  return s.trim() === "" ? undefined : s;
}

function placeOf(table: LocatedTable, key: string, _row: LocatedRow): Problem["place"] {
  const column = table.columns.find((c) => c.key === key);
  return { sheet: table.sheet, table: table.name, ...(column ? { column: column.header } : {}) };
}

/** An ISO date from a date cell (a serial) or a text cell holding an ISO date; undefined when blank. */
function dateOf(
  c: CellContent | undefined,
  table: LocatedTable,
  key: string,
  row: LocatedRow,
  unreadable: Problem[],
): string | undefined {
  const v: Value = valueOf(c);
  if (v === null || (typeof v === "string" && v.trim() === "")) return undefined;
  if (typeof v === "number" && Number.isFinite(v) && v >= 1 && v < 2_958_466)
    return formatIsoDate(fromSerial(Math.floor(v)));
  if (typeof v === "string" && parseIsoDate(v.trim())) return v.trim();
  unreadable.push({
    ...workbookProblem(
      "not-a-date",
      `"${String(v)}" is not a date; type the date as YYYY-MM-DD or clear the cell.`,
      placeOf(table, key, row),
    ),
    registration: row.registration,
  });
  return undefined;
}

function hoursOf(
  c: CellContent | undefined,
  table: LocatedTable,
  key: string,
  row: LocatedRow,
  unreadable: Problem[],
): number | undefined {
  const v = valueOf(c);
  if (v === null || (typeof v === "string" && v.trim() === "")) return undefined;
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isFinite(n) && n >= 0) return n;
  unreadable.push({
    ...workbookProblem(
      "not-hours",
      `"${String(v)}" is not a number of hours; type a number (0 or more) or clear the cell.`,
      placeOf(table, key, row),
    ),
    registration: row.registration,
  });
  return undefined;
}

function rosterOf(
  row: LocatedRow,
  table: LocatedTable,
  legacy: Learner | undefined,
  unreadable: Problem[],
): Learner {
  const has = (key: string) => table.columns.some((c) => c.key === key);
  const t = (key: string) => textOf(row.cells.get(key));
  const fromTable = (key: string, legacyValue: string | undefined) => (has(key) ? t(key) : legacyValue);
  const hours: NonNullable<Learner["hours"]> = {};
  for (const key of [KEYS.induction, KEYS.tutorial, KEYS.coaching] as const) {
    const h = hoursOf(row.cells.get(key), table, key, row, unreadable);
    if (h !== undefined) hours[key] = h;
  }
  const registered = dateOf(row.cells.get(KEYS.registered), table, KEYS.registered, row, unreadable);
  const status = t(KEYS.status)?.trim().toLowerCase();
  const assessor = t(KEYS.assessor);
  const iqa = fromTable(KEYS.iqa, legacy?.iqa);
  const email = fromTable(KEYS.email, legacy?.email);
  const notes = fromTable(KEYS.notes, legacy?.notes);
  return {
    registration: row.registration,
    name: t(KEYS.learner) ?? "",
    qualification: t(KEYS.qualification)?.trim() ?? "",
    ...(assessor !== undefined ? { assessor } : {}),
    ...(iqa !== undefined ? { iqa } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(registered !== undefined ? { registered } : {}),
    ...(Object.keys(hours).length > 0 ? { hours } : {}),
    ...(status === STATUS.withdrawn.toLowerCase() ? { withdrawn: true } : {}),
    ...(notes !== undefined ? { notes } : {}),
  };
}

/** A mark as the cohort holds it: numbers as numbers, anything else as typed (the engine judges it). */
function markOf(c: CellContent | undefined): string | number | null {
  const v = valueOf(c);
  if (v === null) return null;
  if (typeof v === "number") return v;
  const s = String(v);
  return s.trim() === "" ? null : s;
}

/** Keys of a mark sheet's columns, in the table's order, that match `pattern` (the rest of the key). */
function keysLike(table: LocatedTable, prefix: string, pattern: RegExp): { key: string; part: string }[] {
  const out: { key: string; part: string }[] = [];
  for (const c of table.columns) {
    if (!c.key.startsWith(prefix)) continue;
    const m = pattern.exec(c.key.slice(prefix.length));
    if (m) out.push({ key: c.key, part: m[1] as string });
  }
  return out;
}

function entryOf(
  row: LocatedRow,
  table: LocatedTable,
  assessment: string,
  roster: Learner | undefined,
  unreadable: Problem[],
): AssessmentEntry | undefined {
  const entry: {
    -readonly [K in keyof AssessmentEntry]: AssessmentEntry[K];
  } = {};
  const marks = (qa: boolean) => {
    const keys = keysLike(table, `${assessment}/${qa ? "qa/" : ""}`, /^s(\d+)$/);
    if (keys.length === 0) return undefined;
    const size = Math.max(...keys.map((k) => Number(k.part)));
    const list: (string | number | null)[] = Array.from({ length: size }, () => null);
    for (const k of keys) list[Number(k.part) - 1] = markOf(row.cells.get(k.key));
    return list.some((m) => m !== null) ? list : undefined;
  };
  const criteria = (qa: boolean) => {
    const keys = keysLike(table, `${assessment}/${qa ? "qa/" : ""}`, /^c\/(.+)$/);
    const record: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
    let any = false;
    for (const k of keys) {
      const typed = textOf(row.cells.get(k.key));
      // "p" and " R " are P and R to the engine and to the formulas' comparisons: the cohort says so plainly.
      const v = typed === undefined ? undefined : canonicalCriterion(typed);
      record[k.part] = v ?? null;
      if (v !== undefined) any = true;
    }
    return any ? { ...record } : undefined;
  };
  const m = marks(false);
  if (m) entry.marks = m;
  const qm = marks(true);
  if (qm) entry.qaMarks = qm;
  const c = criteria(false);
  if (c) entry.criteria = c;
  const qc = criteria(true);
  if (qc) entry.qaCriteria = qc;
  for (const key of [
    KEYS.submitted,
    KEYS.assessed,
    KEYS.iqaChecked,
    KEYS.externallyVerified,
    KEYS.actionDue,
    KEYS.actionClosed,
  ] as const) {
    const d = dateOf(row.cells.get(key), table, key, row, unreadable);
    if (d !== undefined) entry[key] = d;
  }
  const assessor = textOf(row.cells.get(KEYS.assessor));
  if (assessor !== undefined && assessor !== roster?.assessor) entry.assessor = assessor;
  const iqa = textOf(row.cells.get(KEYS.iqa));
  if (iqa !== undefined && iqa !== roster?.iqa) entry.iqa = iqa;
  const strengths = textOf(row.cells.get(KEYS.strengths));
  if (strengths !== undefined) entry.strengths = strengths;
  const improvements = textOf(row.cells.get(KEYS.improvements));
  if (improvements !== undefined) entry.improvements = improvements;
  for (const key of [KEYS.iqaSample, KEYS.iqaAction] as const) {
    const v = textOf(row.cells.get(key));
    if (v !== undefined) entry[key] = v;
  }
  const decision = textOf(row.cells.get(KEYS.iqaDecision));
  if (decision !== undefined) {
    const known = IQA_DECISIONS.find((d) => d.toLowerCase() === decision.trim().toLowerCase());
    if (known) entry.iqaDecision = known;
    else
      unreadable.push({
        ...workbookProblem(
          "not-an-iqa-decision",
          `"${decision}" is not ${IQA_DECISIONS.join(" or ")}.`,
          placeOf(table, KEYS.iqaDecision, row),
        ),
        registration: row.registration,
      });
  }
  const optOut = textOf(row.cells.get(KEYS.optOut))?.trim().toLowerCase();
  if (optOut === "yes") entry.standardisationOptOut = true;
  else if (optOut === "no") entry.standardisationOptOut = false;
  else if (optOut !== undefined)
    unreadable.push({
      ...workbookProblem(
        "not-yes-no",
        `"${textOf(row.cells.get(KEYS.optOut))}" is not Yes or No.`,
        placeOf(table, KEYS.optOut, row),
      ),
      registration: row.registration,
    });
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/**
 * The outcomes a Unit outcomes row gives. With `of` (the learner's qualification, and the row's index in the
 * table), one given for a unit outside the qualification is a problem naming its cell, and left out.
 */
function unitsOf(
  row: LocatedRow,
  table: LocatedTable,
  unreadable: Problem[],
  of?: { readonly qualification: Qualification; readonly index: number },
): Learner["units"] | undefined {
  const units: Record<string, "PASS" | "REFERRAL" | "PENDING"> = {};
  for (const c of table.columns) {
    if (!c.key.startsWith("direct/")) continue;
    const unit = c.key.slice("direct/".length);
    const typed = textOf(row.cells.get(c.key));
    const v = typed?.trim().toUpperCase();
    if (v === undefined) continue;
    if (of && !of.qualification.units.includes(unit)) {
      const cell = `${columnLetter(table.area.column + c.offset)}${table.area.row + 2 + of.index}`;
      unreadable.push({
        ...workbookProblem(
          "unit-not-in-qualification",
          `"${typed}" is given for unit ${unit}, which is not part of qualification ${of.qualification.id} (${of.qualification.title}): it does not count. Clear the cell, or change the learner's qualification on the Learners tab.`,
          { sheet: table.sheet, table: table.name, column: c.header, cell },
        ),
        registration: row.registration,
      });
      continue;
    }
    if (v === "PASS" || v === "REFERRAL" || v === "PENDING") units[unit] = v;
    else
      unreadable.push({
        ...workbookProblem(
          "not-a-unit-outcome",
          `"${textOf(row.cells.get(c.key))}" is not PASS, REFERRAL or PENDING.`,
          placeOf(table, c.key, row),
        ),
        registration: row.registration,
      });
  }
  return Object.keys(units).length > 0 ? units : undefined;
}

/**
 * A cohort in the form decode(build(cohort)) gives back: an entry's assessor or IQA equal to the learner's is
 * left out (the roster holds it once); marks lists are as long as their mark scheme's sections (blank as null)
 * and criteria records name every criterion; empty entries, lists and records are left out; text cells keep
 * their text; numeric text in a mark becomes a number, as the workbook stores it.
 */
export function canonicalCohort(
  cohort: Cohort,
  shape: (assessment: string) => { sections: number } | { criteria: readonly string[] } | undefined,
): Cohort {
  return {
    ...cohort,
    learners: cohort.learners.map((l) => {
      const assessments: Record<string, AssessmentEntry> = {};
      for (const [id, e] of Object.entries(l.assessments ?? {})) {
        const s = shape(id);
        const out: { -readonly [K in keyof AssessmentEntry]: AssessmentEntry[K] } = {};
        const markList = (list: AssessmentEntry["marks"]) => {
          if (!list || !s || !("sections" in s)) return undefined;
          const fixed = Array.from({ length: s.sections }, (_, i) => canonicalMark(list[i]));
          return fixed.some((m) => m !== null) ? fixed : undefined;
        };
        const critRecord = (record: AssessmentEntry["criteria"]) => {
          if (!record || !s || !("criteria" in s)) return undefined;
          const out: Record<string, string | null> = {};
          let any = false;
          for (const c of s.criteria) {
            const v = Object.hasOwn(record, c) ? record[c] : null;
            const t = v === null || v === undefined || v.trim() === "" ? null : canonicalCriterion(v);
            out[c] = t;
            if (t !== null) any = true;
          }
          return any ? out : undefined;
        };
        const marks = markList(e.marks);
        if (marks) out.marks = marks;
        const qaMarks = markList(e.qaMarks);
        if (qaMarks) out.qaMarks = qaMarks;
        const criteria = critRecord(e.criteria);
        if (criteria) out.criteria = criteria;
        const qaCriteria = critRecord(e.qaCriteria);
        if (qaCriteria) out.qaCriteria = qaCriteria;
        for (const k of [
          "submitted",
          "assessed",
          "iqaChecked",
          "externallyVerified",
          "actionDue",
          "actionClosed",
        ] as const) {
          const v = e[k];
          if (v !== undefined && v !== null) out[k] = v;
        }
        for (const k of ["strengths", "improvements", "iqaSample", "iqaAction"] as const) {
          const v = e[k];
          if (v !== undefined && v.trim() !== "") out[k] = v;
        }
        if (e.assessor !== undefined && e.assessor.trim() !== "" && e.assessor !== l.assessor)
          out.assessor = e.assessor;
        if (e.iqa !== undefined && e.iqa.trim() !== "" && e.iqa !== l.iqa) out.iqa = e.iqa;
        if (e.standardisationOptOut !== undefined) out.standardisationOptOut = e.standardisationOptOut;
        if (e.iqaDecision !== undefined) out.iqaDecision = e.iqaDecision;
        if (Object.keys(out).length > 0) assessments[id] = out;
      }
      const units = Object.fromEntries(
        Object.entries(l.units ?? {}).filter(
          (entry): entry is [string, "PASS" | "REFERRAL" | "PENDING"] => entry[1] !== null,
        ),
      );
      const hours = Object.fromEntries(Object.entries(l.hours ?? {}).filter(([, v]) => v !== undefined));
      const text = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
      const assessor = text(l.assessor);
      const iqa = text(l.iqa);
      const email = text(l.email);
      const notes = text(l.notes);
      return {
        registration: l.registration,
        name: l.name,
        qualification: l.qualification,
        ...(assessor !== undefined ? { assessor } : {}),
        ...(iqa !== undefined ? { iqa } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(l.registered ? { registered: l.registered } : {}),
        ...(Object.keys(hours).length > 0 ? { hours } : {}),
        ...(Object.keys(assessments).length > 0 ? { assessments } : {}),
        ...(Object.keys(units).length > 0 ? { units } : {}),
        ...(l.withdrawn ? { withdrawn: true } : {}),
        ...(notes !== undefined ? { notes } : {}),
      };
    }),
  };
}

function canonicalMark(m: string | number | null | undefined): string | number | null {
  if (m === null || m === undefined) return null;
  if (typeof m === "number") return m;
  const t = m.trim();
  if (t === "") return null;
  const n = Number(t);
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) && Number.isFinite(n) ? n : m;
}

function canonicalCriterion(v: string): string {
  const t = v.trim().toUpperCase();
  return t === "P" || t === "R" ? t : v;
}
