import type { Catalogue } from "../catalogue/catalogue";
import { messages } from "../messages";
import type { UnitOutcome } from "./outcomes";
import type { SectionRule } from "./sectioned";
import { isBlank, readNumber } from "./values";

/**
 * Mark schemes and unit outcomes given as plain lists (the cells of a row or column of a sheet), checked and
 * turned into what the engine takes. Used by the custom functions; pure like the rest of the engine.
 */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly messages: string[] };

const LABELS = Array.from({ length: 32 }, (_, i) => `Section ${i + 1}`);

/**
 * Section rules from a list of minimums and, optionally, maxima (one per section; a blank maximum means none).
 * Sections are labelled "Section 1", "Section 2", ... A minimum must be a number of at least 0 and at most the
 * section's maximum.
 */
export function sectionRulesFromLists(
  minimums: readonly unknown[],
  maxima?: readonly unknown[] | null,
): Checked<SectionRule[]> {
  if (maxima && maxima.length !== minimums.length) {
    return { ok: false, messages: [messages.rangesDiffer("maxima", minimums.length, maxima.length)] };
  }
  const problems: string[] = [];
  const rules: SectionRule[] = [];
  for (let i = 0; i < minimums.length; i++) {
    const label = LABELS[i] ?? `Section ${i + 1}`;
    const min = readNumber(minimums[i]);
    const rawMax = maxima ? maxima[i] : null;
    const max = isBlank(rawMax) ? null : readNumber(rawMax);
    if (min === null) problems.push(messages.markNotANumber(`${label} minimum`, minimums[i]));
    else if (min < 0) problems.push(messages.limitNegative(`${label} minimum`, min));
    if (!isBlank(rawMax) && max === null) problems.push(messages.markNotANumber(`${label} maximum`, rawMax));
    else if (max !== null && max < 0) problems.push(messages.limitNegative(`${label} maximum`, max));
    else if (min !== null && min >= 0 && max !== null && min > max) {
      problems.push(messages.minimumAboveMaximum(label, min, max));
    }
    rules.push({ label, min: min ?? 0, max });
  }
  return problems.length > 0 ? { ok: false, messages: problems } : { ok: true, value: rules };
}

const RANK: Record<UnitOutcome, number> = { PENDING: 0, REFERRAL: 1, PASS: 2 };

/** What the Learners tab shows for a unit outside the learner's qualification: not applicable, never passed. */
export const NOT_APPLICABLE = "n/a";

/**
 * "PASS", "REFERRAL" or "PENDING" in any case; blank is PENDING, and so is "n/a" (NOT_APPLICABLE: a unit outside
 * the learner's qualification, which the rules never count); null when the value is none of these.
 */
export function readUnitOutcome(value: unknown): UnitOutcome | null {
  if (isBlank(value)) return "PENDING";
  if (typeof value !== "string") return null;
  const text = value.trim().toUpperCase();
  if (text === NOT_APPLICABLE.toUpperCase()) return "PENDING";
  return text === "PASS" || text === "REFERRAL" || text === "PENDING" ? text : null;
}

/**
 * Unit outcomes from a list of unit ids and a list of outcomes side by side. Rows whose unit is blank are
 * skipped; a unit listed twice takes its best outcome (a PASS after a resubmission beats the earlier REFERRAL).
 * Unknown unit ids and unknown outcomes are problems.
 */
export function unitOutcomesFromLists(
  catalogue: Catalogue,
  units: readonly unknown[],
  outcomes: readonly unknown[],
): Checked<ReadonlyMap<string, UnitOutcome>> {
  if (units.length !== outcomes.length) {
    return {
      ok: false,
      messages: [messages.listsDiffer("outcomes", outcomes.length, "units", units.length)],
    };
  }
  const problems: string[] = [];
  const result = new Map<string, UnitOutcome>();
  for (let i = 0; i < units.length; i++) {
    const raw = units[i];
    if (isBlank(raw)) continue;
    const id = String(raw).trim();
    if (!catalogue.units.has(id)) {
      problems.push(messages.unknownUnit(id));
      continue;
    }
    const outcome = readUnitOutcome(outcomes[i]);
    if (outcome === null) {
      problems.push(`${id}: ${messages.unitOutcomeNotKnown(outcomes[i])}`);
      continue;
    }
    const before = result.get(id);
    if (before === undefined || RANK[outcome] > RANK[before]) result.set(id, outcome);
  }
  return problems.length > 0 ? { ok: false, messages: problems } : { ok: true, value: result };
}
