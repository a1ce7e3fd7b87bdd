import * as fs from "node:fs/promises";
import * as path from "node:path";
import { CATALOGUE_USAGE, catalogueCommand } from "./catalogue";
import { EVALUATE_USAGE, evaluateCommand } from "./evaluate";
import { SAMPLE_USAGE, sampleCommand } from "./sample";
import type { CliIO } from "./io";
import { terminalIO } from "./terminal";
import { EXIT_OK, EXIT_UNUSABLE } from "./io";

const HELP = `ilm - outcomes, credits and achievement for ILM coaching and mentoring qualifications

Usage:
  ${CATALOGUE_USAGE}
      The qualifications, units and mark schemes ilm knows; --json prints them as one ilm-catalogue/1 file.
  ${EVALUATE_USAGE}
      PASS or REFERRAL for every assessment, unit outcomes, credits, achievement, deadline and readiness to
      claim for every learner, then the cohort's figures as the workbook's Dashboard shows them (as of today, or
      of the --as-of date); a table by default, an ilm-evaluation/1 document with --json.
  ilm workbook [<cohort.json|cohort.csv>] --out <file.xlsx> [--prefer file|workbook]
      Writes or updates the mark-sheet workbook, keeping every entry typed into it (see ilm workbook --help).
  ilm export <workbook.xlsx> --out <cohort.json>
      The cohort a marked workbook holds, as a cohort file (see ilm export --help).
  ${SAMPLE_USAGE}
      Draws the IQA sample an ilm-sampling/1 strategy asks for from the workbook's decisions, rows already
      sampled included, and shows its coverage of every assessor and assessment (see ilm sample --help and
      docs/iqa.md). Reports only, unless --write: then the sample and the strategy are recorded in the workbook.
  ilm feedback <workbook.xlsx> --out <folder> [--learner REG] [--assessment ID]
      The ILM mark sheet of each learner's assessment, one A4 PDF each, from a marked workbook (see ilm feedback
      --help).
  ilm --help | --version

Options:
  --json                  machine-readable output on stdout
  --as-of YYYY-MM-DD      the day deadlines are counted from (ilm evaluate; default: today)
  --catalogue extra.json  add a centre catalogue file (qualifications, units, mark schemes, settings); repeatable
  --strategy file.json    the IQA sampling strategy, ilm-sampling/1 (ilm sample)
  --seed S                the sample's seed (ilm sample; default: the workbook's, else its centre and cohort)
  --write                 record the sample in the workbook (ilm sample)
  --who NAME              who the Decision log names (ilm workbook, ilm sample --write; default: your account)

Exit codes:
  0  everything is valid
  1  some assessment is INVALID (the results are still printed; the INVALID entries say why)
  2  the input cannot be used at all (nothing on stdout; every problem on stderr with its path)

Cohort files: docs/cohort-format.md. Adding a qualification: docs/catalogue.md. IQA sampling: docs/iqa.md.
`;

/**
 * The `ilm` command. `argv` are the arguments after the program name; returns the exit code. The workbook command
 * is loaded only when used, so that `ilm evaluate` never loads the workbook writer (ExcelJS).
 */
export async function main(argv: string[], raw: CliIO): Promise<number> {
  const [command, ...args] = argv;
  // Learner data never reaches the terminal raw: stdout is JSON with --json (as parseArgs reads it), text otherwise.
  const io = terminalIO(raw, args.includes("--json"));
  switch (command) {
    case "catalogue":
    case "catalog":
      return catalogueCommand(args, io);
    case "evaluate":
      return evaluateCommand(args, io);
    case "workbook":
      return loadWorkbook().workbookCommand(args, io);
    case "export":
      return loadExport().exportCommand(args, io);
    case "sample":
      return sampleCommand(args, io);
    case "feedback":
      return loadFeedback().feedbackCommand(args, io);
    case "--help":
    case "-h":
    case "help":
      io.stdout(HELP);
      return EXIT_OK;
    case "--version":
    case "-v":
      io.stdout(`${await version(io)}\n`);
      return EXIT_OK;
    case undefined:
      io.stderr(HELP);
      return EXIT_UNUSABLE;
    default:
      io.stderr(`ilm: unknown command ${JSON.stringify(command)}; try ilm --help\n`);
      return EXIT_UNUSABLE;
  }
}

/** Loaded on demand: the workbook command pulls in ExcelJS, which the other commands never need. */
function loadWorkbook(): typeof import("./workbook") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./workbook") as typeof import("./workbook");
}

function loadExport(): typeof import("./export") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./export") as typeof import("./export");
}

/** Loaded on demand: the feedback command pulls in the .xlsx reader and PDFKit. */
function loadFeedback(): typeof import("./feedback") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./feedback") as typeof import("./feedback");
}

async function version(io: CliIO): Promise<string> {
  // src/cli and lib/cli both sit two folders below package.json.
  const pkg = JSON.parse(await io.readFile(path.join(__dirname, "..", "..", "package.json"))) as {
    version?: string;
  };
  return `ilm ${pkg.version ?? "(unknown version)"}`;
}

/** The real world: process streams and the file system. Used by bin/ilm.js. */
export function nodeIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (file) => fs.readFile(file, "utf8"),
    readFileBytes: async (file) => new Uint8Array(await fs.readFile(file)),
    cwd: process.cwd(),
  };
}
