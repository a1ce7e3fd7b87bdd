import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Qualification } from "../domain/catalogue/schema";
import type { Cohort, Learner } from "../domain/cohort/schema";
import type { Existing } from "./cells";
import { textOf } from "./cells";
import { HEADERS, STATUS } from "./layout";
import type { ExistingTable } from "./plan";

/** One row of a table: a learner of the cohort, or one kept from the workbook. */
export interface RowSource {
  readonly registration: string;
  readonly name: string;
  readonly qualification: Qualification | undefined;
  readonly qualificationText: string;
  readonly status: string;
  readonly learner: Learner | undefined;
}

/**
 * The rows of a table: existing rows first (in the workbook's order, which users may have sorted), then the
 * cohort's new learners the table applies to. A row kept from the workbook whose learner left the cohort is
 * withdrawn; one whose learner no longer takes the table's assessment or unit says so.
 */
export function rowsOf(
  cohort: Cohort,
  catalogue: Catalogue,
  existingLearners: ExistingTable | undefined,
): (table: ExistingTable | undefined, applies: (l: Learner) => boolean) => RowSource[] {
  const byRegistration = new Map(cohort.learners.map((l) => [l.registration, l]));
  const source = (
    registration: string,
    existingRow: ReadonlyMap<string, Existing> | undefined,
    applies: boolean,
  ): RowSource => {
    const learner = byRegistration.get(registration);
    const learnerRow = existingLearners?.rows.get(registration);
    const qualificationText =
      learner?.qualification ??
      textOf(learnerRow?.get(HEADERS.qualification) ?? existingRow?.get(HEADERS.qualification));
    const status = !learner || learner.withdrawn ? STATUS.withdrawn : applies ? "" : STATUS.moved;
    return {
      registration,
      name: learner?.name ?? textOf(existingRow?.get(HEADERS.learner) ?? learnerRow?.get(HEADERS.learner)),
      qualification: catalogue.qualifications.get(qualificationText),
      qualificationText,
      status,
      learner,
    };
  };

  return (table, applies) => {
    const out: RowSource[] = [];
    const seen = new Set<string>();
    for (const [registration, row] of table?.rows ?? []) {
      if (registration === "" || seen.has(registration)) continue;
      seen.add(registration);
      const learner = byRegistration.get(registration);
      out.push(source(registration, row, learner ? applies(learner) : false));
    }
    for (const l of cohort.learners) {
      if (seen.has(l.registration) || !applies(l)) continue;
      seen.add(l.registration);
      out.push(source(l.registration, undefined, true));
    }
    return out;
  };
}
