import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { oneDecimal, percent } from "../../src/cli/summary-text";
import { runCli } from "./helpers";

const cohort = (learners: unknown[]) =>
  JSON.stringify({
    format: "ilm-cohort/1",
    centre: { number: "1", name: "Test Centre" },
    cohort: "T",
    learners,
  });
const learner = (registration: string, extra: Record<string, unknown> = {}) => ({
  registration,
  name: `Learner ${registration}`,
  qualification: "500/3564/2",
  registered: "2026-01-12",
  ...extra,
});
const PASS = { marks: [3, 25, 10, 25] };
const files = {
  "c.json": cohort([
    learner("T-1", {
      assessor: "J. Doyle",
      hours: { induction: 1, tutorial: 2, coaching: 12 },
      assessments: { "D5.01": PASS, "D5.02+D5.03": { marks: [20, 20, 20], assessor: "A. Khan" } },
    }),
    learner("T-2", {
      assessor: "J. Doyle",
      assessments: { "D5.01": { marks: [3, 25, 6, 25], qaMarks: PASS.marks } },
    }),
    learner("T-3", { registered: "2025-10-01", withdrawn: true }),
  ]),
};

describe("ilm evaluate: the Dashboard's figures", () => {
  it("prints them after the learner table, as aligned tables with the Dashboard's headers", async () => {
    const r = await runCli(["evaluate", "c.json", "--as-of", "2028-12-02"], files);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const at = r.stdout.indexOf("Dashboard as of 2028-12-02");
    expect(at).toBeGreaterThan(r.stdout.indexOf("Registration  Learner"));
    expect(r.stdout.slice(at)).toContain(
      [
        "Headline               Value",
        "---------------------  -----",
        "Learners               2",
        "Withdrawn              1",
        "Achieved               1",
        "Ready to claim         1",
        "Referrals outstanding  1",
        "Not yet marked         1",
        "Past deadline          0",
        "Due within 90 days     1",
      ].join("\n"),
    );
    expect(r.stdout).toMatch(/\nD5\.01 +2 +1 +1 +0 +0 +1 +1 +50%\n/);
    expect(r.stdout).toMatch(/\nD5\.01 +Barriers +2 +8 +1\n/);
    expect(r.stdout).toMatch(/\nA\. Khan +0 +1 +1 +0 +0 +0\nJ\. Doyle +2 +2 +1 +1 +1 +1\n/);
  });

  it("gives each learner's days left and progress on the As of date in the learner table", async () => {
    const r = await runCli(["evaluate", "c.json", "--as-of", "2028-12-02"], files);
    expect(r.stdout).toMatch(/Deadline +Days left +Progress\n/);
    expect(r.stdout).toMatch(/\nT-1 .* 2029-01-12 +41 +Achieved\n/);
    expect(r.stdout).toMatch(/\nT-2 .* 2029-01-12 +41 +Due soon\n/);
    expect(r.stdout).toMatch(/\nT-3 .* 2028-10-01 +-62 +Withdrawn\n/);
  });

  it("adds them to the --json document as summary, with the issue's keys and bySection and byCriterion", async () => {
    const r = await runCli(["evaluate", "c.json", "--json", "--as-of", "2028-12-02"], files);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      format: string;
      learners: unknown[];
      summary: Record<string, unknown>;
    };
    expect(Object.keys(doc)).toEqual(["format", "learners", "summary"]);
    expect(Object.keys(doc.summary)).toEqual([
      "asOf",
      "headline",
      "byQualification",
      "byAssessment",
      "bySection",
      "byCriterion",
      "byUnit",
      "byAssessor",
    ]);
    expect(doc.summary).toMatchObject({
      asOf: "2028-12-02",
      headline: {
        learners: 2,
        withdrawn: 1,
        achieved: 1,
        readyToClaim: 1,
        referralsOutstanding: 1,
        notYetMarked: 1,
        pastDeadline: 0,
        dueWithin90Days: 1,
      },
      byQualification: [{ qualification: "500/3564/2", learners: 2, achievementRate: 0.5 }],
      byUnit: [
        { unit: "D5.01", pass: 1, referral: 1, pending: 0 },
        { unit: "D5.02", pass: 1, referral: 0, pending: 1 },
        { unit: "D5.03", pass: 1, referral: 0, pending: 1 },
      ],
      byAssessor: [
        {
          assessor: "A. Khan",
          learners: 0,
          decisions: 1,
          pass: 1,
          referral: 0,
          qaSampled: 0,
          qaDisagrees: 0,
        },
        {
          assessor: "J. Doyle",
          learners: 2,
          decisions: 2,
          pass: 1,
          referral: 1,
          qaSampled: 1,
          qaDisagrees: 1,
        },
      ],
    });
  });

  it("counts from today when no --as-of is given (the date the command takes for today)", async () => {
    const r = await runCli(["evaluate", "c.json", "--json"], files, "2029-01-13");
    const doc = JSON.parse(r.stdout) as { summary: { asOf: string; headline: { pastDeadline: number } } };
    expect(doc.summary.asOf).toBe("2029-01-13");
    expect(doc.summary.headline.pastDeadline).toBe(1);
    const text = await runCli(["evaluate", "c.json"], files, "2029-01-13");
    expect(text.stdout).toContain("Dashboard as of 2029-01-13");
  });

  it("counts from the system clock's date when nothing pins today", async () => {
    const before = new Date();
    const r = await runCli(["evaluate", "c.json", "--json"], files);
    const after = new Date();
    const local = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    expect([local(before), local(after)]).toContain(
      (JSON.parse(r.stdout) as { summary: { asOf: string } }).summary.asOf,
    );
  });

  it("takes --as-of=YYYY-MM-DD too, and --as-of wins over today", async () => {
    const r = await runCli(["evaluate", "c.json", "--json", "--as-of=2028-10-13"], files, "2029-01-13");
    const doc = JSON.parse(r.stdout) as { summary: { asOf: string; headline: { dueWithin90Days: number } } };
    expect(doc.summary).toMatchObject({ asOf: "2028-10-13", headline: { dueWithin90Days: 0 } });
  });

  it.each([
    ["2026-02-30", 'ilm evaluate: --as-of "2026-02-30": must be a date written YYYY-MM-DD'],
    ["02/12/2026", 'ilm evaluate: --as-of "02/12/2026": must be a date written YYYY-MM-DD'],
    ["1899-12-31", 'ilm evaluate: --as-of "1899-12-31": 1899-12-31 is not between 1900-03-01 and 9999-12-31'],
  ])("exits 2 with nothing on stdout for --as-of %s", async (date, message) => {
    const r = await runCli(["evaluate", "c.json", "--as-of", date], files);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage: ilm evaluate");
  });

  it("exits 2 when --as-of has no date", async () => {
    const r = await runCli(["evaluate", "c.json", "--as-of"], files);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain("ilm evaluate: --as-of needs a date written YYYY-MM-DD");
  });

  it("shows control characters in an assessor's name as <U+XXXX> in text and as JSON escapes with --json", async () => {
    const evil = { "e.json": cohort([learner("T-1", { assessor: "J.\u001b[31m Doyle\u202e" })]) };
    const text = await runCli(["evaluate", "e.json", "--as-of", "2026-12-02"], evil);
    expect(text.stdout).toContain("J.<U+001B>[31m Doyle<U+202E>  1");
    expect(text.stdout.includes("\u001b") || text.stdout.includes("\u202e")).toBe(false);
    const json = await runCli(["evaluate", "e.json", "--json", "--as-of", "2026-12-02"], evil);
    expect(json.stdout).toContain('"assessor":"J.\\u001b[31m Doyle\\u202e"');
    const doc = JSON.parse(json.stdout) as { summary: { byAssessor: { assessor: string }[] } };
    expect(doc.summary.byAssessor[0]?.assessor).toBe("J.\u001b[31m Doyle\u202e");
  });

  it("gives the same figures for the workbook ilm writes as for the cohort file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ilm-summary-"));
    try {
      const cohortFile = path.join(dir, "c.json");
      fs.writeFileSync(cohortFile, files["c.json"]);
      const out = path.join(dir, "c.xlsx");
      const written = await runCli(["workbook", cohortFile, "--out", out]);
      expect(written.stderr).toBe("");
      const fromWorkbook = await runCli(["evaluate", out, "--json", "--as-of", "2028-12-02"]);
      const fromFile = await runCli(["evaluate", cohortFile, "--json", "--as-of", "2028-12-02"]);
      expect(fromWorkbook.stderr).toBe("");
      expect(JSON.parse(fromWorkbook.stdout)).toEqual(JSON.parse(fromFile.stdout));
      const text = await runCli(["evaluate", out, "--as-of", "2028-12-02"]);
      expect(text.stdout).toContain("Dashboard as of 2028-12-02");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("how figures are written in text", () => {
  it("writes a rate as a whole percentage and a mean to one decimal place, '-' when there is none", () => {
    expect([percent(2 / 3), percent(1), percent(0), percent(null)]).toEqual(["67%", "100%", "0%", "-"]);
    expect([oneDecimal(23.333333333333332), oneDecimal(20), oneDecimal(19.55), oneDecimal(null)]).toEqual([
      "23.3",
      "20",
      "19.6",
      "-",
    ]);
  });
});
