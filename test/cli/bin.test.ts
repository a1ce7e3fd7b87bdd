import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";

/** The real `ilm` program: bin/ilm.js running the compiled lib/ in a separate Node process. */
describe("bin/ilm.js", () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) {
      execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
        cwd: ROOT,
      });
    }
  }, 120_000);

  const ilm = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, "bin", "ilm.js"), ...args], { cwd: ROOT, encoding: "utf8" });

  it("evaluates the bundled sample cohort as JSON and exits 0", () => {
    const r = ilm("evaluate", "examples/cohort.json", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      format: string;
      learners: { registration: string; achieved: boolean }[];
    };
    expect(doc.format).toBe("ilm-evaluation/1");
    expect(doc.learners.filter((l) => l.achieved).map((l) => l.registration)).toEqual([
      "NF-002",
      "NF-005",
      "NF-006",
      "NF-007",
      "NF-010",
    ]);
  });

  it("exits 1 on the golden cohort with INVALID marks and 2 on a file that does not exist, with nothing on stdout", () => {
    expect(ilm("evaluate", "test/golden/boundaries.cohort.json").status).toBe(1);
    const missing = ilm("evaluate", "no-such-cohort.json");
    expect([missing.status, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr).toContain("no-such-cohort.json: no such file");
  });

  it("starts without loading the .xlsx reader and writer (only the workbook commands need them)", () => {
    const probe = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "main.js"))});
      process.stdout.write(String(Object.keys(require.cache).filter((k) => /[\\/]node_modules[\\/]fflate[\\/]|[\\/]xlsx[\\/]/.test(k)).length));`;
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" });
    expect([r.status, r.stdout]).toEqual([0, "0"]);
  });
});
