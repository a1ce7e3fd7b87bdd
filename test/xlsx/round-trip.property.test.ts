import { ALLOWED } from "../../src/workbook/validations";
import fc from "fast-check";
import type { CellContent } from "../../src/workbook/contents";
import type { Cell, ColumnPlan, WorkbookPlan } from "../../src/workbook/plan";
import { readContentsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";

const text = fc.string({ unit: "binary", maxLength: 30 });
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  text.map((v) => ({ t: "text" as const, v })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ t: "number" as const, v })),
  fc.boolean().map((v) => ({ t: "bool" as const, v })),
  fc.integer({ min: 1, max: 2_958_465 }).map((v) => ({ t: "date" as const, v })),
  fc
    .tuple(
      fc.constantFrom("SUM(A2:B2)", 'IF(A2="","x",A2)', "1+1", "TODAY()"),
      fc.oneof(
        fc.constant(undefined),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        text,
      ),
    )
    .map(([f, v]) => (v === undefined ? { t: "formula" as const, f } : { t: "formula" as const, f, v })),
);

/** What the reader gives back for a written cell. */
function expected(c: Cell): CellContent {
  if (c === null) return null;
  switch (c.t) {
    case "text":
      return c.v === "" ? "" : c.v;
    case "number":
      return Object.is(c.v, -0) ? 0 : c.v;
    case "formula":
      return { f: c.f, v: c.v === undefined ? null : Object.is(c.v, -0) ? 0 : c.v };
    default:
      return c.v;
  }
}

describe("writing then reading", () => {
  it("gives back the grid of any small plan (texts, numbers, booleans, dates, formulas with cached values)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
            ),
          ),
        fc.boolean(),
        ([width, rows], protect) => {
          const columns: ColumnPlan[] = Array.from({ length: width }, (_, i) => ({
            key: `k${i}`,
            header: `Column ${i}`,
            role: i === 0 ? "identity" : "entry",
            width: 10,
          }));
          const plan: WorkbookPlan = {
            mode: "portable",
            sheets: [
              {
                name: "Random",
                kind: "learners",
                table: { name: "Random", columns, rows, keys: rows.map((_, i) => String(i)) },
                conditionalFormats: [],
                freeze: { rows: 1, columns: 1 },
                protection: { protect, allow: ALLOWED },
                print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
                visibility: "visible",
              },
            ],
          };
          const grid = readContentsSync(writeXlsxSync(plan)).sheets[0]?.grid ?? [];
          expect(grid[0]).toEqual(columns.map((c) => c.header));
          rows.forEach((r, i) => {
            const got = grid[i + 1] ?? [];
            r.forEach((c, j) => expect([i, j, got[j] ?? null]).toEqual([i, j, expected(c)]));
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
