import { messages } from "../messages";

/**
 * Dates are ISO calendar dates ("2026-01-12") with no time zone, as a mark sheet shows them.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The dates the product takes: the ones every spreadsheet shows as the same day. Excel shows dates from 1900-01-01
 * to 9999-12-31, but counts a 29 February 1900 that never was, so its serial numbers before 1900-03-01 are a day
 * off from LibreOffice's and this engine's; and a year written with fewer than four digits becomes 19xx in a
 * workbook. So a date is from 1900-03-01 to 9999-12-31, and a deadline (a date plus a duration) must be too.
 */
export const FIRST_DATE: CalendarDate = { year: 1900, month: 3, day: 1 };
export const LAST_DATE: CalendarDate = { year: 9999, month: 12, day: 31 };

/** Whether a calendar date is one every spreadsheet shows (FIRST_DATE to LAST_DATE). */
export function inSpreadsheetRange(d: CalendarDate): boolean {
  const key = (x: CalendarDate) => x.year * 10_000 + x.month * 100 + x.day;
  return key(d) >= key(FIRST_DATE) && key(d) <= key(LAST_DATE);
}

/** Reads "YYYY-MM-DD", any real calendar date (range unchecked); null when the text is no date. */
function readIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Reads "YYYY-MM-DD"; null when the text is not a real calendar date from 1900-03-01 to 9999-12-31. */
export function parseIsoDate(text: string): CalendarDate | null {
  const d = readIsoDate(text);
  return d && inSpreadsheetRange(d) ? d : null;
}

/** Why a text is not a date the product takes, with a problem code; null when it is one. */
export function isoDateProblem(text: string): { code: string; message: string } | null {
  const d = readIsoDate(text);
  if (d === null)
    return { code: "not-a-date", message: `must be a date written YYYY-MM-DD, not ${JSON.stringify(text)}` };
  if (!inSpreadsheetRange(d)) return { code: "date-out-of-range", message: messages.dateOutOfRange(text) };
  return null;
}

export function formatIsoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/**
 * Excel's EDATE: the same day `months` later, or the last day of that month when it is shorter
 * (2024-02-29 plus 36 months is 2027-02-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  // Callers keep dates and durations bounded (a date to 9999, a duration to 1200 months), so this stays exact.
  const index = date.year * 12 + (date.month - 1) + Math.trunc(months);
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Days since 1899-12-30, the serial number Excel and LibreOffice use for a date. */
export function toSerial(d: CalendarDate): number {
  return Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export function fromSerial(serial: number): CalendarDate {
  const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The months' names in English, January first. */
export const MONTH_NAMES: readonly string[] = [
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
 * A date as people read it, the British way; the text itself when it is no date; "" for none.
 * @example longDate("2026-12-02") // "2 December 2026"
 * @example longDate("next week") // "next week"
 */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parseIsoDate(iso);
  return d ? `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}` : iso;
}
