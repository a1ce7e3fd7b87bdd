/**
 * Mark sheets at a glance (issue 12): the result beside the marks, the QA block after it; who fills each column
 * in, told by its fill; the criterion's wording while a cell is selected; and print-outs that say which centre,
 * cohort, tab, unit and rule they are, repeat the identity columns and the header row, and keep text readable.
 * Pinned in the plan and in the .xlsx the writer makes (the Office.js adapter's side is in test/excel).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import type { Cell, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { PRINTABLE_WIDTH_POINTS, columnPoints, headerText, pagesWide } from "../../src/workbook/print";
import { SHADES, SHADE_MEANING } from "../../src/workbook/styles";
import { PROMPT_LIMIT, PROMPT_TITLE_LIMIT, clip, oneOf, withPrompt } from "../../src/workbook/validations";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { partText, sheetPart } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const sample = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;

function planOf(request: Parameters<typeof generate>[0]): WorkbookPlan {
  const g = generate(request);
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return g.value.plan;
}
const sheet = (plan: WorkbookPlan, assessment: string) =>
  plan.sheets.find((s) => s.assessment === assessment) as SheetPlan;
const headers = (s: SheetPlan) => s.table.columns.map((c) => c.header);

const IQA = ["Disagreement", "IQA sample", "IQA decision", "IQA action", "Action due", "Action closed"];
const TAIL = [
  ...IQA,
  "Strengths",
  "Areas for improvement",
  "Assessor",
  "Date submitted",
  "Date assessed",
  "IQA name",
  "Date of IQA check",
  "Date externally verified",
  "Standardisation opt-out",
];

describe("a mark sheet's columns", () => {
  const plan = planOf({ what: "w", file: sample });

  it("are identity, the assessor's marks, Total, Outcome, Referred sections, Attempt, the QA block, the IQA's, then the rest", () => {
    expect(headers(sheet(plan, "D5.01"))).toEqual([
      "Registration No",
      "Learner",
      "Status",
      "Context /4 (min 2)",
      "Best practice /40 (min 20)",
      "Barriers /16 (min 8)",
      "Business case /40 (min 20)",
      "Total",
      "Outcome",
      "Referred sections",
      "Attempt",
      "QA Context /4",
      "QA Best practice /40",
      "QA Barriers /16",
      "QA Business case /40",
      "QA Total",
      "QA Outcome",
      ...TAIL,
    ]);
    const criteria = headers(sheet(plan, "8580-503"));
    const ids = ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"];
    expect(criteria).toEqual([
      "Registration No",
      "Learner",
      "Status",
      ...ids.map((id) => `${id} P/R`),
      "Outcome",
      "Referred sections",
      "Attempt",
      ...ids.map((id) => `QA ${id} P/R`),
      "QA Outcome",
      ...TAIL,
    ]);
  });

  it("are filled by who fills them in: the assessor, the IQA, or ilm; identity columns have no fill", () => {
    const shades = Object.fromEntries(sheet(plan, "D5.01").table.columns.map((c) => [c.header, c.shade]));
    expect(shades).toMatchObject({
      "Registration No": undefined,
      Learner: undefined,
      Status: undefined,
      "Context /4 (min 2)": "entry",
      Total: "ilm",
      Outcome: "ilm",
      "Referred sections": "ilm",
      "QA Context /4": "qa",
      "QA Total": "ilm",
      "QA Outcome": "ilm",
      Strengths: "entry",
      Assessor: "entry",
      "IQA name": "qa",
      "Date of IQA check": "qa",
      "Standardisation opt-out": "entry",
    });
  });

  it("give Standardisation opt-out room for its longest word", () => {
    const optOut = sheet(plan, "D5.01").table.columns.find((c) => c.header === "Standardisation opt-out");
    expect(Math.floor((optOut?.width ?? 0) * 0.9)).toBeGreaterThanOrEqual("Standardisation".length);
  });

  it("show a criterion's wording from the catalogue while one of its cells is selected", () => {
    const c = sheet(plan, "8580-500").table.columns.find((x) => x.header === "1.1 P/R");
    expect(c?.validation?.prompt).toEqual({
      title: "1.1: P (pass) or R (refer)",
      message:
        "Define coaching and mentoring within an organisation; explain their similarities and differences",
    });
    const qa = sheet(plan, "8580-500").table.columns.find((x) => x.header === "QA 1.1 P/R");
    expect(qa?.validation?.prompt?.message).toBe(c?.validation?.prompt?.message);
  });

  it("keep a long wording within Excel's limits, cut at a word with an ellipsis", () => {
    const long = `${"Critically evaluate the impact of coaching ".repeat(10)}end`;
    const v = withPrompt(
      oneOf(["P", "R"], "P or R."),
      "1.1: a title far longer than Excel allows here",
      long,
    );
    expect(v.prompt?.title.length).toBeLessThanOrEqual(PROMPT_TITLE_LIMIT);
    expect(v.prompt?.message.length).toBeLessThanOrEqual(PROMPT_LIMIT);
    expect(v.prompt?.message.endsWith("\u2026")).toBe(true);
    expect(long.startsWith((v.prompt?.message ?? "").slice(0, -1))).toBe(true);
    expect((v.prompt?.message ?? "").slice(0, -1)).toMatch(/[a-z]$/);
    expect(clip("short", 255)).toBe("short");
  });
});

describe("a mark sheet's colour key", () => {
  it("sits one row below the table and says, in the three fills, who fills each kind of column in", () => {
    const s = sheet(planOf({ what: "w", file: sample }), "D5.01");
    const key = s.moreTables?.[0];
    expect(key?.name).toBe(`${s.table.name}_Key`);
    expect(key?.origin).toEqual({ row: s.table.rows.length + 2, column: 0 });
    expect(key?.columns.map((c) => [c.header, c.shade, c.role])).toEqual([
      [SHADE_MEANING.entry, "entry", "identity"],
      [SHADE_MEANING.qa, "qa", "identity"],
      [SHADE_MEANING.ilm, "ilm", "identity"],
    ]);
    // Every fill the table's columns wear is explained in the key.
    const worn = new Set(s.table.columns.flatMap((c) => (c.shade ? [c.shade] : [])));
    expect([...worn].every((shade) => key?.columns.some((c) => c.shade === shade))).toBe(true);
  });

  it("moves down as learners are added, and is written in the .xlsx as a table of its own", async () => {
    const small = planOf({ what: "w", file: { ...sample, learners: sample.learners.slice(0, 2) } });
    const large = planOf({ what: "w", file: sample });
    const rowOf = (p: WorkbookPlan) => sheet(p, "D5.01").moreTables?.[0]?.origin?.row ?? -1;
    expect(rowOf(large)).toBeGreaterThan(rowOf(small));
    const contents = await readXlsxContents(await writeXlsx(large));
    const key = contents.tables.find((t) => t.name === "MS_D5_01_Key");
    expect(key).toMatchObject({
      sheet: "D5.01 Assignment",
      area: { row: rowOf(large), column: 0, rows: 2, columns: 3 },
    });
  });
});

describe("a mark sheet's print-out", () => {
  it("is as many pages wide as keeps the text at 85% or more, whatever the columns", () => {
    const columns = (widths: number[]) =>
      widths.map((width, i) => ({ key: `k${i}`, header: "", role: "entry" as const, width }));
    expect(pagesWide(columns([16, 24, 12]), 2)).toBe(1);
    const wide = columns([16, 24, ...Array<number>(40).fill(12)]);
    const n = pagesWide(wide, 2);
    const titles = columnPoints(16) + columnPoints(24);
    const rest = 40 * columnPoints(12);
    // Every page repeats the titles: n pages hold the rest at 85% with room to break between whole columns.
    expect(n * (PRINTABLE_WIDTH_POINTS / 0.85 - titles)).toBeGreaterThanOrEqual(rest);
    expect((n - 1) * (PRINTABLE_WIDTH_POINTS / 0.85 - titles)).toBeLessThan(rest);
  });

  it("says the centre, cohort, tab, units and rule, page X of Y and the date, with a person's & escaped", async () => {
    const cohort: Cohort = {
      ...sample,
      centre: { number: "123456", name: "Smith & Jones <Training>" },
      cohort: "2026 & 27",
    };
    const plan = planOf({ what: "w", file: cohort });
    const bytes = await writeXlsx(plan);
    const xml = partText(bytes, sheetPart(bytes, "D5.02+D5.03 Diary"));
    const s = sheet(plan, "D5.02+D5.03");
    expect(xml).toContain(
      "<headerFooter><oddHeader>&amp;LCentre: 123456 Smith &amp;&amp; Jones &lt;Training&gt;&amp;C&amp;B&amp;A&amp;B&amp;RCohort: 2026 &amp;&amp; 27</oddHeader>" +
        "<oddFooter>&amp;LUnits D5.02 &amp;&amp; D5.03. PASS: total 50+ and every section at its minimum; otherwise REFERRAL" +
        "&amp;RPage &amp;P of &amp;N, printed &amp;D</oddFooter></headerFooter>",
    );
    expect(xml).toContain(`fitToWidth="${s.print.pagesWide}" fitToHeight="0"`);
    expect(s.print.pagesWide).toBeGreaterThan(1);
    expect(partText(bytes, "xl/workbook.xml")).toContain(
      "'D5.02+D5.03 Diary'!$A:$B,'D5.02+D5.03 Diary'!$1:$1</definedName>",
    );
    expect(headerText("A & B", 50)).toBe("A && B");
    expect(headerText("x".repeat(80), 50)).toHaveLength(50);
  });
});

describe("a mark sheet's cells in the .xlsx", () => {
  it("carry the fills of styles.ts, and the criterion's wording as the input message", async () => {
    const plan = planOf({ what: "w", file: sample });
    const bytes = await writeXlsx(plan);
    const styles = partText(bytes, "xl/styles.xml");
    const fills = [...styles.matchAll(/<fill>(.*?)<\/fill>/g)].map((m) => m[1] ?? "");
    const xfs = [
      ...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*fillId="(\d+)"/g),
    ].map((m) => Number(m[1]));
    const xml = partText(bytes, sheetPart(bytes, "D5.01 Assignment"));
    const fillAt = (ref: string) => {
      const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)?.[1]);
      return /rgb="FF([0-9A-F]{6})"/.exec(fills[xfs[s] as number] ?? "")?.[1];
    };
    // D: Context (assessor), H: Total and K: Attempt (ilm), L: QA Context (IQA), B: Learner (none).
    expect(fillAt("D2")).toBe(SHADES.entry.fill);
    expect(fillAt("H2")).toBe(SHADES.ilm.fill);
    expect(fillAt("K2")).toBe(SHADES.ilm.fill);
    expect(fillAt("L2")).toBe(SHADES.qa.fill);
    expect(fillAt("B2")).toBeUndefined();
    // The fill ends with the table: the sheet column's own style (for cells below it) has none.
    const colStyle = Number(/<col min="4" max="4"[^>]*style="(\d+)"/.exec(xml)?.[1]);
    expect(Number.isInteger(colStyle)).toBe(true);
    expect(xfs[colStyle]).toBe(0);

    const criteria = partText(bytes, sheetPart(bytes, "8580-500 Assignment 1"));
    expect(criteria).toContain(
      'promptTitle="1.2: P (pass) or R (refer)" prompt="Identify barriers to coaching or mentoring and strategies to overcome them"',
    );
  });

  it("in the old column order regenerate in that order, every entry in its place", async () => {
    const plan = planOf({ what: "w", file: sample });
    // The order before issue 12: identity, Assessor and dates, marks, QA marks, results, then the rest.
    const old = [
      "Registration No",
      "Learner",
      "Status",
      "Assessor",
      "Date submitted",
      "Date assessed",
      "Date of IQA check",
      "Context /4 (min 2)",
      "Best practice /40 (min 20)",
      "Barriers /16 (min 8)",
      "Business case /40 (min 20)",
      "QA Context /4",
      "QA Best practice /40",
      "QA Barriers /16",
      "QA Business case /40",
      "Total",
      "Outcome",
      "Referred sections",
      "QA Total",
      "QA Outcome",
      "Strengths",
      "Areas for improvement",
      "IQA name",
      "Date externally verified",
      "Standardisation opt-out",
      // Columns a later version added go at the end of a workbook made before them.
      "Attempt",
      ...IQA,
    ];
    const reorder = (s: SheetPlan): SheetPlan => {
      const at = old.map((h) => s.table.columns.findIndex((c) => c.header === h));
      expect(at).not.toContain(-1);
      const literal = (c: Cell) => (c !== null && c.t === "formula" ? null : c);
      return {
        ...s,
        table: {
          ...s.table,
          // Formulas left out: regeneration writes its own for the old layout.
          columns: at.map((i) => s.table.columns[i] as SheetPlan["table"]["columns"][number]),
          rows: s.table.rows.map((r) => at.map((i) => literal(r[i] ?? null))),
        },
      };
    };
    const before = { ...plan, sheets: plan.sheets.map((s) => (s.assessment === "D5.01" ? reorder(s) : s)) };
    // The column map in the settings must match the table as the older version wrote it.
    const written = await writeXlsx(before);
    const contents = await readXlsxContents(written);
    const again = generate({ what: "w", contents });
    if (!again.ok) throw new Error(JSON.stringify(again.problems.slice(0, 3)));
    const after = sheet(again.value.plan, "D5.01");
    expect(headers(after)).toEqual(old);
    const was = sheet(before, "D5.01");
    const entries = was.table.columns.flatMap((c, i) => (c.role === "entry" ? [i] : []));
    expect(entries.length).toBeGreaterThan(10);
    expect(after.table.keys).toEqual(was.table.keys);
    for (const [r, row] of was.table.rows.entries())
      for (const i of entries) expect(after.table.rows[r]?.[i] ?? null).toEqual(row[i] ?? null);
  });
});

describe("wrapped text in the .xlsx", () => {
  it("gets the lines it needs, so it never prints over the next row; a one-line row keeps the default", async () => {
    const long = "Clear, well-evidenced reflections on each session with the coachee, ".repeat(3).trim();
    const cohort: Cohort = {
      ...sample,
      learners: sample.learners.map((l, i) =>
        i === 0
          ? {
              ...l,
              assessments: { ...l.assessments, "D5.01": { ...l.assessments?.["D5.01"], strengths: long } },
            }
          : l,
      ),
    };
    const plan = planOf({ what: "w", file: cohort });
    const bytes = await writeXlsx(plan);
    const xml = partText(bytes, sheetPart(bytes, "D5.01 Assignment"));
    const attrs = (r: number) => new RegExp(`<row r="${r}"([^>]*)>`).exec(xml)?.[1] ?? "";
    const s = sheet(plan, "D5.01");
    const row = s.table.keys.indexOf(sample.learners[0]?.registration as string) + 2;
    // 200 characters in a 40-wide column: at least 6 lines at 80% of a line, 15 pt each; not marked custom.
    expect(Number(/ht="([\d.]+)"/.exec(attrs(row))?.[1])).toBeGreaterThanOrEqual(6 * 15);
    expect(attrs(row)).not.toContain("customHeight");
    expect(attrs(row + 1)).not.toContain("ht=");
  });
});
