import type * as ExcelJSModule from "exceljs";
import { columnLetter } from "../workbook/a1";
import type { Cell, ColumnPlan, SheetPlan, Validation, WorkbookPlan } from "../workbook/plan";
import { headerRowHeight, literalOf } from "../workbook/plan";
import { HEADER_STYLE, STYLES, TABLE_STYLE } from "../workbook/styles";
import { loadExcelJS } from "./exceljs";

type Workbook = ExcelJSModule.Workbook;
type Worksheet = ExcelJSModule.Worksheet;
type CellValue = ExcelJSModule.CellValue;

const argb = (rgb: string) => `FF${rgb}`;

/**
 * Applies a workbook plan with ExcelJS. Sheets the plan names are replaced (same tab position); any other sheet in
 * `into` (a user's own tab) is left as it is. The adapter makes no decisions: everything comes from the plan.
 */
export async function applyPlan(plan: WorkbookPlan, into?: Workbook): Promise<Workbook> {
  const ExcelJS = await loadExcelJS();
  const wb = into ?? new ExcelJS.Workbook();
  wb.creator = "ilm-markbook";
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  for (const sheet of plan.sheets) await writeSheet(wb, sheet);
  return wb;
}

/** The plan as .xlsx bytes; with `existing` (the bytes of the file being regenerated), its other tabs are kept. */
export async function planToXlsx(plan: WorkbookPlan, existing?: Uint8Array): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJS();
  let into: Workbook | undefined;
  if (existing) {
    into = new ExcelJS.Workbook();
    await into.xlsx.load(existing as unknown as ArrayBuffer);
  }
  const wb = await applyPlan(plan, into);
  // Fast DEFLATE: large cohorts write several MB of sheet XML.
  const buffer = await wb.xlsx.writeBuffer({
    zip: { compression: "DEFLATE", compressionOptions: { level: 1 } },
  } as never);
  return new Uint8Array(buffer as ArrayBuffer);
}

async function writeSheet(wb: Workbook, plan: SheetPlan): Promise<void> {
  const old = wb.worksheets.find(
    (w) =>
      w.name.toLowerCase() === plan.name.toLowerCase() || Object.keys(tablesOf(w)).includes(plan.table.name),
  );
  const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
  if (old) wb.removeWorksheet(old.id);

  const { columns, rows } = plan.table;
  const ws = wb.addWorksheet(plan.name, {
    state: plan.visibility,
    views: [
      {
        state: "frozen",
        xSplit: plan.freeze.columns,
        ySplit: plan.freeze.rows,
        topLeftCell: `${columnLetter(plan.freeze.columns)}${plan.freeze.rows + 1}`,
      },
    ],
    pageSetup: {
      orientation: plan.print.landscape ? "landscape" : "portrait",
      fitToPage: plan.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      ...(plan.print.repeatHeaderRow ? { printTitlesRow: "1:1" } : {}),
    },
  });
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;

  // Column styles first: the cells the table creates inherit them.
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    col.style = columnStyle(c);
  });

  const data: CellValue[][] = rows.length > 0 ? rows.map((r) => r.map(toValue)) : [columns.map(() => null)];
  ws.addTable({
    name: plan.table.name,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_STYLE as ExcelJSModule.TableStyleProperties["theme"], showRowStripes: true },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: data,
  });

  const header = ws.getRow(1);
  header.height = headerRowHeight(columns);
  columns.forEach((_, i) => {
    const cell = header.getCell(i + 1);
    cell.style = {
      font: { bold: HEADER_STYLE.bold ?? false, color: { argb: argb(HEADER_STYLE.font) } },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(HEADER_STYLE.fill) } },
      alignment: { wrapText: true, vertical: "top" },
      protection: { locked: true },
    };
  });

  const last = Math.max(2, rows.length + 1);
  // Range validations are supported by ExcelJS but missing from its type declarations.
  const validations = (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJSModule.DataValidation): void } }
  ).dataValidations;
  columns.forEach((c, i) => {
    if (!c.validation) return;
    const L = columnLetter(i);
    validations.add(`${L}2:${L}${last}`, validationOf(c.validation));
  });

  let priority = 1;
  for (const cf of plan.conditionalFormats) {
    const style = STYLES[cf.style];
    const ranges = cf.columns
      .map((key) => columns.findIndex((c) => c.key === key))
      .filter((i) => i >= 0)
      .map((i) => `${columnLetter(i)}2:${columnLetter(i)}${last}`);
    if (ranges.length === 0) continue;
    ws.addConditionalFormatting({
      ref: ranges.join(" "),
      rules: [
        {
          type: "expression",
          priority: priority++,
          formulae: [cf.formula],
          style: {
            font: { color: { argb: argb(style.font) }, bold: style.bold ?? false },
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(style.fill) } },
          },
        },
      ],
    });
  }

  if (plan.protection.protect) {
    await ws.protect(plan.protection.password ?? "", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      sort: true,
      autoFilter: true,
    });
  }
}

function tablesOf(ws: Worksheet): Record<string, unknown> {
  return (ws as unknown as { tables?: Record<string, unknown> }).tables ?? {};
}

function columnStyle(c: ColumnPlan): Partial<ExcelJSModule.Style> {
  return {
    ...(c.numberFormat ? { numFmt: c.numberFormat } : {}),
    protection: { locked: c.role !== "entry" },
    alignment: c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" },
  };
}

/** A plan cell as ExcelJS writes it: text stays a string (never a formula), formulas are objects. */
export function toValue(cell: Cell): CellValue {
  return cell !== null && cell.t === "formula"
    ? ({ formula: cell.f } as ExcelJSModule.CellFormulaValue)
    : literalOf(cell);
}

function validationOf(v: Validation): ExcelJSModule.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: "Not accepted",
    error: v.message,
    prompt: v.message,
    showInputMessage: false,
  };
  switch (v.type) {
    case "whole":
    case "decimal":
      return { ...common, type: v.type, operator: "between", formulae: [v.min, v.max] };
    case "list":
      return { ...common, type: "list", formulae: [`"${v.values.join(",")}"`] };
    case "date":
      return {
        ...common,
        type: "date",
        operator: "between",
        formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2199, 11, 31))],
      };
  }
}
