/**
 * `ilm feedback`: a workbook made in-process by `ilm workbook`, its sheets written as PDFs and read back with
 * poppler-utils (pdftotext, pdfinfo, pdftoppm): one page each, the right marks, outcomes, referred sections, names
 * and centre, file names, filters, refusals, Welsh letters, INVALID marks, text at 8 pt or more.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FeedbackSheet } from "../../src/app/feedback";
import { feedbackFileName } from "../../src/app/feedback";
import { feedbackPdf, loadFonts, printable, SheetTooLong } from "../../src/cli/feedback-pdf";
import type { CliIO } from "../../src/cli/io";
import { main } from "../../src/cli/main";

const ARTIFACTS = path.join(__dirname, "..", "artifacts");
const has = (tool: string) => spawnSync(tool, ["-v"], { encoding: "utf8" }).error === undefined;
const poppler = has("pdftotext") && has("pdfinfo") && has("pdftoppm");
const inCI = process.env.CI === "true";
if (!poppler && !inCI)
  console.warn(
    "\n!!! SKIPPING the ilm feedback PDF tests: poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed.\n" +
      "!!! Install poppler-utils to run them; in CI (CI=true) they always run.\n",
  );
const maybe = poppler || inCI ? describe : describe.skip;

const WELSH = "Gwenllian Ŵyn ap Dafydd Ŷr";

const learners = [
  {
    registration: "NF-001",
    name: WELSH,
    qualification: "500/3564/2",
    assessor: "R. Hughes",
    iqa: "M. Okoro",
    assessments: {
      "D5.01": {
        marks: [3, 24, 9, 21],
        qaMarks: [3, 22, 9, 21],
        submitted: "2026-01-05",
        assessed: "2026-01-20",
        iqaChecked: "2026-02-03",
        externallyVerified: "2026-03-10",
        strengths: "Clear context; a well argued business case.",
        improvements: "Say how the evaluation would be measured.",
        standardisationOptOut: true,
      },
    },
  },
  {
    registration: "NF-002",
    name: "Siobhan O'Neill",
    qualification: "500/3564/2",
    assessor: "K. Brennan",
    assessments: {
      "D5.01": {
        marks: [4, 32, 6, 30],
        improvements: "Section 3: barriers need strategies, not just a list",
      },
      "D5.02+D5.03": { marks: [24, 21, 26], qaMarks: [22, 21, 26] },
    },
  },
  {
    registration: "NF-003",
    name: "Callum Fraser",
    qualification: "600/5791/9",
    assessments: {
      "8580-500": {
        criteria: Object.fromEntries(
          ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2"].map((id) => [
            id,
            id === "1.2" ? "R" : "P",
          ]),
        ),
      },
    },
  },
  {
    registration: "NF-004",
    name: "王芳",
    qualification: "500/3564/2",
    assessments: { "D5.01": { marks: [4, 40, 16, 40] } },
  },
  { registration: "NF-005", name: "Priya Shah", qualification: "500/3564/2" },
];

const cohort = (people: unknown[]) =>
  JSON.stringify({
    format: "ilm-cohort/1",
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learners: people,
  });

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-feedback-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function ilm(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => fs.readFile(p, "utf8"),
    readFileBytes: async (p) => new Uint8Array(await fs.readFile(p)),
    cwd: dir,
    today: () => "2026-04-01",
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The workbook of a cohort, written by `ilm workbook` into the test's folder. */
async function workbook(people: unknown[] = learners): Promise<void> {
  await fs.writeFile(path.join(dir, "cohort.json"), cohort(people));
  const made = await ilm("workbook", "cohort.json", "--out", "cohort.xlsx");
  expect(made.stderr).toBe("");
}

const text = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
const sheet = (name: string) => path.join(dir, "out", name);
/** A line of the text, white space squeezed. */
const squeezed = (t: string) => t.replace(/[ \t]+/g, " ");

describe("file names and printable text", () => {
  it("names a file <registration>_<assessment>.pdf with every unsafe character as -", () => {
    expect(feedbackFileName("NF-001", "D5.01")).toBe("NF-001_D5.01.pdf");
    expect(feedbackFileName("NF-001", "D5.02+D5.03")).toBe("NF-001_D5.02+D5.03.pdf");
    expect(feedbackFileName("NF 001/../b", "8580-500")).toBe("NF-001-..-b_8580-500.pdf");
    expect(feedbackFileName("..", "x")).toBe("-._x.pdf");
    expect(feedbackFileName("Ŵ_1\\2", "a:b")).toBe("--1-2_a-b.pdf");
    expect(feedbackFileName("x".repeat(200), "D5.01")).toBe(`${"x".repeat(64)}_D5.01.pdf`);
  });

  it("prints Welsh letters as typed, and a character the font lacks (or of a right-to-left script) as ?", () => {
    const fonts = loadFonts();
    expect(printable(WELSH, fonts)).toEqual({ text: WELSH, replaced: [] });
    expect(printable("Gwenllian Ŵyn".normalize("NFD"), fonts).text).toBe("Gwenllian Ŵyn");
    expect(printable("王芳", fonts)).toEqual({ text: "??", replaced: ["王", "芳"] });
    expect(printable("שרה", fonts).text).toBe("???");
    expect(printable("Ann\u202eA\u200b\r\nB\tC", fonts).text).toBe("AnnA\nB C");
    expect(printable("Zoë Ørjan Łukasz Ağa Ŧ €", fonts).replaced).toEqual([]);
  });
});

maybe("ilm feedback", () => {
  beforeAll(() => {
    if (!poppler)
      throw new Error("CI=true but poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed");
  });

  it("writes one one-page A4 PDF per learner and assessment entry, named by registration and assessment", async () => {
    await workbook();
    const r = await ilm("feedback", "cohort.xlsx", "--out", "out");
    expect(r.code).toBe(0);
    const names = ["NF-001_D5.01.pdf", "NF-002_D5.01.pdf", "NF-002_D5.02+D5.03.pdf", "NF-003_8580-500.pdf"];
    names.push("NF-004_D5.01.pdf");
    expect((await fs.readdir(path.join(dir, "out"))).sort()).toEqual(names);
    expect(r.stdout).toBe(`Wrote 5 sheets to out:\n${names.map((n) => `  ${n}\n`).join("")}`);
    for (const name of names) {
      expect(pages(sheet(name))).toBe(1);
      expect(execFileSync("pdfinfo", [sheet(name)], { encoding: "utf8" })).toMatch(
        /Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/,
      );
    }
  });

  it("prints the centre, learner, marks, totals, outcomes, comments, names, dates and opt-out of a sectioned sheet", async () => {
    await workbook();
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out")).code).toBe(0);
    const t = squeezed(text(sheet("NF-001_D5.01.pdf")));
    expect(t).toContain("Centre number 123456 Centre name Northfield Training");
    expect(t).toContain(`Learner reg. no. NF-001 Learner name ${WELSH}`);
    expect(t).toContain("Cohort 2026-A Date submitted 5 January 2026");
    expect(t).toContain("Assessment D5.01: Work-based assignment");
    expect(t).toContain("D5.01 Understanding how management coaching and mentoring can benefit");
    expect(t).toContain("Total 50+ overall, AND minimum in each section gives PASS, otherwise REFERRAL.");
    expect(t).toContain("Section Max Min Assr mark QA mark Section");
    expect(t).toContain("1. Context of the assignment 4 2 3 3");
    expect(t).toContain("2. Ensuring best practice in coaching or mentoring practice 40 20 24 22");
    expect(t).toContain("3. Strategies to overcome barriers to mentoring and coaching 16 8 9 9");
    expect(t).toMatch(/Total 100 50\+ 57 55/);
    expect(t).toContain("Outcome (assessor) PASS Outcome (QA) PASS");
    expect(t).toContain("Referred sections None");
    expect(t).toContain("Clear context; a well argued business case.");
    expect(t).toContain("Say how the evaluation would be measured.");
    expect(t).toContain("Assessor R. Hughes Date assessed 20 January 2026");
    expect(t).toContain("IQA M. Okoro Date of IQA check 3 February 2026");
    expect(t).toContain("EV signature Date externally verified 10 March 2026");
    expect(t).toContain("Standardisation opt-out Yes: the learner has opted out");
    expect(t).toContain("printed 1 April 2026 by ilm feedback · page 1 of 1");
  });

  it("shows a referral, its referred section and why; a diary sheet names both its units", async () => {
    await workbook();
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out")).code).toBe(0);
    const referred = squeezed(text(sheet("NF-002_D5.01.pdf")));
    expect(referred).toContain(
      "3. Strategies to overcome barriers to mentoring and coaching 16 8 6 Referred",
    );
    expect(referred).toMatch(/Total 100 50\+ 72\n/);
    expect(referred).toContain("Outcome (assessor) REFERRAL Outcome (QA)");
    expect(referred).toContain("Referred sections 3\n");
    expect(referred).toContain("Notes Section 3 (Barriers): 6 is below the minimum of 8");
    expect(referred).toContain("Section 3: barriers need strategies, not just a list");
    expect(referred).toContain("Standardisation opt-out Not recorded");
    const diary = squeezed(text(sheet("NF-002_D5.02+D5.03.pdf")));
    expect(diary).toContain("Units D5.02 Reviewing own ability as a management coach or mentor");
    expect(diary).toContain("D5.03 Undertaking management coaching or mentoring in the workplace");
    expect(diary).toMatch(/Total 100 50\+ 71 69/);
    expect(diary).toContain("Outcome (assessor) PASS Outcome (QA) PASS");
  });

  it("prints each criterion with its wording and P/R on a criterion sheet, and the referred criteria", async () => {
    await workbook();
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out")).code).toBe(0);
    const t = squeezed(text(sheet("NF-003_8580-500.pdf")));
    expect(t).toContain("Every assessment criterion evidenced (P) gives PASS; any criterion marked R gives");
    expect(t).toContain("AC Assessment criterion P/R QA P/R");
    expect(t).toContain(
      "1.1 Define coaching and mentoring within an organisation; explain their similarities and P",
    );
    expect(t).toContain("1.2 Identify barriers to coaching or mentoring and strategies to overcome them R");
    expect(t).toContain("4.2 Analyse how the benefits of coaching or mentoring should be evaluated P");
    expect(t).toContain("Outcome (assessor) REFERRAL");
    expect(t).toContain("Referred criteria 1.2\n");
  });

  it("prints a name the font cannot draw as ? and says so on stderr", async () => {
    await workbook();
    const r = await ilm("feedback", "cohort.xlsx", "--out", "out", "--learner", "NF-004");
    expect(r.code).toBe(0);
    expect(squeezed(text(sheet("NF-004_D5.01.pdf")))).toContain("Learner reg. no. NF-004 Learner name ??");
    expect(r.stderr).toContain('NF-004_D5.01.pdf: "王" (U+738B), "芳" (U+82B3) cannot be drawn');
  });

  it("writes only the sheets --learner (ignoring capitals) and --assessment pick", async () => {
    await workbook();
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out", "--learner", " nf-002 ")).code).toBe(0);
    expect((await fs.readdir(path.join(dir, "out"))).sort()).toEqual([
      "NF-002_D5.01.pdf",
      "NF-002_D5.02+D5.03.pdf",
    ]);
    await fs.rm(path.join(dir, "out"), { recursive: true });
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out", "--assessment", "D5.01")).code).toBe(0);
    expect((await fs.readdir(path.join(dir, "out"))).sort()).toEqual([
      "NF-001_D5.01.pdf",
      "NF-002_D5.01.pdf",
      "NF-004_D5.01.pdf",
    ]);
    await fs.rm(path.join(dir, "out"), { recursive: true });
    const both = await ilm(
      "feedback",
      "cohort.xlsx",
      "--out=out",
      "--learner=NF-002",
      "--assessment=d5.02+d5.03",
    );
    expect(both.code).toBe(0);
    expect(await fs.readdir(path.join(dir, "out"))).toEqual(["NF-002_D5.02+D5.03.pdf"]);
  });

  it("refuses a --learner or --assessment that names nothing, and a learner with no entry: exit 2, nothing written", async () => {
    await workbook();
    const cases: [string[], RegExp][] = [
      [["--learner", "NF-999"], /has no learner with registration number "NF-999"/],
      [["--assessment", "D9.99"], /uses no assessment "D9.99" \(its assessments: D5.01, D5.02\+D5.03,/],
      [["--learner", "NF-005"], /has no marked entry of learner NF-005: nothing to write/],
      [["--learner", "NF-003", "--assessment", "D5.01"], /has no marked entry of learner NF-003 for D5.01/],
      [["--learner"], /--learner needs a value/],
      [["--bogus"], /unknown option --bogus/],
    ];
    for (const [extra, message] of cases) {
      const r = await ilm("feedback", "cohort.xlsx", "--out", "out", ...extra);
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(message);
      expect(existsSync(path.join(dir, "out"))).toBe(false);
    }
    const noOut = await ilm("feedback", "cohort.xlsx");
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringContaining("give --out <folder>")]);
    const missing = await ilm("feedback", "nope.xlsx", "--out", "out");
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("nope.xlsx: no such file")]);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("replaces a file of the same name, and refuses a link in its place (it could point outside --out)", async () => {
    await workbook();
    await fs.mkdir(path.join(dir, "out"));
    await fs.writeFile(sheet("NF-001_D5.01.pdf"), "old");
    expect((await ilm("feedback", "cohort.xlsx", "--out", "out", "--learner", "NF-001")).code).toBe(0);
    expect((await fs.readFile(sheet("NF-001_D5.01.pdf"))).subarray(0, 5).toString()).toBe("%PDF-");

    await fs.writeFile(path.join(dir, "outside.pdf"), "keep");
    await fs.rm(sheet("NF-001_D5.01.pdf"));
    await fs.symlink(path.join(dir, "outside.pdf"), sheet("NF-001_D5.01.pdf"));
    const r = await ilm("feedback", "cohort.xlsx", "--out", "out");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a link: ilm replaces only files");
    expect(await fs.readFile(path.join(dir, "outside.pdf"), "utf8")).toBe("keep");
    expect(await fs.readdir(path.join(dir, "out"))).toEqual(["NF-001_D5.01.pdf"]);
  });

  it("exits 1 when a sheet holds an INVALID mark, and prints INVALID with the reason", async () => {
    await workbook([
      {
        registration: "NF-009",
        name: "Tomos Rhys",
        qualification: "500/3564/2",
        assessments: { "D5.01": { marks: [5, 24, 9, 21] } },
      },
    ]);
    const r = await ilm("feedback", "cohort.xlsx", "--out", "out");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NF-009_D5.01.pdf");
    expect(r.stderr).toContain(
      "NF-009_D5.01.pdf: INVALID marks (Section 1 (Context): mark 5 is above the maximum of 4)",
    );
    const t = squeezed(text(sheet("NF-009_D5.01.pdf")));
    expect(t).toContain("Outcome (assessor) INVALID (see notes)");
    expect(t).toContain("Notes Section 1 (Context): mark 5 is above the maximum of 4");
  });

  it("keeps every word at 8 pt or more, fits long comments on one page, and renders a page for people to look at", async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    await workbook([
      learners[0],
      {
        registration: "NF-010",
        name: "Long Comments",
        qualification: "500/3564/2",
        assessments: { "D5.01": { marks: [3, 24, 9, 21], strengths: long, improvements: long } },
      },
    ]);
    const r = await ilm("feedback", "cohort.xlsx", "--out", "out");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "NF-010_D5.01.pdf: the strengths or areas for improvement were cut to fit one page",
    );
    expect(pages(sheet("NF-010_D5.01.pdf"))).toBe(1);
    expect(text(sheet("NF-010_D5.01.pdf"))).toContain(
      "(cut to fit the page: the whole text is in the workbook)",
    );
    for (const name of ["NF-001_D5.01.pdf", "NF-010_D5.01.pdf"]) {
      // pdftotext -bbox gives each word's box; DejaVu's box is about 1.16 times the font size.
      const boxes = execFileSync("pdftotext", ["-bbox", sheet(name), "-"], { encoding: "utf8" });
      const heights = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
        (m) => Number(m[2]) - Number(m[1]),
      );
      expect(heights.length).toBeGreaterThan(100);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(8 * 1.1);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, png] of [
      ["NF-001_D5.01.pdf", "feedback-sectioned"],
      ["NF-010_D5.01.pdf", "feedback-long-comments"],
    ] as const)
      execFileSync("pdftoppm", ["-r", "100", "-png", "-singlefile", sheet(name), path.join(ARTIFACTS, png)]);
    expect(existsSync(path.join(ARTIFACTS, "feedback-sectioned.png"))).toBe(true);
  });
});

maybe("a centre's scheme with many criteria", () => {
  const criteriaSheet = (count: number): FeedbackSheet => ({
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learner: {
      registration: "NF-020",
      name: "Many Criteria",
      withdrawn: false,
      qualification: { id: "C-1", title: "A centre qualification" },
    },
    assessment: { id: "C-1.01", title: "Portfolio", units: [{ id: "C-1", title: "A centre unit" }] },
    rule: "Every assessment criterion evidenced (P) gives PASS; any criterion marked R gives REFERRAL.",
    marks: {
      kind: "criteria",
      criteria: Array.from({ length: count }, (_, i) => ({
        id: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
        text: `Criterion number ${i + 1} of a long portfolio`,
        result: "P",
        qaResult: null,
        referred: false,
      })),
    },
    outcome: "PASS",
    qaOutcome: undefined,
    referred: "",
    messages: [],
    strengths: "Thorough.",
    improvements: "",
    assessor: "R. Hughes",
    iqa: "",
    submitted: null,
    assessed: null,
    iqaChecked: null,
    externallyVerified: null,
    standardisationOptOut: undefined,
  });

  it("draws 20 criteria on one page at 8 pt, and refuses 60 (SheetTooLong) rather than spill onto a second page", async () => {
    const fonts = loadFonts();
    const drawn = await feedbackPdf(criteriaSheet(20), "2026-04-01", fonts);
    await fs.writeFile(path.join(dir, "many.pdf"), drawn.bytes);
    expect(pages(path.join(dir, "many.pdf"))).toBe(1);
    const t = squeezed(text(path.join(dir, "many.pdf")));
    expect(t).toContain("4.5 Criterion number 20 of a long portfolio P");
    expect(t).toContain("Thorough.");
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync("pdftoppm", [
      "-r",
      "100",
      "-png",
      "-singlefile",
      path.join(dir, "many.pdf"),
      path.join(ARTIFACTS, "feedback-many-criteria"),
    ]);
    await expect(feedbackPdf(criteriaSheet(60), "2026-04-01", fonts)).rejects.toThrow(SheetTooLong);
  });
});
