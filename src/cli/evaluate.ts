import type {
  Catalogue,
  CohortEvaluation,
  CohortSummary,
  Learner,
  LearnerEvaluation,
  Problem,
  Result,
} from "../domain";
import {
  daysLeft,
  evaluateLearner,
  EVALUATION_FORMAT,
  formatProblem,
  hasInvalid,
  isoDateProblem,
  progressOf,
  summarize,
  validateCohort,
} from "../domain";
import { learnersFromCsv } from "../domain/cohort/csv";
import { parseArgs } from "./args";
import { evaluateWorkbook } from "../app/evaluate";
import type { CentreCatalogueFile } from "../workbook/settings";
import {
  catalogueFrom,
  isCsvFile,
  isWorkbookFile,
  parseJson,
  readCohortText,
  readInput,
  readWorkbookFile,
} from "./files";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";
import { today } from "./clock";
import { summaryText } from "./summary-text";
import { oneLine, table } from "./table";

export const EVALUATE_USAGE =
  "ilm evaluate <cohort.json|cohort.csv|workbook.xlsx> [--json] [--as-of YYYY-MM-DD] [--catalogue extra.json ...]";

/** What `ilm evaluate` reads: the learners and, from a JSON cohort file, the centre and cohort names. */
interface Input {
  readonly learners: Learner[];
  readonly title: string | null;
}

/**
 * `ilm evaluate`: outcomes, credits, achievement and deadlines for every learner of a cohort file. Exit 0 when all
 * is valid, 1 when some assessment is INVALID (still printed), 2 when the file cannot be used (nothing on stdout).
 */
export async function evaluateCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseArgs(args, { json: true, catalogue: true, asOf: true });
  if (options.positional.length === 0) options.problems.push("which cohort file? (a .json or .csv file)");
  if (options.positional.length > 1)
    options.problems.push(`one cohort file at a time, not ${options.positional.length}`);
  const asOfProblem = options.asOf === undefined ? null : isoDateProblem(options.asOf);
  if (asOfProblem) options.problems.push(`--as-of ${JSON.stringify(options.asOf)}: ${asOfProblem.message}`);
  if (options.problems.length > 0) {
    io.stderr(options.problems.map((p) => `ilm evaluate: ${p}\n`).join("") + `usage: ${EVALUATE_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const asOf = options.asOf ?? today(io);
  const file = options.positional[0] as string;
  if (isWorkbookFile(file)) return evaluateWorkbookFile(io, file, options.json, options.catalogues, asOf);
  const catalogue = await catalogueFrom(io, options.catalogues);
  if (!catalogue.ok) return unusable(io, "the catalogue", catalogue.problems);
  const text = await readCohortText(io, file);
  if (!text.ok) return unusable(io, file, text.problems);
  const notes = [...text.value.notes];
  const input = readCohort(text.value.text, file, catalogue.value, (note) => notes.push(note));
  for (const note of notes) io.stderr(`ilm evaluate: ${file} ${note}\n`);
  if (!input.ok) return unusable(io, file, input.problems);

  const evaluation: CohortEvaluation = {
    format: EVALUATION_FORMAT,
    learners: input.value.learners.map((l) => evaluateLearner(catalogue.value, l)),
  };
  const summary = summarize(catalogue.value, input.value, evaluation, asOf);
  io.stdout(
    options.json ? evaluationJson(evaluation, summary) : evaluationText(input.value, evaluation, summary),
  );
  return hasInvalid(evaluation) ? EXIT_INVALID : EXIT_OK;
}

/**
 * `ilm evaluate workbook.xlsx`: the outcomes as the workbook's cells hold them, in the same table and document as
 * for a cohort file. Cells the cohort format cannot hold are listed on stderr and make the exit code 1.
 */
async function evaluateWorkbookFile(
  io: CliIO,
  file: string,
  json: boolean,
  catalogueFiles: readonly string[],
  asOf: string,
): Promise<number> {
  const catalogues: CentreCatalogueFile[] = [];
  for (const c of catalogueFiles) {
    const text = await readInput(io, c);
    const parsed = text.ok ? parseJson(text.value, c) : text;
    if (!parsed.ok) return unusable(io, "the catalogue", parsed.problems);
    catalogues.push({ source: c, json: parsed.value });
  }
  const contents = await readWorkbookFile(io, file);
  if (!contents.ok) return unusable(io, file, contents.problems);
  const result = evaluateWorkbook(contents.value, file, catalogueFiles.length > 0 ? catalogues : undefined);
  if (!result.ok) return unusable(io, file, result.problems);
  const { cohort, catalogue, evaluation, unreadable } = result.value;
  const summary = summarize(catalogue, cohort, evaluation, asOf);
  io.stdout(
    json
      ? evaluationJson(evaluation, summary)
      : evaluationText(
          {
            learners: cohort.learners,
            title: `${cohort.centre.name} (centre ${cohort.centre.number}), cohort ${cohort.cohort}`,
          },
          evaluation,
          summary,
        ),
  );
  if (unreadable.length > 0)
    io.stderr(
      `ilm evaluate: ${file} has ${unreadable.length === 1 ? "a cell" : `${unreadable.length} cells`} the cohort cannot hold (left out):\n${unreadable
        .map((p) => `  ${formatProblem(p)}\n`)
        .join("")}`,
    );
  return hasInvalid(evaluation) || unreadable.length > 0 ? EXIT_INVALID : EXIT_OK;
}

/** A cohort from JSON (`ilm-cohort/1`) or CSV (one learner a row), checked against the catalogue. */
export function readCohort(
  text: string,
  file: string,
  catalogue: Catalogue,
  onNote?: (note: string) => void,
): Result<Input> {
  if (isCsvFile(file)) {
    const learners = learnersFromCsv(text, catalogue, {
      delimiter: /\.tsv$/i.test(file) ? "\t" : ",",
      source: file,
      ...(onNote ? { onNote } : {}),
    });
    return learners.ok ? { ok: true, value: { learners: learners.value, title: null } } : learners;
  }
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const cohort = validateCohort(json.value, catalogue);
  if (!cohort.ok) return cohort;
  const { centre, cohort: name, learners } = cohort.value;
  return { ok: true, value: { learners, title: `${centre.name} (centre ${centre.number}), cohort ${name}` } };
}

function unusable(io: CliIO, what: string, problems: readonly Problem[]): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm evaluate: ${what} cannot be used (${count}):\n${problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`,
  );
  return EXIT_UNUSABLE;
}

/**
 * `ilm-evaluation/1`, one learner per line so that the output stays greppable and diffable, then the cohort's
 * figures (`summary`), one block per line.
 */
export function evaluationJson(evaluation: CohortEvaluation, summary?: CohortSummary): string {
  const lines = evaluation.learners.map((l) => JSON.stringify(l));
  const learners = `"learners":[${lines.length > 0 ? `\n${lines.join(",\n")}\n` : ""}]`;
  const figures = summary
    ? `,"summary":{\n${Object.entries(summary)
        .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
        .join(",\n")}\n}`
    : "";
  return `{"format":${JSON.stringify(evaluation.format)},${learners}${figures}}\n`;
}

/**
 * The readable report: one table row per learner (with the days left and progress on the As of date), then what
 * needs attention, then the cohort's figures as the Dashboard shows them.
 */
export function evaluationText(input: Input, evaluation: CohortEvaluation, summary: CohortSummary): string {
  const byRegistration = new Map(input.learners.map((l) => [l.registration, l]));
  const names = new Map(input.learners.map((l) => [l.registration, l.name]));
  const rows = evaluation.learners.map((l) => {
    const units = Object.values(l.units);
    const left = daysLeft(l.deadline, summary.asOf);
    const withdrawn = byRegistration.get(l.registration)?.withdrawn === true;
    return [
      l.registration,
      names.get(l.registration) ?? "",
      l.qualification,
      `${units.filter((u) => u === "PASS").length}/${units.length}`,
      String(units.filter((u) => u === "REFERRAL").length),
      String(l.credits),
      l.achieved ? "yes" : "no",
      l.readyToClaim ? "yes" : "no",
      l.deadline ?? "-",
      left === null ? "-" : String(left),
      progressOf(l, withdrawn, summary.asOf),
    ];
  });
  const out: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (input.title) out.push(oneLine(input.title));
  out.push(count(evaluation.learners.length, "learner", "learners"), "");
  out.push(
    table(
      [
        "Registration",
        "Learner",
        "Qualification",
        "Units passed",
        "Referred",
        "Credits",
        "Achieved",
        "Ready to claim",
        "Deadline",
        "Days left",
        "Progress",
      ],
      rows,
    ),
  );
  const notes = evaluation.learners.flatMap((l) => attention(l, byRegistration.get(l.registration)));
  if (notes.length > 0) out.push("Needs attention", "", ...notes);
  const achieved = evaluation.learners.filter((l) => l.achieved).length;
  const ready = evaluation.learners.filter((l) => l.readyToClaim).length;
  const invalid = evaluation.learners.filter((l) =>
    Object.values(l.assessments).some((a) => a.outcome === "INVALID" || a.qaOutcome === "INVALID"),
  ).length;
  out.push(
    `${count(achieved, "learner has", "learners have")} achieved; ${ready} ready to claim` +
      (invalid > 0 ? `; ${count(invalid, "learner has", "learners have")} INVALID marks to correct` : ""),
    "",
    summaryText(summary).trimEnd(),
  );
  return out.join("\n") + "\n";
}

function attention(l: LearnerEvaluation, learner: Learner | undefined): string[] {
  const lines: string[] = [];
  for (const [id, a] of Object.entries(l.assessments)) {
    if (a.outcome === "REFERRAL" || a.outcome === "INVALID") {
      lines.push(`  ${id}: ${a.outcome}${a.messages.length > 0 ? ` - ${a.messages.join("; ")}` : ""}`);
    } else if (a.outcome === "PASS" && a.messages.length > 0) {
      lines.push(`  ${id}: ${a.messages.join("; ")}`);
    }
    if (a.qaOutcome !== undefined && a.qaOutcome !== a.outcome) {
      lines.push(`  ${id}: the assessor says ${a.outcome} but QA says ${a.qaOutcome}`);
    }
  }
  if (l.readyNeeds.length > 0) lines.push(`  achieved, but hours are short: ${l.readyNeeds.join(", ")}`);
  if (!l.achieved && Object.values(l.units).includes("PASS"))
    lines.push(`  still needs ${l.missing.join("; ")}`);
  if (lines.length === 0) return [];
  return [`${l.registration} ${oneLine(learner?.name ?? "")}`.trimEnd(), ...lines.map(oneLine), ""];
}
