import { promises as fs } from "node:fs";
import * as path from "node:path";
import { NOT_GIVEN, generate } from "../app/generate";
import { catalogueOf } from "../app/open";
import type { Catalogue, Cohort, Problem, Result } from "../domain";
import { COHORT_FORMAT, formatProblem, validateCohort } from "../domain";
import { learnersFromCsv } from "../domain/cohort/csv";
import type { WorkbookContents } from "../workbook/contents";
import { decodeWorkbook } from "../workbook/decode";
import type { ChangeSummary } from "../workbook/plan";
import type { CentreCatalogueFile } from "../workbook/settings";
import { readXlsxContents } from "../xlsx/read-contents";
import type { OutputFileLock } from "./output-file";
import { lockOutputFile } from "./output-file";
import { writeXlsx } from "../xlsx/write-plan";
import type { LogEntry } from "../domain/decisions/log";
import { parseArgs, takeOption } from "./args";
import { accountName } from "./who";
import { isCsvFile, parseJson, readCohortText, readInput } from "./files";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";

export const WORKBOOK_USAGE =
  "ilm workbook [<cohort.json|cohort.csv>] --out <file.xlsx> [--prefer file|workbook] [--who NAME] [--catalogue extra.json ...]";

const HELP = `usage: ${WORKBOOK_USAGE}

Writes the mark-sheet workbook for a cohort: the Learners tab (the roster), one tab per assessment, a tab for unit
outcomes given directly. Formulas are Portable (Excel 2010 and later, Excel on the web, LibreOffice), so the
workbook works without the add-in.

When --out already exists it is updated in place: the cohort file says who is on the course (learners it no longer
lists are kept and marked Withdrawn), the workbook keeps every mark, date, comment and name typed into it, and
every other tab, cell, note and chart stays as it is. Without a cohort file the workbook is regenerated from its own
cells. Where the file and the workbook disagree about an entry, nothing is written: every conflict is listed, and
--prefer file or --prefer workbook says which wins. ilm refuses (and writes nothing) when it cannot be sure where
an entry belongs, naming the tab, column or rows and what to do.

The Decision log tab gains a row for each outcome, QA outcome, unit outcome, Achieved or Ready to claim that
changed: first those typed since the last run ("changed outside ilm", by "unknown"), then this run's own, by
--who NAME (default: the account name you are logged in as).

Exit status: 0 written; 1 written, but the workbook holds an INVALID entry; 2 nothing written.
`;

/** `ilm workbook`: the cohort's mark sheets as a Portable .xlsx file, written whole or not at all. */
export async function workbookCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const { out, rest: afterOut, problems: outProblems } = takeOption(args, "--out", "-o");
  const { out: prefer, rest: afterPrefer, problems: preferProblems } = takeOption(afterOut, "--prefer");
  const { out: who, rest, problems: whoProblems } = takeOption(afterPrefer, "--who");
  const options = parseArgs(rest, { catalogue: true });
  const problems = [...outProblems, ...preferProblems, ...whoProblems, ...options.problems];
  if (who !== undefined && who.trim() === "") problems.push("--who needs a name");
  if (options.positional.length > 1)
    problems.push(`one cohort file at a time, not ${options.positional.length}`);
  if (out === undefined) problems.push("where to? give --out file.xlsx");
  else if (!/\.xlsx$/i.test(out)) problems.push(`--out ${out}: the file name must end in .xlsx`);
  if (prefer !== undefined && prefer !== "file" && prefer !== "workbook")
    problems.push(`--prefer takes file or workbook, not ${JSON.stringify(prefer)}`);
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `ilm workbook: ${p}\n`).join("") + `usage: ${WORKBOOK_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0];
  if (out === undefined) return EXIT_UNUSABLE;
  const target = path.resolve(io.cwd, out);
  // One run at a time per file, from reading the old workbook to writing the new one.
  const lock = await lockOutputFile(target);
  if (!lock.ok) return unusable(io, out, [outputProblem(lock.problem, lock.message, out)]);
  try {
    for (const note of lock.notes) io.stderr(`ilm workbook: ${note}\n`);
    return await writeWorkbook(
      io,
      { file, out, target, prefer, who: who ?? accountName(), catalogues: options.catalogues },
      lock,
    );
  } finally {
    await lock.release();
  }
}

function outputProblem(code: string, message: string, out: string): Problem {
  return { code, path: [], source: out, message };
}

interface WorkbookArgs {
  readonly file: string | undefined;
  readonly out: string;
  readonly target: string;
  readonly prefer: string | undefined;
  /** Who the Decision log names for this run's changes. */
  readonly who: string;
  readonly catalogues: readonly string[];
}

async function writeWorkbook(io: CliIO, args: WorkbookArgs, lock: OutputFileLock): Promise<number> {
  const { file, out, target, prefer } = args;
  const options = { catalogues: args.catalogues };

  const centreCatalogues: CentreCatalogueFile[] = [];
  const catalogueProblems: Problem[] = [];
  for (const c of options.catalogues) {
    const text = await readInput(io, c);
    const json = text.ok ? parseJson(text.value, c) : text;
    if (json.ok) centreCatalogues.push({ source: c, json: json.value });
    else catalogueProblems.push(...json.problems);
  }
  if (catalogueProblems.length > 0) return unusable(io, "the catalogue", catalogueProblems);

  let existingBytes: Uint8Array | undefined;
  try {
    existingBytes = new Uint8Array(await fs.readFile(target));
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT")
      return unusable(io, out, [
        {
          code: "file-unreadable",
          source: out,
          path: [],
          message: `cannot be read (${(error as Error).message})`,
        },
      ]);
  }
  if (!existingBytes && file === undefined)
    return unusable(io, out, [
      {
        code: "no-cohort",
        path: [],
        source: out,
        message: "does not exist yet: give a cohort file to make it from",
      },
    ]);
  let contents: WorkbookContents | undefined;
  if (existingBytes) {
    try {
      contents = await readXlsxContents(existingBytes);
    } catch (error) {
      return unusable(io, out, [
        {
          code: "not-a-workbook",
          source: out,
          path: [],
          message: `exists but is not a workbook ilm can read (${(error as Error).message})`,
        },
      ]);
    }
  }

  // The cohort file is checked against the catalogue this run uses: the files given, else the workbook's own.
  let cohortFile: Cohort | undefined;
  if (file !== undefined) {
    const decoded = contents ? decodeWorkbook(contents) : undefined;
    const stored = decoded?.ok ? decoded.value?.stored.settings : undefined;
    const catalogue = catalogueOf(
      options.catalogues.length > 0 ? centreCatalogues : (stored?.centreCatalogues ?? []),
    );
    if (!catalogue.ok) return unusable(io, "the catalogue", catalogue.problems);
    const text = await readCohortText(io, file);
    if (!text.ok) return unusable(io, file, text.problems);
    const notes = [...text.value.notes];
    const cohort = readCohortFile(text.value.text, file, catalogue.value, (note) => notes.push(note));
    for (const note of notes) io.stderr(`ilm workbook: ${file} ${note}\n`);
    if (!cohort.ok) return unusable(io, file, cohort.problems);
    cohortFile = cohort.value;
  }

  const generated = generate({
    what: out,
    ...(contents ? { contents } : {}),
    ...(cohortFile ? { file: cohortFile } : {}),
    ...(options.catalogues.length > 0 ? { catalogues: centreCatalogues } : {}),
    ...(prefer ? { prefer: prefer as "file" | "workbook" } : {}),
    requireIlm: true,
    recording: { who: args.who, source: "ilm command" },
  });
  if (!generated.ok) {
    const conflicts = generated.problems.filter((p) => p.code === "conflict");
    return unusable(
      io,
      out,
      generated.problems,
      conflicts.length > 0 ? "conflicts with the cohort file" : undefined,
    );
  }
  const bytes = await writeXlsx(generated.value.plan, existingBytes);

  // Whole or nothing: the new file replaces the old one in one rename, or the old one stays as it was.
  const written = await lock.replace(bytes);
  if (!written.ok) return unusable(io, out, [outputProblem(written.problem, written.message, out)]);
  for (const note of written.notes) io.stderr(`ilm workbook: ${note}\n`);
  io.stdout(summaryText(out, generated.value.summary, existingBytes !== undefined));
  io.stdout(loggedText(generated.value.logged));
  if (generated.value.afterProblems.length > 0)
    io.stderr(
      `ilm workbook: ${out} holds entries the catalogue cannot evaluate:\n${generated.value.afterProblems
        .map((p) => `  ${formatProblem(p)}\n`)
        .join("")}`,
    );
  return generated.value.invalid ? EXIT_INVALID : EXIT_OK;
}

/** The Decision log's new rows in one line: how many, and how many were typed since the last run. */
function loggedText(logged: readonly LogEntry[]): string {
  if (logged.length === 0) return "decision log: no change to record\n";
  const outside = logged.filter((e) => e.source === "changed outside ilm").length;
  const rows = `${logged.length} change${logged.length === 1 ? "" : "s"} recorded`;
  return `decision log: ${rows}${outside > 0 ? ` (${outside} typed since the last run)` : ""}\n`;
}

/** A cohort from JSON (`ilm-cohort/1`) or CSV (centre and cohort names then come from the workbook, if any). */
export function readCohortFile(
  text: string,
  file: string,
  catalogue: Catalogue,
  onNote?: (note: string) => void,
): Result<Cohort> {
  if (isCsvFile(file)) {
    const learners = learnersFromCsv(text, catalogue, {
      delimiter: /\.tsv$/i.test(file) ? "\t" : ",",
      source: file,
      ...(onNote ? { onNote } : {}),
    });
    if (!learners.ok) return learners;
    return {
      ok: true,
      value: {
        format: COHORT_FORMAT,
        centre: { number: NOT_GIVEN, name: NOT_GIVEN },
        cohort: path.basename(file).replace(/\.[^.]+$/, ""),
        learners: learners.value,
      },
    };
  }
  const json = parseJson(text, file);
  return json.ok ? validateCohort(json.value, catalogue) : json;
}

function unusable(io: CliIO, what: string, problems: readonly Problem[], title?: string): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm workbook: ${title ? `${what}: ${problems.length} ${title}` : `${what} cannot be used (${count})`}; nothing was written:\n${problems
      .map((p) => `  ${formatProblem(p)}\n`)
      .join("")}`,
  );
  return EXIT_UNUSABLE;
}

function summaryText(out: string, s: ChangeSummary, regenerated: boolean): string {
  const lines = [`${regenerated ? "Regenerated" : "Wrote"} ${out}`];
  if (s.sheetsCreated.length > 0) lines.push(`  tabs created: ${s.sheetsCreated.join(", ")}`);
  if (s.sheetsUpdated.length > 0) lines.push(`  tabs updated: ${s.sheetsUpdated.join(", ")}`);
  lines.push(`  learners added: ${s.learnersAdded.length}`);
  if (s.learnersWithdrawn.length > 0)
    lines.push(`  learners marked withdrawn: ${s.learnersWithdrawn.join(", ")}`);
  if (regenerated) lines.push(`  entries kept from the workbook: ${s.entriesKept}`);
  if (s.tablesRecovered.length > 0)
    lines.push(`  tables given back (they had become plain ranges): ${s.tablesRecovered.join(", ")}`);
  if (s.conflictsResolved > 0) lines.push(`  conflicts settled as asked: ${s.conflictsResolved}`);
  return lines.join("\n") + "\n";
}
