/**
 * A chart part (xl/charts/chartN.xml) for a ChartPlan: a DrawingML bar chart with horizontal bars (stacked or side
 * by side), one series per plan series, its categories and values as references to cells of the sheet with
 * caches filled from the plan's cells (so a reader that does not recalculate still draws the bars), a title, two
 * axes and a legend.
 */
import { columnLetter, sheetRef } from "../workbook/a1";
import type { Area } from "../workbook/contents";
import type { Cell, ChartPlan } from "../workbook/plan";
import { parseArea } from "./read-contents";
import { escapeText } from "./xml";

export const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
export const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The cell of the sheet's plan at (row, column), 0-based; undefined where no table of the plan writes. */
export type CellLookup = (row: number, column: number) => Cell | undefined;

/** A one-column (or one-row) range's area; throws when the text is not one. */
export function chartRange(chart: ChartPlan, ref: string): Area {
  const area = /^\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+$/.test(ref) ? parseArea(ref) : null;
  if (!area || (area.columns !== 1 && area.rows !== 1)) {
    throw new Error(`chart ${chart.name}: "${ref}" is not a range of one column or one row ("$A$2:$A$9")`);
  }
  return area;
}

/** The cells of a one-column or one-row area, in order. */
function cellsOf(area: Area): [number, number][] {
  const out: [number, number][] = [];
  if (area.columns === 1) for (let r = 0; r < area.rows; r++) out.push([area.row + r, area.column]);
  else for (let c = 0; c < area.columns; c++) out.push([area.row, area.column + c]);
  return out;
}

/** What a cell shows as a value: a formula's cached result, else its literal. */
function valueOf(cell: Cell | undefined): string | number | boolean | null {
  if (cell === undefined || cell === null) return null;
  if (cell.t === "formula") return cell.v ?? null;
  return cell.v;
}

/** Text without the characters XML 1.0 forbids (chart text has no escape for them), escaped. */
function xmlText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) out += ch;
  }
  return escapeText(out);
}

/** An absolute reference to an area of the sheet: 'Dashboard'!$A$21:$A$26. */
function absolute(sheet: string, a: Area): string {
  const last = columnLetter(a.column + a.columns - 1);
  return `${sheetRef(sheet)}!$${columnLetter(a.column)}$${a.row + 1}:$${last}$${a.row + a.rows}`;
}

function strCache(cells: [number, number][], lookup: CellLookup): string {
  let pts = "";
  cells.forEach(([r, c], i) => {
    const v = valueOf(lookup(r, c));
    if (v === null) return;
    const text = typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
    pts += `<c:pt idx="${i}"><c:v>${xmlText(text)}</c:v></c:pt>`;
  });
  return `<c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache>`;
}

function numCache(cells: [number, number][], lookup: CellLookup): string {
  let pts = "";
  cells.forEach(([r, c], i) => {
    const v = valueOf(lookup(r, c));
    if (typeof v !== "number" || !Number.isFinite(v)) return;
    pts += `<c:pt idx="${i}"><c:v>${String(Object.is(v, -0) ? 0 : v)}</c:v></c:pt>`;
  });
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ` b="1"` : "";
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" sz="${size}"${b}/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

/**
 * Series colours, in order: the default Office theme's accents, as Excel draws a chart without colours of its own
 * (the Office.js adapter's charts), written out because a reader without the theme part (LibreOffice reading a
 * workbook ilm created) draws series without a fill otherwise.
 */
const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
const fill = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const line = (rgb: string) => `<c:spPr><a:ln w="9525">${fill(rgb)}</a:ln></c:spPr>`;

const CAT_AX = 111_111;
const VAL_AX = 222_222;

/** The chart part's XML. */
export function chartXml(chart: ChartPlan, sheet: string, lookup: CellLookup): string {
  const categories = chartRange(chart, chart.categories);
  const catCells = cellsOf(categories);
  const catRef = absolute(sheet, categories);
  const catXml = `<c:cat><c:strRef><c:f>${escapeText(catRef)}</c:f>${strCache(catCells, lookup)}</c:strRef></c:cat>`;
  const series = chart.series.map((s, i) => {
    const values = chartRange(chart, s.values);
    const valCells = cellsOf(values);
    if (valCells.length !== catCells.length) {
      throw new Error(
        `chart ${chart.name}: series ${s.name} has ${valCells.length} values for ${catCells.length} categories`,
      );
    }
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>` +
      `<c:spPr>${fill(SERIES_COLOURS[i % SERIES_COLOURS.length] as string)}</c:spPr><c:invertIfNegative val="0"/>${catXml}` +
      `<c:val><c:numRef><c:f>${escapeText(absolute(sheet, values))}</c:f>${numCache(valCells, lookup)}</c:numRef></c:val>` +
      `</c:ser>`
    );
  });
  const stacked = chart.kind === "stackedBar";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(chart.title, 1200, true)}<c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/>` +
    `<c:varyColors val="0"/>${series.join("")}` +
    `<c:gapWidth val="${stacked ? 60 : 80}"/>${stacked ? `<c:overlap val="100"/>` : ""}` +
    `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>` +
    // Categories top to bottom in the order of the cells; the value axis along the bottom.
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="maxMin"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `${line("BFBFBF")}<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines>${line("D9D9D9")}</c:majorGridlines>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line("BFBFBF")}<c:crossAx val="${CAT_AX}"/>` +
    `<c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill("FFFFFF")}<a:ln w="9525">${fill("D9D9D9")}</a:ln></c:spPr></c:chartSpace>`
  );
}

/** The alt text of a chart's frame: its title and what it shows. */
export function chartDescription(chart: ChartPlan): string {
  return `${chart.title}: ${chart.series.map((s) => s.name).join(", ")}`;
}
