/**
 * The Feedback tab's layout, formulas and cached values, and what a regeneration does with it: the two choices are
 * kept, the values follow them, and cells a person typed where its tables grow are refused.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import type { Cohort, Learner } from "../../src/domain";
import { CHOICE_MESSAGES, FEEDBACK_TABLES, feedbackWithValues } from "../../src/workbook/feedback-tab";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { Cell, SheetPlan, TablePlan, WorkbookPlan } from "../../src/workbook/plan";

const ROOT = path.join(__dirname, "..", "..");
const sample = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;

function plan(cohort: Cohort, mode: "portable" | "ilm" = "portable", contents?: MemoryWorkbook) {
  const g = generate({
    what: "w",
    mode,
    ...(cohort.learners.length > 0 ? { file: cohort } : {}),
    ...(contents ? { contents: contents.contents() } : {}),
  });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return g.value;
}
const feedbackOf = (p: WorkbookPlan) => p.sheets.find((s) => s.kind === "feedback") as SheetPlan;
const tablesOf = (s: SheetPlan): TablePlan[] => [s.table, ...(s.moreTables ?? [])];
const tableOf = (s: SheetPlan, name: string) => tablesOf(s).find((t) => t.name === name) as TablePlan;
const shown = (c: Cell | undefined) =>
  c === null || c === undefined ? null : c.t === "formula" ? (c.v ?? "(no value)") : c.v;
const column = (t: TablePlan, c: number) => t.rows.map((r) => shown(r[c]));

describe("the Feedback tab", () => {
  const g = plan(sample);
  const tab = feedbackOf(g.plan);

  it("is a visible, protected tab after the mark sheets: six tables one under another, in the mark sheet's order", () => {
    expect(g.plan.sheets.map((s) => s.kind).slice(-4)).toEqual(["feedback", "iqaplan", "log", "state"]);
    expect(tab.name).toBe("Feedback");
    expect(tab.visibility).toBe("visible");
    expect(tab.protection.protect).toBe(true);
    expect(tablesOf(tab).map((t) => [t.name, t.origin?.row, t.columns.map((c) => c.header)])).toEqual([
      [FEEDBACK_TABLES.choice, 0, ["Registration No", "Learner", "Assessment", "Row"]],
      [FEEDBACK_TABLES.details, 3, ["Mark sheet", "Details"]],
      [
        FEEDBACK_TABLES.marks,
        12,
        ["No.", "Section or criterion", "Max", "Min", "Assr mark", "QA mark", "Referred"],
      ],
      [FEEDBACK_TABLES.result, 26, ["Result", "Assessor", "QA"]],
      [FEEDBACK_TABLES.comments, 31, ["Comments", "Text"]],
      [FEEDBACK_TABLES.signOff, 35, ["Sign-off", "Name", "Date"]],
    ]);
    expect(column(tableOf(tab, FEEDBACK_TABLES.details), 0)).toEqual([
      "Centre",
      "Cohort",
      "Qualification",
      "Assessment",
      "Units",
      "Date submitted",
      "Rule",
    ]);
    expect(column(tableOf(tab, FEEDBACK_TABLES.result), 0)).toEqual(["Total", "Outcome", "Section referral"]);
    expect(column(tableOf(tab, FEEDBACK_TABLES.signOff), 0)).toEqual([
      "Assessor",
      "IQA",
      "External verifier signature",
      "Standardisation opt-out",
    ]);
  });

  it("has as many section or criterion rows as the workbook's longest mark scheme (8580-500: 12 criteria)", () => {
    expect(tableOf(tab, FEEDBACK_TABLES.marks).rows).toHaveLength(12);
  });

  it("prints portrait on one page (A4 is written by the adapters), with nothing frozen", () => {
    expect(tab.print).toEqual({ landscape: false, fitToWidth: true, repeatHeaderRow: false, onePage: true });
    expect(tab.freeze).toEqual({ rows: 0, columns: 0 });
  });

  it("offers the Learners tab's registration numbers and the Dashboard's assessments as drop-downs; only the two choices are entries", () => {
    const choice = tableOf(tab, FEEDBACK_TABLES.choice);
    expect(choice.columns.map((c) => c.role)).toEqual(["entry", "formula", "entry", "formula"]);
    expect(choice.columns[0]?.validation).toMatchObject({ type: "listFrom", range: "'Learners'!$A$2:$A$13" });
    const dash = g.plan.sheets.find((s) => s.kind === "dashboard") as SheetPlan;
    const assessments = tableOf(dash, "Dash_Assessments");
    const first = (assessments.origin?.row ?? 0) + 2;
    expect(choice.columns[2]?.validation).toMatchObject({
      type: "listFrom",
      range: `'Dashboard'!$A$${first}:$A$${first + assessments.rows.length - 1}`,
    });
    for (const t of tablesOf(tab).slice(1)) expect(t.columns.every((c) => c.role !== "entry")).toBe(true);
  });

  it("uses only functions every host computes, and every MATCH is exact and checked by an equality", () => {
    const formulas = tablesOf(tab).flatMap((t) =>
      t.rows.flatMap((r) => r.flatMap((c) => (c?.t === "formula" ? [c.f] : []))),
    );
    expect(formulas.length).toBeGreaterThan(80);
    for (const f of formulas) {
      expect(f).not.toMatch(/TEXTJOIN|FILTER|XLOOKUP|XMATCH|MAXIFS|MINIFS|UNIQUE|SORT|LET\(|LAMBDA|ILM\./);
      // Exact matches only; a row found counts when the cell found equals the choice ("=" has no wildcards),
      // directly or through the Row cell ($D$2), which holds a number only when both choices were found so.
      expect(f.split("MATCH(").length).toBeLessThanOrEqual(f.split(",0)").length);
      if (f.includes("MATCH(") && !f.startsWith("IF(ISNUMBER($D$2),"))
        for (const m of f.matchAll(/MATCH\(([^,]+),/g)) expect(f).toContain(`=${m[1]}`);
    }
    const row = tableOf(tab, FEEDBACK_TABLES.choice).rows[0]?.[3];
    expect(row?.t === "formula" && row.f).toMatch(
      /^IF\(AND\(AND\(\$A\$2<>"",IFERROR\(INDEX\(.*?\)=\$A\$2,FALSE\)\),AND\(\$C\$2<>"",IFERROR\(INDEX\(.*?\)=\$C\$2,FALSE\)\)\)/,
    );
  });

  it("is the same in both formula modes", () => {
    const ilm = feedbackOf(plan(sample, "ilm").plan);
    expect(JSON.stringify(tablesOf(ilm))).toBe(JSON.stringify(tablesOf(tab)));
  });

  it("shows the first learner and the first assessment they have a row on, with the values the cells compute", () => {
    const choice = tableOf(tab, FEEDBACK_TABLES.choice);
    expect(choice.rows[0]?.map(shown)).toEqual(["NF-001", "Asha Patel", "D5.01", 2]);
    const details = tableOf(tab, FEEDBACK_TABLES.details);
    expect(column(details, 1).slice(0, 5)).toEqual([
      `${sample.centre.number} ${sample.centre.name}`,
      sample.cohort,
      "500/3564/2: ILM Level 5 Certificate in Coaching and Mentoring in Management (QCF)",
      expect.stringMatching(/^D5\.01 /),
      "D5.01",
    ]);
    const marks = tableOf(tab, FEEDBACK_TABLES.marks);
    expect(
      marks.rows.slice(0, 5).map((r) => [shown(r[0]), shown(r[2]), shown(r[3]), shown(r[4]), shown(r[5])]),
    ).toEqual([
      ["1", 4, 2, 3, 3],
      ["2", 40, 20, 24, 22],
      ["3", 16, 8, 9, 9],
      ["4", 40, 20, 21, 21],
      ["", "", "", "", ""],
    ]);
    expect(tableOf(tab, FEEDBACK_TABLES.result).rows.map((r) => r.map(shown))).toEqual([
      ["Total", 57, 55],
      ["Outcome", "PASS", "PASS"],
      ["Section referral", "", null],
    ]);
  });

  it("shows a plain message, and nothing else, for a choice that is not usable", () => {
    const cases: [string, string, string][] = [
      ["", "D5.01", CHOICE_MESSAGES.noLearner],
      ["NF-0*", "D5.01", CHOICE_MESSAGES.unknownLearner],
      ["NF-001", "", CHOICE_MESSAGES.noAssessment],
      ["NF-001", "D5.0?", CHOICE_MESSAGES.unknownAssessment],
      ["NF-004", "D5.01", CHOICE_MESSAGES.noRow],
    ];
    for (const [registration, assessment, message] of cases) {
      const row = [...(tab.table.rows[0] ?? [])];
      row[0] = registration === "" ? null : { t: "text", v: registration };
      row[2] = assessment === "" ? null : { t: "text", v: assessment };
      const valued = feedbackWithValues(
        { ...tab, table: { ...tab.table, rows: [row] } },
        g.plan,
        g.catalogue,
      );
      expect(valued.table.rows[0]?.map(shown)).toEqual([
        registration || null,
        message,
        assessment || null,
        "",
      ]);
      const rest = tablesOf(valued)
        .slice(1)
        .flatMap((t) =>
          t.rows.flatMap((r) =>
            r
              .slice(1)
              .filter((c) => c?.t === "formula")
              .map(shown),
          ),
        );
      expect(new Set(rest)).toEqual(new Set([""]));
    }
  });
});

describe("regenerating the Feedback tab", () => {
  it("keeps the two choices a person made, and the values follow them", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan(sample).plan);
    wb.type("Feedback", "A2", "NF-003");
    const again = plan({ ...sample, learners: [] }, "portable", wb);
    const choice = tableOf(feedbackOf(again.plan), FEEDBACK_TABLES.choice);
    expect(choice.rows[0]?.map(shown)).toEqual(["NF-003", "Siobhan O'Neill", "D5.01", 4]);
    const result = tableOf(feedbackOf(again.plan), FEEDBACK_TABLES.result);
    expect(result.rows[1]?.map(shown)).toEqual(["Outcome", "REFERRAL", ""]);
    expect(result.rows[2]?.map(shown)).toEqual(["Section referral", "Barriers", null]);
  });

  it("refuses a column a person added inside one of its tables, rather than lose it", () => {
    const wb = new MemoryWorkbook();
    wb.apply(plan(sample).plan);
    wb.type("Feedback", `${String.fromCharCode(65 + wb.addColumn("Feedback", "My notes"))}2`, "kept?");
    const g = generate({ what: "w", contents: wb.contents() });
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.problems[0]?.code).toBe("feedback-column");
    expect(g.problems[0]?.message).toMatch(
      /Feedback tab's table Feedback_Choice has a column ilm did not write \("My notes"\)/,
    );
  });

  it("refuses, naming the cells, when a table would grow over what a person typed; a note beside the tables is kept", () => {
    const onlyD501: Cohort = {
      ...sample,
      learners: sample.learners.filter((l) => l.qualification === "500/3564/2"),
    };
    const wb = new MemoryWorkbook();
    wb.apply(plan(onlyD501).plan);
    wb.type("Feedback", "J5", "my note");
    const marksEnd = tableOf(feedbackOf(plan(onlyD501).plan), FEEDBACK_TABLES.marks);
    const gap = (marksEnd.origin?.row ?? 0) + marksEnd.rows.length + 2; // the blank row under the Marks table
    wb.type("Feedback", `B${gap}`, "typed here");
    const withCriteria: Learner[] = sample.learners.filter((l) => l.qualification === "600/5791/9");
    const g = generate({
      what: "w",
      contents: wb.contents(),
      file: { ...onlyD501, learners: [...onlyD501.learners, ...withCriteria] },
    });
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.problems[0]?.message).toMatch(new RegExp(`Feedback tab's tables need the cells B${gap}\\b`));
    wb.type("Feedback", `B${gap}`, null);
    const g2 = generate({
      what: "w",
      contents: wb.contents(),
      file: { ...onlyD501, learners: [...onlyD501.learners, ...withCriteria] },
    });
    expect(g2.ok).toBe(true);
    if (!g2.ok) return;
    wb.apply(g2.value.plan);
    expect(wb.cell("Feedback", "J5")).toEqual({ t: "text", v: "my note" });
  });
});
