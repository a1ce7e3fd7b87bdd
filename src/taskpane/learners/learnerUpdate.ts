import type { AssessmentEntry, Learner } from "../../domain/cohort/schema";
import type { FieldChange } from "./importRows.types";

/**
 * A row about a learner already in the cohort, written over the stored learner. The row gives only what its cells
 * hold (a blank cell gives nothing), so every field, hour, mark or outcome the row does not give is kept: a
 * roster re-imported without marks never wipes the learner's assessments or unit outcomes.
 */
export function mergeLearner(stored: Learner, row: Learner): Learner {
  const merged: Learner = { ...stored };
  for (const key of ["name", "qualification", "assessor", "iqa", "email", "registered", "notes"] as const) {
    const value = row[key];
    if (value !== undefined && value !== null) merged[key] = value;
  }
  if (row.withdrawn !== undefined) merged.withdrawn = row.withdrawn;
  if (row.hours !== undefined) merged.hours = { ...stored.hours, ...row.hours };
  if (row.units !== undefined) merged.units = { ...stored.units, ...givenOnly(row.units) };
  if (row.assessments !== undefined) {
    const assessments = { ...stored.assessments };
    for (const [id, entry] of Object.entries(row.assessments)) {
      assessments[id] = mergeEntry(stored.assessments?.[id] ?? {}, entry);
    }
    merged.assessments = assessments;
  }
  return merged;
}

function mergeEntry(stored: AssessmentEntry, row: AssessmentEntry): AssessmentEntry {
  const merged: AssessmentEntry = { ...stored };
  for (const key of ["marks", "qaMarks"] as const) {
    const marks = row[key];
    if (marks === undefined) continue;
    const before = stored[key];
    merged[key] = marks.map((m, i) => (m === null ? (before?.[i] ?? null) : m));
  }
  for (const key of ["criteria", "qaCriteria"] as const) {
    const results = row[key];
    if (results !== undefined) merged[key] = { ...stored[key], ...givenOnly(results) };
  }
  return merged;
}

function givenOnly<T>(record: Readonly<Record<string, T | null>>): Record<string, T> {
  const given: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null) given[key] = value;
  return given;
}

/** What writing `after` over `before` changes, field by field, named as the columns are headed. */
export function learnerChanges(before: Learner, after: Learner): FieldChange[] {
  const was = shownValues(before);
  const changes: FieldChange[] = [];
  for (const [field, to] of shownValues(after)) {
    const from = was.get(field) ?? null;
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/** Every value a row can give, as the person would type it, keyed by its column's heading. */
function shownValues(learner: Learner): Map<string, string> {
  const shown = new Map<string, string>();
  const put = (field: string, value: string | number | boolean | null | undefined) => {
    if (value === undefined || value === null) return;
    shown.set(field, typeof value === "boolean" ? (value ? "yes" : "no") : String(value));
  };
  put("Name", learner.name);
  put("Qualification", learner.qualification);
  put("Assessor", learner.assessor);
  put("IQA", learner.iqa);
  put("Email", learner.email);
  put("Registered", learner.registered ? ukDate(learner.registered) : null);
  put("Induction hours", learner.hours?.induction);
  put("Tutorial hours", learner.hours?.tutorial);
  put("Coaching hours", learner.hours?.coaching);
  for (const [id, entry] of Object.entries(learner.assessments ?? {})) {
    entry.marks?.forEach((m, i) => put(`${id} S${i + 1}`, m));
    entry.qaMarks?.forEach((m, i) => put(`${id} QA S${i + 1}`, m));
    for (const [c, r] of Object.entries(entry.criteria ?? {})) put(`${id} ${c}`, r);
    for (const [c, r] of Object.entries(entry.qaCriteria ?? {})) put(`${id} QA ${c}`, r);
  }
  for (const [unit, outcome] of Object.entries(learner.units ?? {})) put(unit, outcome);
  put("Withdrawn", learner.withdrawn);
  put("Notes", learner.notes);
  return shown;
}

/** 2026-01-12 as 12/01/2026, the way dates are typed in a UK spreadsheet. */
function ukDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3] as string}/${m[2] as string}/${m[1] as string}` : iso;
}

/** The cohort's learners after an import: rows that update a learner written over it in place, new ones after. */
export function applyImport(
  learners: readonly Learner[],
  added: readonly Learner[],
  updated: readonly Learner[],
): Learner[] {
  const rows = new Map(updated.map((l) => [l.registration, l]));
  const kept = learners.map((l) => {
    const row = rows.get(l.registration);
    return row === undefined ? l : mergeLearner(l, row);
  });
  return [...kept, ...added];
}
