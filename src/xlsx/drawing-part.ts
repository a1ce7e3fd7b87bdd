/**
 * A sheet's native charts: its drawing part (xl/drawings/drawingN.xml) and one chart part per ChartPlan. The
 * drawing a sheet already has is kept with everything a person put in it (charts, images, shapes), as written:
 * only the anchors whose graphic frame is named like one of the plan's charts (ilm's own, found by name) are
 * replaced, and a chart not drawn yet is added at the end. A replaced chart keeps its part name and relationship
 * (so rewriting a file with its own plan changes nothing); whatever the old chart part pointed to goes with it.
 */
import type { Area } from "../workbook/contents";
import type { ChartPlan, SheetPlan, TablePlan } from "../workbook/plan";
import type { CellLookup } from "./chart-part";
import { A_NS, C_NS, R_NS, chartDescription, chartRange, chartXml } from "./chart-part";
import type { ContentTypes, XlsxPackage } from "./package";
import { CONTENT_TYPE, REL, Rels, freePart, relativeTarget, relsPartOf, resolveTarget } from "./package";
import type { RawElement } from "./sheet-xml";
import { splitWorksheet } from "./sheet-xml";
import { tableArea } from "./write-sheet";
import type { XmlElement } from "./xml";
import { attr, elements, escapeAttr, localName, parseXml } from "./xml";

const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

const SKELETON =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"></xdr:wsDr>`;

/** The plan's charts of a sheet are usable: names unique, ranges of one column or row, as many values as categories. */
export function checkCharts(sheet: SheetPlan): void {
  const names = new Set<string>();
  for (const chart of sheet.charts ?? []) {
    if (chart.name.trim() === "") throw new Error(`sheet ${sheet.name}: a chart has no name`);
    if (names.has(chart.name)) throw new Error(`sheet ${sheet.name}: two charts are named "${chart.name}"`);
    names.add(chart.name);
    if (chart.series.length === 0) throw new Error(`chart ${chart.name} has no series`);
    const count = (a: Area) => a.rows * a.columns;
    const categories = count(chartRange(chart, chart.categories));
    for (const s of chart.series) {
      if (count(chartRange(chart, s.values)) !== categories) {
        throw new Error(`chart ${chart.name}: series ${s.name} has not as many values as categories`);
      }
    }
    const { row, column, rows, columns } = chart.anchor;
    if (![row, column].every((n) => Number.isInteger(n) && n >= 0) || ![rows, columns].every((n) => n >= 1)) {
      throw new Error(`chart ${chart.name}: its anchor must start at a cell and cover at least one`);
    }
  }
}

export interface ChartsInput {
  readonly sheetPart: string;
  /** The sheet's relationships (the caller saves them when `relsChanged`). */
  readonly sheetRels: Rels;
  readonly sheetName: string;
  readonly charts: readonly ChartPlan[];
  /** The sheet's tables as the plan writes them: the charts' caches come from their cells. */
  readonly tables: readonly TablePlan[];
  /** The relationship id of the sheet's <drawing>, if it has one. */
  readonly drawingRId: string | undefined;
}

/** One anchor of the drawing that holds a graphic frame, as found. */
interface Frame {
  readonly index: number;
  readonly name: string;
  readonly id: string | undefined;
  /** The relationship id of its chart, if it is a chart. */
  readonly chartRId: string | undefined;
}

/** Writes the sheet's charts; returns the drawing's relationship id. */
export function writeCharts(
  pkg: XlsxPackage,
  ct: ContentTypes,
  input: ChartsInput,
): { drawingRId: string; relsChanged: boolean } {
  const { sheetPart, sheetRels } = input;
  let relsChanged = false;

  // The drawing part: the sheet's own, else a new one.
  let drawingRId = input.drawingRId;
  const rel = drawingRId === undefined ? undefined : sheetRels.byId(drawingRId);
  let drawingPart = rel && !rel.external ? resolveTarget(sheetPart, rel.target) : undefined;
  if (drawingRId === undefined || !drawingPart || !pkg.has(drawingPart)) {
    drawingPart = freePart(pkg, "xl/drawings/drawing", ".xml");
    pkg.setText(drawingPart, SKELETON);
    ct.setOverride(drawingPart, CONTENT_TYPE.drawing);
    drawingRId = sheetRels.add(REL.drawing, relativeTarget(sheetPart, drawingPart));
    relsChanged = true;
  }
  const drawingRels = Rels.read(pkg, drawingPart);
  let drawingRelsChanged = false;
  const split = splitWorksheet(pkg.text(drawingPart) ?? SKELETON);
  const children: (RawElement | null)[] = [...split.children];
  const declare =
    (split.head.includes(`xmlns:xdr="${XDR_NS}"`) ? "" : ` xmlns:xdr="${XDR_NS}"`) +
    (split.head.includes(`xmlns:a="${A_NS}"`) ? "" : ` xmlns:a="${A_NS}"`);

  const frames = children.flatMap((c, index) => (c ? frameOf(c, index) : []));
  let maxId = 0;
  for (const c of split.children) {
    for (const m of c.xml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*?\sid="(\d+)"/g))
      maxId = Math.max(maxId, Number(m[1]));
  }
  const chartPartOf = (rId: string | undefined): string | undefined => {
    const r = rId === undefined ? undefined : drawingRels.byId(rId);
    return r && !r.external ? resolveTarget(drawingPart as string, r.target) : undefined;
  };
  const mine = new Set(input.charts.map((c) => c.name));
  const kept = frames.filter((f) => !mine.has(f.name));
  /** Drops a replaced frame's chart (its part, relationship and what the part points to) unless a kept frame uses it. */
  const dropChart = (f: Frame) => {
    if (f.chartRId === undefined || kept.some((k) => k.chartRId === f.chartRId)) return;
    const part = chartPartOf(f.chartRId);
    if (part) removePart(pkg, ct, part);
    drawingRels.removeWhere((el) => attr(el, "Id") === f.chartRId);
    drawingRelsChanged = true;
  };

  const lookup = cellLookup(input.tables);
  const taken = new Set<string>();
  for (const chart of input.charts) {
    const [old, ...duplicates] = frames.filter((f) => f.name === chart.name);
    const reusable =
      old !== undefined &&
      old.chartRId !== undefined &&
      pkg.has(chartPartOf(old.chartRId) ?? "") &&
      !kept.some((k) => k.chartRId === old.chartRId);
    let rId: string;
    let part: string;
    if (reusable) {
      rId = old.chartRId as string;
      part = chartPartOf(rId) as string;
      removeDependents(pkg, ct, part);
    } else {
      if (old) dropChart(old);
      part = freePart(pkg, "xl/charts/chart", ".xml", taken);
      rId = drawingRels.add(REL.chart, relativeTarget(drawingPart, part));
      drawingRelsChanged = true;
    }
    taken.add(part);
    pkg.setText(part, chartXml(chart, input.sheetName, lookup));
    ct.setOverride(part, CONTENT_TYPE.chart);
    const id = old?.id ?? String(++maxId);
    const xml = anchorXml(chart, id, rId, declare);
    if (old) children[old.index] = { name: "xdr:twoCellAnchor", xml };
    else children.push({ name: "xdr:twoCellAnchor", xml });
    for (const d of duplicates) {
      dropChart(d);
      children[d.index] = null;
    }
  }

  pkg.setText(drawingPart, split.head + children.map((c) => (c ? c.xml : "")).join("") + split.tail);
  if (drawingRelsChanged) drawingRels.save(pkg);
  return { drawingRId, relsChanged };
}

/** The graphic frame an anchor holds, if any: its name, id and chart relationship. */
function frameOf(c: RawElement, index: number): Frame[] {
  if (!/Anchor$/.test(localName(c.name)) || !c.xml.includes("graphicFrame")) return [];
  const frame = elements(parseXml(c.xml).root, "graphicFrame")[0];
  if (!frame) return [];
  const nv = elements(frame, "nvGraphicFramePr")[0];
  const cNvPr = nv ? elements(nv, "cNvPr")[0] : undefined;
  if (!cNvPr) return [];
  const chart = findDeep(frame, (el) => localName(el.name) === "chart");
  const rId = chart?.attrs.find(([k]) => k.endsWith(":id"))?.[1];
  return [{ index, name: attr(cNvPr, "name") ?? "", id: attr(cNvPr, "id"), chartRId: rId }];
}

function findDeep(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement | undefined {
  for (const c of elements(el)) {
    if (pred(c)) return c;
    const inner = findDeep(c, pred);
    if (inner) return inner;
  }
  return undefined;
}

function anchorXml(chart: ChartPlan, id: string, rId: string, declare: string): string {
  const { row, column, rows, columns } = chart.anchor;
  const marker = (tag: string, r: number, c: number) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor${declare}>${marker("from", row, column)}${marker("to", row + rows, column + columns)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
    `<xdr:cNvPr id="${escapeAttr(id)}" name="${escapeAttr(chart.name)}" descr="${escapeAttr(chartDescription(chart))}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="${rId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The cell the plan's tables write at (row, column): a header's text, a data cell, or undefined outside them. */
function cellLookup(tables: readonly TablePlan[]): CellLookup {
  const areas = tables.map(tableArea);
  return (r, c) => {
    for (let i = 0; i < areas.length; i++) {
      const a = areas[i] as Area;
      if (r < a.row || r >= a.row + a.rows || c < a.column || c >= a.column + a.columns) continue;
      const t = tables[i] as TablePlan;
      if (r === a.row) return { t: "text", v: t.columns[c - a.column]?.header ?? "" };
      return t.rows[r - a.row - 1]?.[c - a.column] ?? null;
    }
    return undefined;
  };
}

/** The source part of a rels part ("xl/charts/_rels/chart1.xml.rels" → "xl/charts/chart1.xml"). */
function sourceOf(relsPart: string): string {
  const at = relsPart.lastIndexOf("_rels/");
  return relsPart.slice(0, at) + relsPart.slice(at + 6, -".rels".length);
}

/** Whether any relationship of the package points to `part`. */
function referenced(pkg: XlsxPackage, part: string): boolean {
  for (const name of pkg.names()) {
    if (!name.endsWith(".rels")) continue;
    const source = sourceOf(name);
    if (
      Rels.read(pkg, source)
        .list()
        .some((r) => !r.external && resolveTarget(source, r.target) === part)
    )
      return true;
  }
  return false;
}

/** Removes a part's relationships and the parts only they point to (a chart's style, colours, user shapes). */
function removeDependents(pkg: XlsxPackage, ct: ContentTypes, part: string): void {
  const relsPart = relsPartOf(part);
  if (!pkg.has(relsPart)) return;
  const targets = Rels.read(pkg, part)
    .list()
    .filter((r) => !r.external)
    .map((r) => resolveTarget(part, r.target));
  pkg.remove(relsPart);
  for (const t of targets) if (pkg.has(t) && !referenced(pkg, t)) removePart(pkg, ct, t);
}

function removePart(pkg: XlsxPackage, ct: ContentTypes, part: string): void {
  removeDependents(pkg, ct, part);
  pkg.remove(part);
  ct.removeOverride(part);
}
