import { parse } from "csv-parse/sync";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import { readLearnerRows } from "../../domain/cohort/csv";
import { csvLayout } from "../../domain/cohort/text";
import { registrationKey, trimRegistration } from "../../domain/cohort/registration";
import type { Learner } from "../../domain/cohort/schema";
import type { Problem } from "../../domain/problems";
import { formatPath, parseCell } from "../../domain/problems";
import type { ImportPlan, ImportRow, ImportTable, RowProblem } from "./importRows.types";
import { learnerChanges, mergeLearner } from "./learnerUpdate";
import type { ColumnField } from "./columnMapping";
import { applyChoices, looksLikeHeader, needsMatching, proposeChoices } from "./columnMapping";
import type { SetupSettings } from "../../workbook/settings";
import { plainFieldMessage } from "../shared/plainWords";

/** The columns assumed for pasted rows that have no header row. */
export const DEFAULT_COLUMNS = ["Registration No", "Learner", "Qualification", "Assessor", "Registered"];

export interface ReadOptions {
  readonly source: string;
  /** Rows pasted from a spreadsheet are tab-separated; a CSV file is comma-separated. */
  readonly delimiter: "\t" | ",";
  readonly catalogue: Catalogue;
  /** The learners already in the cohort, by registration number: a row with one of these numbers updates them. */
  readonly existing: ReadonlyMap<string, Learner>;
  /** Filled in for new learners without a qualification when the cohort offers exactly one. */
  readonly defaultQualification?: string | undefined;
  /**
   * The text is a file's: its separator is checked as the command line checks it (Excel's `sep=` first line, a
   * header separated by semicolons or tabs: domain/cohort/text.ts csvLayout), with notes.
   */
  readonly file?: boolean;
  /** Notes from reading the file's bytes (its encoding), shown with the rows. */
  readonly notes?: readonly string[];
  /** The set-up settings, for the column matchings remembered in the workbook. */
  readonly setup?: SetupSettings | undefined;
  /** The matching the person confirmed for the roster's own header; without it such a header is only proposed. */
  readonly choices?: readonly ColumnField[] | undefined;
}

/**
 * Reads pasted rows or a CSV file into rows a person can fix one by one. Every row is checked by the same code as
 * the command line (domain/cohort/csv.ts: the cohort zod schemas plus the catalogue cross-checks).
 */
export function readImport(text: string, options: ReadOptions): ImportTable {
  const layout = options.file
    ? csvLayout(text, options.delimiter)
    : ({ ok: true, delimiter: options.delimiter, sepLine: false, notes: [] } as const);
  if (!layout.ok) return { source: options.source, header: [], problems: [layout.message], rows: [] };
  const notes = [...(options.notes ?? []), ...layout.notes.map((n) => `${options.source} ${n}`)];
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: layout.delimiter,
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
  // Excel's `sep=;` line is not data; rows keep the numbers they have in the file.
  const skipped = layout.sepLine ? 1 : 0;
  records = records.slice(skipped);
  const first = records[0] ?? [];
  const hasHeader = looksLikeHeader(first, options.catalogue);
  const original = hasHeader ? first.map((h) => h.trim()) : [...DEFAULT_COLUMNS];
  let rawBody: { row: number; cells: string[] }[] = (hasHeader ? records.slice(1) : records)
    .map((cells, i) => ({
      row: i + skipped + (hasHeader ? 2 : 1),
      cells: original.map((_, c) => cells[c] ?? ""),
    }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));

  let header = original;
  let matched: ImportTable["matched"];
  if (options.choices !== undefined) {
    const applied = applyChoices(original, rawBody, options.choices);
    header = applied.header;
    rawBody = applied.rows;
    matched = { original, choices: options.choices };
  } else if (hasHeader && needsMatching(original, options.catalogue)) {
    const proposal = proposeChoices(original, options.catalogue, options.setup);
    return {
      source: options.source,
      header: original,
      problems: [],
      ...(notes.length > 0 ? { notes } : {}),
      rows: [],
      matching: {
        original,
        samples: original.map(
          (_, c) => rawBody.map((r) => (r.cells[c] ?? "").trim()).find((v) => v !== "") ?? "",
        ),
        proposed: proposal.choices,
        remembered: proposal.remembered,
      },
    };
  }

  // A registration number keeps an invisible character at its ends (a byte order mark), to be refused, not hidden.
  const registrationAt = header.findIndex((h) => isRegistrationHeader(h));
  let body = rawBody.map((r) => ({
    row: r.row,
    cells: header.map((_, c) => (c === registrationAt ? trimRegistration : trim)(r.cells[c] ?? "")),
  }));

  if (options.defaultQualification !== undefined && qualificationColumnOf(header) < 0) {
    header = [...header, "Qualification"];
    body = body.map((r) => ({ ...r, cells: [...r.cells, ""] }));
  }

  const headerProblems = readLearnerRows(csvLine(header), options.catalogue).problems;
  if (headerProblems.length > 0) {
    return {
      source: options.source,
      header,
      problems: headerProblems.map(headerProblemText),
      rows: [],
    };
  }
  const rows = body.map((r) => ({
    row: r.row,
    cells: r.cells,
    leftOut: false,
    learner: null,
    problems: [],
    update: null,
  }));
  return {
    source: options.source,
    header,
    problems: [],
    ...(notes.length > 0 ? { notes } : {}),
    ...(matched !== undefined ? { matched } : {}),
    rows: checkRows(header, rows, options),
  };
}

/**
 * Checks every row again (after an edit): each on its own, then registration numbers across rows. A row whose
 * number is already in the cohort updates that learner; a blank name or qualification there keeps the stored one.
 */
export function checkRows(
  header: readonly string[],
  rows: readonly ImportRow[],
  options: Pick<ReadOptions, "catalogue" | "existing" | "defaultQualification">,
): ImportRow[] {
  const registrationColumn = header.findIndex((h) => isRegistrationHeader(h));
  const at = registrationColumn >= 0 ? registrationColumn : null;
  // Registration numbers compare ignoring case and surrounding spaces: nf-001 is the stored NF-001.
  const existingByKey = new Map<string, Learner>();
  for (const l of options.existing.values()) existingByKey.set(registrationKey(l.registration), l);
  const firstRow = new Map<string, { row: number; registration: string }>();
  return rows.map((r): ImportRow => {
    const typed = trimRegistration(r.cells[registrationColumn] ?? "");
    const stored = existingByKey.get(registrationKey(typed));
    const checked = {
      ...r,
      ...checkRow(header, filledIn(header, r.cells, stored, options), options.catalogue),
    };
    if (checked.leftOut) return { ...checked, update: null };
    // A repeated or differently written registration number is said at once, with the row's other problems.
    const extra: RowProblem[] = [];
    const key = registrationKey(typed);
    const seen = typed === "" ? undefined : firstRow.get(key);
    if (seen !== undefined) {
      extra.push({
        column: at,
        code: "duplicate-registration",
        message:
          seen.registration === typed
            ? `${typed} is already used in row ${seen.row}: each learner's registration number goes in one row only`
            : `${typed} is already used in row ${seen.row} as ${seen.registration} (capitals do not tell learners apart)`,
      });
    } else if (typed !== "") {
      firstRow.set(key, { row: checked.row, registration: typed });
    }
    if (stored !== undefined && stored.registration !== typed) {
      extra.push({
        column: at,
        code: "registration-capitals",
        message: `${typed} is already in the cohort as ${stored.registration}: write it as ${stored.registration} to update that learner`,
      });
    }
    if (checked.learner === null || extra.length > 0)
      return { ...checked, learner: null, update: null, problems: [...checked.problems, ...extra] };
    if (stored === undefined) return { ...checked, update: null };
    const learner = checked.learner;
    return {
      ...checked,
      update: { stored, changes: learnerChanges(stored, mergeLearner(stored, learner)) },
    };
  });
}

/** The cells as checked: a blank qualification or name filled in from the stored learner or the cohort's default. */
function filledIn(
  header: readonly string[],
  cells: readonly string[],
  stored: Learner | undefined,
  options: Pick<ReadOptions, "defaultQualification">,
): string[] {
  const qualification = qualificationColumnOf(header);
  const name = header.findIndex((h) => /^(learner|name|learner name)$/i.test(h.trim().replace(/\s+/g, " ")));
  return cells.map((c, i) => {
    if (c !== "") return c;
    if (i === qualification) return stored?.qualification ?? options.defaultQualification ?? c;
    if (i === name) return stored?.name ?? c;
    return c;
  });
}

function qualificationColumnOf(header: readonly string[]): number {
  return header.findIndex((h) => /^qualification( no\.?| number)?$/i.test(h.trim().replace(/\s+/g, " ")));
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
  return { learner: null, problems: result.problems.map((p) => placeProblem(p, header, cells)) };
}

/** A problem with the header, as the task pane shows it: `column 3 ("Shoe size"): is not a column ilm knows`. */
function headerProblemText(p: Problem): string {
  const cell = p.place?.cell === undefined ? null : parseCell(p.place.cell);
  if (cell === null) return `row 1: ${p.message}`;
  const name = p.place?.column;
  return `column ${cell.column + 1}${name !== undefined ? ` (${JSON.stringify(name)})` : ""}: ${p.message}`;
}

/**
 * A row's problem under the cell it is in, in the words of the person typing (naming the column, saying what to
 * do); one about the row as a whole names the learner field it is about.
 */
function placeProblem(p: Problem, header: readonly string[], cells: readonly string[]): RowProblem {
  const cell = p.place?.cell === undefined ? null : parseCell(p.place.cell);
  if (cell !== null) {
    const label = header[cell.column] ?? "";
    return {
      column: cell.column,
      code: p.code,
      message: plainFieldMessage(label, p, cells[cell.column] ?? ""),
    };
  }
  return {
    column: null,
    code: p.code,
    message: p.path.length > 0 ? `${formatPath(p.path)}: ${p.message}` : p.message,
  };
}

function trim(cell: string): string {
  return cell.trim();
}

/** True for headers that name the registration number column. */
function isRegistrationHeader(cell: string): boolean {
  return /^(learner )?(registration|reg)( no\.?| number)?$/i.test(cell.trim().replace(/\s+/g, " "));
}

/** One CSV line with every cell quoted, so commas, quotes and line breaks inside cells survive. */
function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
}

/** What committing would write: rows without problems that were not left out, new learners and updates apart. */
export function importPlan(rows: readonly ImportRow[]): ImportPlan {
  const added: Learner[] = [];
  const updated: Learner[] = [];
  let unchanged = 0;
  let leftOut = 0;
  for (const r of rows) {
    if (r.leftOut) leftOut++;
    else if (r.learner === null) continue;
    else if (r.update === null) added.push(r.learner);
    else if (r.update.changes.length > 0) updated.push(r.learner);
    else unchanged++;
  }
  return { added, updated, unchanged, leftOut };
}

/** Rows that still stop the import: problems not fixed and not left out. */
export function blockingRows(rows: readonly ImportRow[]): ImportRow[] {
  return rows.filter((r) => !r.leftOut && r.problems.length > 0);
}
