import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { workbookCommand } from "../../src/cli/workbook";
import { builtinCatalogue } from "../../src/domain";
import { planFor } from "../workbook/helpers";
import { readGrids } from "../../src/xlsx/read-contents";
import { compareWithEngine } from "../workbook/expected";
import { generateCohort } from "../workbook/generate";
import { findSoffice, recalcWithLibreOffice } from "./recalc";

const soffice = findSoffice();
const inCI = process.env.CI === "true";
if (!soffice && !inCI) {
  console.warn(
    "\n!!! SKIPPING the LibreOffice recalculation test: soffice is not installed on this machine.\n" +
      "!!! Install libreoffice-calc-nogui to run it; in CI (CI=true) it always runs.\n",
  );
}
const maybe = soffice || inCI ? describe : describe.skip;

maybe("ilm workbook output recalculated by LibreOffice", () => {
  it("gives the engine's Outcome, Referred, QA Outcome, Credits, Achieved, Deadline and Ready to claim for 600 learners", async () => {
    if (!soffice)
      throw new Error("CI=true but soffice is not installed: the LibreOffice test must run in CI");
    const catalogue = builtinCatalogue();
    const cohort = generateCohort(600, 7);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-wb-"));
    try {
      const cohortFile = path.join(dir, "cohort.json");
      const out = path.join(dir, "cohort.xlsx");
      await fs.writeFile(cohortFile, JSON.stringify(cohort));
      const stderr: string[] = [];
      const code = await workbookCommand([cohortFile, "--out", out], {
        stdout: () => undefined,
        stderr: (t) => stderr.push(t),
        readFile: (p) => fs.readFile(p, "utf8"),
        cwd: dir,
      });
      expect(stderr.join("")).toBe("");
      expect([0, 1]).toContain(code);

      const recalculated = await recalcWithLibreOffice(new Uint8Array(await fs.readFile(out)), soffice);
      const grids = await readGrids(recalculated.bytes);
      const plan = planFor(cohort, "portable");
      const result = compareWithEngine(plan, cohort, catalogue, (s) => grids.get(s));

      expect(result.mismatches.slice(0, 10)).toEqual([]);
      // The cohort reached every outcome, so the comparison means something.
      for (const o of ["PASS", "REFERRAL", "INCOMPLETE", "INVALID"])
        expect(result.outcomes[o]).toBeGreaterThan(20);
      expect(result.checked).toBeGreaterThan(600 * 4);
      // Control: the file as written (no cached results) does not pass the same comparison.
      const unrecalculated = await readGrids(new Uint8Array(await fs.readFile(out)));
      expect(
        compareWithEngine(plan, cohort, catalogue, (s) => unrecalculated.get(s)).mismatches.length,
      ).toBeGreaterThan(100);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
