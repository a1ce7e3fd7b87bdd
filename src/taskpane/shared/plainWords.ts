/**
 * Problems in the words of the person typing: each names the field and says what to do ("Coaching hours can't be
 * negative: type 0 or more", "31/02/2026 is not a date: February has 28 or 29 days"). The domain's messages are
 * the command line's (a file and a path); the pane knows the field's label and what was typed, so it says it here.
 * A problem it has no better words for keeps the domain's message.
 */

import { MONTH_NAMES } from "../../domain/engine/dates";

export interface FieldProblem {
  /** The domain problem's stable code ("too-small", "not-a-date", "wrong-type"). */
  readonly code?: string | undefined;
  readonly message: string;
}

const HOURS = /hours$/i;

/** Why a typed date is no date, in words: the month's days, the twelve months, or how to type one. */
export function dateText(typed: string): string {
  const text = typed.trim();
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const parts = uk
    ? { day: Number(uk[1]), month: Number(uk[2]) }
    : iso
      ? { day: Number(iso[3]), month: Number(iso[2]) }
      : null;
  if (parts !== null) {
    if (parts.month < 1 || parts.month > 12)
      return `${text} is not a date: the month must be 1 to 12 (type the day first, as in 12/01/2026)`;
    const name = MONTH_NAMES[parts.month - 1] as string;
    const last = parts.month === 2 ? 29 : [4, 6, 9, 11].includes(parts.month) ? 30 : 31;
    if (parts.day < 1 || parts.day > last)
      return `${text} is not a date: ${name} has ${parts.month === 2 ? "28 or 29" : last} days`;
    if (parts.month === 2 && parts.day === 29) return `${text} is not a date: that year has no 29 February`;
  }
  return `${JSON.stringify(text)} is not a date: type it as 12/01/2026 (day first) or 2026-01-12`;
}

/**
 * A problem with one field as the pane shows it under the field. `label` is the field's label as shown ("Coaching
 * hours"); `typed` is what the cell or box holds.
 */
export function plainFieldMessage(label: string, problem: FieldProblem, typed: string): string {
  const value = typed.trim();
  switch (problem.code) {
    case "not-a-date":
      return value === "" ? problem.message : dateText(value);
    case "too-small":
      if (HOURS.test(label)) return `${label} can't be negative: type 0 or more`;
      return problem.message;
    case "not-a-number":
    case "wrong-type":
      if (HOURS.test(label))
        return `${label} must be a number: ${JSON.stringify(value)} is not one (type hours as 12 or 1.5)`;
      return problem.message;
    case "empty":
    case "missing":
      if (/^registration/i.test(label)) return "Type the learner's registration number (as ILM gave it)";
      if (/^(learner|name)/i.test(label)) return "Type the learner's name";
      if (/^qualification/i.test(label)) return "Choose the learner's qualification";
      return problem.message;
    case "unknown-qualification":
      return `${problem.message}: type the qualification's number as the Set up tab lists it (for example 500/3564/2)`;
    default:
      return problem.message;
  }
}
