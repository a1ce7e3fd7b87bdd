import type { Catalogue } from "../catalogue/catalogue";
import type { Rule } from "../catalogue/schema";
import { messages } from "../messages";

export interface RuleResult {
  readonly met: boolean;
  /** What is still needed, in plain words naming units and groups. Empty when met. */
  readonly missing: string[];
}

/**
 * The one interpreter for rules of combination. `passed` says whether a unit is passed. Credit rules count only
 * their own units, so alternatives (Level 3 Group 1 or Group 2) never pool credits.
 */
export function evaluateRule(
  rule: Rule,
  passed: (unit: string) => boolean,
  catalogue: Catalogue,
): RuleResult {
  if ("unit" in rule) {
    return passed(rule.unit) ? MET : { met: false, missing: describeUnits([rule.unit], catalogue) };
  }
  if ("credits" in rule) {
    let earned = 0;
    const open: string[] = [];
    for (const u of rule.from) {
      if (passed(u)) earned += catalogue.units.get(u)?.credits ?? 0;
      else open.push(u);
    }
    if (earned >= rule.credits) return MET;
    return { met: false, missing: [messages.missingCredits(rule.credits, earned, rule.label, open)] };
  }
  if ("all" in rule) {
    const missingUnits: string[] = [];
    const missing: string[] = [];
    for (const child of rule.all) {
      if ("unit" in child) {
        if (!passed(child.unit)) missingUnits.push(child.unit);
      } else {
        missing.push(...evaluateRule(child, passed, catalogue).missing);
      }
    }
    const all = [...describeUnits(missingUnits, catalogue), ...missing];
    return all.length === 0 ? MET : { met: false, missing: all };
  }
  const alternatives: string[] = [];
  for (const child of rule.anyOf) {
    const r = evaluateRule(child, passed, catalogue);
    if (r.met) return MET;
    alternatives.push(r.missing.join(" and "));
  }
  return { met: false, missing: [messages.missingOneOf(alternatives)] };
}

const MET: RuleResult = { met: true, missing: [] };

/**
 * Names missing units; units that one assessment covers together and that are all missing are named together
 * with the assessment ("D5.02 and D5.03 (coaching/mentoring diary)").
 */
function describeUnits(units: readonly string[], catalogue: Catalogue): string[] {
  const missing = new Set(units);
  const done = new Set<string>();
  const out: string[] = [];
  for (const u of units) {
    if (done.has(u)) continue;
    const together = (catalogue.assessmentsForUnit.get(u) ?? []).find(
      (a) => a.units.length > 1 && a.units.every((x) => missing.has(x) && !done.has(x)),
    );
    if (together) {
      together.units.forEach((x) => done.add(x));
      out.push(messages.missingUnits(together.units, together.title));
    } else {
      done.add(u);
      out.push(messages.missingUnit(u, catalogue.units.get(u)?.title ?? u));
    }
  }
  return out;
}
