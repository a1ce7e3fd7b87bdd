import { assessorName } from "../../domain/engine/summary";
import type { WorkbookState } from "../../workbook/port";

/**
 * The assessors the workbook knows of, as mark sheets name them: the set-up's, each learner's and each entry's,
 * and any other names given (a kept strategy's new assessors), once each in name order.
 * @example knownAssessors(state, ["D. Price"]) // ["D. Price", "R. Hughes", "S. Okafor"]
 */
export function knownAssessors(state: WorkbookState, others: readonly string[] = []): string[] {
  const names = [
    ...(state.setup?.assessors ?? []),
    ...state.cohort.learners.flatMap((l) => [
      l.assessor,
      ...Object.values(l.assessments ?? {}).map((e) => e.assessor),
    ]),
    ...others,
  ];
  const unique = new Set(names.map((n) => assessorName(n)).filter((n): n is string => n !== null));
  return [...unique].sort((a, b) => a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0));
}
