import { fromSerial, formatIsoDate, isoDateProblem } from "../domain/engine/dates";
import { isBlank, readNumber } from "../domain/engine/values";
import { messages } from "../domain/messages";
import type { Answer } from "./errors";
import { invalid, notAvailable } from "./errors";

/**
 * Arguments as Excel sends them to `any` and `any[][]` parameters: single values, or 2-D arrays of rows; an omitted
 * optional argument is null (undefined when the call is shorter). A blank cell arrives as "" or null in Excel on
 * the web and in current builds, but as 0 in some Excel desktop builds (OfficeDev/office-js #4702, #5262, #1951),
 * so nothing here relies on how a blank arrives:
 * - where 0 is a meaningful value (marks), the caller says how many cells are blank (`blanks`, see withBlanks);
 * - where 0 can mean nothing (ids, outcomes, names, dates), a 0 is read as a blank (zeroAsBlank).
 * Values are otherwise passed on unchanged; deciding what a value means is the engine's job.
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
  const v = zeroAsBlank(single(value));
  return v === null || v === undefined ? "" : String(v).trim();
}

/** A cell where 0 can mean nothing (an id, an outcome, a name, a date): 0 is a blank cell as some builds send it. */
export function zeroAsBlank(value: unknown): unknown {
  return value === 0 ? null : value;
}

/** What an empty cell arrives as, apart from 0: "" or null (undefined past the end of a short call). */
function empty(value: unknown): boolean {
  return value === "" || value === null || value === undefined;
}

/**
 * The cells of a range with its blank cells made explicit, whatever the host sent for them. `blanks` is how many
 * cells of the range are blank, as the sheet counts them: COUNTBLANK of the same range (empty cells and formulas
 * giving ""). Cells that arrive as "" or null are blank; the rest of the count is made up of cells that arrived
 * as 0, in order (a build that sends blanks as 0 sends a typed 0 the same way, and only the count tells them
 * apart). Left out (null), the cells are taken as they arrive: "" and null are blank, 0 is 0.
 * A count that does not fit the range is #VALUE!.
 */
export function withBlanks(
  list: readonly unknown[],
  blanks: unknown,
  what: string,
): Answer<readonly unknown[]> {
  const given = single(blanks);
  if (given === null || given === undefined || given === "") return list;
  const n = readNumber(given);
  if (n === null || n < 0 || !Number.isInteger(n)) return invalid([messages.blanksNotACount(given)]);
  let emptyCells = 0;
  const zeros: number[] = [];
  list.forEach((v, i) => {
    if (empty(v)) emptyCells++;
    else if (v === 0) zeros.push(i);
  });
  const fromZeros = n - emptyCells;
  if (fromZeros < 0 || fromZeros > zeros.length) {
    return invalid([messages.blanksDiffer(what, n, emptyCells, zeros.length)]);
  }
  if (fromZeros === 0) return list;
  const out = [...list];
  for (const i of zeros.slice(0, fromZeros)) out[i] = null;
  return out;
}

/** The first and last serial numbers Excel shows as dates without the 1900 leap-year quirk (1900-03-01, 9999-12-31). */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2_958_465;

/**
 * A date argument as an ISO date: a date cell arrives as Excel's serial number (a time of day is dropped), a text
 * cell as "YYYY-MM-DD". Blank is #N/A (not known yet); anything else is #VALUE!.
 */
export function isoDate(value: unknown, what: string): Answer<string> {
  const v = zeroAsBlank(single(value));
  if (isBlank(v)) return notAvailable([messages.dateBlank(what)]);
  if (typeof v === "number" && Number.isFinite(v) && v >= FIRST_SERIAL && v < LAST_SERIAL + 1) {
    return formatIsoDate(fromSerial(v));
  }
  if (typeof v === "string") {
    const problem = isoDateProblem(v.trim());
    if (problem === null) return v.trim();
    if (problem.code === "date-out-of-range") return invalid([problem.message]);
  }
  return invalid([messages.notADate(v)]);
}
