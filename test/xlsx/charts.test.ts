/**
 * Native charts (SheetPlan.charts): a DrawingML bar chart part per ChartPlan with references to the sheet's cells
 * and caches from the plan, drawn in the sheet's drawing; a regeneration replaces ilm's own charts (found by name)
 * and keeps everything a person put in the drawing, their charts' parts byte for byte. LibreOffice renders them.
 */
import { existsSync, promises as fs } from "node:fs";
import * as path from "node:path";
import type { ChartPlan } from "../../src/workbook/plan";
import { XlsxPackage } from "../../src/xlsx/package";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import { findUnoPython, type PersonSession, startPerson } from "../libreoffice/person";
import { ACHIEVEMENT_CHART, BY_ASSESSMENT, OUTCOMES_CHART, block, dashboardPlan } from "./dashboard-plans";
import {
  LIBREOFFICE_DATE_COMPATIBILITY,
  VALIDATE,
  partText,
  parts,
  pdftoppm,
  pdftotext,
  schemaErrors,
  soffice,
  sofficePdf,
  toolOrSkip,
} from "./helpers";

const canValidate = toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE));
const validate = async (bytes: Uint8Array, allowed: RegExp[] = []) => {
  if (canValidate) expect(await schemaErrors(bytes, allowed)).toEqual([]);
};
const ARTIFACTS = path.join(__dirname, "..", "artifacts");

const DRAWING = "xl/drawings/drawing1.xml";
const DRAWING_RELS = "xl/drawings/_rels/drawing1.xml.rels";

/** The graphic frames' and shapes' names in a drawing, in order. */
const names = (drawing: string) => [...drawing.matchAll(/<xdr:cNvPr [^>]*?name="([^"]*)"/g)].map((m) => m[1]);
/** The caches' points of a chart part's series, in order: [[...], ...]. */
const numCaches = (chart: string) =>
  [...chart.matchAll(/<c:numCache>([\s\S]*?)<\/c:numCache>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1])),
  );

describe("native charts", () => {
  const plan = dashboardPlan();
  const bytes = writeXlsxSync(plan);

  it("are bar chart parts whose series refer to the sheet's cells, with caches from the plan's values", async () => {
    const outcomes = partText(bytes, "xl/charts/chart1.xml");
    expect(outcomes).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(outcomes).toContain('<c:overlap val="100"/>');
    expect(outcomes.match(/<c:ser>/g)).toHaveLength(3);
    expect(outcomes).toContain("<c:tx><c:v>PASS</c:v></c:tx>");
    expect(outcomes).toContain("<c:tx><c:v>REFERRAL</c:v></c:tx>");
    expect(outcomes).toContain("<c:cat><c:strRef><c:f>'Dashboard'!$A$4:$A$7</c:f><c:strCache>");
    expect(outcomes).toContain("<c:val><c:numRef><c:f>'Dashboard'!$C$4:$C$7</c:f><c:numCache>");
    expect(outcomes).toContain('<c:pt idx="3"><c:v>D5.04 Practice</c:v></c:pt>');
    // PASS is typed (numbers), REFERRAL and Incomplete are formulas: their cached values.
    expect(numCaches(outcomes)).toEqual([
      [9, 6, 11, 4],
      [2, 1, 0, 4],
      [3, 7, 3, 6],
    ]);
    expect(outcomes).toContain("<a:t>Outcomes by assessment</a:t>");
    expect(outcomes).toMatch(/<c:catAx>[\s\S]*<c:valAx>[\s\S]*<c:legend>/);
    const achievement = partText(bytes, "xl/charts/chart2.xml");
    expect(achievement).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
    expect(achievement).not.toContain("<c:overlap");

    const drawing = partText(bytes, DRAWING);
    expect(names(drawing)).toEqual([OUTCOMES_CHART.name, ACHIEVEMENT_CHART.name]);
    expect(drawing).toContain(
      "<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
        "<xdr:to><xdr:col>13</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>",
    );
    expect(partText(bytes, "xl/worksheets/sheet4.xml")).toMatch(/<drawing r:id="rId\d+"\/><tableParts/);
    expect(partText(bytes, "xl/worksheets/_rels/sheet4.xml.rels")).toContain(
      'Target="../drawings/drawing1.xml"',
    );
    expect(partText(bytes, DRAWING_RELS).match(/relationships\/chart"/g)).toHaveLength(2);
    const types = partText(bytes, "[Content_Types].xml");
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    await validate(bytes);
  }, 60_000);

  it("are replaced on regeneration, never duplicated; rewriting with the same plan changes nothing", async () => {
    expect(Buffer.from(writeXlsxSync(plan, bytes))).toEqual(Buffer.from(bytes));
    const changed = dashboardPlan({
      table: block(
        "Dash_ByAssessment",
        { row: 2, column: 0 },
        ["Assessment", "PASS", "REFERRAL", "Incomplete"],
        [
          ["D5.01 Assignment", 10, 1, 3],
          ["D5.02 Diary", 7, 0, 7],
          ["D5.03 Reflection", 12, 0, 2],
          ["D5.04 Practice", 5, 3, 6],
        ],
      ),
      charts: [{ ...OUTCOMES_CHART, anchor: { ...OUTCOMES_CHART.anchor, column: 6 } }, ACHIEVEMENT_CHART],
    });
    const out = writeXlsxSync(changed, bytes);
    expect(Object.keys(parts(out)).filter((p) => /charts|drawings/.test(p))).toEqual(
      Object.keys(parts(bytes)).filter((p) => /charts|drawings/.test(p)),
    );
    const drawing = partText(out, DRAWING);
    expect(names(drawing)).toEqual([OUTCOMES_CHART.name, ACHIEVEMENT_CHART.name]);
    expect(drawing).toContain("<xdr:from><xdr:col>6</xdr:col>");
    expect(numCaches(partText(out, "xl/charts/chart1.xml"))[0]).toEqual([10, 7, 12, 5]);
    await validate(out);
  }, 60_000);

  it("keep what a person put in the drawing, as written; copies of ilm's charts and what its old parts pointed to go", async () => {
    const pkg = XlsxPackage.fromBytes(bytes);
    const drawing = pkg.text(DRAWING) ?? "";
    const shape =
      "<xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
      '<xdr:ext cx="1828800" cy="457200"/><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="7" name="My note"/><xdr:cNvSpPr/></xdr:nvSpPr>' +
      '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Check D5.02</a:t></a:r></a:p></xdr:txBody></xdr:sp>' +
      "<xdr:clientData/></xdr:oneCellAnchor>";
    const theirs =
      '<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>24</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
      "<xdr:to><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>36</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
      '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="8" name="My chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId90"/>' +
      "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>";
    // A copy of ilm's first chart (same frame name), with its own chart part.
    const copy = (/<xdr:twoCellAnchor>[\s\S]*?<\/xdr:twoCellAnchor>/.exec(drawing)?.[0] ?? "")
      .replace('r:id="rId1"', 'r:id="rId91"')
      .replace(/cNvPr id="\d+"/, 'cNvPr id="9"');
    pkg.setText(DRAWING, drawing.replace("</xdr:wsDr>", `${shape}${theirs}${copy}</xdr:wsDr>`));
    pkg.setText(
      DRAWING_RELS,
      (pkg.text(DRAWING_RELS) ?? "").replace(
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart9.xml"/>' +
          '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart8.xml"/></Relationships>',
      ),
    );
    // The person's chart (a chart part with a style part of its own) and the copy's part.
    const theirChart = (pkg.text("xl/charts/chart2.xml") ?? "").replace(
      "Achievement by qualification",
      "My own chart",
    );
    pkg.setText("xl/charts/chart9.xml", theirChart);
    const styleRels =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartStyle" Target="style9.xml"/></Relationships>';
    pkg.setText("xl/charts/_rels/chart9.xml.rels", styleRels);
    pkg.setText(
      "xl/charts/style9.xml",
      '<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>',
    );
    pkg.setText("xl/charts/chart8.xml", pkg.text("xl/charts/chart1.xml") ?? "");
    // ilm's first chart as Excel saves it: with a colours part of its own.
    pkg.setText(
      "xl/charts/_rels/chart1.xml.rels",
      styleRels.replace("chartStyle", "chartColorStyle").replace("style9.xml", "colors1.xml"),
    );
    pkg.setText(
      "xl/charts/colors1.xml",
      '<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" meth="cycle" id="10"/>',
    );
    const types = (pkg.text("[Content_Types].xml") ?? "").replace(
      "</Types>",
      ["chart9", "chart8"]
        .map(
          (c) =>
            `<Override PartName="/xl/charts/${c}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
        )
        .join("") +
        '<Override PartName="/xl/charts/style9.xml" ContentType="application/vnd.ms-office.chartstyle+xml"/>' +
        '<Override PartName="/xl/charts/colors1.xml" ContentType="application/vnd.ms-office.chartcolorstyle+xml"/></Types>',
    );
    pkg.setText("[Content_Types].xml", types);
    const edited = pkg.toBytes();

    const out = writeXlsxSync(plan, edited);
    const after = partText(out, DRAWING);
    expect(names(after)).toEqual([OUTCOMES_CHART.name, ACHIEVEMENT_CHART.name, "My note", "My chart"]);
    expect(after).toContain(shape);
    expect(after).toContain(theirs);
    const before = parts(edited);
    const now = parts(out);
    for (const p of ["xl/charts/chart9.xml", "xl/charts/_rels/chart9.xml.rels", "xl/charts/style9.xml"]) {
      expect(Buffer.from(now[p] as Uint8Array)).toEqual(Buffer.from(before[p] as Uint8Array));
    }
    for (const gone of ["xl/charts/chart8.xml", "xl/charts/_rels/chart1.xml.rels", "xl/charts/colors1.xml"]) {
      expect(now[gone]).toBeUndefined();
      expect(partText(out, "[Content_Types].xml")).not.toContain(`/${gone}"`);
    }
    expect(partText(out, DRAWING_RELS)).not.toContain("rId91");
    expect(partText(out, DRAWING_RELS)).toContain("rId90");
    expect(partText(out, "xl/charts/chart1.xml")).toBe(partText(bytes, "xl/charts/chart1.xml"));
    expect(Buffer.from(writeXlsxSync(plan, out))).toEqual(Buffer.from(out));
    // validate-xlsx checks every xl/**.xml against SpreadsheetML, the person's chart style part (Excel's) too.
    await validate(out, [/style9\.xml:\d+: element chartStyle: Schemas validity error/]);
  }, 60_000);

  it("not drawn yet are added to the sheet's drawing", async () => {
    const one = writeXlsxSync(dashboardPlan({ charts: [OUTCOMES_CHART] }));
    expect(names(partText(one, DRAWING))).toEqual([OUTCOMES_CHART.name]);
    const two = writeXlsxSync(plan, one);
    expect(names(partText(two, DRAWING))).toEqual([OUTCOMES_CHART.name, ACHIEVEMENT_CHART.name]);
    expect(Object.keys(parts(two)).filter((p) => p.startsWith("xl/drawings/"))).toHaveLength(2);
    await validate(two);
  }, 60_000);

  it("are checked: one-column ranges, as many values as categories, unique names", () => {
    const bad = (chart: Partial<ChartPlan>, second?: ChartPlan) =>
      writeXlsxSync(
        dashboardPlan({ charts: [{ ...OUTCOMES_CHART, ...chart }, ...(second ? [second] : [])] }),
      );
    expect(() => bad({ categories: "$A$4:$B$7" })).toThrow(/not a range of one column or one row/);
    expect(() => bad({ categories: "Dashboard!A4:A7" })).toThrow(/not a range/);
    expect(() => bad({ series: [{ name: "PASS", values: "$B$4:$B$6" }] })).toThrow(/not as many values/);
    expect(() => bad({}, OUTCOMES_CHART)).toThrow(/two charts are named/);
    expect(() => bad({ series: [] })).toThrow(/has no series/);
  });
});

describe("native charts in LibreOffice", () => {
  const run =
    toolOrSkip("LibreOffice", soffice !== null) &&
    toolOrSkip("poppler-utils (pdftoppm, pdftotext)", pdftoppm !== null && pdftotext !== null);

  (run ? it : it.skip)(
    "are drawn: the Dashboard printed to PDF, page 1 saved as test/artifacts/dashboard.png",
    async () => {
      const bytes = writeXlsxSync(dashboardPlan());
      const { pdf, png, pageOneText } = await sofficePdf(bytes);
      await fs.mkdir(ARTIFACTS, { recursive: true });
      await fs.writeFile(path.join(ARTIFACTS, "dashboard.pdf"), pdf);
      await fs.writeFile(path.join(ARTIFACTS, "dashboard.png"), png);
      expect(pdf.length).toBeGreaterThan(5_000);
      expect(png.length).toBeGreaterThan(5_000);
      // The charts' titles, legends and category labels are text on page 1 (the first tab: the Dashboard).
      expect(pageOneText).toContain("Outcomes by assessment");
      expect(pageOneText).toContain("Achievement by qualification");
      expect(pageOneText).toMatch(/PASS\s+REFERRAL\s+Incomplete/);
    },
    180_000,
  );

  const python = findUnoPython();
  const withPerson = toolOrSkip("LibreOffice and python3-uno", soffice !== null && python !== null);
  let session: PersonSession | undefined;
  afterAll(async () => session?.close());

  (withPerson ? it : it.skip)(
    "keep a chart a person added on the same sheet, its part byte for byte, across a regeneration",
    async () => {
      session = await startPerson(soffice as string, python as string);
      const plan = dashboardPlan();
      const { bytes: theirs } = await session.edit(writeXlsxSync(plan), [
        {
          op: "addChart",
          tab: "Dashboard",
          range: "A10:C13",
          name: "Cohort by qualification",
          at: { x: 500, y: 9000, width: 9000, height: 6000 },
        },
      ]);
      // LibreOffice keeps the names of ilm's frames; the person's chart gets LibreOffice's own name (none).
      const theirNames = names(partText(theirs, DRAWING));
      expect(theirNames.slice(0, 2)).toEqual([OUTCOMES_CHART.name, ACHIEVEMENT_CHART.name]);
      expect(theirNames).toHaveLength(3);
      /** The chart part of the drawing's n-th anchor. */
      const chartOf = (bytes: Uint8Array, n: number) => {
        const drawing = partText(bytes, DRAWING);
        const anchor = [...drawing.matchAll(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g)].map(
          (m) => m[0],
        )[n];
        const rId = /r:id="([^"]*)"/.exec(anchor ?? "")?.[1];
        const target = new RegExp(`Id="${rId}"[^>]*Target="\\.\\./charts/([^"]*)"`).exec(
          partText(bytes, DRAWING_RELS),
        );
        return `xl/charts/${target?.[1]}`;
      };
      const personPart = chartOf(theirs, 2);

      const changed = dashboardPlan({
        table: { ...BY_ASSESSMENT(), rows: BY_ASSESSMENT().rows.slice(0, 3), keys: [] },
      });
      const regenerated = writeXlsxSync(
        {
          ...changed,
          sheets: changed.sheets.map((s) =>
            s.name === "Dashboard"
              ? {
                  ...s,
                  charts: [
                    {
                      ...OUTCOMES_CHART,
                      categories: "$A$4:$A$6",
                      series: OUTCOMES_CHART.series.map((x) => ({
                        ...x,
                        values: x.values.replace("7", "6"),
                      })),
                    },
                    ACHIEVEMENT_CHART,
                  ],
                }
              : s,
          ),
        },
        theirs,
      );
      expect(names(partText(regenerated, DRAWING))).toEqual(theirNames);
      expect(chartOf(regenerated, 2)).toBe(personPart);
      expect(Buffer.from(parts(regenerated)[personPart] as Uint8Array)).toEqual(
        Buffer.from(parts(theirs)[personPart] as Uint8Array),
      );
      const ours = partText(regenerated, chartOf(regenerated, 0));
      expect(ours).toContain("<c:f>'Dashboard'!$A$4:$A$6</c:f>");
      expect(
        Object.keys(parts(regenerated)).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)),
      ).toHaveLength(3);
      await validate(regenerated, [LIBREOFFICE_DATE_COMPATIBILITY]);
      // And LibreOffice opens the regenerated workbook with all three charts.
      const again = await session.edit(regenerated, []);
      expect(names(partText(again.bytes, DRAWING))).toHaveLength(3);
    },
    240_000,
  );
});
