import { fromSerial, formatIsoDate, parseIsoDate } from "../domain/engine/dates";
import { isBlank } from "../domain/engine/values";
import { messages } from "../domain/messages";
import type { Answer } from "./errors";
import { invalid, notAvailable } from "./errors";

/**
 * Arguments as Excel sends them to `any` and `any[][]` parameters: single values, or 2-D arrays of rows with
 * blank cells as "" or null; an omitted optional argument is null (undefined when the call is shorter).
 * Values are passed on unchanged; deciding what a value means is the engine's job.
 */

/** The cells of a one-row or one-column range, in order. A single value is a list of one. */
export function line(value: unknown, what: string): Answer<readonly unknown[]> {
  if (!Array.isArray(value)) return [value];
  const rows = value.length;
  if (rows === 0) return [];
  if (rows === 1) {
    const row: unknown = value[0];
    return Array.isArray(row) ? row : [row];
  }
  const cells = new Array<unknown>(rows);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row)) cells[i] = row;
    else if (row.length === 1) cells[i] = row[0];
    else return invalid([messages.notALine(what, rows, row.length)]);
  }
  return cells;
}

/** Like `line`, but null when the argument is omitted. */
export function optionalLine(value: unknown, what: string): Answer<readonly unknown[] | null> {
  return value === null || value === undefined ? null : line(value, what);
}

/** Every cell of a range of any shape, row by row. */
export function cells(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) return [value];
  if (value.length === 1 && Array.isArray(value[0])) return value[0] as unknown[];
  const out: unknown[] = [];
  for (const row of value as unknown[]) {
    if (Array.isArray(row)) for (const cell of row) out.push(cell);
    else out.push(row);
  }
  return out;
}

/** A single value; the top-left cell when a range arrives where one value is expected. */
export function single(value: unknown): unknown {
  let v = value;
  while (Array.isArray(v)) v = v[0];
  return v;
}

/** An id (qualification, unit or assessment) as typed in a cell: text with the spaces around it removed. */
export function idText(value: unknown): string {
  const v = single(value);
  return v === null || v === undefined ? "" : String(v).trim();
}

/** The first and last serial numbers Excel shows as dates without the 1900 leap-year quirk (1900-03-01, 9999-12-31). */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2_958_465;

/**
 * A date argument as an ISO date: a date cell arrives as Excel's serial number (a time of day is dropped), a text
 * cell as "YYYY-MM-DD". Blank is #N/A (not known yet); anything else is #VALUE!.
 */
export function isoDate(value: unknown, what: string): Answer<string> {
  const v = single(value);
  if (isBlank(v)) return notAvailable([messages.dateBlank(what)]);
  if (typeof v === "number" && Number.isFinite(v) && v >= FIRST_SERIAL && v < LAST_SERIAL + 1) {
    return formatIsoDate(fromSerial(v));
  }
  if (typeof v === "string" && parseIsoDate(v.trim())) return v.trim();
  return invalid([messages.notADate(v)]);
}
