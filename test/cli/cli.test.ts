import { CatalogueFileSchema, buildCatalogue } from "../../src/domain";
import { runCli } from "./helpers";

const cohort = (learners: unknown[]) =>
  JSON.stringify({
    format: "ilm-cohort/1",
    centre: { number: "1", name: "Test Centre" },
    cohort: "T",
    learners,
  });
const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  registered: "2026-01-12",
};

describe("ilm --help and --version", () => {
  it("prints the usage with every command and the exit codes", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const text of [
      "ilm catalogue [--json]",
      "ilm evaluate <cohort.json|cohort.csv|workbook.xlsx> [--json]",
      "ilm export <workbook.xlsx> --out <cohort.json>",
      "ilm workbook [<cohort.json|cohort.csv>] --out <file.xlsx> [--prefer file|workbook]",
      "Exit codes",
      "2  the input cannot be used",
    ]) {
      expect(r.stdout).toContain(text);
    }
  });
  it("prints the package version", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: "ilm 0.1.0\n", stderr: "" });
  });
  it("exits 2 with the usage on stderr when no command is given, and for an unknown command", async () => {
    const none = await runCli([]);
    expect([none.code, none.stdout]).toEqual([2, ""]);
    expect(none.stderr).toContain("Usage:");
    expect(await runCli(["marks"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'ilm: unknown command "marks"; try ilm --help\n',
    });
  });
  it("routes ilm workbook to the workbook command", async () => {
    const r = await runCli(["workbook", "--help"]);
    expect(r.stderr).not.toContain("unknown command");
  });
});

describe("ilm catalogue", () => {
  it("lists every qualification with its rule of combination in words", async () => {
    const r = await runCli(["catalogue"]);
    expect(r.code).toBe(0);
    for (const id of [
      "603/3738/2",
      "600/5791/9",
      "600/5781/6",
      "500/3564/2",
      "L7-CERT-ECLM",
      "L7-DIP-PECLM",
    ]) {
      expect(r.stdout).toContain(`${id}  ILM Level`);
    }
    expect(r.stdout).toContain(
      "Achieved with: 8587-300 and 8587-301 and (10 credits from Group 1 (8587-302, 8587-303) or 10 credits from Group 2 (8587-304, 8587-305))",
    );
    expect(r.stdout).toContain("D5.02+D5.03  Coaching/mentoring diary (units D5.02 and D5.03)");
  });

  it("prints with --json one catalogue file that the catalogue schema accepts and that builds on its own", async () => {
    const r = await runCli(["catalogue", "--json"]);
    expect(r.code).toBe(0);
    const parsed = CatalogueFileSchema.safeParse(JSON.parse(r.stdout));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    if (!parsed.success) return;
    expect(parsed.data.qualifications).toHaveLength(6);
    expect(buildCatalogue([{ file: parsed.data, source: "output" }]).ok).toBe(true);
  });

  it("merges a centre catalogue given with --catalogue", async () => {
    const extra = JSON.stringify({
      format: "ilm-catalogue/1",
      settings: [{ qualification: "603/3738/2", durationMonths: 36 }],
    });
    const r = await runCli(["catalogue", "--json", "--catalogue", "centre.json"], { "centre.json": extra });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { qualifications: { id: string; durationMonths: number | null }[] };
    expect(doc.qualifications.find((q) => q.id === "603/3738/2")?.durationMonths).toBe(36);
  });

  it("exits 2 naming the file and path of a broken centre catalogue", async () => {
    const extra = JSON.stringify({
      format: "ilm-catalogue/1",
      units: [{ id: "D5.01", title: "x", level: 5, credits: 5, glh: null, practiceHours: null }],
    });
    const r = await runCli(["catalogue", "--catalogue", "centre.json"], { "centre.json": extra });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "ilm catalogue: the catalogue cannot be used:\n  centre.json: units[0].id: unit D5.01 is already defined by ILM catalogue\n",
    });
  });
});

describe("ilm evaluate", () => {
  it("prints a readable table by default and exits 0 when all is valid", async () => {
    const r = await runCli(["evaluate", "examples/cohort.json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Northfield Training (centre 123456), cohort 2026-A");
    expect(r.stdout).toMatch(/NF-002 +Gareth Jones +500\/3564\/2 +3\/3 +0 +13 +yes +yes +2028-09-08/);
    expect(r.stdout).toContain("D5.01: REFERRAL - Section 3 (Barriers): 6 is below the minimum of 8");
    expect(r.stdout).toContain("achieved, but hours are short: coaching 82 of 100 h");
  });

  it("prints an ilm-evaluation/1 document with --json", async () => {
    const r = await runCli(["evaluate", "--json", "examples/readme-cohort.json", "--as-of", "2026-12-02"]);
    expect(r.code).toBe(0);
    const { summary, ...doc } = JSON.parse(r.stdout) as { summary: unknown };
    expect(summary).toMatchObject({ asOf: "2026-12-02", headline: { learners: 1, notYetMarked: 1 } });
    expect(doc).toEqual({
      format: "ilm-evaluation/1",
      learners: [
        {
          registration: "NF-001",
          qualification: "500/3564/2",
          assessments: {
            "D5.01": {
              outcome: "PASS",
              total: 57,
              referredSections: [],
              qaOutcome: "PASS",
              qaTotal: 55,
              messages: [],
            },
          },
          units: { "D5.01": "PASS", "D5.02": "PENDING", "D5.03": "PENDING" },
          credits: 5,
          achieved: false,
          missing: ["D5.02 and D5.03 (coaching/mentoring diary)"],
          deadline: "2029-01-12",
          readyToClaim: false,
          readyNeeds: [],
          needs: "D5.02; D5.03",
        },
      ],
    });
  });

  it("exits 1 when an assessment is INVALID, still printing the document with the INVALID entry's messages", async () => {
    const file = cohort([
      asha,
      { ...asha, registration: "NF-002", assessments: { "D5.01": { marks: [3, 41, 9, 21] } } },
    ]);
    const r = await runCli(["evaluate", "c.json", "--json"], { "c.json": file });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { learners: { assessments: Record<string, unknown> }[] };
    expect(doc.learners).toHaveLength(2);
    expect(doc.learners[1]?.assessments["D5.01"]).toMatchObject({
      outcome: "INVALID",
      messages: ["Section 2 (Best practice): mark 41 is above the maximum of 40"],
    });
  });

  it("exits 1 in table mode too, and says which marks to correct", async () => {
    const file = cohort([
      { ...asha, assessments: { "D5.01": { marks: [3, 24, 9, 21], qaMarks: [3, 24, -9, 21] } } },
    ]);
    const r = await runCli(["evaluate", "c.json"], { "c.json": file });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("QA Section 3 (Barriers): mark -9 is negative");
    expect(r.stdout).toContain("1 learner has INVALID marks to correct");
  });

  it("exits 2 with nothing on stdout and every problem on stderr, with its path and registration number", async () => {
    const file = cohort([
      { ...asha, qualification: "999/0000/0" },
      { ...asha, registration: "NF-002", assessments: { "D5.04": { marks: [] } } },
      {
        ...asha,
        registration: "NF-003",
        assessments: { "D5.02+D5.03": { marks: [20, 20, 20] } },
        units: { "D5.02": "PASS" },
      },
      { ...asha, registration: "NF-003", name: "" },
    ]);
    const r = await runCli(["evaluate", "c.json", "--json"], { "c.json": file });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "ilm evaluate: c.json cannot be used (4 problems):",
        '  learners[0].qualification (NF-001): unknown qualification "999/0000/0"',
        '  learners[1].assessments["D5.04"] (NF-002): unknown assessment "D5.04"',
        '  learners[2].units["D5.02"] (NF-003): unit D5.02 is given directly and also through assessment D5.02+D5.03',
        "  learners[3].name (NF-003): learner name must not be empty",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 on registration numbers used twice", async () => {
    const r = await runCli(["evaluate", "c.json"], { "c.json": cohort([asha, asha]) });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'ilm evaluate: c.json cannot be used (1 problem):\n  learners[1].registration (NF-001): registration number "NF-001" is already used by learners[0]\n',
    });
  });

  it("exits 2 on a file that is not JSON, and on a file that does not exist", async () => {
    const notJson = await runCli(["evaluate", "c.json"], { "c.json": "{ learners: " });
    expect([notJson.code, notJson.stdout]).toEqual([2, ""]);
    expect(notJson.stderr).toMatch(
      /^ilm evaluate: c\.json cannot be used \(1 problem\):\n {2}c\.json: is not JSON \(/,
    );
    expect(await runCli(["evaluate", "missing.json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "ilm evaluate: missing.json cannot be used (1 problem):\n  missing.json: no such file\n",
    });
  });

  it("exits 2 on a missing file argument or an unknown option", async () => {
    expect((await runCli(["evaluate"])).code).toBe(2);
    const r = await runCli(["evaluate", "examples/cohort.json", "--xml"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toContain("ilm evaluate: unknown option --xml");
  });

  it("reads learners from a CSV file", async () => {
    const csv =
      "Registration No,Learner,Qualification,Registered,D5.01 S1,D5.01 S2,D5.01 S3,D5.01 S4\nNF-1,Asha Patel,500/3564/2,12/01/2026,3,24,9,21\n";
    const r = await runCli(["evaluate", "learners.csv", "--json"], { "learners.csv": csv });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      learners: { assessments: Record<string, { total: number }>; deadline: string }[];
    };
    expect(doc.learners[0]?.assessments["D5.01"]?.total).toBe(57);
    expect(doc.learners[0]?.deadline).toBe("2029-01-12");
  });

  it("exits 2 naming the row and column of a CSV problem", async () => {
    const csv = "Registration No,Learner,Qualification\nNF-1,Asha Patel,500/9999/2\n";
    expect(await runCli(["evaluate", "learners.csv"], { "learners.csv": csv })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'ilm evaluate: learners.csv cannot be used (1 problem):\n  learners.csv: row 2, column "Qualification" (NF-1): unknown qualification "500/9999/2"\n',
    });
  });

  it("evaluates against a centre catalogue given with --catalogue (a mark scheme for a Level 7 unit)", async () => {
    const extra = JSON.stringify({
      format: "ilm-catalogue/1",
      assessments: [
        {
          id: "D7.03-LOG",
          title: "Coaching log",
          kind: "criteria",
          units: ["D7.03"],
          criteria: [{ id: "1.1" }, { id: "1.2" }],
        },
      ],
    });
    const file = cohort([
      {
        ...asha,
        qualification: "L7-CERT-ECLM",
        units: { "D7.01": "PASS", "D7.02": "PASS" },
        assessments: { "D7.03-LOG": { criteria: { "1.1": "P", "1.2": "P" } } },
      },
    ]);
    const without = await runCli(["evaluate", "c.json"], { "c.json": file });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('unknown assessment "D7.03-LOG"');
    const r = await runCli(["evaluate", "c.json", "--json", "--catalogue", "centre.json"], {
      "c.json": file,
      "centre.json": extra,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).learners[0]).toMatchObject({ achieved: true, credits: 15 });
  });
});
