import { oneLine, table } from "../../src/cli/table";
import { visible, visibleJson } from "../../src/cli/terminal";
import { runCli } from "./helpers";

/*
 * Learner data never reaches the terminal raw: control characters (C0, DEL, C1) and bidirectional controls are
 * shown as <U+XXXX> in text output, and written as JSON escapes in --json output, which stays exact JSON.
 */

// A right-to-left override, an ANSI colour escape, C1 NEXT LINE, a first-strong isolate and its pop.
const NAME = "Asha \u202EletaP\u202C \u001b[31mred\u001b[0m \u0085 \u2068x\u2069";
const SHOWN = "Asha <U+202E>letaP<U+202C> <U+001B>[31mred<U+001B>[0m <U+0085> <U+2068>x<U+2069>";
const RAW =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const cohort = (learners: unknown[]) =>
  JSON.stringify({
    format: "ilm-cohort/1",
    centre: { number: "1", name: "Centre \u202E1" },
    cohort: "T",
    learners,
  });

describe("terminal output", () => {
  it("shows control and bidirectional characters as <U+XXXX>, keeping tabs, line feeds and other text", () => {
    expect(visible(NAME)).toBe(SHOWN);
    expect(visible("Siân\tO'Neill\n")).toBe("Siân\tO'Neill\n");
    expect(visible("\u061c\u200e\u200f\u2028\u2029\u007f\u0000")).toBe(
      "<U+061C><U+200E><U+200F><U+2028><U+2029><U+007F><U+0000>",
    );
    expect(oneLine("a\tb\r\nc\u202Ed")).toBe("a b c<U+202E>d");
  });

  it("lines table columns up by what the terminal shows", () => {
    expect(
      table(
        ["Name", "X"],
        [
          ["\u202E", "1"],
          ["abcdefghij", "2"],
        ],
      ),
    ).toBe("Name        X\n----------  -\n<U+202E>    1\nabcdefghij  2\n");
  });

  it("writes them as JSON escapes in JSON, which parses to exactly the same values", () => {
    const json = JSON.stringify({ name: NAME });
    expect(RAW.test(json)).toBe(true);
    const safe = visibleJson(json);
    expect(RAW.test(safe)).toBe(false);
    expect(JSON.parse(safe)).toEqual({ name: NAME });
  });

  it("ilm evaluate prints a learner's name, the cohort's title and the engine's messages escaped", async () => {
    const file = cohort([
      {
        registration: "NF-001",
        name: NAME,
        qualification: "500/3564/2",
        assessments: { "D5.01": { marks: ["\u202Epass", 24, 9, 21] } },
      },
    ]);
    const r = await runCli(["evaluate", "t.json"], { "t.json": file });
    expect(r.code).toBe(1);
    expect(RAW.test(r.stdout)).toBe(false);
    expect(r.stdout).toContain(`NF-001        ${SHOWN}`);
    expect(r.stdout).toContain("Centre <U+202E>1 (centre 1), cohort T");
    expect(r.stdout).toContain('Section 1 (Context): "<U+202E>pass" is not a number');
  });

  it("ilm evaluate --json keeps the exact values in valid JSON, with no raw control character", async () => {
    const file = cohort([
      {
        registration: "NF-001",
        name: NAME,
        qualification: "500/3564/2",
        assessments: { "D5.01": { marks: ["\u202Epass\u0085", 24, 9, 21] } },
      },
    ]);
    const r = await runCli(["evaluate", "t.json", "--json"], { "t.json": file });
    expect(r.code).toBe(1);
    expect(RAW.test(r.stdout)).toBe(false);
    expect(r.stdout).toContain("\\u202epass\\u0085");
    const parsed = JSON.parse(r.stdout) as {
      learners: { assessments: Record<string, { messages: string[] }> }[];
    };
    expect(parsed.learners[0]?.assessments["D5.01"]?.messages).toEqual([
      'Section 1 (Context): "\u202Epass\u0085" is not a number',
    ]);
  });

  it("problems on stderr show what the file holds escaped (formatProblem's text through the CLI)", async () => {
    const file = cohort([{ registration: "NF-001", name: "Ann", qualification: "500/\u202E3564/2" }]);
    const r = await runCli(["evaluate", "t.json"], { "t.json": file });
    expect(r.code).toBe(2);
    expect(RAW.test(r.stderr)).toBe(false);
    expect(r.stderr).toContain('unknown qualification "500/<U+202E>3564/2"');
  });

  it("an unknown command or file name given on the command line is escaped too", async () => {
    const r = await runCli(["evaluate", "\u001b]0;title\u0007.json"]);
    expect(r.code).toBe(2);
    expect(RAW.test(r.stderr)).toBe(false);
    expect(r.stderr).toContain("<U+001B>]0;title<U+0007>.json");
  });
});
