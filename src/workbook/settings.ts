/**
 * The workbook's settings, kept in a veryHidden sheet: the format version, a revision number, the centre and
 * cohort names, the formula mode, the set-up choices, the centre catalogue files, and where each of ilm's tables
 * is with the key of each of its columns. Settings only: no learner, mark, password or other personal data.
 * Everything a cell shows lives in the cells.
 */

import type { Cohort } from "../domain/cohort/schema";
import type { Cell, ColumnRole, FormulaMode, SheetPlan } from "./plan";
import { FORMATS } from "./styles";

export const SETTINGS_SHEET = "ILM state";
export const SETTINGS_TABLE = "ILM_State";
export const SETTINGS_FORMAT = "ilm-workbook/2";
/** The first format: it kept the whole cohort (learners and marks) as JSON beside the cells. */
export const LEGACY_FORMAT = "ilm-workbook/1";
export const SETTINGS_HEADERS = { record: "Record", data: "Data" } as const;

/** Characters per cell: under Excel's 32,767 with room to spare. */
export const CHUNK = 30_000;

export interface CentreCatalogueFile {
  readonly source: string;
  readonly json: unknown;
}

export interface Settings {
  readonly centre: { readonly number: string; readonly name: string };
  readonly cohort: string;
  readonly mode: FormulaMode;
  /** Centre catalogue files (ilm-catalogue/1 JSON), in load order. */
  readonly centreCatalogues: readonly CentreCatalogueFile[];
  /** The qualifications the cohort offers (catalogue ids) and the assessors' names, offered in the task pane. */
  readonly setup?: SetupSettings;
  /** The centre's IQA sampling strategy (docs/iqa.md), once set; checked with parseStrategy where it is used. */
  readonly sampling?: SamplingSettings;
}

/** The IQA sampling strategy the workbook keeps, and the seed its sample was last drawn with. */
export interface SamplingSettings {
  /** An ilm-sampling/1 document, as set. */
  readonly strategy: unknown;
  readonly seed?: string;
}

/**
 * How the columns of a pasted or imported roster were matched to learner fields, kept so that the same headers are
 * matched the same way next time. Headers only (as the roster spells them), never a learner's values.
 */
export interface RosterColumns {
  /** The roster's header cells, in order, as typed. */
  readonly headers: readonly string[];
  /** What each column holds, in the same order: a field key of the task pane's column matching, or "ignore". */
  readonly fields: readonly string[];
}

/** The set-up choices; `rosterColumns` is optional, so settings written before it read as they were. */
export interface SetupSettings {
  readonly qualifications: readonly string[];
  readonly assessors: readonly string[];
  /** Column matchings of rosters brought in through the task pane, the most recent first. */
  readonly rosterColumns?: readonly RosterColumns[];
}

/** What one of ilm's tables is: the main table of a kind of sheet, or a mark sheet's colour key. */
export type TableKind = SheetPlan["kind"] | "legend";

/** Where one of ilm's tables is and what each of its columns holds. */
export interface ColumnMap {
  readonly table: string;
  readonly sheet: string;
  /** The kind of the sheet the table is on, or "legend" for a mark sheet's colour key. */
  readonly kind: TableKind;
  readonly assessment?: string;
  readonly columns: readonly {
    readonly key: string;
    readonly header: string;
    readonly role: ColumnRole | "user";
  }[];
}

export interface StoredSettings {
  readonly format: typeof SETTINGS_FORMAT | typeof LEGACY_FORMAT;
  readonly settings: Settings;
  /** Counts every write of the settings; a co-author's write changes it. */
  readonly revision: number;
  readonly maps: ReadonlyMap<string, ColumnMap>;
  /**
   * A workbook of the first format: the learners' fields its Learners tab did not show (email, notes, IQA)
   * come from the JSON it kept, once, so the migration loses nothing.
   */
  readonly legacyCohort?: Cohort;
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

/** Rows of the settings table: [record, data], keyed by record. */
export function settingsRecords(
  settings: Settings,
  revision: number,
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
  add("format", SETTINGS_FORMAT);
  add("revision", String(revision));
  chunkText(JSON.stringify(settings)).forEach((part, i) =>
    add(`settings/${String(i).padStart(4, "0")}`, part),
  );
  for (const map of maps) add(`columns/${map.table}`, JSON.stringify(map));
  return { keys, rows };
}

export type SettingsReading =
  { readonly ok: true; readonly stored: StoredSettings } | { readonly ok: false; readonly reason: string };

/**
 * Reads the settings table's records (record → data). A damaged column map is ignored (its table is then not
 * ilm's); settings that cannot be read are a refusal, never a guess.
 */
export function readSettings(records: ReadonlyMap<string, string>): SettingsReading {
  const format = records.get("format");
  const maps = new Map<string, ColumnMap>();
  for (const [record, data] of records) {
    if (!record.startsWith("columns/")) continue;
    const map = parseJson(data) as ColumnMap | undefined;
    if (map && typeof map.table === "string" && typeof map.sheet === "string" && Array.isArray(map.columns))
      maps.set(map.table, map);
  }
  const joined = (prefix: string) => {
    const parts = [...records].filter(([r]) => r.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return parts.length === 0 ? undefined : parseJson(parts.map(([, d]) => d).join(""));
  };
  if (format === SETTINGS_FORMAT) {
    const settings = joined("settings/");
    if (!isSettings(settings)) return { ok: false, reason: "its settings record cannot be read" };
    const revision = Number(records.get("revision") ?? "0");
    return {
      ok: true,
      stored: { format, settings, revision: Number.isFinite(revision) ? revision : 0, maps },
    };
  }
  if (format === LEGACY_FORMAT) {
    const state = joined("state/") as
      { cohort?: Cohort; mode?: unknown; centreCatalogues?: unknown; setup?: Settings["setup"] } | undefined;
    const cohort = state?.cohort;
    if (!state || !cohort || typeof cohort !== "object" || !cohort.centre)
      return { ok: false, reason: "its settings (format ilm-workbook/1) cannot be read" };
    const settings: Settings = {
      centre: { number: String(cohort.centre.number), name: String(cohort.centre.name) },
      cohort: String(cohort.cohort),
      mode: state.mode === "ilm" ? "ilm" : "portable",
      centreCatalogues: Array.isArray(state.centreCatalogues)
        ? (state.centreCatalogues as CentreCatalogueFile[])
        : [],
      ...(state.setup ? { setup: state.setup } : {}),
    };
    return { ok: true, stored: { format, settings, revision: 0, maps, legacyCohort: cohort } };
  }
  return {
    ok: false,
    reason:
      format === undefined
        ? "its settings sheet has no format record"
        : `its settings are in a format this version does not know (${format})`,
  };
}

function isSettings(value: unknown): value is Settings {
  const s = value as Partial<Settings> | null | undefined;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.centre === "object" &&
    s.centre !== null &&
    typeof s.centre.number === "string" &&
    typeof s.centre.name === "string" &&
    typeof s.cohort === "string" &&
    (s.mode === "ilm" || s.mode === "portable") &&
    Array.isArray(s.centreCatalogues)
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The veryHidden settings sheet's plan. It is left unprotected: protecting it with the session's password would
 * put that password's hash in the settings part, and no trace of a secret belongs with the settings. `protection`
 * still carries the password, only to unprotect a settings sheet an earlier release protected with it.
 */
export function settingsSheet(
  settings: Settings,
  revision: number,
  maps: readonly ColumnMap[],
  protection: SheetPlan["protection"],
  name = SETTINGS_SHEET,
): SheetPlan {
  const records = settingsRecords(settings, revision, maps);
  return {
    name,
    kind: "state",
    conditionalFormats: [],
    freeze: { rows: 1, columns: 0 },
    protection: { ...protection, protect: false },
    print: { landscape: true, fitToWidth: true, repeatHeaderRow: true },
    visibility: "veryHidden",
    table: {
      name: SETTINGS_TABLE,
      columns: [
        {
          key: "record",
          header: SETTINGS_HEADERS.record,
          role: "identity",
          numberFormat: FORMATS.text,
          width: 24,
        },
        {
          key: "data",
          header: SETTINGS_HEADERS.data,
          role: "identity",
          numberFormat: FORMATS.text,
          width: 80,
        },
      ],
      rows: records.rows,
      keys: records.keys,
    },
  };
}
