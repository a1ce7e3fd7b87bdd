import { generate } from "../../src/app/generate";
import { HEADERS } from "../../src/workbook/layout";
import type { Cell, SheetPlan } from "../../src/workbook/plan";
import { CHUNK, chunkText } from "../../src/workbook/settings";
import { cohortOf, planFor } from "./helpers";

const d5 = {
  registration: "NF-001",
  name: "=SUM(A1:A9)",
  qualification: "500/3564/2",
  assessor: "+44 Hughes",
  assessments: { "D5.01": { marks: [3, 24, 9, 21], strengths: "@clear" } },
};
const l5 = { registration: "NF-002", name: "Ben Okafor", qualification: "600/5781/6" };
const l3 = {
  registration: "NF-003",
  name: "Cara Lee",
  qualification: "603/3738/2",
  units: { "8587-300": "PASS" as const },
};
const l7 = { registration: "NF-004", name: "Dev Rao", qualification: "L7-DIP-PECLM" };
const all = [d5, l5, l3, l7];

const plan = (mode: "ilm" | "portable" = "portable") => planFor(cohortOf(all), mode);
const headers = (s: SheetPlan | undefined) => s?.table.columns.map((c) => c.header) ?? [];
const formulas = (s: SheetPlan) =>
  s.table.rows.flatMap((r) =>
    r.filter((c): c is Extract<Cell, { t: "formula" }> => c?.t === "formula").map((c) => c.f),
  );

describe("the workbook plan", () => {
  it("has a tab per assessment named from its id, a unit-outcomes tab, Learners, the Decision log, and a veryHidden settings sheet", () => {
    const names = plan().sheets.map((s) => s.name);
    expect(names).toEqual([
      "Dashboard",
      "Learners",
      "D5.01 Assignment",
      "D5.02+D5.03 Diary",
      "8580-500 Assignment 1",
      "8580-503 Assignment 3",
      "Unit outcomes",
      "Feedback",
      "IQA plan",
      "Decision log",
      "ILM state",
    ]);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(plan().sheets.find((s) => s.kind === "state")?.visibility).toBe("veryHidden");
  });

  it("puts the exact header texts on every mark sheet and on the Learners tab", () => {
    for (const s of plan().sheets.filter((x) => x.kind === "marksheet")) {
      expect(headers(s)).toEqual(
        expect.arrayContaining([HEADERS.registration, "Learner", "Outcome", "QA Outcome"]),
      );
      expect(headers(s)).toContain("Referred sections");
    }
    const learners = headers(plan().sheets.find((s) => s.kind === "learners"));
    for (const h of [
      "Registration No",
      "Learner",
      "Qualification",
      "Deadline",
      "Credits",
      "Achieved",
      "Ready to claim",
    ]) {
      expect(learners).toContain(h);
    }
    const d501 = headers(plan().sheets.find((s) => s.assessment === "D5.01"));
    expect(d501).toEqual(
      expect.arrayContaining(["Context /4 (min 2)", "QA Context /4", "Total", "QA Total"]),
    );
  });

  it("writes names and comments that look like formulas as text, never as formulas", () => {
    const p = plan();
    const row = p.sheets.find((s) => s.assessment === "D5.01")?.table.rows[0] ?? [];
    expect(row).toContainEqual({ t: "text", v: "=SUM(A1:A9)" });
    expect(row).toContainEqual({ t: "text", v: "+44 Hughes" });
    expect(row).toContainEqual({ t: "text", v: "@clear" });
    for (const s of p.sheets)
      for (const f of formulas(s)) expect(f).not.toMatch(/SUM\(A1:A9\)|Hughes|@clear/);
  });

  it("uses no ILM functions, XLOOKUP, LET, LAMBDA, FILTER or other newer functions in Portable mode", () => {
    const all = plan("portable").sheets.flatMap(formulas).join("\n");
    expect(all).not.toMatch(
      /ILM\.|XLOOKUP|XMATCH|\bLET\(|LAMBDA|FILTER\(|TEXTJOIN|UNIQUE\(|SORT\(|\bIFS\(|SWITCH\(|CONCAT\(/,
    );
    const ilm = plan("ilm").sheets.flatMap(formulas).join("\n");
    for (const fn of [
      "ILM.RESULT(",
      "ILM.REFERRED(",
      "ILM.CRITERIA(",
      "ILM.CREDITS(",
      "ILM.ACHIEVED(",
      "ILM.DEADLINE(",
    ]) {
      expect(ilm).toContain(fn);
    }
  });

  it("compiles the Level 3 rule of combination into AND/OR over credit sums", () => {
    const learners = plan().sheets.find((s) => s.kind === "learners") as SheetPlan;
    const achieved = learners.table.columns.findIndex((c) => c.header === "Achieved");
    const row = learners.table.keys.indexOf("NF-003");
    const cell = learners.table.rows[row]?.[achieved];
    expect(cell?.t === "formula" && cell.f).toMatch(
      /^AND\(\w+\d+="PASS",\w+\d+="PASS",OR\(SUM\(IF\(.*\)>=10,SUM\(IF\(.*\)>=10\)\)$/,
    );
  });

  it("protects every tab (sorting, filtering and sizing still allowed), freezes header and identity columns, prints landscape fit to width", () => {
    for (const s of plan().sheets.filter(
      (x) =>
        x.kind !== "state" &&
        x.kind !== "dashboard" &&
        x.kind !== "feedback" &&
        x.kind !== "iqaplan" &&
        x.kind !== "log",
    )) {
      expect(s.protection).toEqual({
        protect: true,
        allow: { sort: true, autoFilter: true, formatColumns: true, formatRows: true },
      });
      expect(s.freeze).toEqual({ rows: 1, columns: 2 });
      expect(s.print).toMatchObject({
        landscape: true,
        fitToWidth: true,
        repeatHeaderRow: true,
        titleColumns: 2,
      });
      expect(s.print.pagesWide).toBeGreaterThan(1);
    }
    const withPassword = generate({
      what: "test",
      file: cohortOf(all),
      mode: "ilm",
      protectionPassword: "pw",
    });
    if (!withPassword.ok) throw new Error("refused");
    expect(withPassword.value.plan.sheets[0]?.protection).toMatchObject({ protect: true, password: "pw" });
  });
});

describe("the settings sheet", () => {
  it("holds settings only: no learner's name, registration number, mark, comment, email or password", () => {
    const cohort = cohortOf([{ ...d5, email: "asha@example.org", notes: "private note" }, l5, l3, l7]);
    const generated = generate({ what: "test", file: cohort, protectionPassword: "s3cret-pw" });
    if (!generated.ok) throw new Error("refused");
    const settings = generated.value.plan.sheets.find((s) => s.kind === "state") as SheetPlan;
    const text = JSON.stringify(settings.table.rows);
    for (const secret of [
      "NF-001",
      "=SUM(A1:A9)",
      "Ben Okafor",
      "@clear",
      "asha@example.org",
      "private note",
      "s3cret-pw",
      "Hughes",
    ])
      expect(text).not.toContain(secret);
    expect(settings.table.keys).toEqual(expect.arrayContaining(["format", "revision", "settings/0000"]));
    // Not protected with the password either: its hash would sit with the settings. The password only
    // unprotects a settings sheet an earlier release protected.
    expect(settings.protection).toMatchObject({ protect: false, password: "s3cret-pw" });
  });

  it("splits long settings (centre catalogues) into cells under Excel's 32,767-character limit", () => {
    const rows = chunkText("x".repeat(70_000));
    expect(rows.length).toBe(3);
    for (const t of rows) expect(t.length).toBeLessThanOrEqual(CHUNK);
  });

  it("never cuts a surrogate pair when splitting", () => {
    const text = "a" + "😀".repeat(10);
    const parts = chunkText(text, 4);
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(encodeURIComponent(p)).toBeTruthy(); // throws on a lone surrogate
  });
});

describe("entry checks", () => {
  it("say what they accept in at most 225 characters, under one title, with a date window", () => {
    const checks = plan()
      .sheets.flatMap((s) => s.table.columns)
      .flatMap((c) => (c.validation ? [c.validation] : []));
    expect(checks.length).toBeGreaterThan(10);
    for (const v of checks) {
      expect(v.title).toBe("Not accepted");
      expect(v.message.length).toBeLessThanOrEqual(225);
      if (v.type === "date") expect([v.from, v.to]).toEqual(["1990-01-01", "2199-12-31"]);
    }
  });
});

describe("number formats", () => {
  it('show hours as typed (General): Excel shows 0.## as "12." for twelve hours', () => {
    const learners = plan().sheets.find((s) => s.kind === "learners") as SheetPlan;
    const hours = learners.table.columns.filter((c) => /hours$/.test(c.header));
    expect(hours.map((c) => c.header)).toEqual(["Induction hours", "Tutorial hours", "Coaching hours"]);
    for (const c of hours) expect(c.numberFormat ?? "General").toBe("General");
  });
});
