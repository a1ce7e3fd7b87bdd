import { parse } from "csv-parse/sync";
import type { Catalogue } from "../catalogue/catalogue";
import type { Assessment } from "../catalogue/schema";
import { messages } from "../messages";
import type { PathSegment, Place, Problem, Result } from "../problems";
import { columnLetters } from "../problems";
import { reservedKeyProblems } from "../reserved";
import { csvLayout } from "./text";
import { isoDateProblem } from "../engine/dates";
import { issueCode, issuePath, PARSE_OPTIONS } from "../zodProblems";
import { duplicateRegistrationMessage, registrationKey, trimRegistration } from "./registration";
import type { Learner } from "./schema";
import { LearnerSchema } from "./schema";
import { checkLearner } from "./validate";

/**
 * Learners from CSV (a file, or rows pasted from a spreadsheet with a tab delimiter). One row is one learner; the
 * columns are documented in docs/cohort-format.md and matched case-insensitively. Pure: text in, values out.
 */
export interface CsvOptions {
  /** The cell separator: "," for CSV files (the default), "\t" for rows pasted from a spreadsheet. */
  readonly delimiter?: string;
  /** Header cells, when the text has no header row (pasted rows). Rows are then numbered from 1. */
  readonly columns?: readonly string[];
  /**
   * The file's name, for problems: their `source`, and the sheet of their `place` (a CSV file is read as one sheet
   * named after the file, so problems show as `cohort.csv: row 3, column "Learner"`). Pasted rows have none.
   */
  readonly source?: string;
  /**
   * Told what a person should know about how the text was read: cells separated by semicolons (not commas), say.
   * A file's text (no `columns`) is checked for Excel's `sep=` first line and for a header separated by
   * semicolons or tabs (see text.ts csvLayout); pasted rows with `columns` are taken as they are.
   */
  readonly onNote?: (note: string) => void;
}

export type CsvRow =
  | { readonly row: number; readonly ok: true; readonly learner: Learner }
  | {
      readonly row: number;
      readonly ok: false;
      readonly problems: Problem[];
      readonly registration?: string;
    };

export interface CsvReading {
  /** Problems with the text as a whole or its header; when there are any, `rows` is empty. */
  readonly problems: Problem[];
  /** One result per non-blank row, in order: the learner (checked against the catalogue) or its problems. */
  readonly rows: CsvRow[];
}

/** What a column holds. */
type Column =
  | { kind: "field"; field: LearnerField }
  | { kind: "hours"; key: "induction" | "tutorial" | "coaching" }
  | { kind: "mark"; assessment: string; qa: boolean; section: number }
  | { kind: "criterion"; assessment: string; qa: boolean; criterion: string }
  | { kind: "unit"; unit: string };

type LearnerField =
  | "registration"
  | "name"
  | "qualification"
  | "assessor"
  | "iqa"
  | "email"
  | "registered"
  | "notes"
  | "withdrawn";

/** Header names (lower case, single spaces) of the learner's own fields. */
const FIELD_HEADERS: ReadonlyMap<string, Column> = new Map(
  Object.entries({
    "registration no": { kind: "field", field: "registration" },
    "registration no.": { kind: "field", field: "registration" },
    "registration number": { kind: "field", field: "registration" },
    "learner registration number": { kind: "field", field: "registration" },
    "reg no": { kind: "field", field: "registration" },
    registration: { kind: "field", field: "registration" },
    learner: { kind: "field", field: "name" },
    "learner name": { kind: "field", field: "name" },
    name: { kind: "field", field: "name" },
    qualification: { kind: "field", field: "qualification" },
    "qualification no": { kind: "field", field: "qualification" },
    "qualification no.": { kind: "field", field: "qualification" },
    "qualification number": { kind: "field", field: "qualification" },
    assessor: { kind: "field", field: "assessor" },
    iqa: { kind: "field", field: "iqa" },
    email: { kind: "field", field: "email" },
    registered: { kind: "field", field: "registered" },
    "registration date": { kind: "field", field: "registered" },
    notes: { kind: "field", field: "notes" },
    withdrawn: { kind: "field", field: "withdrawn" },
    "induction hours": { kind: "hours", key: "induction" },
    "tutorial hours": { kind: "hours", key: "tutorial" },
    "coaching hours": { kind: "hours", key: "coaching" },
  } satisfies Record<string, Column>),
);

interface ProblemExtra {
  /** The header of the cell's column. */
  readonly column?: string | undefined;
  readonly registration?: string | undefined;
  /** The learner field a row's problem is about, when no column holds it. */
  readonly path?: readonly PathSegment[];
}

/** Where problems in one CSV text are: its source, and places on its one sheet. */
interface Sheet {
  readonly source: string | undefined;
  /** A problem at a place on the sheet: a cell ("B3", with its column's header) or a whole row ("3:3"). */
  problem(code: string, cell: string | undefined, message: string, extra?: ProblemExtra): Problem;
}

function sheetOf(source: string | undefined): Sheet {
  return {
    source,
    problem: (code, cell, message, extra = {}) => {
      const place: Place = {
        sheet: source ?? "",
        ...(cell !== undefined ? { cell } : {}),
        ...(extra.column ? { column: extra.column } : {}),
      };
      return {
        code,
        path: extra.path ?? [],
        message,
        ...(extra.registration ? { registration: extra.registration } : {}),
        ...(source !== undefined ? { source } : {}),
        place,
      };
    },
  };
}

/** The A1 address of a cell: 0-based column, 1-based row. */
function cellAt(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}

/** A whole row as an A1 range ("3:3"). */
function rowAt(row: number): string {
  return `${row}:${row}`;
}

const MARK_HEADER = /^(.+?) (qa )?s(\d+)$/;
const CRITERION_HEADER = /^(.+?) (qa )?(\d+(?:\.\d+)*)$/;

/** Reads every row; each row is validated on its own so one bad row never hides the others. */
export function readLearnerRows(text: string, catalogue: Catalogue, options: CsvOptions = {}): CsvReading {
  const sheet = sheetOf(options.source);
  const layout = options.columns
    ? ({ ok: true, delimiter: options.delimiter ?? ",", sepLine: false, notes: [] } as const)
    : csvLayout(text, options.delimiter ?? ",");
  if (!layout.ok) return { problems: [sheet.problem(layout.code, rowAt(1), layout.message)], rows: [] };
  for (const note of layout.notes) options.onNote?.(note);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: layout.delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    return {
      problems: [sheet.problem("not-csv", undefined, `is not readable CSV: ${(error as Error).message}`)],
      rows: [],
    };
  }
  // Excel's `sep=;` line is not data: the header is the line after it, and rows keep their numbers in the file.
  const skip = layout.sepLine ? 1 : 0;
  const headerRow = options.columns ? [...options.columns] : records[skip];
  const headerAt = 1 + skip;
  const firstRow = options.columns ? 1 : headerAt + 1;
  const body = options.columns ? records : records.slice(skip + 1);
  if (!headerRow || headerRow.every((h) => h.trim() === "")) {
    return { problems: [sheet.problem("no-header", rowAt(headerAt), "there is no header row")], rows: [] };
  }
  const header = readHeader(headerRow, catalogue, sheet, headerAt);
  if (header.problems.length > 0) return { problems: header.problems, rows: [] };

  const rows: CsvRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    rows.push(readRow(cells, firstRow + i, header.columns, headerRow, catalogue, sheet));
  });
  return { problems: [], rows };
}

/** All learners of a CSV file, or every problem in it (including registration numbers used twice). */
export function learnersFromCsv(
  text: string,
  catalogue: Catalogue,
  options: CsvOptions = {},
): Result<Learner[]> {
  const reading = readLearnerRows(text, catalogue, options);
  const problems = [...reading.problems];
  const learners: Learner[] = [];
  /** Registration key → the first row with it and how it is written there. */
  const firstRow = new Map<string, { row: number; registration: string }>();
  const sheet = sheetOf(options.source);
  for (const r of reading.rows) {
    if (!r.ok) problems.push(...r.problems);
    else learners.push(r.learner);
    const registration = r.ok ? r.learner.registration : r.registration;
    if (registration === undefined) continue;
    const seen = firstRow.get(registrationKey(registration));
    if (seen === undefined) {
      firstRow.set(registrationKey(registration), { row: r.row, registration });
    } else {
      problems.push(
        sheet.problem(
          "duplicate-registration",
          rowAt(r.row),
          duplicateRegistrationMessage(registration, `in row ${seen.row}`, seen.registration),
          { registration },
        ),
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: learners };
}

function normalise(header: string): string {
  return header.trim().replace(/\s+/g, " ").toLowerCase();
}

function readHeader(
  headerRow: readonly string[],
  catalogue: Catalogue,
  sheet: Sheet,
  headerAt = 1,
): { columns: (Column | null)[]; problems: Problem[] } {
  const assessments = new Map<string, Assessment>();
  for (const a of catalogue.assessments.values()) assessments.set(a.id.toLowerCase(), a);
  const units = new Map<string, string>();
  for (const u of catalogue.units.keys()) units.set(u.toLowerCase(), u);

  const problems: Problem[] = [];
  const columns: (Column | null)[] = [];
  const targets = new Map<string, number>();
  headerRow.forEach((raw, index) => {
    const at = (code: string, message: string) =>
      sheet.problem(code, cellAt(index, headerAt), message, { column: raw.trim() });
    const h = normalise(raw);
    if (h === "") {
      columns.push(null); // an unnamed column (a spreadsheet's trailing blank column): ignored
      return;
    }
    const column = classify(h, assessments, units);
    if ("code" in column) {
      problems.push(at(column.code, column.message));
      columns.push(null);
      return;
    }
    const key = JSON.stringify(column);
    const first = targets.get(key);
    if (first !== undefined) {
      problems.push(
        at("duplicate-column", `says the same as column ${first + 1} (${JSON.stringify(headerRow[first])})`),
      );
    } else {
      targets.set(key, index);
    }
    columns.push(column);
  });

  // Every section of a mark scheme needs its column once any of them is given (assessor's and QA's separately).
  const sectionsGiven = new Map<string, Set<number>>();
  for (const c of columns) {
    if (c?.kind !== "mark") continue;
    const key = `${c.assessment}${c.qa ? " QA" : ""}`;
    sectionsGiven.set(key, (sectionsGiven.get(key) ?? new Set()).add(c.section));
  }
  for (const [key, given] of sectionsGiven) {
    const a = catalogue.assessments.get(key.replace(/ QA$/, ""));
    const count = a?.kind === "sectioned" ? a.sections.length : 0;
    const absent: string[] = [];
    for (let s = 1; s <= count; s++) if (!given.has(s)) absent.push(`"${key} S${s}"`);
    if (absent.length > 0) {
      problems.push(
        sheet.problem(
          "missing-section-columns",
          rowAt(headerAt),
          `${key} has ${count} sections; ${absent.length === 1 ? "the column" : "the columns"} ${absent.join(", ")} ${absent.length === 1 ? "is" : "are"} missing`,
        ),
      );
    }
  }
  if (!columns.some((c) => c?.kind === "field" && c.field === "registration")) {
    problems.push(
      sheet.problem("no-registration-column", rowAt(headerAt), 'there is no "Registration No" column'),
    );
  }
  return { columns, problems };
}

/** What a (normalised) header names, or why it names nothing. */
function classify(
  h: string,
  assessments: ReadonlyMap<string, Assessment>,
  units: ReadonlyMap<string, string>,
): Column | { code: string; message: string } {
  const refuse = (code: string, message: string) => ({ code, message });
  const field = FIELD_HEADERS.get(h);
  if (field) return field;
  const unit = units.get(h);
  if (unit) return { kind: "unit", unit };
  const mark = MARK_HEADER.exec(h);
  if (mark) {
    const a = assessments.get(mark[1] as string);
    if (a?.kind === "sectioned") {
      const section = Number(mark[3]);
      if (section < 1 || section > a.sections.length) {
        return refuse(
          "unknown-section",
          `${a.id} has sections 1 to ${a.sections.length}; there is no section ${section}`,
        );
      }
      return { kind: "mark", assessment: a.id, qa: mark[2] !== undefined, section };
    }
    if (a) return refuse("wrong-marking-kind", `${a.id} is marked by criteria, not by sections`);
  }
  const criterion = CRITERION_HEADER.exec(h);
  if (criterion) {
    const a = assessments.get(criterion[1] as string);
    if (a?.kind === "criteria") {
      const id = criterion[3] as string;
      if (!a.criteria.some((c) => c.id === id))
        return refuse("unknown-criterion", messages.unknownCriterion(id, a.id));
      return { kind: "criterion", assessment: a.id, qa: criterion[2] !== undefined, criterion: id };
    }
    if (a)
      return refuse(
        "wrong-marking-kind",
        `${a.id} is marked by sections: name its columns "${a.id} S1", "${a.id} S2" and so on`,
      );
  }
  return refuse("unknown-column", "is not a column ilm knows (see docs/cohort-format.md)");
}

type Json = Record<string, unknown>;

function readRow(
  cells: readonly string[],
  row: number,
  columns: readonly (Column | null)[],
  headerRow: readonly string[],
  catalogue: Catalogue,
  sheet: Sheet,
): CsvRow {
  const learner: Json = {};
  const hours: Json = {};
  // Keyed by catalogue ids: Maps, so that no id can reach an object's prototype.
  const assessments = new Map<
    string,
    {
      marks?: unknown[];
      qaMarks?: unknown[];
      criteria?: Map<string, unknown>;
      qaCriteria?: Map<string, unknown>;
    }
  >();
  const entryOf = (id: string) => {
    const entry = assessments.get(id) ?? {};
    assessments.set(id, entry);
    return entry;
  };
  const units = new Map<string, string>();
  /** A learner field's path (as JSON) → the column it came from, to place problems in their columns. */
  const origin = new Map<string, number>();
  const problems: Problem[] = [];
  const registrationCell = columns.findIndex((c) => c?.kind === "field" && c.field === "registration");
  const registration = trimRegistration(cells[registrationCell] ?? "");
  /** A problem in one cell of the row, or in the row as a whole (with the learner field it is about). */
  const at = (
    code: string,
    column: number | undefined,
    message: string,
    path: readonly PathSegment[] = [],
  ) => {
    const header = column === undefined ? "" : (headerRow[column] ?? "").trim();
    return sheet.problem(code, column === undefined ? rowAt(row) : cellAt(column, row), message, {
      registration,
      ...(column === undefined ? { path } : {}),
      column: header,
    });
  };
  const problem = (code: string, column: number, message: string) => problems.push(at(code, column, message));
  const note = (path: PathSegment[], column: number) => {
    const key = JSON.stringify(path);
    if (!origin.has(key)) origin.set(key, column);
  };

  for (let i = columns.length; i < cells.length; i++) {
    if ((cells[i] ?? "").trim() !== "") {
      problems.push(
        at("cell-beyond-header", i, `has a value but the header has only ${columns.length} columns`),
      );
    }
  }

  columns.forEach((column, i) => {
    if (!column) return;
    const value = (cells[i] ?? "").trim();
    switch (column.kind) {
      case "field": {
        if (column.field === "withdrawn") {
          if (value === "") return;
          const yes = /^(yes|y|true|1)$/i.test(value);
          if (!yes && !/^(no|n|false|0)$/i.test(value))
            problem("not-yes-or-no", i, `${JSON.stringify(value)} is not yes or no`);
          learner.withdrawn = yes;
        } else if (column.field === "registered") {
          if (value === "") return;
          const iso = ukDateToIso(value);
          learner.registered = iso;
          if (isoDateProblem(iso)?.code === "not-a-date") {
            problem(
              "not-a-date",
              i,
              `must be a date written YYYY-MM-DD or day first (12/01/2026), not ${JSON.stringify(value)}`,
            );
          }
        } else if (column.field === "registration") {
          learner.registration = cells[i] ?? ""; // as typed: the schema trims it and refuses invisible characters
        } else if (value !== "" || ["name", "qualification"].includes(column.field)) {
          learner[column.field] = value;
        }
        note([column.field], i);
        return;
      }
      case "hours": {
        if (value === "") return;
        const n = toNumber(value);
        if (n === null) problem("not-a-number", i, `${JSON.stringify(value)} is not a number of hours`);
        else hours[column.key] = n;
        note(["hours", column.key], i);
        return;
      }
      case "mark": {
        const a = catalogue.assessments.get(column.assessment);
        const key = column.qa ? "qaMarks" : "marks";
        const entry = entryOf(column.assessment);
        const marks = (entry[key] ??= new Array<unknown>(
          a?.kind === "sectioned" ? a.sections.length : 0,
        ).fill(null));
        marks[column.section - 1] = value === "" ? null : (toNumber(value) ?? value);
        note(["assessments", column.assessment, key, column.section - 1], i);
        note(["assessments", column.assessment, key], i);
        note(["assessments", column.assessment], i);
        return;
      }
      case "criterion": {
        const key = column.qa ? "qaCriteria" : "criteria";
        const entry = entryOf(column.assessment);
        (entry[key] ??= new Map()).set(column.criterion, value === "" ? null : value);
        note(["assessments", column.assessment, key, column.criterion], i);
        note(["assessments", column.assessment, key], i);
        note(["assessments", column.assessment], i);
        return;
      }
      case "unit": {
        if (value === "") return;
        units.set(column.unit, value.toUpperCase());
        note(["units", column.unit], i);
        return;
      }
    }
  });

  // An assessment with every cell blank is not marked yet: leave it out (a wide sheet has columns for all).
  // Object.fromEntries defines own properties: a key is only ever a key.
  const given: [string, Json][] = [];
  for (const [id, entry] of assessments) {
    const kept: [string, unknown][] = [];
    for (const [key, value] of Object.entries(entry)) {
      const values: unknown[] = Array.isArray(value) ? value : [...(value as Map<string, unknown>).values()];
      if (values.some((v) => v !== null))
        kept.push([key, Array.isArray(value) ? value : Object.fromEntries(value as Map<string, unknown>)]);
    }
    if (kept.length > 0) given.push([id, Object.fromEntries(kept)]);
  }
  if (Object.keys(hours).length > 0) learner.hours = hours;
  if (given.length > 0) learner.assessments = Object.fromEntries(given);
  if (units.size > 0) learner.units = Object.fromEntries(units);
  const failed = (list: Problem[]): CsvRow => ({
    row,
    ok: false,
    problems: list,
    ...(registration ? { registration } : {}),
  });
  if (problems.length > 0) return failed(problems);

  /** The column a learner field came from: the field's own, or the nearest enclosing one's. */
  const columnOf = (path: readonly PathSegment[]): number | undefined => {
    for (let n = path.length; n > 0; n--) {
      const c = origin.get(JSON.stringify(path.slice(0, n)));
      if (c !== undefined) return c;
    }
    return undefined;
  };
  const placed = (p: Problem): Problem => at(p.code, columnOf(p.path), p.message, p.path);
  const reserved = reservedKeyProblems(learner);
  if (reserved.length > 0) return failed(reserved.map(placed));
  const parsed = LearnerSchema.safeParse(learner, PARSE_OPTIONS);
  if (!parsed.success) {
    return failed(
      parsed.error.issues.map((issue) =>
        placed({ code: issueCode(issue), path: issuePath(issue), message: issue.message }),
      ),
    );
  }
  const checked = checkLearner(parsed.data, [], catalogue).map(placed);
  return checked.length > 0 ? failed(checked) : { row, ok: true, learner: parsed.data };
}

function toNumber(text: string): number | null {
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : null;
}

/** Spreadsheets in the UK write dates day first: 12/01/2026 is read as 2026-01-12. Anything else is left as is. */
function ukDateToIso(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return m ? `${m[3]}-${(m[2] as string).padStart(2, "0")}-${(m[1] as string).padStart(2, "0")}` : text;
}
