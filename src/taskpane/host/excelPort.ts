import { createExcelPort } from "../../excel/port";
import type { WorkbookPort } from "../../workbook/port";

/** The Office.js workbook port (src/excel), made once Office says the host is Excel. */
export async function loadExcelPort(): Promise<WorkbookPort> {
  return createExcelPort();
}
