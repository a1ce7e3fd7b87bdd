import { useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import { readCsvFile } from "../shared/readFileText";
import type { ImportRow, ImportTable } from "./importRows.types";
import { blockingRows, checkRows, importPlan, readImport } from "./importRows";
import type { ColumnField } from "./columnMapping";
import type { SetupSettings } from "../../workbook/settings";

export interface PasteImportOptions {
  readonly catalogue: Catalogue;
  readonly cohortLearners: readonly Learner[];
  readonly defaultQualification: string | undefined;
  /**
   * Writes the import to the cohort in the workbook: new learners appended, and each updating row's fields written
   * over the stored learner of that number. An error message, or null when written.
   */
  readonly commitImport: (
    added: readonly Learner[],
    updated: readonly Learner[],
    matched?: { readonly original: readonly string[]; readonly choices: readonly ColumnField[] },
  ) => Promise<string | null>;
  /** The workbook's set-up settings: the column matchings remembered for rosters with their own headers. */
  readonly setup?: SetupSettings | undefined;
}

/** What was read last, to read it again through a column matching. */
interface Input {
  readonly text: string;
  readonly source: string;
  readonly delimiter: "\t" | ",";
  readonly file?: { readonly notes: readonly string[] };
}

export type ImportOutcome =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  | {
      readonly status: "added";
      readonly added: number;
      readonly updated: number;
      readonly leftOut: number;
    }
  | { readonly status: "failed"; readonly error: string };

export function usePasteImport(options: PasteImportOptions) {
  const { catalogue, cohortLearners, defaultQualification, commitImport, setup } = options;
  const [input, setInput] = useState<Input | null>(null);
  const [text, setText] = useState("");
  const [table, setTable] = useState<ImportTable | null>(null);
  /** Rows that had problems: they stay on show, editable (as fixed or left out), until the import ends. */
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(new Set());
  const [outcome, setOutcome] = useState<ImportOutcome>({ status: "idle" });

  const existing = new Map(cohortLearners.map((l) => [l.registration, l]));

  const read = (next: Input, choices?: readonly ColumnField[]) => {
    setInput(next);
    const table =
      next.text.trim() === ""
        ? null
        : readImport(next.text, {
            source: next.source,
            delimiter: next.delimiter,
            catalogue,
            existing,
            defaultQualification,
            setup,
            choices,
            ...(next.file ? { file: true, notes: next.file.notes.map((n) => `${next.source} ${n}`) } : {}),
          });
    setTable(table);
    setFlagged(new Set(table?.rows.filter(hasProblems).map((r) => r.row) ?? []));
    setOutcome({ status: "idle" });
  };

  /** Reads the roster again through the matching the person confirmed. */
  const matchColumns = (choices: readonly ColumnField[]) => {
    if (input) read(input, choices);
  };

  /** Back to matching the columns (the rows read so far are read again afterwards). */
  const changeColumns = () => {
    if (input) read(input);
  };

  const paste = (pasted: string) => {
    setText(pasted);
    read({ text: pasted, source: "pasted rows", delimiter: pasted.includes("\t") ? "\t" : "," });
  };

  const importFile = async (file: File) => {
    // Read as bytes and decoded as the command line does: Windows-1252, UTF-16, semicolons, sep= lines.
    const decoded = await readCsvFile(file);
    setText("");
    if (!decoded.ok) {
      setTable({ source: file.name, header: [], problems: [decoded.message], rows: [] });
      setFlagged(new Set());
      setOutcome({ status: "idle" });
      return;
    }
    read({
      text: decoded.text,
      source: file.name,
      delimiter: /\.tsv$/i.test(file.name) ? "\t" : ",",
      file: { notes: decoded.notes },
    });
  };

  const update = (row: number, change: (cells: string[]) => string[] | null, leftOut?: boolean) => {
    if (!table) return;
    const rows = table.rows.map((r) =>
      r.row === row ? { ...r, cells: change([...r.cells]) ?? r.cells, leftOut: leftOut ?? r.leftOut } : r,
    );
    const checked = checkRows(table.header, rows, { catalogue, existing, defaultQualification });
    setTable({ ...table, rows: checked });
    setFlagged((f) => new Set([...f, ...checked.filter(hasProblems).map((r) => r.row)]));
  };

  const editCell = (row: number, column: number, value: string) =>
    update(row, (cells) => {
      cells[column] = value;
      return cells;
    });

  const leaveOut = (row: number, leftOut: boolean) => update(row, () => null, leftOut);

  const clear = () => {
    setText("");
    setTable(null);
    setInput(null);
    setFlagged(new Set());
  };

  const commit = async () => {
    if (!table || blockingRows(table.rows).length > 0) return;
    const plan = importPlan(table.rows);
    setOutcome({ status: "saving" });
    const error = await commitImport(plan.added, plan.updated, table.matched);
    if (error !== null) {
      setOutcome({ status: "failed", error });
      return;
    }
    clear();
    setOutcome({
      status: "added",
      added: plan.added.length,
      updated: plan.updated.length,
      leftOut: plan.leftOut,
    });
  };

  const rows = table?.rows ?? [];
  return {
    text,
    table,
    /** Rows shown one by one: those that had problems, and those about a learner already in the cohort. */
    shownRows: rows.filter((r) => flagged.has(r.row) || r.update !== null),
    /** Rows whose cells can be corrected in place (those that had problems). */
    editableRows: flagged,
    plan: importPlan(rows),
    blocking: blockingRows(rows).length,
    outcome,
    paste,
    importFile,
    editCell,
    leaveOut,
    clear,
    commit,
    matchColumns,
    changeColumns,
  };
}

function hasProblems(row: ImportRow): boolean {
  return row.problems.length > 0;
}
