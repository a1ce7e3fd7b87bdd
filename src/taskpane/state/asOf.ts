import { todayIso } from "../../app/clock";
import { parseIsoDate } from "../../domain/engine/dates";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The As of date of the pane's figures (YYYY-MM-DD): the date the pane was started with, when it is one (the
 * browser harness, tests), else today. The one place the pane reads the clock.
 */
export function asOfDate(fixed: string | undefined): string {
  return fixed !== undefined && parseIsoDate(fixed) ? fixed : todayIso();
}

/**
 * A date as the pane writes it for people, the British way; the text itself when it is no date.
 * @example longDate("2026-12-02") // "2 December 2026"
 */
export function longDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `${d.day} ${MONTHS[d.month - 1]} ${d.year}` : iso;
}
