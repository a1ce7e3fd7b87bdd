/**
 * Problems with input, as data: a stable code, where the problem is (a path into the input document and, for
 * problems found in a workbook or a CSV file, a place in it), the learner it belongs to and a sentence for a person.
 * Only `formatProblem` turns one into text, where a problem is shown (the command line's stderr, the task pane).
 */

export type PathSegment = string | number;

/** Where in a workbook a problem is. */
export interface Place {
  readonly sheet: string;
  readonly table?: string;
  /** A column's header. */
  readonly column?: string;
  /** A1 address of a cell or range ("B7", "A2:A9"). */
  readonly cell?: string;
}

export interface Problem {
  /** Stable kebab-case code, e.g. "schema", "not-json", "duplicate-registration", "unknown-qualification". */
  readonly code: string;
  /** Segments into the input document: ["learners", 3, "assessments", "D5.01", "marks", 1]; [] for the whole input. */
  readonly path: readonly PathSegment[];
  /** Plain words for a person: what is wrong and, where it helps, what to do. Never contains the path. */
  readonly message: string;
  /** The learner's registration number, where the problem belongs to one. */
  readonly registration?: string;
  /** The input the path is in (a file name such as "cohort.json", "extra.json"), where there is more than one. */
  readonly source?: string;
  /** Where in a workbook, for problems found in one. */
  readonly place?: Place;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

/** A result that failed with one problem about the whole input (no path): `failure("stale", "Someone ...")`. */
export function failure(
  code: string,
  message: string,
  extra: Partial<Omit<Problem, "code" | "message">> = {},
) {
  return { ok: false as const, problems: [{ code, path: [], message, ...extra }] };
}

/** `["learners", 3, "assessments", "D5.01"]` → `learners[3].assessments["D5.01"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "(top level)" : out;
}

/** A sheet name as formulas write it: always quoted, apostrophes doubled. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** 0-based column index → letters (0 → "A", 26 → "AA"). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The 0-based column and 1-based row of an A1 cell address ("C7" → {column: 2, row: 7}); null for anything else. */
export function parseCell(cell: string): { readonly column: number; readonly row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(cell);
  if (!m) return null;
  let n = 0;
  for (const ch of (m[1] as string).toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return { column: n - 1, row: Number(m[2]) };
}

/**
 * A place in words. In a workbook: `'Tab name'!B7 (table X, column "Y")`. A CSV file (or pasted rows) is read as
 * one sheet named after the input itself: there a place says `row 7, column "Y"` (or `row 7, column 4` for a
 * cell without a header, `row 7` for the whole row, "7:7").
 */
export function formatPlace(place: Place, source?: string): string {
  if (place.sheet === "" || place.sheet === source) {
    const cell = place.cell === undefined ? null : parseCell(place.cell);
    const row = place.cell === undefined ? null : (/^(\d+):\1$/.exec(place.cell)?.[1] ?? null);
    const column =
      place.column !== undefined
        ? `column ${JSON.stringify(place.column)}`
        : cell
          ? `column ${cell.column + 1}`
          : null;
    const parts = [cell ? `row ${cell.row}` : row !== null ? `row ${row}` : null, column];
    const text = parts.filter((p) => p !== null).join(", ");
    return place.table !== undefined ? `${text} (table ${place.table})` : text;
  }
  const details = [
    ...(place.table !== undefined ? [`table ${place.table}`] : []),
    ...(place.column !== undefined ? [`column ${JSON.stringify(place.column)}`] : []),
  ];
  return (
    quoteSheet(place.sheet) +
    (place.cell !== undefined ? `!${place.cell}` : "") +
    (details.length > 0 ? ` (${details.join(", ")})` : "")
  );
}

/**
 * One line for a person: the input, where in it, the learner, then what is wrong.
 * `learners[3].name (NF-004): learner name must not be empty`;
 * `centre.json: units[0].id: unit D5.01 is already defined by ILM catalogue`;
 * `cohort.csv: row 2, column "Registered" (A1): must be a date written YYYY-MM-DD or day first (12/01/2026), not "31/02/2026"`;
 * `'D5.01'!C7 (table D5_01, column "Context") (NF-001): mark 5 is above the maximum of 4`.
 * The path is left out when a place says where and the path is the whole input.
 */
export function formatProblem(p: Problem): string {
  const path = p.path.length > 0 ? formatPath(p.path) : "";
  const place = p.place ? formatPlace(p.place, p.source) : "";
  const where = place !== "" && path !== "" ? `${place} (${path})` : place || path;
  const head =
    p.source === undefined ? where || formatPath([]) : where === "" ? p.source : `${p.source}: ${where}`;
  return `${head}${p.registration ? ` (${p.registration})` : ""}: ${p.message}`;
}
