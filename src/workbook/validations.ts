/**
 * The entry checks the workbook's columns carry, and what a person is told when Excel refuses a value: one place
 * for the policy both adapters write (the alert's title, Excel's 225-character message limit, the date window).
 */

import type { Allowed, Validation } from "./plan";

/** The title of the alert Excel shows when it refuses a typed value. */
export const REFUSED_TITLE = "Not accepted";

/** The most characters Excel shows in a validation message. */
export const MESSAGE_LIMIT = 225;

/**
 * Dates a person may type into a date column: from 1990 (before any learner of these qualifications registered)
 * to 2199 (well past any deadline). A centre setting could widen it; the specifications state no window.
 */
export const DATE_WINDOW = { from: "1990-01-01", to: "2199-12-31" } as const;

const text = (message: string) => ({ title: REFUSED_TITLE, message: message.slice(0, MESSAGE_LIMIT) });

export const wholeNumbers = (min: number, max: number, message: string): Validation => ({
  type: "whole",
  min,
  max,
  ...text(message),
});

export const decimals = (min: number, max: number, message: string): Validation => ({
  type: "decimal",
  min,
  max,
  ...text(message),
});

export const oneOf = (values: readonly string[], message: string): Validation => ({
  type: "list",
  values,
  ...text(message),
});

/** One of the values of a range ("'Learners'!$A$2:$A$31"), as a drop-down. */
export const oneOfRange = (range: string, message: string): Validation => ({
  type: "listFrom",
  range,
  ...text(message),
});

/** Excel's limits on the message shown while a cell is selected: its title and its text. */
export const PROMPT_TITLE_LIMIT = 32;
export const PROMPT_LIMIT = 255;

/** Text cut to at most `limit` characters at a word boundary, ending with an ellipsis when cut. */
export function clip(text: string, limit: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= limit) return t;
  const room = t.slice(0, limit - 1);
  const space = room.lastIndexOf(" ");
  const cut = space > limit / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.-]+$/, "")}\u2026`;
}

/** A validation with the message Excel shows while a cell is selected (cut to Excel's limits). */
export const withPrompt = (v: Validation, title: string, message: string): Validation => ({
  ...v,
  prompt: { title: clip(title, PROMPT_TITLE_LIMIT), message: clip(message, PROMPT_LIMIT) },
});

export const dates = (message: string): Validation => ({ type: "date", ...DATE_WINDOW, ...text(message) });

/** On a protected sheet a person may still sort, filter and size rows and columns. */
export const ALLOWED: Allowed = { sort: true, autoFilter: true, formatColumns: true, formatRows: true };
