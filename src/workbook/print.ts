/**
 * Print setup of the generated tabs: how many pages wide a table prints so its text stays readable, which columns
 * repeat on every page, and the page header and footer (centre, cohort, tab, what the sheet is, page X of Y, the
 * print date).
 */

import type { Assessment } from "../domain/catalogue/schema";
import { KEYS } from "./layout";
import type { ColumnPlan, HeaderFooterText, SheetPlan } from "./plan";

/** A4 landscape (297 mm) less the 0.7-inch left and right margins the workbook's sheets have, in points. */
export const PRINTABLE_WIDTH_POINTS = (297 / 25.4 - 1.4) * 72;

/**
 * The smallest print scale the page count aims at. At 85% the default 11 pt text prints at 9.35 pt; a page break
 * falls between whole columns, so the host's own scale may come out a little lower, still above 8 pt.
 */
export const TARGET_SCALE = 0.85;

/**
 * Pixels per character of column width the page count assumes: Excel's is 7 (Calibri 11's digit), but a host
 * without Calibri lays the same widths out in a wider font (LibreOffice with DejaVu Sans: about 9). Counting 9
 * costs nothing where the font is narrower: fitting to N pages wide never enlarges, so Excel prints at 100% on as
 * few pages as it needs.
 */
const CHARACTER_PIXELS = 9;

/** A column's printed width in points at 100%, in the widest common host font, plus 5 px of padding. */
export function columnPoints(width: number): number {
  return ((Math.round(width * CHARACTER_PIXELS) + 5) * 72) / 96;
}

/** The leading columns repeated on every printed page: Registration No and Learner, where a table starts with them. */
export function titleColumnCount(columns: readonly ColumnPlan[]): number {
  const keys: string[] = [KEYS.registration, KEYS.learner];
  let n = 0;
  while (n < keys.length && columns[n]?.key === keys[n]) n++;
  return n;
}

/**
 * Pages wide a table needs at TARGET_SCALE: its columns laid out left to right, a page taking whole columns, every
 * page after the first starting with the repeated title columns. At least 1.
 */
export function pagesWide(columns: readonly ColumnPlan[], titleColumns: number): number {
  const capacity = PRINTABLE_WIDTH_POINTS / TARGET_SCALE;
  const titles = columns.slice(0, titleColumns).reduce((sum, c) => sum + columnPoints(c.width), 0);
  let pages = 1;
  let used = titles;
  for (const c of columns.slice(titleColumns)) {
    const w = columnPoints(c.width);
    if (used + w > capacity && used > titles) {
      pages++;
      used = titles;
    }
    used += w;
  }
  return pages;
}

/**
 * User text as it prints in a header or footer: on one line, "&" doubled (a single "&" starts one of Excel's
 * codes), at most `limit` characters.
 */
export function headerText(text: string, limit = 50): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim();
  const cut = line.length > limit ? `${line.slice(0, limit - 1).trimEnd()}\u2026` : line;
  return cut.replace(/&/g, "&&");
}

/** What a mark sheet is, in a line: its units, its title and the rule its outcome applies. */
export function markSheetRule(a: Assessment): string {
  return a.kind === "sectioned"
    ? `PASS: total ${a.passTotal}+ and every section at its minimum; otherwise REFERRAL`
    : "PASS: every criterion P; otherwise REFERRAL";
}

export interface PrintContext {
  readonly centre: { readonly number: string; readonly name: string };
  readonly cohort: string;
}

/** The page header: centre on the left, the tab (&A) in the middle, the cohort on the right. */
export function pageHeader(ctx: PrintContext): HeaderFooterText {
  const centre = [ctx.centre.number, ctx.centre.name].filter((s) => s.trim() !== "").join(" ");
  return {
    left: centre === "" ? "" : `Centre: ${headerText(centre)}`,
    center: "&B&A&B",
    right: ctx.cohort.trim() === "" ? "" : `Cohort: ${headerText(ctx.cohort)}`,
  };
}

/** The page footer: what the sheet is (a mark sheet's units and rule) on the left; page X of Y and the print date. */
export function pageFooter(what: string): HeaderFooterText {
  return { left: what, center: "", right: "Page &P of &N, printed &D" };
}

/** A mark sheet's footer text: its units and its rule (user text escaped). */
export function markSheetWhat(a: Assessment): string {
  return `${a.units.length > 1 ? "Units" : "Unit"} ${headerText(a.units.join(" & "), 60)}. ${markSheetRule(a)}`;
}

/** The print setup of a table's tab: landscape, as many pages wide as TARGET_SCALE needs, titles repeated. */
export function printOf(columns: readonly ColumnPlan[], ctx: PrintContext, what: string): SheetPlan["print"] {
  const titleColumns = titleColumnCount(columns);
  return {
    landscape: true,
    fitToWidth: true,
    repeatHeaderRow: true,
    pagesWide: pagesWide(columns, titleColumns),
    titleColumns,
    header: pageHeader(ctx),
    footer: pageFooter(what),
  };
}
