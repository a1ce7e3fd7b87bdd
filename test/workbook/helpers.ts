import type { Cohort, Learner } from "../../src/domain";
import { builtinCatalogue, validateCohort } from "../../src/domain";

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
