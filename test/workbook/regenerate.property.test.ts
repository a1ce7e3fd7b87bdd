import fc from "fast-check";
import type { Cohort, Learner } from "../../src/domain";
import { builtinCatalogue, validateCohort } from "../../src/domain";
import { buildWorkbookPlan } from "../../src/workbook/build";
import { MemoryWorkbook, valueOf } from "../../src/workbook/memory";
import { STATE_SHEET } from "../../src/workbook/state";
import { loadExcelJS } from "../../src/xlsx/exceljs";
import { cellValue, readGrids, readXlsx } from "../../src/xlsx/read";
import { planToXlsx } from "../../src/xlsx/write";
import { generateCohort } from "./generate";

const catalogue = builtinCatalogue();
type Typed = { sheet: string; registration: string; header: string; value: string | number };

/** The cohort after random changes: learners removed, added, withdrawn, moved to another qualification. */
function changed(cohort: Cohort, seed: number, r: () => number): Cohort {
  const quals = [...catalogue.qualifications.keys()];
  const kept = cohort.learners.filter(() => r() > 0.25);
  const added = generateCohort(1 + Math.floor(r() * 4), seed + 1).learners.map((l, i) => ({
    ...l,
    registration: `N${seed}-${i}`,
  }));
  const learners: Learner[] = [...kept, ...added].map((l) => {
    const x = r();
    if (x < 0.1) return { ...l, withdrawn: true };
    if (x < 0.2)
      return {
        ...l,
        qualification: quals[Math.floor(r() * quals.length)] as string,
        assessments: {},
        units: {},
      };
    return l;
  });
  const c = validateCohort({ ...cohort, learners }, catalogue);
  if (!c.ok) throw new Error(JSON.stringify(c.problems.slice(0, 2)));
  return c.value;
}

function rngFrom(seed: number) {
  let a = seed >>> 0 || 1;
  return () => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return (a >>> 0) / 4294967296;
  };
}

/** Entry cells of the memory workbook's visible tables: (sheet, row, col, header). */
function entryCells(wb: MemoryWorkbook) {
  const out: { sheet: string; row: number; col: number; header: string; registration: string }[] = [];
  for (const s of wb.sheets) {
    if (!s.table || s.name === STATE_SHEET) continue;
    s.table.columns.forEach((c, col) => {
      if (c.role !== "entry") return;
      for (let row = 1; row < s.grid.length; row++) {
        out.push({
          sheet: s.name,
          row,
          col,
          header: c.header,
          registration: String(valueOf(s.grid[row]?.[0] ?? null)),
        });
      }
    });
  }
  return out;
}

/** Every token must be found exactly once, in its own learner's row and its own column. */
function findTokens(
  grids: Map<string, (string | number | boolean | null)[][]>,
  typed: readonly Typed[],
): string[] {
  const problems: string[] = [];
  const where = new Map<string | number, string[]>();
  for (const [sheet, rows] of grids) {
    const headers = (rows[0] ?? []).map(String);
    rows.slice(1).forEach((row) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        where.set(v as string | number, [
          ...(where.get(v as string | number) ?? []),
          `${sheet}|${String(row[0])}|${headers[c]}`,
        ]);
      }),
    );
  }
  for (const t of typed) {
    const found = where.get(t.value) ?? [];
    const expected = `${t.sheet}|${t.registration}|${t.header}`;
    if (found.length !== 1 || found[0] !== expected)
      problems.push(`${String(t.value)}: expected at ${expected}, found at ${JSON.stringify(found)}`);
  }
  return problems;
}

function memoryGrids(wb: MemoryWorkbook) {
  return new Map(wb.sheets.map((s) => [s.name, s.grid.map((r) => r.map(valueOf))]));
}

describe("regeneration keeps every entered value in its learner's row", () => {
  it("in the memory workbook: random cohorts, random entries, random changes, user columns, sorting", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 14 }), (seed, size) => {
        const r = rngFrom(seed);
        const cohort = generateCohort(size, seed);
        const wb = new MemoryWorkbook();
        wb.apply(buildWorkbookPlan({ cohort, catalogue, mode: r() < 0.5 ? "ilm" : "portable" }).plan);

        const typed: Typed[] = [];
        let token = 0;
        for (const c of entryCells(wb)) {
          if (r() > 0.3) continue;
          const value = r() < 0.5 ? 100_000 + token++ : `${["=", "+", "-", "@", ""][token % 5]}tok${token++}`;
          wb.setCell(
            c.sheet,
            c.row,
            c.col,
            typeof value === "number" ? { t: "number", v: value } : { t: "text", v: value },
          );
          typed.push({ sheet: c.sheet, registration: c.registration, header: c.header, value });
        }
        // A column the user added, with values.
        const sheet = wb.sheets[Math.floor(r() * (wb.sheets.length - 1))]?.name as string;
        const col = wb.addColumn(sheet, "My notes");
        const s = wb.sheet(sheet);
        for (let row = 1; row < (s?.grid.length ?? 0); row++) {
          const value = `note${token++}`;
          wb.setCell(sheet, row, col, { t: "text", v: value });
          typed.push({
            sheet,
            registration: String(valueOf(s?.grid[row]?.[0] ?? null)),
            header: "My notes",
            value,
          });
        }
        // The user sorts a table.
        wb.sortRows(sheet, () => (r() < 0.5 ? -1 : 1));

        const next = changed(cohort, seed, r);
        const { plan, summary } = buildWorkbookPlan({
          cohort: next,
          catalogue,
          mode: "portable",
          existing: wb.read(),
        });
        wb.apply(plan);
        expect(findTokens(memoryGrids(wb), typed)).toEqual([]);
        expect(summary.entriesKept).toBeGreaterThanOrEqual(typed.length);
        // Nobody is deleted: every learner ever on the Learners tab is still there.
        for (const l of cohort.learners) expect(wb.row("Learners", l.registration)).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it("through .xlsx files: typed in the file, regenerated with ilm workbook's writer, read back", async () => {
    const ExcelJS = await loadExcelJS();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 8 }),
        async (seed, size) => {
          const r = rngFrom(seed);
          const cohort = generateCohort(size, seed);
          const first = buildWorkbookPlan({ cohort, catalogue, mode: "portable" }).plan;
          const bytes = await planToXlsx(first);

          // Type into the file as a person would (values only).
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(bytes as unknown as ArrayBuffer);
          const typed: Typed[] = [];
          let token = 0;
          for (const sheet of first.sheets) {
            if (sheet.kind === "state") continue;
            const ws = wb.getWorksheet(sheet.name);
            if (!ws) throw new Error(`no sheet ${sheet.name}`);
            sheet.table.columns.forEach((c, i) => {
              if (c.role !== "entry") return;
              sheet.table.keys.forEach((registration, k) => {
                if (r() > 0.25) return;
                const value = r() < 0.5 ? 200_000 + token++ : `=tok${token++}`;
                ws.getRow(k + 2).getCell(i + 1).value = value;
                typed.push({ sheet: sheet.name, registration, header: c.header, value });
              });
            });
          }
          const edited = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

          const existing = await readXlsx(edited);
          const next = changed(cohort, seed, r);
          const { plan } = buildWorkbookPlan({ cohort: next, catalogue, mode: "portable", existing });
          const regenerated = await planToXlsx(plan, edited);
          expect(findTokens(await readGrids(regenerated), typed)).toEqual([]);
          // Text that looks like a formula is still text in the file.
          const check = new ExcelJS.Workbook();
          await check.xlsx.load(regenerated as unknown as ArrayBuffer);
          for (const t of typed.filter((x) => typeof x.value === "string").slice(0, 5)) {
            const ws = check.getWorksheet(t.sheet);
            let found = false;
            ws?.eachRow((row) =>
              row.eachCell((cell) => {
                if (cellValue(cell) === t.value) found = typeof cell.value === "string";
              }),
            );
            expect(found).toBe(true);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
