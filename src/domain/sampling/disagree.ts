import type { Assessment } from "../catalogue/schema";
import type { AssessmentEntry } from "../cohort/schema";
import { evaluateAssessment } from "../engine/learner";
import { criterionMark } from "../engine/summary";
import { isBlank, readNumber, roundTotal } from "../engine/values";
import { ownValue } from "../reserved";

/**
 * Whether the IQA's re-marking of one mark-sheet row disagrees with the assessor's (the mark sheets' Disagreement
 * column). FALSE when there is no QA entry (every QA mark or criterion blank). Otherwise TRUE when:
 * - the QA outcome is a sample (PASS, REFERRAL or INVALID: QA marks or criteria given in full, or invalid) and
 *   differs from the assessor's outcome (as the Dashboard's `QA disagrees` counts);
 * - a QA section mark is given and differs from the assessor's mark by more than `tolerance` (a QA mark where the
 *   assessor's is blank, or either is not a number, differs);
 * - a QA criterion is given and is not the assessor's result (P and R in any case, spaces around allowed).
 * Differences are taken as a person works them out (20.3 - 20.1 is 0.2), so a tolerance of 0.2 allows them.
 * @example disagrees(d501, { marks: [3, 24, 9, 21], qaMarks: [3, 22, 9, 21] }, 2) // false: 2 apart is within 2
 * @example disagrees(d501, { marks: [3, 24, 9, 21], qaMarks: [3, 21, 9, 21] }, 2) // true: 3 apart
 * @example disagrees(d501, { marks: [3, 24, 9, 21], qaMarks: [3, 24, 9, 19] }, 2) // true: 21 PASS, QA 19 REFERRAL
 * @example disagrees(d501, { marks: [3, 24, 9, 21] }, 2) // false: no QA entry
 */
export function disagrees(
  assessment: Assessment,
  entry: AssessmentEntry | undefined,
  tolerance: number,
): boolean {
  if (entry === undefined || !hasQaEntry(entry)) return false;
  const result = evaluateAssessment(assessment, entry);
  const qa = result.qaOutcome;
  if ((qa === "PASS" || qa === "REFERRAL" || qa === "INVALID") && qa !== result.outcome) return true;
  if (assessment.kind === "sectioned") {
    return assessment.sections.some((_, i) => {
      const q = entry.qaMarks?.[i];
      if (isBlank(q)) return false;
      const qaMark = readNumber(q);
      const mark = readNumber(entry.marks?.[i]);
      return qaMark === null || mark === null || roundTotal(Math.abs(qaMark - mark)) > tolerance;
    });
  }
  return assessment.criteria.some((c) => {
    const q = ownValue(entry.qaCriteria, c.id);
    if (isBlank(q)) return false;
    const qaResult = criterionMark(q);
    return qaResult === null || qaResult !== criterionMark(ownValue(entry.criteria, c.id));
  });
}

/**
 * Whether an entry holds any QA mark or criterion.
 * @example hasQaEntry({ marks: [1, 2], qaMarks: [null, " "] }) // false
 */
export function hasQaEntry(entry: AssessmentEntry): boolean {
  return (
    (entry.qaMarks ?? []).some((v) => !isBlank(v)) ||
    Object.values(entry.qaCriteria ?? {}).some((v) => !isBlank(v))
  );
}
