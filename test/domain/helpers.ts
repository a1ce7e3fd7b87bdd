import type { Catalogue, Learner, LearnerEvaluation } from "../../src/domain";
import { builtinCatalogue, evaluateLearner, validateLearner } from "../../src/domain";

export const ilm: Catalogue = builtinCatalogue();

export const L3 = "603/3738/2";
export const L5_CERT = "600/5791/9";
export const L5_DIP = "600/5781/6";
export const L5_QCF = "500/3564/2";
export const L7_CERT = "L7-CERT-ECLM";
export const L7_DIP = "L7-DIP-PECLM";

/** A learner on a qualification with nothing marked yet; `extra` adds or replaces fields. */
export function learner(qualification: string, extra: Partial<Learner> = {}): Learner {
  return { registration: "T-001", name: "Test Learner", qualification, registered: "2026-01-12", ...extra };
}

/** Validates a learner as a cohort file would be (so tests never feed the engine what the edge rejects). */
export function evaluate(l: Learner, catalogue: Catalogue = ilm): LearnerEvaluation {
  const checked = validateLearner(l, catalogue);
  if (!checked.ok) throw new Error(`test learner is not valid: ${JSON.stringify(checked.problems)}`);
  return evaluateLearner(catalogue, checked.value);
}

/** Every criterion of a criterion-marked assessment set to one value. */
export function allCriteria(assessment: string, value: "P" | "R" | null): Record<string, "P" | "R" | null> {
  const a = ilm.assessments.get(assessment);
  if (a?.kind !== "criteria") throw new Error(`${assessment} is not criterion-marked`);
  return Object.fromEntries(a.criteria.map((c) => [c.id, value]));
}

export const HOURS_ENOUGH = { induction: 1, tutorial: 4, coaching: 100 };
