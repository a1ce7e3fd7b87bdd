import { useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import { readCsvFile } from "../shared/readFileText";
import type { ImportRow, ImportTable } from "./importRows.types";
import { blockingRows, checkRows, importPlan, readImport } from "./importRows";

export interface PasteImportOptions {
  readonly catalogue: Catalogue;
  readonly cohortLearners: readonly Learner[];
  readonly defaultQualification: string | undefined;
  /**
   * Writes the import to the cohort in the workbook: new learners appended, and each updating row's fields written
   * over the stored learner of that number. An error message, or null when written.
   */
  readonly commitImport: (added: readonly Learner[], updated: readonly Learner[]) => Promise<string | null>;
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
  const { catalogue, cohortLearners, defaultQualification, commitImport } = options;
  const [text, setText] = useState("");
  const [table, setTable] = useState<ImportTable | null>(null);
  /** Rows that had problems: they stay on show, editable (as fixed or left out), until the import ends. */
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(new Set());
  const [outcome, setOutcome] = useState<ImportOutcome>({ status: "idle" });

  const existing = new Map(cohortLearners.map((l) => [l.registration, l]));

  const read = (
    input: string,
    source: string,
    delimiter: "\t" | ",",
    file?: { readonly notes: readonly string[] },
  ) => {
    const next =
      input.trim() === ""
        ? null
        : readImport(input, {
            source,
            delimiter,
            catalogue,
            existing,
            defaultQualification,
            ...(file ? { file: true, notes: file.notes.map((n) => `${source} ${n}`) } : {}),
          });
    setTable(next);
    setFlagged(new Set(next?.rows.filter(hasProblems).map((r) => r.row) ?? []));
    setOutcome({ status: "idle" });
  };

  const paste = (input: string) => {
    setText(input);
    read(input, "pasted rows", input.includes("\t") ? "\t" : ",");
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
    read(decoded.text, file.name, /\.tsv$/i.test(file.name) ? "\t" : ",", { notes: decoded.notes });
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
    setFlagged(new Set());
  };

  const commit = async () => {
    if (!table || blockingRows(table.rows).length > 0) return;
    const plan = importPlan(table.rows);
    setOutcome({ status: "saving" });
    const error = await commitImport(plan.added, plan.updated);
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
  };
}

function hasProblems(row: ImportRow): boolean {
  return row.problems.length > 0;
}
