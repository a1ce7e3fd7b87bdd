import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Qualification } from "../domain/catalogue/schema";
import { evaluateCriteriaList } from "../domain/engine/criteria";
import type { CriterionInput } from "../domain/engine/criteria";
import { parseIsoDate, toSerial } from "../domain/engine/dates";
import { credits, deadline } from "../domain/engine/learner";
import { sectionRulesFromLists, unitOutcomesFromLists } from "../domain/engine/lists";
import { isBlank, readNumber } from "../domain/engine/values";
import type { Outcome, UnitOutcome } from "../domain/engine/outcomes";
import { evaluateRule } from "../domain/engine/rules";
import type { RuleResult } from "../domain/engine/rules";
import type { MarkInput, SectionedResult, SectionRule } from "../domain/engine/sectioned";
import { evaluateSections, sectionRules } from "../domain/engine/sectioned";
import { messages } from "../domain/messages";
import { cells, idText, isoDate, line, optionalLine, single, withBlanks, zeroAsBlank } from "./coerce";
import type { Answer } from "./errors";
import { Failure, invalid, notAvailable } from "./errors";
import { currentCatalogue } from "./workbook-catalogue";

/**
 * What each ILM.* function answers, as a value or a Failure. Each is the engine's answer for the arguments as
 * Excel sends them; nothing here decides a pass, a referral, a credit or a date.
 */

interface Scheme {
  readonly rules: readonly SectionRule[];
  readonly passTotal: number;
}

/** The section rules of a catalogue's sectioned mark schemes, prepared once per catalogue. */
const schemesOf = new WeakMap<Catalogue, Map<string, Scheme>>();
function catalogueSchemes(catalogue: Catalogue): Map<string, Scheme> {
  let schemes = schemesOf.get(catalogue);
  if (!schemes) {
    schemes = new Map();
    for (const a of catalogue.assessments.values())
      if (a.kind === "sectioned") schemes.set(a.id, { rules: sectionRules(a), passTotal: a.passTotal });
    schemesOf.set(catalogue, schemes);
  }
  return schemes;
}

/** Excel's text for an outcome: "PASS", "REFERRAL", or "" while incomplete; #VALUE! for invalid input. */
function outcomeText(outcome: Outcome, problems: readonly string[]): Answer<string> {
  if (outcome === "INVALID") return invalid(problems);
  return outcome === "INCOMPLETE" ? "" : outcome;
}

function evaluate(scheme: Scheme, marks: readonly unknown[]): SectionedResult {
  return evaluateSections(scheme.rules, scheme.passTotal, marks as readonly MarkInput[]);
}

/** A scheme from a range of minimums (and maxima), with the pass total given or none. */
function schemeFromLists(minimums: unknown, maxima: unknown, passTotal: unknown): Answer<Scheme> {
  const mins = line(minimums, "minimums");
  if (mins instanceof Failure) return mins;
  const maxs = optionalLine(maxima, "maxima");
  if (maxs instanceof Failure) return maxs;
  const rules = sectionRulesFromLists(mins, maxs);
  if (!rules.ok) return invalid(rules.messages);
  const total = single(passTotal);
  if (isBlank(total)) return { rules: rules.value, passTotal: 0 };
  const n = readNumber(total);
  if (n === null) return invalid([messages.markNotANumber("pass_total", total)]);
  if (n < 0) return invalid([messages.limitNegative("pass_total", n)]);
  return { rules: rules.value, passTotal: n };
}

/**
 * `scheme` is an assessment id from the catalogue ("D5.01") or a range of minimums. One cell of text that is not a
 * number is an id; anything else is minimums.
 */
function resolveScheme(scheme: unknown, maxima: unknown, passTotal: unknown): Answer<Scheme> {
  const id = single(scheme);
  const oneCell = !Array.isArray(scheme) || cells(scheme).length === 1;
  if (!oneCell || typeof id !== "string" || isBlank(id) || readNumber(id) !== null) {
    return schemeFromLists(scheme, maxima, passTotal);
  }
  const key = id.trim();
  const catalogue = currentCatalogue();
  const found = catalogueSchemes(catalogue).get(key);
  if (!found) {
    return invalid([
      catalogue.assessments.has(key) ? messages.notSectioned(key) : messages.unknownAssessment(key),
    ]);
  }
  // Left out, an argument may still arrive as 0 where a build sends an empty argument as a blank cell.
  const leftOut = (v: unknown) => isBlank(zeroAsBlank(v));
  if (maxima !== null && maxima !== undefined && !cells(maxima).every(leftOut)) {
    return invalid([messages.takenFromCatalogue("maxima", key)]);
  }
  if (!leftOut(single(passTotal))) return invalid([messages.takenFromCatalogue("pass_total", key)]);
  return found;
}

/** The marks of one row or column, with `blanks` (COUNTBLANK of the range) saying which are blank. */
function marksOf(marks: unknown, blanks: unknown): Answer<readonly unknown[]> {
  const list = line(marks, "marks");
  return list instanceof Failure ? list : withBlanks(list, blanks, "marks");
}

/** ILM.SECTIONPASS: every section at or above its minimum; no overall total. */
export function sectionPassAnswer(
  marks: unknown,
  minimums: unknown,
  maxima: unknown,
  blanks: unknown = null,
): Answer<boolean> {
  const scheme = schemeFromLists(minimums, maxima, null);
  if (scheme instanceof Failure) return scheme;
  const list = marksOf(marks, blanks);
  if (list instanceof Failure) return list;
  const r = evaluate(scheme, list);
  if (r.outcome === "INVALID") return invalid(r.messages);
  if (r.outcome === "INCOMPLETE") return notAvailable(r.messages);
  return r.outcome === "PASS";
}

/** ILM.RESULT: the mark sheet's outcome by the catalogue's scheme or by minimums, maxima and a pass total. */
export function resultAnswer(
  marks: unknown,
  scheme: unknown,
  maxima: unknown,
  passTotal: unknown,
  blanks: unknown = null,
): Answer<string> {
  const s = resolveScheme(scheme, maxima, passTotal);
  if (s instanceof Failure) return s;
  const list = marksOf(marks, blanks);
  if (list instanceof Failure) return list;
  const r = evaluate(s, list);
  return outcomeText(r.outcome, r.messages);
}

/** ILM.REFERRED: the sections below their minimum, by name, joined with ", "; "" when none (or not fully marked). */
export function referredAnswer(
  marks: unknown,
  scheme: unknown,
  sectionNames: unknown,
  blanks: unknown = null,
): Answer<string> {
  const s = resolveScheme(scheme, null, null);
  if (s instanceof Failure) return s;
  const names = optionalLine(sectionNames, "section_names");
  if (names instanceof Failure) return names;
  if (names && names.length !== s.rules.length) {
    return invalid([messages.rangesDiffer("section_names", s.rules.length, names.length)]);
  }
  const list = marksOf(marks, blanks);
  if (list instanceof Failure) return list;
  const r = evaluate(s, list);
  if (r.outcome === "INVALID") return invalid(r.messages);
  return r.referredSections
    .map((n) => {
      const name = names ? zeroAsBlank(names[n - 1]) : null;
      return isBlank(name) ? (s.rules[n - 1] as SectionRule).label : String(name).trim();
    })
    .join(", ");
}

/** ILM.CRITERIA: P/R cells of any shape; cells are numbered 1, 2, ... row by row in messages. */
export function criteriaAnswer(results: unknown, blanks: unknown = null): Answer<string> {
  const list = withBlanks(cells(results), blanks, "results");
  if (list instanceof Failure) return list;
  const ids = list.map((_, i) => String(i + 1));
  const r = evaluateCriteriaList(ids, list as readonly CriterionInput[]);
  return outcomeText(r.outcome, r.messages);
}

function qualificationOf(value: unknown): Answer<Qualification> {
  const id = idText(value);
  return currentCatalogue().qualifications.get(id) ?? invalid([messages.unknownQualification(id)]);
}

interface Progress {
  readonly qualification: Qualification;
  readonly outcome: (unit: string) => UnitOutcome;
}

function progressOf(qualification: unknown, units: unknown, outcomes: unknown): Answer<Progress> {
  const q = qualificationOf(qualification);
  if (q instanceof Failure) return q;
  const us = line(units, "units");
  if (us instanceof Failure) return us;
  const os = line(outcomes, "outcomes");
  if (os instanceof Failure) return os;
  // A unit id or an outcome is never 0: a 0 there is a blank cell as some builds send it.
  const known = unitOutcomesFromLists(currentCatalogue(), us.map(zeroAsBlank), os.map(zeroAsBlank));
  if (!known.ok) return invalid(known.messages);
  const map = known.value;
  return { qualification: q, outcome: (u) => map.get(u) ?? "PENDING" };
}

function ruleOf(p: Progress): RuleResult {
  return evaluateRule(p.qualification.rule, (u) => p.outcome(u) === "PASS", currentCatalogue());
}

/** ILM.CREDITS: credits of the passed units that belong to the qualification. */
export function creditsAnswer(qualification: unknown, units: unknown, outcomes: unknown): Answer<number> {
  const p = progressOf(qualification, units, outcomes);
  return p instanceof Failure ? p : credits(currentCatalogue(), p.qualification, p.outcome);
}

/** ILM.ACHIEVED: the rules of combination are met. */
export function achievedAnswer(qualification: unknown, units: unknown, outcomes: unknown): Answer<boolean> {
  const p = progressOf(qualification, units, outcomes);
  return p instanceof Failure ? p : ruleOf(p).met;
}

/** ILM.NEEDS: what is still missing, in words ("; " between requirements); "" when achieved. */
export function needsAnswer(qualification: unknown, units: unknown, outcomes: unknown): Answer<string> {
  const p = progressOf(qualification, units, outcomes);
  return p instanceof Failure ? p : ruleOf(p).missing.join("; ");
}

/** ILM.DEADLINE: the registration date plus the qualification's duration (EDATE), as a date serial number. */
export function deadlineAnswer(qualification: unknown, registered: unknown): Answer<number> {
  const q = qualificationOf(qualification);
  if (q instanceof Failure) return q;
  const date = isoDate(registered, "registration date");
  if (date instanceof Failure) return date;
  if (q.durationMonths === null) return notAvailable([messages.noDuration(q.id)]);
  const due = deadline(q, date);
  const parsed = due === null ? null : parseIsoDate(due);
  return parsed === null
    ? invalid([messages.deadlineOutOfRange(date, q.durationMonths, q.id)])
    : toSerial(parsed);
}

function unitOf(value: unknown) {
  const id = idText(value);
  return currentCatalogue().units.get(id) ?? invalid([messages.unknownUnit(id)]);
}

/** ILM.UNITCREDITS: the unit's credit value. */
export function unitCreditsAnswer(unit: unknown): Answer<number> {
  const u = unitOf(unit);
  return u instanceof Failure ? u : u.credits;
}

/** ILM.UNITTITLE: the unit's title. */
export function unitTitleAnswer(unit: unknown): Answer<string> {
  const u = unitOf(unit);
  return u instanceof Failure ? u : u.title;
}
