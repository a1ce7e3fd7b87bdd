import { parse } from "csv-parse/sync";
import type { Catalogue } from "../catalogue/catalogue";
import type { Assessment } from "../catalogue/schema";
import { messages } from "../messages";
import type { PathSegment, Problem, Result } from "../problems";
import { formatPath } from "../problems";
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
  /** Prefixes every problem path, e.g. the file name. */
  readonly source?: string;
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
const FIELD_HEADERS: Readonly<Record<string, Column>> = {
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
};

const MARK_HEADER = /^(.+?) (qa )?s(\d+)$/;
const CRITERION_HEADER = /^(.+?) (qa )?(\d+(?:\.\d+)*)$/;

/** Reads every row; each row is validated on its own so one bad row never hides the others. */
export function readLearnerRows(text: string, catalogue: Catalogue, options: CsvOptions = {}): CsvReading {
  const prefix = options.source ? `${options.source}: ` : "";
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: options.delimiter ?? ",",
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    return {
      problems: [{ path: `${prefix}(CSV)`, message: `is not readable CSV: ${(error as Error).message}` }],
      rows: [],
    };
  }
  const headerRow = options.columns ? [...options.columns] : records[0];
  const firstRow = options.columns ? 1 : 2;
  const body = options.columns ? records : records.slice(1);
  if (!headerRow || headerRow.every((h) => h.trim() === "")) {
    return { problems: [{ path: `${prefix}row 1`, message: "there is no header row" }], rows: [] };
  }
  const header = readHeader(headerRow, catalogue, prefix);
  if (header.problems.length > 0) return { problems: header.problems, rows: [] };

  const rows: CsvRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    rows.push(readRow(cells, firstRow + i, header.columns, headerRow, catalogue, prefix));
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
  const firstRow = new Map<string, number>();
  const prefix = options.source ? `${options.source}: ` : "";
  for (const r of reading.rows) {
    if (!r.ok) problems.push(...r.problems);
    else learners.push(r.learner);
    const registration = r.ok ? r.learner.registration : r.registration;
    if (registration === undefined) continue;
    const seen = firstRow.get(registration);
    if (seen === undefined) {
      firstRow.set(registration, r.row);
    } else {
      problems.push({
        path: `${prefix}row ${r.row}`,
        registration,
        message: `registration number "${registration}" is already used in row ${seen}`,
      });
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
  prefix: string,
): { columns: (Column | null)[]; problems: Problem[] } {
  const assessments = new Map<string, Assessment>();
  for (const a of catalogue.assessments.values()) assessments.set(a.id.toLowerCase(), a);
  const units = new Map<string, string>();
  for (const u of catalogue.units.keys()) units.set(u.toLowerCase(), u);

  const problems: Problem[] = [];
  const columns: (Column | null)[] = [];
  const targets = new Map<string, number>();
  headerRow.forEach((raw, index) => {
    const at = `${prefix}row 1, column ${index + 1} (${JSON.stringify(raw.trim())})`;
    const h = normalise(raw);
    if (h === "") {
      columns.push(null); // an unnamed column (a spreadsheet's trailing blank column): ignored
      return;
    }
    const column = classify(h, assessments, units);
    if (typeof column === "string") {
      problems.push({ path: at, message: column });
      columns.push(null);
      return;
    }
    const key = JSON.stringify(column);
    const first = targets.get(key);
    if (first !== undefined) {
      problems.push({
        path: at,
        message: `says the same as column ${first + 1} (${JSON.stringify(headerRow[first])})`,
      });
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
      problems.push({
        path: `${prefix}row 1`,
        message: `${key} has ${count} sections; ${absent.length === 1 ? "the column" : "the columns"} ${absent.join(", ")} ${absent.length === 1 ? "is" : "are"} missing`,
      });
    }
  }
  if (!columns.some((c) => c?.kind === "field" && c.field === "registration")) {
    problems.push({ path: `${prefix}row 1`, message: 'there is no "Registration No" column' });
  }
  return { columns, problems };
}

/** What a (normalised) header names, or why it names nothing. */
function classify(
  h: string,
  assessments: ReadonlyMap<string, Assessment>,
  units: ReadonlyMap<string, string>,
): Column | string {
  const field = FIELD_HEADERS[h];
  if (field) return field;
  const unit = units.get(h);
  if (unit) return { kind: "unit", unit };
  const mark = MARK_HEADER.exec(h);
  if (mark) {
    const a = assessments.get(mark[1] as string);
    if (a?.kind === "sectioned") {
      const section = Number(mark[3]);
      if (section < 1 || section > a.sections.length) {
        return `${a.id} has sections 1 to ${a.sections.length}; there is no section ${section}`;
      }
      return { kind: "mark", assessment: a.id, qa: mark[2] !== undefined, section };
    }
    if (a) return `${a.id} is marked by criteria, not by sections`;
  }
  const criterion = CRITERION_HEADER.exec(h);
  if (criterion) {
    const a = assessments.get(criterion[1] as string);
    if (a?.kind === "criteria") {
      const id = criterion[3] as string;
      if (!a.criteria.some((c) => c.id === id)) return messages.unknownCriterion(id, a.id);
      return { kind: "criterion", assessment: a.id, qa: criterion[2] !== undefined, criterion: id };
    }
    if (a) return `${a.id} is marked by sections: name its columns "${a.id} S1", "${a.id} S2" and so on`;
  }
  return "is not a column ilm knows (see docs/cohort-format.md)";
}

type Json = Record<string, unknown>;

function readRow(
  cells: readonly string[],
  row: number,
  columns: readonly (Column | null)[],
  headerRow: readonly string[],
  catalogue: Catalogue,
  prefix: string,
): CsvRow {
  const learner: Json = {};
  const hours: Json = {};
  const assessments: Record<
    string,
    { marks?: unknown[]; qaMarks?: unknown[]; criteria?: Json; qaCriteria?: Json }
  > = {};
  const units: Json = {};
  /** Formatted JSON path of a learner field → the column it came from, to name columns in problems. */
  const origin = new Map<string, number>();
  const problems: Problem[] = [];
  const registrationCell = columns.findIndex((c) => c?.kind === "field" && c.field === "registration");
  const registration = (cells[registrationCell] ?? "").trim();
  const where = (column: number) =>
    `${prefix}row ${row}, column ${JSON.stringify((headerRow[column] ?? "").trim() || String(column + 1))}`;
  const problem = (column: number, message: string) =>
    problems.push({ path: where(column), message, ...(registration ? { registration } : {}) });
  const note = (path: PathSegment[], column: number) => {
    const key = formatPath(path);
    if (!origin.has(key)) origin.set(key, column);
  };

  for (let i = columns.length; i < cells.length; i++) {
    if ((cells[i] ?? "").trim() !== "") {
      problems.push({
        path: `${prefix}row ${row}, column ${i + 1}`,
        message: `has a value but the header has only ${columns.length} columns`,
        ...(registration ? { registration } : {}),
      });
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
            problem(i, `${JSON.stringify(value)} is not yes or no`);
          learner.withdrawn = yes;
        } else if (column.field === "registered") {
          if (value === "") return;
          learner.registered = ukDateToIso(value);
        } else if (value !== "" || ["registration", "name", "qualification"].includes(column.field)) {
          learner[column.field] = value;
        }
        note([column.field], i);
        return;
      }
      case "hours": {
        if (value === "") return;
        const n = toNumber(value);
        if (n === null) problem(i, `${JSON.stringify(value)} is not a number of hours`);
        else hours[column.key] = n;
        note(["hours", column.key], i);
        return;
      }
      case "mark": {
        const a = catalogue.assessments.get(column.assessment);
        const key = column.qa ? "qaMarks" : "marks";
        const entry = (assessments[column.assessment] ??= {});
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
        const entry = (assessments[column.assessment] ??= {});
        (entry[key] ??= {})[column.criterion] = value === "" ? null : value;
        note(["assessments", column.assessment, key, column.criterion], i);
        note(["assessments", column.assessment, key], i);
        note(["assessments", column.assessment], i);
        return;
      }
      case "unit": {
        if (value === "") return;
        units[column.unit] = value.toUpperCase();
        note(["units", column.unit], i);
        return;
      }
    }
  });

  // An assessment with every cell blank is not marked yet: leave it out (a wide sheet has columns for all).
  const given: typeof assessments = {};
  for (const [id, entry] of Object.entries(assessments)) {
    const kept: Json = {};
    for (const [key, value] of Object.entries(entry)) {
      const values = Array.isArray(value) ? value : Object.values(value as Json);
      if (values.some((v) => v !== null)) kept[key] = value;
    }
    if (Object.keys(kept).length > 0) given[id] = kept;
  }
  if (Object.keys(hours).length > 0) learner.hours = hours;
  if (Object.keys(given).length > 0) learner.assessments = given;
  if (Object.keys(units).length > 0) learner.units = units;
  const failed = (list: Problem[]): CsvRow => ({
    row,
    ok: false,
    problems: list,
    ...(registration ? { registration } : {}),
  });
  if (problems.length > 0) return failed(problems);

  const columnOf = (path: string): number | undefined => {
    for (let p = path; ;) {
      const c = origin.get(p);
      if (c !== undefined) return c;
      const shorter = p.replace(/(\.[A-Za-z_$][\w$]*|\[[^\]]*\])$/, "");
      if (shorter === p || shorter === "") return undefined;
      p = shorter;
    }
  };
  const place = (path: string) => {
    const c = columnOf(path);
    return c === undefined ? `${prefix}row ${row} (${path})` : where(c);
  };
  const parsed = LearnerSchema.safeParse(learner);
  if (!parsed.success) {
    return failed(
      parsed.error.issues.map((issue) => ({
        path: place(formatPath(issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)))),
        message: issue.message,
        ...(registration ? { registration } : {}),
      })),
    );
  }
  const checked = checkLearner(parsed.data, [], catalogue).map((p) => ({ ...p, path: place(p.path) }));
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
