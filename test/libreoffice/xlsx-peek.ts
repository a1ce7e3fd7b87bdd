import { execFile } from "node:child_process";
import { existsSync, promises as fs, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { XMLParser } from "fast-xml-parser";

/**
 * Just enough of an .xlsx reader to check what LibreOffice saved: unzip, then the workbook, sheet, table, comment
 * and drawing parts as plain XML. Independent of src/xlsx on purpose.
 */

export interface PeekCell {
  /** Shared or inline strings as text, numbers as numbers, empty as null. */
  readonly value: string | number | boolean | null;
  readonly formula?: string;
  /** The number format's code ("General" when none). */
  readonly format: string;
}

export interface PeekTable {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
}

export interface PeekColumn {
  readonly min: number;
  readonly max: number;
  readonly width?: number;
  readonly hidden: boolean;
}

export interface PeekSheet {
  readonly name: string;
  readonly state: string;
  readonly cells: ReadonlyMap<string, PeekCell>;
  readonly tables: readonly PeekTable[];
  readonly columns: readonly PeekColumn[];
  /** Cell notes by address. */
  readonly notes: ReadonlyMap<string, string>;
  readonly charts: number;
}

export interface Peek {
  readonly sheets: readonly PeekSheet[];
  sheet(name: string): PeekSheet;
  /** Every part name in the zip. */
  readonly parts: readonly string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) =>
    [
      "sheet",
      "row",
      "c",
      "col",
      "si",
      "r",
      "Relationship",
      "tableColumn",
      "comment",
      "numFmt",
      "xf",
    ].includes(name),
});

type Xml = Record<string, unknown>;
const arr = (x: unknown): Xml[] => (Array.isArray(x) ? (x as Xml[]) : x === undefined ? [] : [x as Xml]);
const text = (x: unknown): string => {
  if (x === undefined || x === null) return "";
  if (typeof x === "string") return x;
  if (Array.isArray(x)) return x.map(text).join("");
  const o = x as Xml;
  if ("#text" in o) return text(o["#text"]);
  if ("t" in o || "r" in o)
    return (
      text(o.t) +
      arr(o.r)
        .map((r) => text(r.t))
        .join("")
    );
  return "";
};

const BUILTIN_FORMATS: Record<number, string> = { 0: "General", 14: "mm-dd-yy", 22: "m/d/yy h:mm" };

export async function peekXlsx(bytes: Uint8Array): Promise<Peek> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-peek-"));
  try {
    await fs.writeFile(path.join(dir, "book.xlsx"), bytes);
    await promisify(execFile)("unzip", ["-q", "-o", "book.xlsx", "-d", "x"], { cwd: dir });
    const root = path.join(dir, "x");
    const parts = (await fs.readdir(root, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
      .sort();
    const read = (part: string): Xml =>
      existsSync(path.join(root, part)) ? parser.parse(readFileSync(path.join(root, part), "utf8")) : {};
    const rels = (part: string): Map<string, { type: string; target: string }> => {
      const relsPart = path.posix.join(
        path.posix.dirname(part),
        "_rels",
        `${path.posix.basename(part)}.rels`,
      );
      const list = arr((read(relsPart).Relationships as Xml | undefined)?.Relationship);
      return new Map(
        list.map((r) => [
          String(r.Id),
          {
            type: String(r.Type).replace(/.*\//, ""),
            target: path.posix.normalize(path.posix.join(path.posix.dirname(part), String(r.Target))),
          },
        ]),
      );
    };

    const shared = arr((read("xl/sharedStrings.xml").sst as Xml | undefined)?.si).map(text);
    const styles = (read("xl/styles.xml").styleSheet ?? {}) as Xml;
    const numFmts = new Map<number, string>();
    for (const [k, v] of Object.entries(BUILTIN_FORMATS)) numFmts.set(Number(k), v);
    for (const f of arr((styles.numFmts as Xml | undefined)?.numFmt))
      numFmts.set(Number(f.numFmtId), String(f.formatCode));
    const xfs = arr((styles.cellXfs as Xml | undefined)?.xf).map((xf) => Number(xf.numFmtId ?? 0));

    const workbookRels = rels("xl/workbook.xml");
    const sheetList = arr(((read("xl/workbook.xml").workbook as Xml).sheets as Xml).sheet);
    const sheets = sheetList.map((s): PeekSheet => {
      const part = workbookRels.get(String(s["r:id"]))?.target as string;
      const ws = read(part).worksheet as Xml;
      const cells = new Map<string, PeekCell>();
      for (const row of arr((ws.sheetData as Xml | undefined)?.row)) {
        for (const c of arr(row.c)) {
          const raw = c.v === undefined ? undefined : text(c.v);
          const value =
            c.t === "s"
              ? (shared[Number(raw)] ?? "")
              : c.t === "inlineStr"
                ? text((c.is as Xml | undefined) ?? "")
                : c.t === "str" || c.t === "e"
                  ? (raw ?? "")
                  : c.t === "b"
                    ? raw === "1"
                    : raw === undefined
                      ? null
                      : Number(raw);
          const formula = c.f === undefined ? undefined : text(c.f);
          cells.set(String(c.r), {
            value,
            ...(formula ? { formula } : {}),
            format: numFmts.get(xfs[Number(c.s ?? 0)] ?? 0) ?? "General",
          });
        }
      }
      const sheetRels = rels(part);
      const tables = [...sheetRels.values()]
        .filter((r) => r.type === "table")
        .map((r) => {
          const t = read(r.target).table as Xml;
          return {
            name: String(t.name),
            ref: String(t.ref),
            columns: arr((t.tableColumns as Xml).tableColumn).map((c) => String(c.name)),
          };
        });
      const columns = arr((ws.cols as Xml | undefined)?.col).map((c) => ({
        min: Number(c.min),
        max: Number(c.max),
        ...(c.width === undefined ? {} : { width: Number(c.width) }),
        hidden: c.hidden === "1" || c.hidden === "true",
      }));
      const notes = new Map<string, string>();
      for (const r of sheetRels.values()) {
        if (r.type !== "comments") continue;
        const list = arr(((read(r.target).comments as Xml).commentList as Xml | undefined)?.comment);
        for (const c of list) notes.set(String(c.ref), text(c.text).trim());
      }
      let charts = 0;
      for (const r of sheetRels.values())
        if (r.type === "drawing")
          charts += [...rels(r.target).values()].filter((d) => d.type === "chart").length;
      return {
        name: String(s.name),
        state: String(s.state ?? "visible"),
        cells,
        tables,
        columns,
        notes,
        charts,
      };
    });
    return {
      sheets,
      parts,
      sheet(name) {
        const found = sheets.find((s) => s.name === name);
        if (!found) throw new Error(`no sheet ${name} (sheets: ${sheets.map((s) => s.name).join(", ")})`);
        return found;
      },
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** "A1" for a zero-based column and one-based row. */
export function a1(column: number, row: number): string {
  let name = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}

/** Where a person would look: the "Registration No" header, the header row, columns by text, rows by registration. */
export interface PeekGrid {
  readonly headerRow: number;
  /** Header texts by zero-based column, from the first to the last non-empty header. */
  readonly headers: ReadonlyMap<number, string>;
  readonly registrationColumn: number;
  columnOf(header: string): number;
  /** One-based rows whose Registration No cell holds the registration. */
  rowsOf(registration: string): number[];
  at(header: string, registration: string): PeekCell | undefined;
  /** Registrations from the header row down, in sheet order, up to the first empty one. */
  readonly registrations: readonly string[];
}

export function grid(sheet: PeekSheet): PeekGrid {
  const regAddress = [...sheet.cells].find(([, c]) => c.value === "Registration No")?.[0];
  if (!regAddress) throw new Error(`${sheet.name}: no Registration No header`);
  const m = /^([A-Z]+)(\d+)$/.exec(regAddress) as RegExpExecArray;
  const headerRow = Number(m[2]);
  const registrationColumn = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const headers = new Map<number, string>();
  for (let c = 0; c < 16384; c++) {
    const v = sheet.cells.get(a1(c, headerRow))?.value;
    if (typeof v === "string" && v !== "") headers.set(c, v);
    else if (c > registrationColumn + 1 && headers.size > 0 && !sheet.cells.has(a1(c + 1, headerRow))) break;
  }
  const registrations: string[] = [];
  for (let r = headerRow + 1; ; r++) {
    const v = sheet.cells.get(a1(registrationColumn, r))?.value;
    if (v === null || v === undefined || v === "") break;
    registrations.push(String(v));
  }
  const columnOf = (header: string) => {
    const found = [...headers].find(([, h]) => h === header);
    if (!found) throw new Error(`${sheet.name}: no header ${header}`);
    return found[0];
  };
  const rowsOf = (registration: string) =>
    registrations.flatMap((r, i) => (r === registration ? [headerRow + 1 + i] : []));
  return {
    headerRow,
    headers,
    registrationColumn,
    registrations,
    columnOf,
    rowsOf,
    at: (header, registration) => {
      const row = rowsOf(registration)[0];
      return row === undefined ? undefined : sheet.cells.get(a1(columnOf(header), row));
    },
  };
}
