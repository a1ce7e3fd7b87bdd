/**
 * Needs: why a learner is not ready to claim, in the words the Learners tab's Needs cell shows. The rules of
 * combination's part names units by id ("D5.02; 8 more credits from Group 1 (8587-302, 8587-303)"), the hours
 * part says what is short ("tutorial 1 of 2 h"), and a withdrawn learner's says "withdrawn" first. Empty exactly
 * when the learner is ready to claim. The workbook compiles the same text into a formula (src/workbook/compile.ts
 * and learners-columns.ts); a change here is a change there.
 */

import type { Rule } from "../catalogue/schema";

/** The longest Needs text a cell shows (the formula's MID cuts it at the same length). */
export const NEEDS_MAX = 4000;
/** What a withdrawn learner's Needs says first. */
export const NEEDS_WITHDRAWN = "withdrawn";

/** A learner's units as the Needs text sees them: which hold PASS, and each one's credits. */
export interface UnitState {
  readonly passed: (unit: string) => boolean;
  readonly credits: (unit: string) => number;
}

/**
 * What the rules of combination still need, by unit id: "" when the rule is met; parts joined with "; ",
 * alternatives with " or ".
 * @example needsText({ all: [{ unit: "D5.01" }, { unit: "D5.02" }] }, { passed: (u) => u === "D5.01", credits: () => 5 }) // "D5.02"
 */
export function needsText(rule: Rule, units: UnitState): string {
  return needsTextParts(rule, units)
    .join("")
    .slice(2, 2 + 2000);
}

/**
 * The whole Needs text: "withdrawn" for a withdrawn learner, what the rules still need (`rule`, "" when they are
 * met), then each hour that is short, joined with "; ".
 * @example claimNeeds({ withdrawn: true, rule: "", hours: [] }) // "withdrawn"
 * @example claimNeeds({ withdrawn: false, rule: "D5.02", hours: ["tutorial 1 of 2 h"] }) // "D5.02; tutorial 1 of 2 h"
 */
export function claimNeeds(parts: {
  readonly withdrawn: boolean;
  readonly rule: string;
  readonly hours: readonly string[];
}): string {
  const all = [
    ...(parts.withdrawn ? [NEEDS_WITHDRAWN] : []),
    ...(parts.rule === "" ? [] : [parts.rule]),
    ...parts.hours,
  ];
  return all
    .map((p) => `; ${p}`)
    .join("")
    .slice(2, 2 + NEEDS_MAX);
}

function creditsOf(from: readonly string[], units: UnitState): number {
  return from.reduce((sum, u) => sum + (units.passed(u) ? units.credits(u) : 0), 0);
}

function ruleMet(rule: Rule, units: UnitState): boolean {
  if ("unit" in rule) return units.passed(rule.unit);
  if ("credits" in rule) return creditsOf(rule.from, units) >= rule.credits;
  return "all" in rule ? rule.all.every((r) => ruleMet(r, units)) : rule.anyOf.some((r) => ruleMet(r, units));
}

function needsTextParts(rule: Rule, units: UnitState): string[] {
  if ("unit" in rule) return [units.passed(rule.unit) ? "" : `; ${rule.unit}`];
  if ("credits" in rule) {
    const sum = creditsOf(rule.from, units);
    if (sum >= rule.credits) return [""];
    const open = rule.from
      .map((u) => (units.passed(u) ? "" : `, ${u}`))
      .join("")
      .slice(2, 2 + 500);
    const amount = sum > 0 ? `${rule.credits - sum} more credits` : `${rule.credits} credits`;
    return [`; ${amount}${rule.label ? ` from ${rule.label} (${open})` : ` from ${open}`}`];
  }
  if ("all" in rule) return rule.all.flatMap((r) => needsTextParts(r, units));
  if (ruleMet(rule, units)) return [""];
  const alternatives = rule.anyOf.map((r) =>
    needsTextParts(r, units)
      .join("")
      .slice(2, 2 + 1000),
  );
  return [`; ${alternatives.join(" or ")}`];
}
