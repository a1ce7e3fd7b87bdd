import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { workbookCommand } from "../../src/cli/workbook";
import { builtinCatalogue } from "../../src/domain";
import { planFor, withoutCachedValues } from "../workbook/helpers";
import { cellAt, isFormulaValue, valueOf } from "../../src/workbook/contents";
import { readGrids, readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { compareWithEngine } from "../workbook/expected";
import { generateCohort } from "../workbook/generate";
import { findSoffice, recalcWithLibreOffice } from "./recalc";
import { describeWhenInstalled } from "../xlsx/helpers";

const soffice = findSoffice();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice },
  "the LibreOffice recalculation test",
);

maybe("ilm workbook output recalculated by LibreOffice", () => {
  it("gives the engine's Outcome, Referred, QA Outcome, Credits, Achieved, Deadline, Ready to claim, Needs, Qualification title and unit cells (n/a outside the qualification) for 600 learners, the very values the file caches", async () => {
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
      // The file as written already holds the engine's values: every formula cell has one, and LibreOffice's
      // full recalculation gives the same in every one of them.
      const written = await readXlsxContents(new Uint8Array(await fs.readFile(out)));
      const again = await readXlsxContents(recalculated.bytes);
      let formulas = 0;
      const differ: string[] = [];
      for (const sheet of written.sheets) {
        const other = again.sheets.find((x) => x.name === sheet.name);
        sheet.grid.forEach((row, r) =>
          row?.forEach((cell, c) => {
            if (!isFormulaValue(cell)) return;
            formulas++;
            const cached = cell.v;
            const recalc = valueOf(other ? cellAt(other, r, c) : undefined);
            if (cached === null || !sameShown(cached, recalc))
              differ.push(
                `${sheet.name}!R${r + 1}C${c + 1}: cached ${String(cached)}, LibreOffice ${String(recalc)}`,
              );
          }),
        );
      }
      expect(differ.slice(0, 10)).toEqual([]);
      expect(formulas).toBeGreaterThan(600 * 8);
      expect(compareWithEngine(plan, cohort, catalogue, (s) => grids.get(s)).mismatches).toEqual([]);
      // Control: without cached values the same comparison fails, so it can tell.
      const bare = await readGrids(await writeXlsx(withoutCachedValues(plan)));
      expect(
        compareWithEngine(plan, cohort, catalogue, (s) => bare.get(s)).mismatches.length,
      ).toBeGreaterThan(100);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

/** A cached value and a recalculated one show the same (LibreOffice reads booleans back as TRUE/FALSE or 1/0). */
function sameShown(a: string | number | boolean | null, b: string | number | boolean | null): boolean {
  const norm = (v: typeof a) => (v === null ? "" : typeof v === "boolean" ? (v ? 1 : 0) : v);
  const x = norm(a);
  const y = norm(b);
  return typeof x === "number" && typeof y === "number" ? Math.abs(x - y) < 1e-9 : x === y;
}

maybe("an ILM functions workbook where the add-in is not installed (LibreOffice)", () => {
  it("says in every outcome cell that the ILM add-in is needed, never INVALID", async () => {
    if (!soffice)
      throw new Error("CI=true but soffice is not installed: the LibreOffice test must run in CI");
    const cohort = generateCohort(40, 3);
    const plan = planFor(cohort, "ilm");
    // Without cached values, as if Excel had never calculated it: LibreOffice must compute every cell itself.
    const bare = withoutCachedValues(plan);
    const recalculated = await recalcWithLibreOffice(await writeXlsx(bare), soffice);
    const grids = await readGrids(recalculated.bytes);
    const outcomes = plan.sheets
      .filter((s) => s.kind === "marksheet")
      .flatMap((s) => {
        const rows = grids.get(s.name) ?? [];
        const col = (rows[0] ?? []).indexOf("Outcome");
        // The table's rows only (the colour key sits below them).
        return rows.slice(1, 1 + s.table.rows.length).map((r) => r[col]);
      });
    expect(outcomes.length).toBeGreaterThan(40);
    expect(new Set(outcomes)).toEqual(new Set(["needs the ILM add-in"]));
  }, 300_000);
});
