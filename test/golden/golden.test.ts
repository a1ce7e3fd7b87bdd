import * as fs from "node:fs";
import * as path from "node:path";
import { EVALUATION_FORMAT } from "../../src/domain";
import { runCli } from "../cli/helpers";

/**
 * Golden cohorts: each is evaluated through `ilm evaluate --json` and compared with an ilm-evaluation/1 document
 * checked by hand against the rules. To regenerate after a deliberate change, run with GOLDEN_UPDATE=1 and read
 * every difference before committing. The As of date is pinned, so that the figures never depend on today.
 */
const AS_OF = "2026-12-02";
const cases: [name: string, cohort: string, exitCode: number][] = [
  ["sample", "examples/cohort.json", 0],
  ["boundaries", "test/golden/boundaries.cohort.json", 1],
  ["combinations", "test/golden/combinations.cohort.json", 0],
];

describe("golden cohorts", () => {
  it.each(cases)(
    "evaluates the %s cohort exactly as its expected document says",
    async (name, cohort, exitCode) => {
      const expectedFile = path.join(__dirname, `${name}.expected.json`);
      const run = await runCli(["evaluate", cohort, "--json", "--as-of", AS_OF]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(exitCode);
      const actual = JSON.parse(run.stdout) as { format: string };
      if (process.env.GOLDEN_UPDATE === "1")
        fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + "\n");
      expect(actual.format).toBe(EVALUATION_FORMAT);
      expect(actual).toEqual(JSON.parse(fs.readFileSync(expectedFile, "utf8")));
    },
  );
});
