import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Catalogue, Cohort, Problem, Result } from "../domain";
import {
  COHORT_FORMAT,
  evaluateCohort,
  formatProblem,
  hasInvalid,
  loadCatalogue,
  validateCohort,
} from "../domain";
import { learnersFromCsv } from "../domain/cohort/csv";
import { buildWorkbookPlan } from "../workbook/build";
import type { ChangeSummary } from "../workbook/plan";
import type { WorkbookState } from "../workbook/port";
import { planToXlsx } from "../xlsx/write";
import { readXlsx } from "../xlsx/read";
import { parseArgs } from "./args";
import { parseJson, readInput } from "./files";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";

export const WORKBOOK_USAGE =
  "ilm workbook <cohort.json|cohort.csv> --out <file.xlsx> [--catalogue extra.json ...]";

const HELP = `usage: ${WORKBOOK_USAGE}

Writes the mark-sheet workbook for a cohort: one tab per assessment, a tab for unit outcomes given directly, the
Learners tab. Formulas are Portable (Excel 2010 and later, Excel on the web, LibreOffice), so the workbook works
without the add-in. When --out already exists it is regenerated: every value typed into it is kept, learners no
longer in the cohort are kept and marked withdrawn, and tabs and columns you added survive.

Exit status: 0 written; 1 written, but some assessment is INVALID; 2 nothing written (the input cannot be used).
`;

/** `ilm workbook`: the cohort's mark sheets as a Portable .xlsx file, written whole or not at all. */
export async function workbookCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const { out, rest, problems: outProblems } = takeOut(args);
  const options = parseArgs(rest, { catalogue: true });
  const problems = [...outProblems, ...options.problems];
  if (options.positional.length === 0) problems.push("which cohort file? (a .json or .csv file)");
  if (options.positional.length > 1)
    problems.push(`one cohort file at a time, not ${options.positional.length}`);
  if (out === undefined) problems.push("where to? give --out file.xlsx");
  else if (!/\.xlsx$/i.test(out)) problems.push(`--out ${out}: the file name must end in .xlsx`);
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `ilm workbook: ${p}\n`).join("") + `usage: ${WORKBOOK_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0] as string;
  const target = path.resolve(io.cwd, out as string);

  const centreCatalogues: { source: string; json: unknown }[] = [];
  const catalogueProblems: Problem[] = [];
  for (const c of options.catalogues) {
    const text = await readInput(io, c);
    const json = text.ok ? parseJson(text.value, c) : text;
    if (json.ok) centreCatalogues.push({ source: c, json: json.value });
    else catalogueProblems.push(...json.problems);
  }
  if (catalogueProblems.length > 0) return unusable(io, "the catalogue", catalogueProblems);
  const catalogue = loadCatalogue(centreCatalogues);
  if (!catalogue.ok) return unusable(io, "the catalogue", catalogue.problems);

  const text = await readInput(io, file);
  if (!text.ok) return unusable(io, file, text.problems);

  let existingBytes: Uint8Array | undefined;
  try {
    existingBytes = new Uint8Array(await fs.readFile(target));
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") {
      return unusable(io, out as string, [
        {
          code: "file-unreadable",
          source: out as string,
          path: [],
          message: `cannot be read (${(error as Error).message})`,
        },
      ]);
    }
  }
  let existing;
  if (existingBytes) {
    try {
      existing = await readXlsx(existingBytes);
    } catch (error) {
      return unusable(io, out as string, [
        {
          code: "not-a-workbook",
          source: out as string,
          path: [],
          message: `exists but is not a workbook this command can read (${(error as Error).message})`,
        },
      ]);
    }
  }
  const previous = existing?.state as WorkbookState | null | undefined;
  const cohort = readCohortFile(text.value, file, catalogue.value, previous?.cohort);
  if (!cohort.ok) return unusable(io, file, cohort.problems);

  const { plan, summary } = buildWorkbookPlan({
    cohort: cohort.value,
    catalogue: catalogue.value,
    mode: "portable",
    centreCatalogues,
    ...(existing ? { existing } : {}),
    ...(previous?.protectionPassword ? { protectionPassword: previous.protectionPassword } : {}),
  });
  const bytes = await planToXlsx(plan, existingBytes);

  // Whole or nothing: write beside the target, then rename over it.
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    return unusable(io, out as string, [
      {
        code: "file-unwritable",
        source: out as string,
        path: [],
        message: `cannot be written (${(error as Error).message})`,
      },
    ]);
  }
  io.stdout(summaryText(out as string, summary, existing !== undefined));
  return hasInvalid(evaluateCohort(catalogue.value, cohort.value)) ? EXIT_INVALID : EXIT_OK;
}

/** Takes `--out file` (or `--out=file`) out of the arguments. */
function takeOut(args: readonly string[]): { out: string | undefined; rest: string[]; problems: string[] } {
  const rest: string[] = [];
  const problems: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--out" || arg === "-o") {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) problems.push(`${arg} needs a file name`);
      else out = next;
      i++;
    } else if (arg.startsWith("--out=")) {
      out = arg.slice("--out=".length);
    } else {
      rest.push(arg);
    }
  }
  return { out, rest, problems };
}

/** A cohort from JSON (`ilm-cohort/1`) or CSV (centre and cohort names then come from the workbook, if any). */
export function readCohortFile(
  text: string,
  file: string,
  catalogue: Catalogue,
  previous?: Cohort,
): Result<Cohort> {
  if (/\.(csv|tsv|txt)$/i.test(file)) {
    const learners = learnersFromCsv(text, catalogue, {
      delimiter: /\.tsv$/i.test(file) ? "\t" : ",",
      source: file,
    });
    if (!learners.ok) return learners;
    return {
      ok: true,
      value: {
        format: COHORT_FORMAT,
        centre: previous?.centre ?? { number: "not given", name: "not given" },
        cohort: previous?.cohort ?? path.basename(file).replace(/\.[^.]+$/, ""),
        learners: learners.value,
      },
    };
  }
  const json = parseJson(text, file);
  return json.ok ? validateCohort(json.value, catalogue) : json;
}

function unusable(io: CliIO, what: string, problems: readonly Problem[]): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm workbook: ${what} cannot be used (${count}); nothing was written:\n${problems
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
  return lines.join("\n") + "\n";
}
