import * as path from "node:path";
import { exportWorkbook } from "../app/evaluate";
import type { Problem } from "../domain";
import { formatProblem } from "../domain";
import { parseArgs, takeOption } from "./args";
import { readWorkbookFile } from "./files";
import type { CliIO } from "./io";
import { EXIT_OK, EXIT_UNUSABLE } from "./io";
import { replaceOutputFile } from "./output-file";

export const EXPORT_USAGE = "ilm export <workbook.xlsx> --out <cohort.json>";

const HELP = `usage: ${EXPORT_USAGE}

Writes the cohort a marked workbook holds (the roster from its Learners tab, every mark, date, comment and name
from its mark sheets, unit outcomes, hours) as an ilm-cohort/1 file: the format ilm workbook and ilm evaluate
read. Nothing is written while a cell holds something the format cannot (a date column holding "next week", say):
each such cell is listed with its place.

Exit status: 0 written; 2 nothing written.
`;

/** `ilm export`: the cohort a workbook holds, as a cohort file. */
export async function exportCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const { out, rest, problems: outProblems } = takeOption(args, "--out", "-o");
  const options = parseArgs(rest, {});
  const problems = [...outProblems, ...options.problems];
  if (options.positional.length !== 1) problems.push("which workbook? give one .xlsx file");
  if (out === undefined) problems.push("where to? give --out cohort.json");
  else if (!/\.json$/i.test(out)) problems.push(`--out ${out}: the file name must end in .json`);
  if (problems.length > 0 || out === undefined) {
    io.stderr(problems.map((p) => `ilm export: ${p}\n`).join("") + `usage: ${EXPORT_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0] as string;
  const contents = await readWorkbookFile(io, file);
  if (!contents.ok) return unusable(io, file, contents.problems);
  const cohort = exportWorkbook(contents.value, file);
  if (!cohort.ok) return unusable(io, file, cohort.problems);
  const json = `${JSON.stringify(cohort.value, null, 2)}\n`;
  const written = await replaceOutputFile(path.resolve(io.cwd, out), new TextEncoder().encode(json));
  if (!written.ok)
    return unusable(io, out, [{ code: written.problem, path: [], source: out, message: written.message }]);
  io.stdout(`Wrote ${out}: ${cohort.value.learners.length} learners\n`);
  return EXIT_OK;
}

function unusable(io: CliIO, what: string, problems: readonly Problem[]): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm export: ${what} cannot be exported (${count}); nothing was written:\n${problems
      .map((p) => `  ${formatProblem(p)}\n`)
      .join("")}`,
  );
  return EXIT_UNUSABLE;
}
