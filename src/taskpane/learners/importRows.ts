import { parse } from "csv-parse/sync";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import { readLearnerRows } from "../../domain/cohort/csv";
import type { Learner } from "../../domain/cohort/schema";
import type { ImportRow, ImportTable, RowProblem } from "./importRows.types";

/** The columns assumed for pasted rows that have no header row. */
export const DEFAULT_COLUMNS = ["Registration No", "Learner", "Qualification", "Assessor", "Registered"];

export interface ReadOptions {
  readonly source: string;
  /** Rows pasted from a spreadsheet are tab-separated; a CSV file is comma-separated. */
  readonly delimiter: "\t" | ",";
  readonly catalogue: Catalogue;
  /** Registration numbers already in the cohort (a row may not reuse one). */
  readonly existing: ReadonlySet<string>;
  /** Filled in for rows without a qualification when the cohort offers exactly one. */
  readonly defaultQualification?: string | undefined;
}

/**
 * Reads pasted rows or a CSV file into rows a person can fix one by one. Every row is checked by the same code as
 * the command line (domain/cohort/csv.ts: the cohort zod schemas plus the catalogue cross-checks).
 */
export function readImport(text: string, options: ReadOptions): ImportTable {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: options.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
    });
  } catch (error) {
    return {
      source: options.source,
      header: [],
      problems: [`${options.source} cannot be read: ${String(error)}`],
      rows: [],
    };
  }
  const first = records[0] ?? [];
  const hasHeader = first.some((cell) => isRegistrationHeader(cell));
  let header = hasHeader ? first.map((h) => h.trim()) : [...DEFAULT_COLUMNS];
  let body = (hasHeader ? records.slice(1) : records).map((cells, i) => ({
    row: i + (hasHeader ? 2 : 1),
    cells: header.map((_, c) => (cells[c] ?? "").trim()),
  }));
  body = body.filter((r) => r.cells.some((c) => c !== ""));

  const qualificationColumn = header.findIndex((h) => /^qualification( no\.?| number)?$/i.test(h.trim()));
  if (options.defaultQualification !== undefined) {
    if (qualificationColumn < 0) {
      header = [...header, "Qualification"];
      body = body.map((r) => ({ ...r, cells: [...r.cells, options.defaultQualification as string] }));
    } else {
      body = body.map((r) => ({
        ...r,
        cells: r.cells.map((c, i) =>
          i === qualificationColumn && c === "" ? (options.defaultQualification as string) : c,
        ),
      }));
    }
  }

  const headerProblems = readLearnerRows(csvLine(header), options.catalogue).problems;
  if (headerProblems.length > 0) {
    return {
      source: options.source,
      header,
      problems: headerProblems.map((p) => `${p.path.replace(/^row 1, /, "")}: ${p.message}`),
      rows: [],
    };
  }
  const rows = body.map((r) => ({ row: r.row, cells: r.cells, leftOut: false, learner: null, problems: [] }));
  return { source: options.source, header, problems: [], rows: checkRows(header, rows, options) };
}

/** Checks every row again (after an edit): each on its own, then registration numbers across rows and cohort. */
export function checkRows(
  header: readonly string[],
  rows: readonly ImportRow[],
  options: Pick<ReadOptions, "catalogue" | "existing">,
): ImportRow[] {
  const checked = rows.map((r) => ({ ...r, ...checkRow(header, r.cells, options.catalogue) }));
  const registrationColumn = header.findIndex((h) => isRegistrationHeader(h));
  const firstRow = new Map<string, number>();
  return checked.map((r) => {
    if (r.learner === null || r.leftOut) return r;
    const registration = r.learner.registration;
    const at = registrationColumn >= 0 ? registrationColumn : null;
    if (options.existing.has(registration)) {
      return {
        ...r,
        learner: null,
        problems: [{ column: at, message: `${registration} is already in the cohort` }],
      };
    }
    const seen = firstRow.get(registration);
    if (seen !== undefined) {
      return {
        ...r,
        learner: null,
        problems: [{ column: at, message: `${registration} is already used in row ${seen}` }],
      };
    }
    firstRow.set(registration, r.row);
    return r;
  });
}

/** One row through the command line's reader, with problems placed on their columns. */
function checkRow(
  header: readonly string[],
  cells: readonly string[],
  catalogue: Catalogue,
): { learner: Learner | null; problems: RowProblem[] } {
  const reading = readLearnerRows(csvLine(cells), catalogue, { columns: header });
  const result = reading.rows[0];
  if (reading.problems.length > 0 || result === undefined) {
    const problems = reading.problems.map((p) => ({ column: null, message: p.message }));
    return {
      learner: null,
      problems: problems.length > 0 ? problems : [{ column: null, message: "the row is empty" }],
    };
  }
  if (result.ok) return { learner: result.learner, problems: [] };
  return { learner: null, problems: result.problems.map((p) => placeProblem(header, p.path, p.message)) };
}

/** Problems name their place as `row 3, column "Registered"` (or `column 4`); finds the column index. */
function placeProblem(header: readonly string[], path: string, message: string): RowProblem {
  const named = /column "((?:[^"\\]|\\.)*)"/.exec(path);
  if (named) {
    const name = JSON.parse(`"${named[1] as string}"`) as string;
    const index = header.findIndex((h) => h.trim() === name);
    if (index >= 0) return { column: index, message };
  }
  const numbered = /column (\d+)/.exec(path);
  if (numbered) return { column: Number(numbered[1]) - 1, message };
  const field = /\((.+)\)$/.exec(path);
  return { column: null, message: field ? `${field[1] as string}: ${message}` : message };
}

/** True for headers that name the registration number column. */
function isRegistrationHeader(cell: string): boolean {
  return /^(learner )?(registration|reg)( no\.?| number)?$/i.test(cell.trim().replace(/\s+/g, " "));
}

/** One CSV line with every cell quoted, so commas, quotes and line breaks inside cells survive. */
function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
}

/** The learners ready to write: rows without problems that were not left out. */
export function readyLearners(rows: readonly ImportRow[]): Learner[] {
  return rows.filter((r) => !r.leftOut && r.learner !== null).map((r) => r.learner as Learner);
}

/** Rows that still stop the import: problems not fixed and not left out. */
export function blockingRows(rows: readonly ImportRow[]): ImportRow[] {
  return rows.filter((r) => !r.leftOut && r.problems.length > 0);
}
