import type { Catalogue, Cohort, Outcome } from "../../src/domain";
import { NOT_APPLICABLE, evaluateLearner, parseIsoDate, toSerial } from "../../src/domain";
import { HEADERS, LEARNERS_SHEET } from "../../src/workbook/layout";
import type { WorkbookPlan } from "../../src/workbook/plan";

export type Value = string | number | boolean | null;

/** How an outcome shows on a mark sheet: INCOMPLETE as a blank cell (as ILM.RESULT gives ""). */
export function outcomeCell(outcome: Outcome | undefined): string {
  return outcome === undefined || outcome === "INCOMPLETE" ? "" : outcome;
}

/** Blank, "" and null are the same to a reader; TRUE/1 and FALSE/0 too (LibreOffice's booleans are numbers). */
function same(expected: Value, actual: Value): boolean {
  const norm = (v: Value) => (v === null ? "" : typeof v === "boolean" ? (v ? 1 : 0) : v);
  const e = norm(expected);
  const a = norm(actual);
  return typeof e === "number" && typeof a === "number" ? Math.abs(e - a) < 1e-9 : e === a;
}

export interface Mismatch {
  readonly sheet: string;
  readonly registration: string;
  readonly column: string;
  readonly expected: Value;
  readonly actual: Value;
}

export interface Comparison {
  readonly checked: number;
  readonly mismatches: Mismatch[];
  /** How many cells of each outcome were compared, to show the cohort covered what it should. */
  readonly outcomes: Record<string, number>;
}

/**
 * Compares every Outcome, Referred sections/criteria, QA Outcome, Credits, Achieved, Deadline, Ready to claim,
 * Needs (Portable formulas), Qualification title and unit cell of a computed workbook (`grid(sheet)`: rows of values, headers first) with the rules engine.
 */
export function compareWithEngine(
  plan: WorkbookPlan,
  cohort: Cohort,
  catalogue: Catalogue,
  grid: (sheet: string) => Value[][] | undefined,
): Comparison {
  const mismatches: Mismatch[] = [];
  const outcomes: Record<string, number> = {};
  let checked = 0;
  const check = (sheet: string, registration: string, column: string, expected: Value, actual: Value) => {
    checked++;
    if (!same(expected, actual)) mismatches.push({ sheet, registration, column, expected, actual });
  };
  const index = (rows: Value[][]) => {
    const headers = (rows[0] ?? []).map((h) => String(h ?? ""));
    const byReg = new Map<string, Value[]>();
    for (const r of rows.slice(1)) if (r[0] !== null && r[0] !== undefined) byReg.set(String(r[0]), r);
    return { col: (h: string) => headers.indexOf(h), byReg };
  };

  const learners = grid(LEARNERS_SHEET);
  if (!learners) throw new Error("no Learners sheet");
  const L = index(learners);
  const marksheets = plan.sheets.filter((s) => s.kind === "marksheet");
  for (const learner of cohort.learners) {
    const e = evaluateLearner(catalogue, learner);
    const row = L.byReg.get(learner.registration);
    if (!row) {
      mismatches.push({
        sheet: LEARNERS_SHEET,
        registration: learner.registration,
        column: "(row)",
        expected: "row",
        actual: null,
      });
      continue;
    }
    const at = (h: string) => {
      const c = L.col(h);
      if (c < 0) throw new Error(`no column ${h} on ${LEARNERS_SHEET}`);
      return row[c] ?? null;
    };
    check(LEARNERS_SHEET, learner.registration, HEADERS.credits, e.credits, at(HEADERS.credits));
    check(LEARNERS_SHEET, learner.registration, HEADERS.achieved, e.achieved, at(HEADERS.achieved));
    check(LEARNERS_SHEET, learner.registration, HEADERS.ready, e.readyToClaim, at(HEADERS.ready));
    // Needs says why the learner is not ready to claim, in the engine's words (Portable formulas).
    if (plan.mode === "portable")
      check(LEARNERS_SHEET, learner.registration, HEADERS.needs, e.needs, at(HEADERS.needs));
    const q = catalogue.qualifications.get(e.qualification);
    check(
      LEARNERS_SHEET,
      learner.registration,
      HEADERS.qualificationTitle,
      q?.title ?? "",
      at(HEADERS.qualificationTitle),
    );
    // Every unit column outside the learner's qualification says n/a; those inside show PASS, REFERRAL or "".
    for (const [c, header] of learners[0]?.entries() ?? []) {
      const unit = String(header ?? "");
      if (!catalogue.units.has(unit)) continue;
      const outcome = e.units[unit];
      const expected = !q?.units.includes(unit)
        ? NOT_APPLICABLE
        : outcome === "PASS" || outcome === "REFERRAL"
          ? outcome
          : "";
      check(LEARNERS_SHEET, learner.registration, unit, expected, row[c] ?? null);
    }
    const d = e.deadline ? parseIsoDate(e.deadline) : null;
    check(
      LEARNERS_SHEET,
      learner.registration,
      HEADERS.deadline,
      d ? toSerial(d) : null,
      at(HEADERS.deadline),
    );

    for (const sheet of marksheets) {
      const a = catalogue.assessments.get(sheet.assessment as string);
      if (!a) throw new Error(`no assessment ${sheet.assessment}`);
      if (
        !e.qualification ||
        !a.units.some((u) => (catalogue.qualifications.get(e.qualification)?.units ?? []).includes(u))
      )
        continue;
      const rows = grid(sheet.name);
      if (!rows) throw new Error(`no sheet ${sheet.name}`);
      const S = index(rows);
      const r = S.byReg.get(learner.registration);
      if (!r) {
        mismatches.push({
          sheet: sheet.name,
          registration: learner.registration,
          column: "(row)",
          expected: "row",
          actual: null,
        });
        continue;
      }
      const ev = e.assessments[a.id];
      const referredHeader = HEADERS.referredSections;
      const referred =
        a.kind === "sectioned"
          ? (ev?.referredSections ?? []).map((n) => a.sections[n - 1]?.short).join(", ")
          : (ev?.referredCriteria ?? []).join(", ");
      const outcome = outcomeCell(ev?.outcome);
      outcomes[ev?.outcome ?? "INCOMPLETE"] = (outcomes[ev?.outcome ?? "INCOMPLETE"] ?? 0) + 1;
      check(sheet.name, learner.registration, HEADERS.outcome, outcome, r[S.col(HEADERS.outcome)] ?? null);
      check(sheet.name, learner.registration, referredHeader, referred, r[S.col(referredHeader)] ?? null);
      check(
        sheet.name,
        learner.registration,
        HEADERS.qaOutcome,
        outcomeCell(ev?.qaOutcome),
        r[S.col(HEADERS.qaOutcome)] ?? null,
      );
    }
  }
  return { checked, mismatches, outcomes };
}
