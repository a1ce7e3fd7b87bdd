import type * as ExcelJSModule from "exceljs";

export type ExcelJS = typeof ExcelJSModule;

let loaded: Promise<ExcelJS> | undefined;

/** ExcelJS, loaded on first use only (commands that never touch .xlsx files stay fast to start). */
export function loadExcelJS(): Promise<ExcelJS> {
  loaded ??= import("exceljs").then((m) => ((m as { default?: ExcelJS }).default ?? m) as ExcelJS);
  return loaded;
}
