import type { Cohort, Learner } from "../../src/domain";
import { generate } from "../../src/app/generate";
import { builtinCatalogue, validateCohort } from "../../src/domain";
import type { FormulaMode, TablePlan, WorkbookPlan } from "../../src/workbook/plan";
import type { CentreCatalogueFile } from "../../src/workbook/settings";

export const catalogue = builtinCatalogue();

/** A cohort checked by the domain's validator (tests fail loudly when a fixture is not valid). */
export function cohortOf(learners: Learner[]): Cohort {
  const c = validateCohort(
    {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield Training" },
      cohort: "2026-A",
      learners,
    },
    catalogue,
  );
  if (!c.ok) throw new Error(`fixture cohort is invalid: ${JSON.stringify(c.problems)}`);
  return c.value;
}

/**
 * The plan `ilm workbook` writes for a cohort into a new workbook (through the generate use case), failing the
 * test loudly when it refuses.
 */
export function planFor(
  cohort: Cohort,
  mode: FormulaMode = "portable",
  catalogues: readonly CentreCatalogueFile[] = [],
): WorkbookPlan {
  const generated = generate({ what: "test workbook", file: cohort, mode, catalogues });
  if (!generated.ok) throw new Error(`generate refused: ${JSON.stringify(generated.problems)}`);
  return generated.value.plan;
}

/**
 * A plan without cached values (every table of every sheet), as a file whose formulas were never calculated:
 * a spreadsheet reading it must compute every cell itself.
 */
export function withoutCachedValues(plan: WorkbookPlan): WorkbookPlan {
  const bare = (t: TablePlan): TablePlan => ({
    ...t,
    rows: t.rows.map((r) => r.map((c) => (c?.t === "formula" ? { t: "formula" as const, f: c.f } : c))),
  });
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({
      ...s,
      table: bare(s.table),
      ...(s.moreTables ? { moreTables: s.moreTables.map(bare) } : {}),
    })),
  };
}
