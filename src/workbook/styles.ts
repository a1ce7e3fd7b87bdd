import type { ShadeName, StyleName } from "./plan";

/**
 * Every colour the generated workbooks use, in one place, so the Office.js and the .xlsx adapters paint alike.
 * Colours are RGB hex without "#". Fills are light and text dark enough for WCAG AA contrast on them.
 */
export interface CellStyle {
  readonly fill: string;
  readonly font: string;
  readonly bold?: boolean;
}

export const STYLES: Readonly<Record<StyleName, CellStyle>> = {
  /** A referred outcome: light red with dark red text. */
  referral: { fill: "FFC7CE", font: "9C0006", bold: true },
  /** An INVALID outcome (a mark that is not a number, negative or above the maximum): amber. */
  invalid: { fill: "FFEB9C", font: "7F3F00", bold: true },
  /** A section mark below its minimum. */
  belowMinimum: { fill: "F8CBAD", font: "833C0B" },
  /** A passed outcome: light green with dark green text. */
  pass: { fill: "C6EFCE", font: "006100" },
  /** A learner withdrawn from the cohort: grey. */
  withdrawn: { fill: "E7E6E6", font: "595959" },
  /** A unit outside the learner's qualification ("n/a" on the Learners tab): greyed. */
  notApplicable: { fill: "F2F2F2", font: "595959" },
};

/**
 * Column fills on the mark sheets: who fills the column in. Paul Tol's "pale" scheme, made for backgrounds behind
 * black text and told apart with every common colour-vision deficiency: pale yellow, pale cyan, pale grey. Black
 * text on each is above 14:1 (WCAG AAA); docs/mark-sheets.md lists the ratios. Conditional formats (PASS, REFERRAL,
 * below minimum) paint over them. The identity columns have none, so a withdrawn learner's grey shows.
 */
export const SHADES: Readonly<Record<ShadeName, CellStyle>> = {
  /** The assessor types here: marks or P/R, comments, names, dates. */
  entry: { fill: "EEEEBB", font: "000000" },
  /** The IQA types here: re-marks. */
  qa: { fill: "CCEEFF", font: "000000" },
  /** ilm fills it in: totals, outcomes, referred sections (locked). */
  ilm: { fill: "DDDDDD", font: "000000" },
};

/** What each fill means, as the legend and the docs say it. */
export const SHADE_MEANING: Readonly<Record<ShadeName, string>> = {
  entry: "Assessor types here",
  qa: "IQA types here (QA re-marks)",
  ilm: "Calculated by ilm (locked)",
};

/** The header row of every table. */
export const HEADER_STYLE: CellStyle = { fill: "1F4E78", font: "FFFFFF", bold: true };

/** Excel's built-in table style the tables use (banded rows; both adapters name it). */
export const TABLE_STYLE = "TableStyleLight9";

/** Number formats. */
export const FORMATS = {
  text: "@",
  date: "yyyy-mm-dd",
  whole: "0",
  /** Hours as typed: 12, 12.5 (General; "0.##" shows a whole number as "12." in Excel). */
  hours: "General",
} as const;
