/**
 * A table part (xl/tables/tableN.xml) for a table plan: its id kept, its area, columns named exactly as the header
 * cells (ids kept by name), autoFilter, the table style. Other attributes and the extLst of an existing part stay.
 */
import type { TablePlan } from "../workbook/plan";
import { TABLE_STYLE } from "../workbook/styles";
import type { XmlElement } from "./xml";
import {
  attr,
  element,
  elements,
  escapeText,
  localName,
  parseXml,
  prefixOf,
  serializeXml,
  setAttr,
} from "./xml";
import { encodeXString } from "./xstring";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A column name as a table part stores it: line breaks and other controls as `_xHHHH_`. */
function columnName(header: string): string {
  return encodeXString(header).replace(
    /[\t\n\r]/g,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

export function tablePartXml(existing: string | undefined, id: number, plan: TablePlan, ref: string): string {
  const doc = existing ? parseXml(existing) : { prolog: "", root: element("table", [["xmlns", MAIN_NS]]) };
  const root = doc.root;
  const p = prefixOf(root);
  const oldIds = new Map<string, number>();
  const oldColumns = elements(root, "tableColumns")[0];
  if (oldColumns) {
    for (const c of elements(oldColumns, "tableColumn")) {
      oldIds.set((attr(c, "name") ?? "").toLowerCase(), Number(attr(c, "id")));
    }
  }
  for (const a of ["totalsRowCount", "headerRowCount", "insertRow", "insertRowShift", "totalsRowShown"]) {
    setAttr(root, a, undefined);
  }
  setAttr(root, "id", attr(root, "id") ?? String(id));
  setAttr(root, "name", plan.name);
  setAttr(root, "displayName", plan.name);
  setAttr(root, "ref", ref);
  setAttr(root, "totalsRowShown", "0");
  // Attribute order: namespaces first, then id, name, displayName, ref, as Excel writes them.
  root.attrs.sort((a, b) => rank(a[0]) - rank(b[0]));

  let next = Math.max(0, ...oldIds.values()) + 1;
  const used = new Set<number>();
  const tableColumns = plan.columns.map((c) => {
    const name = columnName(c.header);
    let cid = oldIds.get(name.toLowerCase());
    if (cid === undefined || used.has(cid)) cid = next++;
    used.add(cid);
    // A calculated column carries its formula, so Excel fills it into a row a person adds to the table.
    const calculated = c.calculated
      ? [element(`${p}calculatedColumnFormula`, [], [{ kind: "raw", text: escapeText(c.calculated) }])]
      : [];
    return element(
      `${p}tableColumn`,
      [
        ["id", String(cid)],
        ["name", name],
      ],
      calculated,
    );
  });
  const ext = root.children.filter(
    (c): c is XmlElement => c.kind === "element" && localName(c.name) === "extLst",
  );
  root.children = [
    element(`${p}autoFilter`, [["ref", ref]]),
    element(`${p}tableColumns`, [["count", String(tableColumns.length)]], tableColumns),
    element(`${p}tableStyleInfo`, [
      ["name", TABLE_STYLE],
      ["showFirstColumn", "0"],
      ["showLastColumn", "0"],
      ["showRowStripes", "1"],
      ["showColumnStripes", "0"],
    ]),
    ...ext,
  ];
  return serializeXml(doc);
}

const ORDER = ["id", "name", "displayName", "ref", "totalsRowShown"];
function rank(name: string): number {
  if (name === "xmlns" || name.startsWith("xmlns:")) return -1;
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

/** Whether a table name is one Excel accepts. */
export function validTableName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return false;
  // Names that read as cell references (A1, XFD1048576, R1C1, R, C) are refused.
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name)) return false;
  if (/^[Rr]([0-9]*)?([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name)) return false;
  return true;
}
