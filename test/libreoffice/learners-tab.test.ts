/**
 * The Learners tab in LibreOffice: Needs, recalculated, is the engine's text word for word and never empty while
 * Ready to claim is FALSE (random cohorts); and an outcome a person types in LibreOffice on Unit outcomes for a
 * unit outside the learner's qualification is reported by `ilm evaluate`, cell and all.
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { evaluateCommand } from "../../src/cli/evaluate";
import { workbookCommand } from "../../src/cli/workbook";
import type { Learner } from "../../src/domain";
import { evaluateLearner } from "../../src/domain";
import { HEADERS, LEARNERS_SHEET, UNITS_SHEET } from "../../src/workbook/layout";
import { readGrids } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { anyLearner } from "../domain/arbitraries";
import { compareWithEngine } from "../workbook/expected";
import { catalogue, cohortOf, planFor, withoutCachedValues } from "../workbook/helpers";
import { findUnoPython, type PersonSession, startPerson } from "./person";
import { findSoffice, recalcWithLibreOffice } from "./recalc";
import { describeWhenInstalled } from "../xlsx/helpers";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the LibreOffice Learners-tab test",
);

/** A cohort of random learners, each with its own registration number. */
const anyCohort = fc
  .array(anyLearner, { minLength: 30, maxLength: 60 })
  .map((ls) =>
    cohortOf(ls.map((l, i): Learner => ({ ...l, registration: `P-${String(i).padStart(3, "0")}` }))),
  );

maybe("Needs and Ready to claim recalculated by LibreOffice", () => {
  it("agree with the engine over random cohorts, and Needs is never empty while Ready to claim is FALSE", async () => {
    if (!soffice)
      throw new Error("CI=true but soffice is not installed: the LibreOffice test must run in CI");
    let notReady = 0;
    let withdrawn = 0;
    await fc.assert(
      fc.asyncProperty(anyCohort, async (cohort) => {
        const plan = planFor(cohort, "portable");
        // No cached values: LibreOffice computes every cell itself.
        const recalculated = await recalcWithLibreOffice(await writeXlsx(withoutCachedValues(plan)), soffice);
        const grids = await readGrids(recalculated.bytes);
        const result = compareWithEngine(plan, cohort, catalogue, (s) => grids.get(s));
        expect(result.mismatches.slice(0, 10)).toEqual([]);
        const rows = grids.get(LEARNERS_SHEET) ?? [];
        const col = (h: string) => (rows[0] ?? []).indexOf(h);
        for (const l of cohort.learners) {
          const row = rows.find((r) => r[0] === l.registration) ?? [];
          const ready = row[col(HEADERS.ready)];
          const needs = row[col(HEADERS.needs)];
          if (ready === false || ready === 0) {
            notReady++;
            expect(typeof needs === "string" && needs.length > 0).toBe(true);
          } else expect([true, 1]).toContain(ready);
          if (l.withdrawn) {
            withdrawn++;
            expect(String(needs).startsWith("withdrawn")).toBe(true);
          }
          expect(needs ?? "").toBe(evaluateLearner(catalogue, l).needs);
        }
      }),
      // No shrinking: each step would be another LibreOffice run; the failing cohort is reported as found.
      { numRuns: 3, seed: 20261202, endOnFailure: true },
    );
    // The cohorts reached both answers, withdrawn learners included, so the property means something.
    expect(notReady).toBeGreaterThan(30);
    expect(withdrawn).toBeGreaterThan(10);
  }, 600_000);
});

maybe(
  "an outcome typed in LibreOffice on Unit outcomes for a unit outside the learner's qualification",
  () => {
    let session: PersonSession | undefined;
    afterAll(async () => {
      await session?.close();
    });

    it("is reported by ilm evaluate as a problem naming its cell, and the rest is still evaluated", async () => {
      if (!soffice || !python)
        throw new Error("CI=true but soffice or python3-uno is missing: the LibreOffice test must run in CI");
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-learners-tab-"));
      try {
        const io = (out: string[], err: string[]) => ({
          stdout: (t: string) => out.push(t),
          stderr: (t: string) => err.push(t),
          readFile: (p: string) => fs.readFile(path.resolve(dir, p), "utf8"),
          readFileBytes: async (p: string) => new Uint8Array(await fs.readFile(path.resolve(dir, p))),
          cwd: dir,
          today: () => "2026-03-01",
        });
        const made = await workbookCommand(
          [path.resolve(__dirname, "../../examples/cohort.json"), "--out", "cohort.xlsx"],
          io([], []),
        );
        expect([0, 1]).toContain(made);
        const before: string[] = [];
        const cleanCode = await evaluateCommand(["cohort.xlsx"], io(before, []));

        session = await startPerson(soffice, python);
        // NF-007 is on the Level 3 Certificate (603/3738/2); D7.01 is a Level 7 unit.
        const edited = await session.edit(new Uint8Array(await fs.readFile(path.join(dir, "cohort.xlsx"))), [
          { op: "type", tab: UNITS_SHEET, header: "D7.01", registration: "NF-007", value: "PASS" },
        ]);
        await fs.writeFile(path.join(dir, "edited.xlsx"), edited.bytes);
        const grid = (await readGrids(edited.bytes)).get(UNITS_SHEET) ?? [];
        const c = (grid[0] ?? []).indexOf("D7.01");
        const r = grid.findIndex((row) => row[0] === "NF-007");
        expect(grid[r]?.[c]).toBe("PASS");
        const cell = `${String.fromCharCode(65 + c)}${r + 1}`;

        const out: string[] = [];
        const err: string[] = [];
        const code = await evaluateCommand(["edited.xlsx"], io(out, err));
        expect(code).toBe(1);
        expect(err.join("")).toContain(`${UNITS_SHEET}`);
        expect(err.join("")).toContain(cell);
        expect(err.join("")).toMatch(/NF-007.*D7\.01, which is not part of qualification 603\/3738\/2/);
        // Left out, not counted: every learner's results are as before the edit.
        expect(out.join("")).toBe(before.join(""));
        expect(cleanCode).toBe(0);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    }, 300_000);
  },
);
