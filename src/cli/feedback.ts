import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { FeedbackSheet } from "../app/feedback";
import { feedbackFileName, workbookFeedback } from "../app/feedback";
import type { Problem } from "../domain";
import { formatProblem } from "../domain";
import { parseArgs, takeOption } from "./args";
import { today } from "./clock";
import type { DrawnSheet } from "./feedback-pdf";
import { feedbackPdf, loadFonts, SheetTooLong } from "./feedback-pdf";
import { readBytes } from "./files";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";
import { replaceOutputFile } from "./output-file";

export const FEEDBACK_USAGE = "ilm feedback <workbook.xlsx> --out <folder> [--learner REG] [--assessment ID]";

const HELP = `usage: ${FEEDBACK_USAGE}

Writes the ILM mark sheet of every learner and assessment the marked workbook has an entry for (anything typed in
the learner's row of a mark sheet) as a one-page A4 PDF in the folder --out: centre, cohort, learner, assessment
and units, per section the maximum, minimum, assessor's and QA mark (or per criterion its wording, P/R and QA
P/R), total and outcome for the assessor and for QA, referred sections, strengths, areas for improvement,
assessor, IQA, dates, the EV signature line and the standardisation opt-out.

  --learner REG     only this learner's sheets (registration number, ignoring capitals)
  --assessment ID   only this assessment's sheets (D5.01, D5.02+D5.03, 8580-500, ...)

Each file is named <registration>_<assessment>.pdf (NF-001_D5.01.pdf): letters, digits, ".", "-" and "+" are
kept, every other character becomes "-". A file of that name in the folder is replaced; nothing is written
anywhere else. See docs/feedback.md.

Exit status: 0 written; 1 written, but some sheet shows an INVALID mark (or a cell the workbook holds could not
be read); 2 nothing written (or writing stopped at a file that could not be written: the message says which
were).
`;

/** `ilm feedback`: one PDF mark sheet per learner and assessment entry of a marked workbook. */
export async function feedbackCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const out = takeOption(args, "--out", "-o");
  const learner = takeOption(out.rest, "--learner");
  const assessment = takeOption(learner.rest, "--assessment");
  const options = parseArgs(assessment.rest, {});
  const problems = [...out.problems, ...learner.problems, ...assessment.problems, ...options.problems];
  if (options.positional.length !== 1) problems.push("which workbook? give one .xlsx file");
  if (out.out === undefined) problems.push("where to? give --out <folder>");
  if (problems.length > 0 || out.out === undefined) {
    io.stderr(problems.map((p) => `ilm feedback: ${p}\n`).join("") + `usage: ${FEEDBACK_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0] as string;
  const folder = path.resolve(io.cwd, out.out);

  const bytes = await readBytes(io, file);
  if (!bytes.ok) return unusable(io, file, bytes.problems);
  let contents;
  try {
    // Loaded on demand, as for ilm evaluate: ilm starts without the .xlsx reader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readXlsxContents } = require("../xlsx/read-contents") as typeof import("../xlsx/read-contents");
    contents = await readXlsxContents(bytes.value);
  } catch (error) {
    return unusable(io, file, [
      {
        code: "not-a-workbook",
        path: [],
        source: file,
        message: `is not a workbook ilm can read (${(error as Error).message})`,
      },
    ]);
  }
  const feedback = workbookFeedback(contents, file, { learner: learner.out, assessment: assessment.out });
  if (!feedback.ok) return unusable(io, file, feedback.problems);
  const { sheets, unreadable } = feedback.value;

  // Every file name is checked before anything is written: two sheets never share a file, and a name that is a
  // link or a folder is refused (a link could point outside --out).
  const named = sheets.map((sheet) => ({
    sheet,
    name: feedbackFileName(sheet.learner.registration, sheet.assessment.id),
  }));
  const seen = new Map<string, FeedbackSheet>();
  const clashes: Problem[] = [];
  for (const { sheet, name } of named) {
    const other = seen.get(name.toLowerCase());
    if (other)
      clashes.push({
        code: "file-name-clash",
        path: [],
        source: out.out,
        message: `${JSON.stringify(other.learner.registration)} and ${JSON.stringify(sheet.learner.registration)} would both be written to ${name}: run once for each with --learner`,
      });
    seen.set(name.toLowerCase(), sheet);
  }
  if (clashes.length > 0) return unusable(io, out.out, clashes);
  const folderProblem = await prepareFolder(folder, out.out);
  if (folderProblem) return unusable(io, out.out, [folderProblem]);
  const targets = named.map(({ sheet, name }) => ({ sheet, name, target: path.join(folder, name) }));
  for (const { target, name } of targets) {
    if (path.dirname(target) !== folder) throw new Error(`${name} is not a file name`);
    const kind = await fs.lstat(target).catch(() => null);
    if (kind && !kind.isFile())
      return unusable(io, out.out, [
        {
          code: "not-a-file",
          path: [],
          source: path.join(out.out, name),
          message: `is ${kind.isSymbolicLink() ? "a link" : "not a file"}: ilm replaces only files; move it away and run again`,
        },
      ]);
  }

  // Drawn first, all of them, so that a sheet that cannot be drawn leaves the folder as it was.
  const fonts = loadFonts();
  const printed = today(io);
  const drawn: { name: string; target: string; sheet: FeedbackSheet; pdf: DrawnSheet }[] = [];
  for (const t of targets) {
    try {
      drawn.push({ ...t, pdf: await feedbackPdf(t.sheet, printed, fonts) });
    } catch (error) {
      if (!(error instanceof SheetTooLong)) throw error;
      return unusable(io, file, [
        {
          code: "sheet-too-long",
          path: [],
          source: file,
          message: `${error.message}: its scheme has too many sections or criteria for the ILM mark-sheet layout`,
        },
      ]);
    }
  }

  const written: string[] = [];
  for (const { name, target, pdf } of drawn) {
    const result = await replaceOutputFile(target, pdf.bytes);
    if (!result.ok) {
      io.stderr(
        `ilm feedback: ${path.join(out.out, name)}: ${result.message}\n` +
          (written.length > 0
            ? `ilm feedback: stopped after writing ${written.length} of ${drawn.length} sheets: ${written.join(", ")}\n`
            : "ilm feedback: nothing was written\n"),
      );
      return EXIT_UNUSABLE;
    }
    written.push(name);
  }

  for (const { name, sheet, pdf } of drawn) {
    if (pdf.replaced.length > 0)
      io.stderr(
        `ilm feedback: ${name}: ${pdf.replaced.map(codePoint).join(", ")} cannot be drawn by the sheet's font and ${pdf.replaced.length === 1 ? "is" : "are"} printed as "?" (${sheet.learner.registration}); write ${pdf.replaced.length === 1 ? "it" : "them"} in by hand\n`,
      );
    if (pdf.cut)
      io.stderr(
        `ilm feedback: ${name}: the strengths or areas for improvement were cut to fit one page (marked "[…]")\n`,
      );
  }
  if (unreadable.length > 0)
    io.stderr(
      `ilm feedback: ${file} has ${unreadable.length === 1 ? "a cell" : `${unreadable.length} cells`} the cohort cannot hold (left out of the sheets):\n${unreadable
        .map((p) => `  ${formatProblem(p)}\n`)
        .join("")}`,
    );
  const invalid = drawn.filter(({ sheet }) => sheet.outcome === "INVALID" || sheet.qaOutcome === "INVALID");
  for (const { name, sheet } of invalid)
    io.stderr(`ilm feedback: ${name}: INVALID marks (${sheet.messages.join("; ")})\n`);
  io.stdout(
    `Wrote ${drawn.length} ${drawn.length === 1 ? "sheet" : "sheets"} to ${out.out}:\n${written.map((n) => `  ${n}\n`).join("")}`,
  );
  return invalid.length > 0 || unreadable.length > 0 ? EXIT_INVALID : EXIT_OK;
}

/** Makes the --out folder when it is missing; a problem when it is something else. */
async function prepareFolder(folder: string, what: string): Promise<Problem | null> {
  try {
    await fs.mkdir(folder, { recursive: true });
    const stat = await fs.stat(folder);
    if (stat.isDirectory()) return null;
  } catch (error) {
    return {
      code: "folder-unusable",
      path: [],
      source: what,
      message: `cannot be used as the folder to write to (${(error as Error).message})`,
    };
  }
  return { code: "folder-unusable", path: [], source: what, message: "is not a folder" };
}

function codePoint(ch: string): string {
  return `${JSON.stringify(ch)} (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`;
}

function unusable(io: CliIO, what: string, problems: readonly Problem[]): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm feedback: ${what}: nothing was written (${count}):\n${problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`,
  );
  return EXIT_UNUSABLE;
}
