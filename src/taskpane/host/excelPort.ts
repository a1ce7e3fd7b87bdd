import type { WorkbookPort } from "../../workbook/port";

/** The Office.js workbook port (src/excel). Pending: src/excel/port.ts has not landed yet. */
export async function loadExcelPort(): Promise<WorkbookPort> {
  throw new Error("The Office.js workbook port (src/excel/port.ts) is not part of this build yet.");
}
