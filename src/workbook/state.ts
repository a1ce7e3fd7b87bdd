import type { Cell, ColumnRole, ExistingTable, ExistingWorkbook, SheetPlan } from "./plan";
import { FORMATS } from "./styles";
import type { WorkbookState } from "./port";

/**
 * The veryHidden state sheet: the WorkbookState JSON (split into cells, as a cell holds at most 32,767
 * characters) and, per table, the column-key map, so regeneration matches columns by key even after a header
 * changes (a section renamed in the catalogue).
 */
export const STATE_SHEET = "ILM state";
export const STATE_TABLE = "ILM_State";
export const STATE_FORMAT = "ilm-workbook/1";
export const STATE_HEADERS = { record: "Record", data: "Data" } as const;

/** Characters per cell: under Excel's 32,767 with room to spare. */
export const CHUNK = 30_000;

export interface ColumnMap {
  readonly table: string;
  readonly sheet: string;
  readonly kind: SheetPlan["kind"];
  readonly assessment?: string;
  readonly columns: readonly {
    readonly key: string;
    readonly header: string;
    readonly role: ColumnRole | "user";
  }[];
}

/** Splits text into chunks of at most `size` UTF-16 units without cutting a surrogate pair. */
export function chunkText(text: string, size = CHUNK): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length > 0 ? out : [""];
}

/** Rows of the state table: [record, data], keyed by record. */
export function stateRecords(
  state: WorkbookState,
  maps: readonly ColumnMap[],
): { keys: string[]; rows: Cell[][] } {
  const keys: string[] = [];
  const rows: Cell[][] = [];
  const add = (key: string, data: string) => {
    keys.push(key);
    rows.push([
      { t: "text", v: key },
      { t: "text", v: data },
    ]);
  };
  add("format", STATE_FORMAT);
  chunkText(JSON.stringify(state)).forEach((part, i) => add(`state/${String(i).padStart(4, "0")}`, part));
  for (const map of maps) add(`columns/${map.table}`, JSON.stringify(map));
  return { keys, rows };
}

export interface DecodedState {
  readonly state: WorkbookState | null;
  readonly maps: ReadonlyMap<string, ColumnMap>;
}

/** Reads the state table back; tolerant: a damaged record is ignored rather than fatal. */
export function decodeStateTable(table: ExistingTable | undefined): DecodedState {
  const maps = new Map<string, ColumnMap>();
  if (!table) return { state: null, maps };
  const parts: [string, string][] = [];
  for (const [record, row] of table.rows) {
    const data = row.get(STATE_HEADERS.data);
    const text = typeof data === "string" ? data : data === null || data === undefined ? "" : String(data);
    if (record.startsWith("state/")) parts.push([record, text]);
    else if (record.startsWith("columns/")) {
      const map = parseJson(text) as ColumnMap | undefined;
      if (map && typeof map.table === "string" && Array.isArray(map.columns)) maps.set(map.table, map);
    }
  }
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const json = parts.length > 0 ? parseJson(parts.map((p) => p[1]).join("")) : undefined;
  const state = json && typeof json === "object" ? (json as WorkbookState) : null;
  return { state, maps };
}

/** The state and column maps of an existing workbook (its `state` when an adapter decoded it, else its table). */
export function decodeExisting(existing: ExistingWorkbook | undefined): DecodedState {
  if (!existing) return { state: null, maps: new Map() };
  return decodeStateTable(existing.tables.get(STATE_TABLE));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The veryHidden state sheet's plan. */
export function stateSheet(
  state: WorkbookState,
  maps: readonly ColumnMap[],
  protection: SheetPlan["protection"],
): SheetPlan {
  const records = stateRecords(state, maps);
  return {
    name: STATE_SHEET,
    kind: "state",
    conditionalFormats: [],
    freeze: { rows: 1, columns: 0 },
    protection,
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "veryHidden",
    table: {
      name: STATE_TABLE,
      columns: [
        {
          key: "record",
          header: STATE_HEADERS.record,
          role: "identity",
          numberFormat: FORMATS.text,
          width: 24,
        },
        { key: "data", header: STATE_HEADERS.data, role: "identity", numberFormat: FORMATS.text, width: 80 },
      ],
      rows: records.rows,
      keys: records.keys,
    },
  };
}
