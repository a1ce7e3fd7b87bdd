/**
 * The Dashboard's figures read back from a workbook's cells (after a spreadsheet recalculated them), in the shape
 * of the engine's summary, so a test can compare the two whole. Read by table name and header text, as a person
 * reads them; nothing here knows how the formulas are written.
 */
import type { CohortSummary } from "../../src/domain/engine/summary.types";
import type { Value, WorkbookContents } from "../../src/workbook/contents";
import { cellAt, valueOf } from "../../src/workbook/contents";

type Row = Record<string, Value>;

function table(contents: WorkbookContents, name: string): Row[] {
  const t = contents.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  const sheet = contents.sheets.find((s) => s.name === t.sheet);
  if (!sheet) throw new Error(`no sheet ${t.sheet}`);
  const headers = Array.from({ length: t.area.columns }, (_, c) =>
    String(valueOf(cellAt(sheet, t.area.row, t.area.column + c)) ?? ""),
  );
  const rows: Row[] = [];
  for (let r = 1; r < t.area.rows; r++) {
    const row: Row = {};
    headers.forEach((h, c) => (row[h] = valueOf(cellAt(sheet, t.area.row + r, t.area.column + c))));
    if (Object.values(row).every((v) => v === null || v === "")) continue;
    rows.push(row);
  }
  return rows;
}

const num = (v: Value) => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number(v ?? NaN));
const rate = (v: Value) => (v === null || v === "" ? null : num(v));
const text = (v: Value) => (v === null ? "" : String(v));

/** The figures the Dashboard shows, as a CohortSummary (asOf as the caller says). */
export function dashboardFigures(contents: WorkbookContents, asOf: string): CohortSummary {
  const headline = new Map(
    table(contents, "Dash_Headline").map((r) => [text(r.Headline ?? null), num(r.Value ?? null)]),
  );
  const h = (label: string) => {
    const v = headline.get(label);
    if (v === undefined) throw new Error(`no headline ${label}`);
    return v;
  };
  return {
    asOf,
    headline: {
      learners: h("Learners"),
      withdrawn: h("Withdrawn"),
      achieved: h("Achieved"),
      readyToClaim: h("Ready to claim"),
      referralsOutstanding: h("Referrals outstanding"),
      notYetMarked: h("Not yet marked"),
      pastDeadline: h("Past deadline"),
      dueWithin90Days: h("Due within 90 days"),
    },
    byQualification: table(contents, "Dash_Qualifications").map((r) => ({
      qualification: text(r.Qualification ?? null),
      title: text(r.Title ?? null),
      learners: num(r.Learners ?? null),
      achieved: num(r.Achieved ?? null),
      readyToClaim: num(r["Ready to claim"] ?? null),
      pastDeadline: num(r["Past deadline"] ?? null),
      dueWithin90Days: num(r["Due within 90 days"] ?? null),
      achievementRate: rate(r["Achievement rate"] ?? null),
    })),
    byAssessment: table(contents, "Dash_Assessments").map((r) => ({
      assessment: text(r.Assessment ?? null),
      learners: num(r.Learners ?? null),
      pass: num(r.PASS ?? null),
      referral: num(r.REFERRAL ?? null),
      incomplete: num(r.Incomplete ?? null),
      invalid: num(r.INVALID ?? null),
      qaSampled: num(r["QA sampled"] ?? null),
      qaDisagrees: num(r["QA disagrees"] ?? null),
      passRate: rate(r["Pass rate"] ?? null),
    })),
    bySection: table(contents, "Dash_Sections").map((r) => ({
      assessment: text(r.Assessment ?? null),
      section: text(r.Section ?? null),
      marked: num(r.Marked ?? null),
      meanMark: rate(r["Mean mark"] ?? null),
      belowMinimum: num(r["Below minimum"] ?? null),
    })),
    byCriterion: table(contents, "Dash_Criteria").map((r) => ({
      assessment: text(r.Assessment ?? null),
      criterion: text(r.Criterion ?? null),
      marked: num(r.Marked ?? null),
      referred: num(r.Referred ?? null),
    })),
    byUnit: table(contents, "Dash_Units").map((r) => ({
      unit: text(r.Unit ?? null),
      pass: num(r.PASS ?? null),
      referral: num(r.REFERRAL ?? null),
      pending: num(r.Pending ?? null),
    })),
    byAssessor: table(contents, "Dash_Assessors").map((r) => ({
      assessor: text(r.Assessor ?? null),
      learners: num(r.Learners ?? null),
      decisions: num(r.Decisions ?? null),
      pass: num(r.PASS ?? null),
      referral: num(r.REFERRAL ?? null),
      qaSampled: num(r["QA sampled"] ?? null),
      qaDisagrees: num(r["QA disagrees"] ?? null),
    })),
  };
}

/** Rates and means rounded, so a spreadsheet's floating point and the engine's compare. */
export function rounded(s: CohortSummary): CohortSummary {
  const r = (v: number | null) => (v === null ? null : Math.round(v * 1e9) / 1e9);
  return {
    ...s,
    byQualification: s.byQualification.map((q) => ({ ...q, achievementRate: r(q.achievementRate) })),
    byAssessment: s.byAssessment.map((a) => ({ ...a, passRate: r(a.passRate) })),
    bySection: s.bySection.map((x) => ({ ...x, meanMark: r(x.meanMark) })),
  };
}
