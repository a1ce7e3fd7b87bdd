import { createExcelPort } from "../../excel/port";
import type { PanePort } from "../../app/port";

/** The Office.js workbook port (src/excel), made once Office says the host is Excel. */
export async function loadExcelPort(): Promise<PanePort> {
  return createExcelPort();
}
