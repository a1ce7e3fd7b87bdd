import { useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import { readFileText } from "../shared/readFileText";
import type { ImportTable } from "./importRows.types";
import { blockingRows, checkRows, readImport, readyLearners } from "./importRows";

export interface PasteImportOptions {
  readonly catalogue: Catalogue;
  readonly cohortLearners: readonly Learner[];
  readonly defaultQualification: string | undefined;
  /** Appends learners to the cohort in the workbook; an error message, or null when written. */
  readonly addLearners: (learners: readonly Learner[]) => Promise<string | null>;
}

export type ImportOutcome =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  | { readonly status: "added"; readonly count: number; readonly leftOut: number }
  | { readonly status: "failed"; readonly error: string };

export function usePasteImport(options: PasteImportOptions) {
  const { catalogue, cohortLearners, defaultQualification, addLearners } = options;
  const [text, setText] = useState("");
  const [table, setTable] = useState<ImportTable | null>(null);
  /** Rows that had problems: they stay on show (as fixed or left out) until the import ends. */
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(new Set());
  const [outcome, setOutcome] = useState<ImportOutcome>({ status: "idle" });

  const existing = new Set(cohortLearners.map((l) => l.registration));

  const read = (input: string, source: string, delimiter: "\t" | ",") => {
    const next =
      input.trim() === ""
        ? null
        : readImport(input, { source, delimiter, catalogue, existing, defaultQualification });
    setTable(next);
    setFlagged(new Set(next?.rows.filter((r) => r.problems.length > 0).map((r) => r.row) ?? []));
    setOutcome({ status: "idle" });
  };

  const paste = (input: string) => {
    setText(input);
    read(input, "pasted rows", input.includes("\t") ? "\t" : ",");
  };

  const importFile = async (file: File) => {
    const content = await readFileText(file);
    setText("");
    read(content, file.name, content.split(/\r?\n/, 1)[0]?.includes("\t") ? "\t" : ",");
  };

  const update = (row: number, change: (cells: string[]) => string[] | null, leftOut?: boolean) => {
    if (!table) return;
    const rows = table.rows.map((r) =>
      r.row === row ? { ...r, cells: change([...r.cells]) ?? r.cells, leftOut: leftOut ?? r.leftOut } : r,
    );
    const checked = checkRows(table.header, rows, { catalogue, existing });
    setTable({ ...table, rows: checked });
    setFlagged((f) => new Set([...f, ...checked.filter((r) => r.problems.length > 0).map((r) => r.row)]));
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
    const learners = readyLearners(table.rows);
    setOutcome({ status: "saving" });
    const error = await addLearners(learners);
    if (error !== null) {
      setOutcome({ status: "failed", error });
      return;
    }
    const leftOut = table.rows.filter((r) => r.leftOut).length;
    clear();
    setOutcome({ status: "added", count: learners.length, leftOut });
  };

  const rows = table?.rows ?? [];
  return {
    text,
    table,
    flaggedRows: rows.filter((r) => flagged.has(r.row)),
    ready: readyLearners(rows).length,
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
