/**
 * The parts of a new, empty workbook (no sheet yet: the writer adds the plan's), built from scratch: content
 * types, package and workbook relationships, workbook.xml and a minimal stylesheet.
 */
import { XlsxPackage } from "./package";
import { StylesPart } from "./styles-part";

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function emptyPackage(): XlsxPackage {
  const pkg = new XlsxPackage();
  pkg.setText(
    "[Content_Types].xml",
    DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      "</Types>",
  );
  pkg.setText(
    "_rels/.rels",
    DECL +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      "</Relationships>",
  );
  pkg.setText(
    "docProps/app.xml",
    DECL +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
      "<Application>ilm-markbook</Application></Properties>",
  );
  pkg.setText(
    "xl/workbook.xml",
    DECL +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr/><bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029"/></workbook>',
  );
  pkg.setText(
    "xl/_rels/workbook.xml.rels",
    DECL +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      "</Relationships>",
  );
  pkg.setText("xl/styles.xml", StylesPart.empty().toXml());
  return pkg;
}
