/**
 * The colour key on every mark sheet: a small table one row below the marks, whose three columns wear the three
 * fills (styles.ts SHADES) and say who fills such a column in. It moves down as learners are added and is written
 * again on every run; cells a person typed where it goes stop the run rather than be written over. Below, not
 * beside: it adds no width to the sheet, so the print-out and the reading of each learner's row stay as they were.
 */

import type { Cell, ColumnPlan, ShadeName, TablePlan } from "./plan";
import { SHADE_MEANING } from "./styles";

/** A mark sheet's key is named after its table ("MS_D5_01_Key"). */
export const LEGEND_SUFFIX = "_Key";

/** Examples of each kind of column, under its meaning. */
const EXAMPLES: Readonly<Record<ShadeName, string>> = {
  entry: "Marks or P/R, comments, names, dates",
  qa: "The IQA's re-marks, QA marks or P/R",
  ilm: "Total, Outcome, Referred sections",
};

const SHADES: readonly ShadeName[] = ["entry", "qa", "ilm"];

/** The key's columns: one per fill, locked (nobody types in the key). */
export const LEGEND_COLUMNS: readonly ColumnPlan[] = SHADES.map((shade) => ({
  key: `key/${shade}`,
  header: SHADE_MEANING[shade],
  role: "identity",
  width: 22,
  wrap: true,
  shade,
}));

/**
 * The key of a mark sheet whose table is `main`: one blank row below the table's last row, from its first column.
 * @example legendTable("MS_D5_01_Key", tableWithTwoLearners).origin // { row: 4, column: 0 }
 */
export function legendTable(name: string, main: TablePlan): TablePlan {
  const row = (main.origin?.row ?? 0) + Math.max(main.rows.length, 1) + 2;
  const column = main.origin?.column ?? 0;
  const examples: Cell[] = SHADES.map((shade) => ({ t: "text", v: EXAMPLES[shade] }));
  // The key shares the sheet's columns with the table above it: it takes their widths (so its text wraps, and
  // its rows are as tall, as it will show), never widths of its own.
  const columns = LEGEND_COLUMNS.map((c, i) => ({ ...c, width: main.columns[i]?.width ?? c.width }));
  return { name, origin: { row, column }, columns, rows: [examples], keys: ["key"] };
}
