import type { SectionedAssessment } from "../catalogue/schema";
import { messages } from "../messages";
import type { Outcome } from "./outcomes";
import { isBlank, readNumber, roundTotal } from "./values";

/** A mark as it arrives from a file or a cell: null (or "") is unmarked. */
export type MarkInput = number | string | boolean | null | undefined;

/** The part of a mark scheme the sectioned rule needs. */
export interface SectionRule {
  readonly label: string;
  readonly max: number | null;
  readonly min: number;
}

export interface SectionedResult {
  readonly outcome: Outcome;
  /** Sum of the marks entered, when every entered mark is valid; null otherwise or when nothing is entered. */
  readonly total: number | null;
  /** 1-based numbers of the sections below their minimum (REFERRAL only). */
  readonly referredSections: number[];
  readonly messages: string[];
}

/** Section rules for a catalogue mark scheme, labelled "Section 2 (Ensuring best practice...)". */
export function sectionRules(scheme: SectionedAssessment): SectionRule[] {
  return scheme.sections.map((s, i) => ({ label: `Section ${i + 1} (${s.short})`, max: s.max, min: s.min }));
}

/**
 * "Total 50+ overall AND minimum in each section" gives PASS, otherwise REFERRAL. No compensation between
 * sections: a high mark in one section never makes up for a section below its minimum.
 */
export function evaluateSections(
  rules: readonly SectionRule[],
  passTotal: number,
  marks: readonly MarkInput[],
): SectionedResult {
  if (marks.length !== rules.length) {
    return invalid([messages.wrongMarkCount(rules.length, marks.length)]);
  }
  const problems: string[] = [];
  const below: number[] = [];
  const belowMessages: string[] = [];
  let total = 0;
  let blanks = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as SectionRule;
    const mark = toMark(marks[i]);
    if (mark === null) {
      blanks++;
    } else if (typeof mark !== "number") {
      problems.push(messages.markNotANumber(rule.label, mark.raw));
    } else if (mark < 0) {
      problems.push(messages.markNegative(rule.label, mark));
    } else if (rule.max !== null && mark > rule.max) {
      problems.push(messages.markAboveMaximum(rule.label, mark, rule.max));
    } else {
      total += mark;
      if (mark < rule.min) {
        below.push(i + 1);
        belowMessages.push(messages.sectionBelowMinimum(rule.label, mark, rule.min));
      }
    }
  }
  if (problems.length > 0) return invalid(problems);
  // The total as a person adds it up (no floating-point residue), both to report and to compare with the pass total.
  total = roundTotal(total);
  if (blanks > 0) {
    return {
      outcome: "INCOMPLETE",
      total: blanks === rules.length ? null : total,
      referredSections: [],
      messages: [messages.notFullyMarked(blanks)],
    };
  }
  if (below.length === 0 && total >= passTotal) {
    return { outcome: "PASS", total, referredSections: [], messages: [] };
  }
  const reasons =
    total < passTotal ? [...belowMessages, messages.totalBelowPass(total, passTotal)] : belowMessages;
  return { outcome: "REFERRAL", total, referredSections: below, messages: reasons };
}

/** Evaluates marks against a catalogue mark scheme. */
export function evaluateSectioned(scheme: SectionedAssessment, marks: readonly MarkInput[]): SectionedResult {
  return evaluateSections(sectionRules(scheme), scheme.passTotal, marks);
}

function invalid(problems: string[]): SectionedResult {
  return { outcome: "INVALID", total: null, referredSections: [], messages: problems };
}

type Mark = number | null | { raw: unknown };

/** Blank is null; a finite number or numeric text is a mark; anything else is kept raw to be reported. */
function toMark(value: MarkInput): Mark {
  if (isBlank(value)) return null;
  return readNumber(value) ?? { raw: value };
}
