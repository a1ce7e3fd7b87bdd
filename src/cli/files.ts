import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Catalogue, Problem, Result } from "../domain";
import { loadCatalogue } from "../domain";
import { decodeText } from "../domain/cohort/text";
import type { WorkbookContents } from "../workbook/contents";
import type { CliIO } from "./io";

/** Reads a file named on the command line (relative to the working directory); a problem when it cannot be read. */
export async function readInput(io: CliIO, file: string): Promise<Result<string>> {
  try {
    return { ok: true, value: await io.readFile(path.resolve(io.cwd, file)) };
  } catch (error) {
    return {
      ok: false,
      problems: [{ code: "file-unreadable", source: file, path: [], message: readError(error) }],
    };
  }
}

/** Whether a file is read as CSV (one learner a row): .csv, .tsv and .txt. */
export function isCsvFile(file: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(file);
}

/**
 * A cohort file's text. A CSV file is read as bytes and decoded as its encoding says or as it is found to be
 * (UTF-8, UTF-16 with a byte order mark, else Windows-1252 with a note: see domain/cohort/text.ts); `notes` say
 * what a person should know. Other files are UTF-8.
 */
export async function readCohortText(
  io: CliIO,
  file: string,
): Promise<Result<{ text: string; notes: string[] }>> {
  if (!isCsvFile(file) || !io.readFileBytes) {
    const text = await readInput(io, file);
    return text.ok ? { ok: true, value: { text: text.value, notes: [] } } : text;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFileBytes(path.resolve(io.cwd, file));
  } catch (error) {
    return {
      ok: false,
      problems: [{ code: "file-unreadable", source: file, path: [], message: readError(error) }],
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    return {
      ok: false,
      problems: [{ code: decoded.code, source: file, path: [], message: decoded.message }],
    };
  return { ok: true, value: { text: decoded.text, notes: decoded.notes } };
}

function readError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a folder, not a file";
  if (code === "EACCES") return "permission denied";
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Parses JSON text; a problem naming the file when it is not JSON. */
export function parseJson(text: string, file: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (error) {
    return {
      ok: false,
      problems: [
        { code: "not-json", source: file, path: [], message: `is not JSON (${(error as Error).message})` },
      ],
    };
  }
}

/** The ILM catalogue plus the centre catalogue files given with --catalogue. */
export async function catalogueFrom(io: CliIO, files: readonly string[]): Promise<Result<Catalogue>> {
  const problems: Problem[] = [];
  const centreFiles: { json: unknown; source: string }[] = [];
  for (const file of files) {
    const text = await readInput(io, file);
    const json = text.ok ? parseJson(text.value, file) : text;
    if (json.ok) centreFiles.push({ json: json.value, source: file });
    else problems.push(...json.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return loadCatalogue(centreFiles);
}

/** Reads a binary file named on the command line (an .xlsx workbook); a problem when it cannot be read. */
export async function readBytes(io: CliIO, file: string): Promise<Result<Uint8Array>> {
  try {
    return { ok: true, value: new Uint8Array(await fs.readFile(path.resolve(io.cwd, file))) };
  } catch (error) {
    return {
      ok: false,
      problems: [{ code: "file-unreadable", path: [], source: file, message: readError(error) }],
    };
  }
}

/** Whether a file name is a workbook (.xlsx). */
export function isWorkbookFile(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/**
 * What a workbook file named on the command line holds, or a problem naming it. The .xlsx reader is loaded here,
 * on first use, so commands that never read a workbook start without it.
 */
export async function readWorkbookFile(io: CliIO, file: string): Promise<Result<WorkbookContents>> {
  const bytes = await readBytes(io, file);
  if (!bytes.ok) return bytes;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readXlsxContents } = require("../xlsx/read-contents") as typeof import("../xlsx/read-contents");
    return { ok: true, value: await readXlsxContents(bytes.value) };
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          code: "not-a-workbook",
          path: [],
          source: file,
          message: `is not a workbook ilm can read (${(error as Error).message})`,
        },
      ],
    };
  }
}
