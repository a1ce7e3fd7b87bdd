import type { Rule } from "../domain/catalogue/schema";
import { textConstant } from "./a1";

/**
 * Compiles a rule of combination (the same tree the engine interprets) into native spreadsheet formulas that
 * Excel 2010, Excel on the web and LibreOffice 7 all compute: unit → cell="PASS", all → AND, anyOf → OR,
 * credits → SUM(IF(..,credits,0),...)>=N. Only scalar IFs inside SUM: no array formulas, no dynamic arrays.
 *
 * `ref(unit)` is the A1 reference of the cell holding the unit's outcome ("PASS", "REFERRAL" or ""), or null when
 * the row has no such cell (then the unit counts as not passed).
 */
/** What a cell shows where an ILM function is unknown: the workbook is in "ILM functions" mode without the add-in. */
export const NEEDS_ADD_IN = "needs the ILM add-in";

/**
 * The rest of an IFERROR around an ILM function call: #NAME? (ERROR.TYPE 5, the add-in is not installed) says the
 * add-in is needed; any other error `otherwise` (the call itself: the error shows as it is).
 */
export function needsAddIn(call: string, otherwise: string = call): string {
  return `IF(ERROR.TYPE(${call})=5,${textConstant(NEEDS_ADD_IN)},${otherwise})`;
}

export interface UnitCells {
  readonly ref: (unit: string) => string | null;
  readonly credits: (unit: string) => number;
}

export function passed(unit: string, cells: UnitCells): string {
  const ref = cells.ref(unit);
  return ref ? `${ref}="PASS"` : "FALSE";
}

/** The credits of the passed units among `units`: SUM(IF(K2="PASS",5,0),...). */
export function creditsSum(units: readonly string[], cells: UnitCells): string {
  const terms = units
    .filter((u) => cells.ref(u) !== null)
    .map((u) => `IF(${passed(u, cells)},${cells.credits(u)},0)`);
  return terms.length === 0 ? "0" : `SUM(${terms.join(",")})`;
}

/** A boolean formula that holds exactly when the engine's evaluateRule says `met`. */
export function compileRule(rule: Rule, cells: UnitCells): string {
  if ("unit" in rule) return passed(rule.unit, cells);
  if ("credits" in rule) return `${creditsSum(rule.from, cells)}>=${rule.credits}`;
  const children = ("all" in rule ? rule.all : rule.anyOf).map((r) => compileRule(r, cells));
  if (children.length === 1) return children[0] as string;
  return `${"all" in rule ? "AND" : "OR"}(${children.join(",")})`;
}

/**
 * What is still needed, as a text formula: "" when the rule is met. Wording (Portable mode): unit ids, and
 * "N more credits from Group 1 (open units)"; parts joined with "; ", alternatives with " or ".
 */
export function compileNeeds(rule: Rule, cells: UnitCells): string {
  const parts = needsParts(rule, cells);
  return `MID(${concat(parts)},3,2000)`;
}

/** Segments that are each "" or "; something". */
function needsParts(rule: Rule, cells: UnitCells): string[] {
  if ("unit" in rule) return [`IF(${passed(rule.unit, cells)},"",${textConstant(`; ${rule.unit}`)})`];
  if ("credits" in rule) {
    const sum = creditsSum(rule.from, cells);
    const open = rule.from.map((u) => `IF(${passed(u, cells)},"",${textConstant(`, ${u}`)})`);
    const amount = `IF(${sum}>0,(${rule.credits}-${sum})&" more credits",${textConstant(`${rule.credits} credits`)})`;
    const where = rule.label
      ? `${textConstant(` from ${rule.label} (`)}&MID(${concat(open)},3,500)&")"`
      : `" from "&MID(${concat(open)},3,500)`;
    return [`IF(${sum}>=${rule.credits},"","; "&${amount}&${where})`];
  }
  if ("all" in rule) return rule.all.flatMap((r) => needsParts(r, cells));
  const alternatives = rule.anyOf.map((r) => `MID(${concat(needsParts(r, cells))},3,1000)`);
  return [`IF(${compileRule(rule, cells)},"","; "&${alternatives.join('&" or "&')})`];
}

function concat(parts: readonly string[]): string {
  return parts.length === 0 ? '""' : parts.join("&");
}

/** The most practice hours any passed unit requires: MAX(0,IF(K2="PASS",12,0),...). */
export function practiceHoursNeeded(
  units: readonly { id: string; hours: number }[],
  cells: UnitCells,
): string {
  const terms = units.filter((u) => u.hours > 0 && cells.ref(u.id) !== null);
  if (terms.length === 0) return "0";
  return `MAX(0,${terms.map((u) => `IF(${passed(u.id, cells)},${u.hours},0)`).join(",")})`;
}

/** compileNeeds' text worked out by the engine (the value a workbook caches with that formula). */
export { needsText } from "../domain/engine/needs";
export type { UnitState } from "../domain/engine/needs";
