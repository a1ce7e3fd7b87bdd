/**
 * The Decision log tab: one protected table, one row per change to a decision (docs/iqa.md). Rows are only ever
 * added: every row the tab holds is written back exactly as it was read, and new rows go below them.
 */

import type { LogEntry } from "../domain/decisions/log";
import { attempts } from "../domain/decisions/log";
import { KEYS } from "./layout";
import { registrationKey } from "./registration";
import { formatIsoDate, fromSerial, parseIsoDate, toSerial } from "../domain/engine/dates";
import type { CellContent } from "./contents";
import { valueOf } from "./contents";
import type { LocatedTable } from "./decode";
import type { Cell, ColumnPlan, SheetPlan, TablePlan, WorkbookPlan } from "./plan";
import { cellOf } from "./tables";
import { FORMATS } from "./styles";

export const LOG_SHEET = "Decision log";
export const LOG_TABLE = "DecisionLog";

/** Date and time, as the When column shows them. */
export const WHEN_FORMAT = "yyyy-mm-dd hh:mm";

type LogKey = keyof LogEntry;

const column = (
  key: LogKey,
  header: string,
  width: number,
  numberFormat: string = FORMATS.text,
): ColumnPlan => ({
  key,
  header,
  role: "identity",
  width,
  numberFormat,
});

/** The log's columns, in order; every one written by ilm and locked. */
export const LOG_COLUMNS: readonly ColumnPlan[] = [
  column("when", "When", 17, WHEN_FORMAT),
  column("who", "Who", 18),
  column("registration", "Registration No", 16),
  column("learner", "Learner", 22),
  column("what", "What", 14),
  column("field", "Field", 14),
  { ...column("before", "Before", 22), wrap: true },
  { ...column("after", "After", 22), wrap: true },
  column("source", "Source", 20),
];

/**
 * A When as the cell holds it: the date's serial number with the time of day as its fraction.
 * @example whenSerial("2026-12-02T09:30") // 46358.395833...
 */
export function whenSerial(when: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(when);
  const day = m ? parseIsoDate(m[1] as string) : null;
  if (!m || !day) return null;
  return toSerial(day) + (Number(m[2]) * 60 + Number(m[3])) / 1440;
}

/**
 * A When cell read back: YYYY-MM-DDTHH:MM for a date-time serial, the text itself otherwise.
 * @example whenText(46358.395833333336) // "2026-12-02T09:30"
 */
export function whenText(value: CellContent | undefined): string {
  const v = valueOf(value);
  if (typeof v !== "number" || v < 1) return v === null ? "" : String(v);
  const day = Math.floor(v);
  const minutes = Math.round((v - day) * 1440);
  const carry = minutes >= 1440 ? 1 : 0;
  const m = minutes - carry * 1440;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${formatIsoDate(fromSerial(day + carry))}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The entries the log tab holds, in its order (each cell's text as shown; When as YYYY-MM-DDTHH:MM). */
export function logEntriesOf(table: LocatedTable | undefined): LogEntry[] {
  return heldRows(table).map((row) => {
    const text = (key: LogKey) => {
      const v = valueOf(row.get(key));
      return v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
    };
    return {
      when: whenText(row.get("when")),
      who: text("who"),
      registration: text("registration"),
      learner: text("learner"),
      what: text("what"),
      field: text("field"),
      before: text("before"),
      after: text("after"),
      source: text("source"),
    };
  });
}

/**
 * The rows a log table holds, blank rows at its end left out (an empty table's placeholder row is no entry); a
 * blank row between entries stays, as it is.
 */
function heldRows(table: LocatedTable | undefined): ReadonlyMap<string, CellContent>[] {
  const rows = (table?.rows ?? []).map((r) => r?.cells ?? new Map<string, CellContent>());
  const blank = (cells: ReadonlyMap<string, CellContent>) =>
    [...cells.values()].every((c) => {
      const v = valueOf(c);
      return v === null || v === "";
    });
  let end = rows.length;
  while (end > 0 && blank(rows[end - 1] as ReadonlyMap<string, CellContent>)) end--;
  return rows.slice(0, end);
}

/** One new row of the log: text as text, When as a date-time. */
function rowOf(entry: LogEntry): Cell[] {
  return LOG_COLUMNS.map((c) => {
    if (c.key === "when") {
      const serial = whenSerial(entry.when);
      return serial === null ? { t: "text", v: entry.when } : { t: "number", v: serial };
    }
    const text = entry[c.key as LogKey];
    return text === "" ? null : { t: "text", v: text };
  });
}

/**
 * The Decision log tab as the workbook holds it: every row it has, written back cell for cell as read (a row a
 * person altered stays altered; ilm never rewrites history), in a table of ilm's columns.
 */
export function decisionLogSheet(
  sheet: string,
  table: string,
  held: LocatedTable | undefined,
  base: Pick<SheetPlan, "protection" | "visibility" | "print">,
): SheetPlan {
  const rows = heldRows(held).map((cells) => LOG_COLUMNS.map((c) => cellOf(cells.get(c.key), c)));
  const plan: TablePlan = {
    name: table,
    ...(held && (held.area.row > 0 || held.area.column > 0)
      ? { origin: { row: held.area.row, column: held.area.column } }
      : {}),
    columns: LOG_COLUMNS,
    rows,
    keys: rows.map((_, i) => String(i)),
  };
  return {
    name: sheet,
    kind: "log",
    table: plan,
    conditionalFormats: [],
    freeze: { rows: 1, columns: 0 },
    protection: base.protection,
    print: base.print,
    visibility: base.visibility,
  };
}

/** The plan with `entries` added below the Decision log's rows (the plan unchanged when there are none). */
export function withLogEntries(plan: WorkbookPlan, entries: readonly LogEntry[]): WorkbookPlan {
  if (entries.length === 0) return plan;
  return {
    ...plan,
    sheets: plan.sheets.map((s) => {
      if (s.kind !== "log") return s;
      const rows = [...s.table.rows, ...entries.map(rowOf)];
      return { ...s, table: { ...s.table, rows, keys: rows.map((_, i) => String(i)) } };
    }),
  };
}

/**
 * The plan with every mark sheet's Attempt cells from the Decision log's rows `entries` (all of them, those this
 * run adds included): 1, and one more for each outcome recorded replacing a REFERRAL.
 */
export function withAttempts(plan: WorkbookPlan, entries: readonly LogEntry[]): WorkbookPlan {
  const attemptOf = attempts(entries.map((e) => ({ ...e, registration: registrationKey(e.registration) })));
  return {
    ...plan,
    sheets: plan.sheets.map((s) => {
      const c = s.kind === "marksheet" ? s.table.columns.findIndex((col) => col.key === KEYS.attempt) : -1;
      const assessment = s.assessment;
      if (c < 0 || assessment === undefined) return s;
      const rows = s.table.rows.map((row, i): readonly Cell[] => {
        const key = registrationKey(s.table.keys[i] ?? "");
        if (key === "") return row;
        const out = [...row];
        out[c] = { t: "number", v: attemptOf(key, assessment) };
        return out;
      });
      return { ...s, table: { ...s.table, rows } };
    }),
  };
}
