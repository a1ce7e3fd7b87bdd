import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CliIO } from "../../src/cli/io";
import { samplingSchemaFile } from "../../src/cli/sample";
import { schemaText } from "../../src/cli/schemas";
import { workbookCommand } from "../../src/cli/workbook";
import { openWorkbook } from "../../src/app/open";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { STRATEGY } from "../domain/strategies";
import { ROOT, runCli } from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-sample-"));
  await fs.writeFile(path.join(dir, "c.json"), JSON.stringify(COHORT));
  const quiet: CliIO = {
    stdout: () => undefined,
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => fs.readFile(p, "utf8"),
    cwd: dir,
  };
  // The workbook as `ilm workbook` writes it; the QA marks in the cohort file are typed into its cells.
  expect(await workbookCommand(["c.json", "--out", "c.xlsx"], quiet)).toBe(0);
  await writeStrategy("s.json", STRATEGY);
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);
const writeStrategy = (name: string, json: unknown) => fs.writeFile(file(name), JSON.stringify(json));

const PASS = [3, 24, 9, 21];
const REFER = [3, 24, 9, 10];
const learner = (n: number, assessor: string, marks: number[] | null, extra: object = {}) => ({
  registration: `NF-${String(n).padStart(3, "0")}`,
  name: `Learner ${n}`,
  qualification: "500/3564/2",
  assessor,
  ...(marks ? { assessments: { "D5.01": { marks } } } : {}),
  ...extra,
});
const COHORT = {
  format: "ilm-cohort/1",
  centre: { number: "123456", name: "Northfield Training" },
  cohort: "2026-A",
  learners: [
    learner(1, "R. Hughes", PASS),
    learner(2, "R. Hughes", PASS, { assessments: { "D5.01": { marks: PASS, qaMarks: [3, 20, 9, 21] } } }),
    learner(3, "R. Hughes", REFER),
    ...Array.from({ length: 8 }, (_, i) => learner(4 + i, "R. Hughes", PASS)),
    learner(12, "D. Price", PASS, { name: "Evil\u001b[31m Name" }),
    learner(13, "D. Price", REFER),
    learner(14, "D. Price", [3, 24, null as unknown as number, null as unknown as number]),
    learner(15, "R. Hughes", PASS, { withdrawn: true }),
  ],
};

interface SampleDoc {
  format: string;
  seed: string;
  compliant: boolean;
  drawn: number;
  sample: {
    registration: string;
    assessor: string;
    outcome: string;
    qaOutcome: string | null;
    reasons: string[];
  }[];
  coverage: {
    assessor: string;
    assessment: string;
    eligible: number;
    required: number;
    sampled: number;
    qaDone: number;
    disagreements: number;
    compliant: boolean;
  }[];
  assessors: { assessor: string; required: number; sampled: number; compliant: boolean }[];
}
const sampleJson = async (...extra: string[]) => {
  const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("s.json"), "--json", ...extra]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return { doc: JSON.parse(r.stdout) as SampleDoc, stdout: r.stdout };
};

describe("ilm sample", () => {
  it("prints the ilm-sample/1 document: the sample with reasons, coverage by assessor and assessment", async () => {
    const { doc } = await sampleJson();
    expect([doc.format, doc.seed, doc.compliant]).toEqual(["ilm-sample/1", "123456/2026-A", true]);
    // R. Hughes: 11 decisions (NF-002 already re-marked, NF-003 referred); D. Price: 2 decisions, all sampled.
    expect(doc.coverage).toEqual([
      {
        assessor: "D. Price",
        assessment: "D5.01",
        eligible: 2,
        required: 1,
        sampled: 2,
        qaDone: 0,
        disagreements: 0,
        compliant: true,
      },
      {
        assessor: "R. Hughes",
        assessment: "D5.01",
        eligible: 11,
        required: 1,
        sampled: 2,
        qaDone: 1,
        disagreements: 1,
        compliant: true,
      },
    ]);
    const rows = doc.sample.map((r) => [r.registration, r.outcome, r.qaOutcome, r.reasons]);
    expect(rows).toEqual([
      ["NF-012", "PASS", null, ["new assessor"]],
      ["NF-013", "REFERRAL", null, ["referral", "1 per assessment", "new assessor"]],
      ["NF-002", "PASS", "PASS", ["already sampled", "1 per assessment", "minimum 10%"]],
      ["NF-003", "REFERRAL", null, ["referral", "minimum 10%"]],
    ]);
    expect(doc.drawn).toBe(3);
    expect(doc.assessors.map((a) => [a.assessor, a.required, a.sampled, a.compliant])).toEqual([
      ["D. Price", 2, 2, true],
      ["R. Hughes", 2, 2, true],
    ]);
  });

  it("gives the same sample for the same workbook, strategy and seed, and takes --seed", async () => {
    const first = await sampleJson("--seed", "4821");
    expect((await sampleJson("--seed=4821")).stdout).toBe(first.stdout);
    expect(first.doc.seed).toBe("4821");
    const other = await sampleJson("--seed", "other");
    expect(other.doc.coverage).toEqual(first.doc.coverage);
  });

  it("prints a readable report: the strategy, the sample, coverage, compliance; learner text escaped", async () => {
    const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("s.json")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    for (const text of [
      "Northfield Training (centre 123456), cohort 2026-A",
      "Each assessor: at least 10% of their eligible rows (rounded up).",
      `Seed: "123456/2026-A" (the workbook's centre number and cohort; --seed chooses another)`,
      "Sample: 4 rows: 1 re-marked, 0 recorded and waiting for QA marks, 3 drawn now",
      "Coverage by assessor and assessment",
      "Coverage by assessor",
      "Compliant once the 3 rows to re-mark have QA marks",
      "Evil<U+001B>[31m Name",
    ])
      expect(r.stdout).toContain(text);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toMatch(
      /R\. Hughes\s+D5\.01\s+NF-002\s+Learner 2\s+PASS\s+PASS\s+already sampled; 1 per assessment; minimum 10%/,
    );
    expect(r.stdout).toMatch(/D\. Price\s+D5\.01\s+NF-013\s+Learner 13\s+REFERRAL\s+drawn now\s+referral/);
  });

  it("writes learner text as JSON escapes with --json", async () => {
    const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("s.json"), "--json"]);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("Evil\\u001b[31m Name");
  });

  it("says so when the re-marks already typed meet the strategy", async () => {
    await writeStrategy("light.json", {
      ...STRATEGY,
      newAssessors: [],
      referrals: "none",
      minimumPercent: 0,
      perAssessorAssessment: 0,
    });
    const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("light.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Compliant now: the QA re-marks already typed meet the strategy");
  });

  it("samples every row with an entry at the interim stage", async () => {
    await writeStrategy("interim.json", {
      ...STRATEGY,
      stage: "interim",
      minimumPercent: 100,
      newAssessors: [],
    });
    const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("interim.json"), "--json"]);
    const doc = JSON.parse(r.stdout) as SampleDoc;
    expect(doc.sample.map((s) => s.registration)).toContain("NF-014");
    expect(doc.sample).toHaveLength(14);
  });

  it("notes a new assessor the workbook does not name (a misspelt name)", async () => {
    await writeStrategy("typo.json", { ...STRATEGY, newAssessors: ["D Price"] });
    const r = await runCli(["sample", file("c.xlsx"), "--strategy", file("typo.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ilm sample: newAssessors[0] "D Price" is nobody\'s assessor in the workbook');
  });

  it("exits 2 with every problem of the strategy and the workbook, and nothing on stdout", async () => {
    await writeStrategy("bad.json", { ...STRATEGY, minimumPercent: 120, referrals: undefined });
    const r = await runCli(["sample", file("missing.xlsx"), "--strategy", file("bad.json")]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain("ilm sample: nothing was drawn (3 problems):");
    expect(r.stderr).toContain("bad.json: minimumPercent: must be a percentage from 0 to 100, not 120");
    expect(r.stderr).toMatch(/bad\.json: referrals: is missing/);
    expect(r.stderr).toContain("missing.xlsx: no such file");
  });

  it("exits 2 for a strategy that is not JSON, a workbook ilm cannot read, or missing arguments", async () => {
    await fs.writeFile(file("notjson.json"), "{ nope");
    await fs.writeFile(file("junk.xlsx"), "not a zip");
    const r = await runCli(["sample", file("junk.xlsx"), "--strategy", file("notjson.json")]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain("notjson.json: is not JSON");
    expect(r.stderr).toContain("junk.xlsx: is not a workbook ilm can read");
    for (const args of [
      ["sample"],
      ["sample", "examples/cohort.json", "--strategy", file("s.json")],
      ["sample", file("c.xlsx"), "--strategy", file("s.json"), "--seed", ""],
      ["sample", file("c.xlsx"), "--strategy", file("s.json"), "--who", "A. Person"],
      ["sample", file("c.xlsx"), "--strategy", file("s.json"), "--write", "--who", " "],
    ]) {
      const bad = await runCli(args);
      expect([bad.code, bad.stdout]).toEqual([2, ""]);
      expect(bad.stderr).toContain("usage: ilm sample <workbook.xlsx> [--strategy <strategy.json>]");
    }
    const none = await runCli(["sample", file("c.xlsx")]);
    expect([none.code, none.stdout]).toEqual([2, ""]);
    expect(none.stderr).toContain("has no sampling strategy yet");
  });

  it("has help, and is listed in ilm --help", async () => {
    const help = await runCli(["sample", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--seed defaults to the seed the workbook keeps");
    expect(help.stdout).toContain("Without --write this only reports: the workbook is not changed.");
    expect((await runCli(["--help"])).stdout).toContain(
      "ilm sample <workbook.xlsx> [--strategy <strategy.json>] [--seed S] [--json] [--write]",
    );
  });
});

describe("ilm sample --write", () => {
  /** The IQA sample cells of the D5.01 mark sheet, by registration (blank ones left out). */
  async function recordedIn(name: string): Promise<Record<string, string>> {
    const contents = await readXlsxContents(new Uint8Array(await fs.readFile(file(name))));
    const opened = openWorkbook(contents, name);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    return Object.fromEntries(
      opened.value.cohort.learners.flatMap((l) => {
        const why = l.assessments?.["D5.01"]?.iqaSample;
        return why === undefined ? [] : [[l.registration, why]];
      }),
    );
  }

  it("records each drawn row's reasons in its IQA sample cell, keeps the strategy, and a second run draws none", async () => {
    await fs.copyFile(file("c.xlsx"), file("w.xlsx"));
    const before = await runCli(["sample", file("w.xlsx"), "--strategy", file("s.json"), "--json"]);
    const drawnBefore = (JSON.parse(before.stdout) as SampleDoc).sample.filter((r) => r.qaOutcome === null);
    const w = await runCli([
      "sample",
      file("w.xlsx"),
      "--strategy",
      file("s.json"),
      "--write",
      "--who",
      "I. Qa",
    ]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain("3 rows added to the sample (IQA sample column)");
    expect(await recordedIn("w.xlsx")).toEqual(
      Object.fromEntries(drawnBefore.map((r) => [r.registration, r.reasons.join("; ")])),
    );
    // The strategy and seed are the workbook's now: no --strategy needed, nothing new drawn, the same rows.
    const again = await runCli(["sample", file("w.xlsx"), "--json"]);
    const doc = JSON.parse(again.stdout) as SampleDoc;
    expect([again.code, doc.drawn]).toEqual([0, 0]);
    expect(doc.sample.map((r) => r.registration).sort()).toEqual(
      (JSON.parse(before.stdout) as SampleDoc).sample.map((r) => r.registration).sort(),
    );
    expect(
      doc.sample.filter((r) => r.qaOutcome === null).every((r) => r.reasons[0] === "already sampled"),
    ).toBe(true);
  });

  it("tops up under a stricter strategy and never removes a sampled row", async () => {
    await fs.copyFile(file("c.xlsx"), file("t.xlsx"));
    expect((await runCli(["sample", file("t.xlsx"), "--strategy", file("s.json"), "--write"])).code).toBe(0);
    const first = await recordedIn("t.xlsx");
    await writeStrategy("strict.json", { ...STRATEGY, minimumPercent: 50 });
    expect(
      (await runCli(["sample", file("t.xlsx"), "--strategy", file("strict.json"), "--write"])).code,
    ).toBe(0);
    const second = await recordedIn("t.xlsx");
    expect(second).toMatchObject(first);
    expect(Object.keys(second).length).toBeGreaterThan(Object.keys(first).length);
    const lighter = await runCli([
      "sample",
      file("t.xlsx"),
      "--strategy",
      file("s.json"),
      "--write",
      "--json",
    ]);
    expect((JSON.parse(lighter.stdout) as SampleDoc).drawn).toBe(0);
    expect(await recordedIn("t.xlsx")).toEqual(second);
  });

  it("writes nothing, byte for byte, when a cell cannot be read or the strategy cannot be used", async () => {
    await fs.copyFile(file("c.xlsx"), file("u.xlsx"));
    const bytes = await fs.readFile(file("u.xlsx"));
    await writeStrategy("bad2.json", { ...STRATEGY, markTolerance: -1 });
    const bad = await runCli(["sample", file("u.xlsx"), "--strategy", file("bad2.json"), "--write"]);
    expect([bad.code, bad.stdout]).toEqual([2, ""]);
    expect(await fs.readFile(file("u.xlsx"))).toEqual(bytes);
    const none = await runCli(["sample", file("u.xlsx"), "--write"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("has no sampling strategy yet");
    expect(await fs.readFile(file("u.xlsx"))).toEqual(bytes);
  });
});

describe("the committed ilm-sampling/1 JSON Schema", () => {
  it("matches what the zod schema generates (run `npm run schema` after changing it)", async () => {
    const schema = samplingSchemaFile();
    expect(await fs.readFile(path.join(ROOT, schema.file), "utf8")).toBe(schemaText(schema));
    const json = schema.json as { properties: { format: { const: string } }; required: string[] };
    expect(json.properties.format.const).toBe("ilm-sampling/1");
    expect(json.required).toEqual([
      "format",
      "stage",
      "minimumPercent",
      "perAssessorAssessment",
      "newAssessors",
      "newAssessorPercent",
      "referrals",
      "markTolerance",
    ]);
  });
});
