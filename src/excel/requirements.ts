import type { IsSetSupported } from "./api";

/**
 * What the host can do, from its Excel requirement sets. The adapter needs ExcelApi 1.8 (data validation, 1.8;
 * suspending calculation and conditional formats, 1.6; freeze panes, sheet passwords and getRangeByIndexes, 1.7).
 * The Dashboard's native charts need nothing more: a chart found by name (ChartCollection.getItemOrNullObject,
 * 1.4), its series set from ranges (ChartSeriesCollection.add, ChartSeries.setValues and setXAxisValues, 1.7),
 * and the rest of what ilm calls on charts and on a sheet's tab position (1.1). A host with the core set draws
 * them, so no capability is missing for them.
 * Two later sets are used when present and worked around when not, with the consequence said plainly.
 */
export interface HostFeatures {
  /** ExcelApi 1.8: everything the mark sheets need. */
  readonly core: boolean;
  /** ExcelApi 1.9: print setup (landscape, fit to width, header row repeated) and filling formulas down. */
  readonly api19: boolean;
  /** ExcelApi 1.13: Table.resize; without it a table is converted to a range and re-created over its rows. */
  readonly tableResize: boolean;
}

export const REQUIRED_SET = "1.8";

export function hostFeatures(isSetSupported: IsSetSupported): HostFeatures {
  return {
    core: isSetSupported("ExcelApi", REQUIRED_SET),
    api19: isSetSupported("ExcelApi", "1.9"),
    tableResize: isSetSupported("ExcelApi", "1.13"),
  };
}

/** What the host lacks, in plain words, most serious first. Empty when the host has everything. */
export function missingFeatures(features: HostFeatures): string[] {
  const missing: string[] = [];
  if (!features.core)
    missing.push(
      "This version of Excel cannot build mark sheets: it lacks data validation and calculation control " +
        "(ExcelApi 1.8). Update Excel, or use Excel on the web.",
    );
  if (!features.api19)
    missing.push(
      "This version of Excel cannot set up printing or fill formulas down (ExcelApi 1.9): mark sheets print " +
        "with Excel's own page settings, and large cohorts take longer to write. Update Excel, or use Excel on " +
        "the web.",
    );
  if (!features.tableResize)
    missing.push(
      "This version of Excel cannot resize tables (ExcelApi 1.13): when learners are added, each table is " +
        "re-created over its rows, and formulas elsewhere that name a table lose that name. Update Excel, or " +
        "use Excel on the web.",
    );
  return missing;
}
