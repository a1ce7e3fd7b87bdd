import type { Problem, SampleDraw, SampleRow, SamplingStrategy } from "../domain";
import {
  SAMPLING_FORMAT,
  SamplingStrategySchema,
  assessorName,
  describeStrategy,
  drawSample,
  formatProblem,
  parseStrategy,
  rowsForSampling,
} from "../domain";
import { evaluateWorkbook } from "../app/evaluate";
import { parseArgs } from "./args";
import { isWorkbookFile, parseJson, readBytes, readInput } from "./files";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";
import type { SchemaFile } from "./schemas";
import { oneLine, table } from "./table";
import { z } from "zod";

export const SAMPLE_FORMAT = "ilm-sample/1";
export const SAMPLE_USAGE = "ilm sample <workbook.xlsx> --strategy <strategy.json> [--seed S] [--json]";

const HELP = `usage: ${SAMPLE_USAGE}

Draws the IQA sample from the decisions in a marked workbook, as an ilm-sampling/1 strategy file asks (see
docs/iqa.md: every field, and presets to start from). A row with QA marks or QA criteria given in full (its QA
outcome is PASS, REFERRAL or INVALID) is already sampled: it stays in the sample and counts towards every
requirement, and the draw only tops up with the fewest rows it takes. Prints the sample (with why each row is in
it), the coverage of every assessor on every assessment, and each assessor's percentage and referrals; --json
prints an ilm-sample/1 document instead.

The same workbook, strategy and seed always give the same sample. --seed defaults to the workbook's centre
number and cohort name ("123456/2026-A"), never the clock; give your own (a number you roll, say) for a sample
nobody can work out in advance, and keep it with the report.

This reports only: the workbook is not changed. Record the sample by typing the IQA's QA marks or criteria on the
mark sheets; the rows listed "to re-mark" are the ones still needed.

Exit status: 0 printed; 1 printed, but some cells of the workbook could not be read (they are listed and left
out); 2 the strategy or the workbook cannot be used (every problem on stderr with its path, nothing on stdout).
`;

/** Takes `--name value` or `--name=value` out of the arguments. */
function takeValue(
  args: readonly string[],
  name: string,
): { value: string | undefined; rest: string[]; problems: string[] } {
  const rest: string[] = [];
  const problems: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === name) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) problems.push(`${name} needs a value`);
      else value = next;
      i++;
    } else if (arg.startsWith(`${name}=`)) {
      value = arg.slice(name.length + 1);
    } else {
      rest.push(arg);
    }
  }
  return { value, rest, problems };
}

/**
 * `ilm sample`: draws the IQA sample from a marked workbook and reports it (text, or ilm-sample/1 with --json).
 * Exit 0 printed, 1 printed with unreadable cells left out, 2 nothing printed.
 */
export async function sampleCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const strategyOption = takeValue(args, "--strategy");
  const seedOption = takeValue(strategyOption.rest, "--seed");
  const options = parseArgs(seedOption.rest, { json: true });
  const problems = [...strategyOption.problems, ...seedOption.problems, ...options.problems];
  if (options.positional.length === 0) problems.push("which workbook? give one .xlsx file");
  else if (options.positional.length > 1)
    problems.push(`one workbook at a time, not ${options.positional.length}`);
  else if (!isWorkbookFile(options.positional[0] as string))
    problems.push(`${options.positional[0] as string}: ilm sample reads a workbook (.xlsx) ilm made`);
  if (strategyOption.value === undefined && !strategyOption.problems.length)
    problems.push("which strategy? give --strategy strategy.json (see docs/iqa.md)");
  if (seedOption.value !== undefined && seedOption.value.trim() === "")
    problems.push("--seed must not be empty");
  if (problems.length > 0 || strategyOption.value === undefined) {
    io.stderr(problems.map((p) => `ilm sample: ${p}\n`).join("") + `usage: ${SAMPLE_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0] as string;
  const strategyFile = strategyOption.value;

  // Every problem of both inputs, in one run.
  const unusableProblems: Problem[] = [];
  const strategyText = await readInput(io, strategyFile);
  const strategyJson = strategyText.ok ? parseJson(strategyText.value, strategyFile) : strategyText;
  const strategy = strategyJson.ok ? parseStrategy(strategyJson.value, strategyFile) : strategyJson;
  if (!strategy.ok) unusableProblems.push(...strategy.problems);

  const workbook = await readWorkbook(io, file);
  if (!workbook.ok) unusableProblems.push(...workbook.problems);
  if (!strategy.ok || !workbook.ok) return unusable(io, unusableProblems);

  const { cohort, catalogue, evaluation, unreadable } = workbook.value;
  const rows = rowsForSampling(catalogue, cohort, evaluation, strategy.value.markTolerance);
  const seed = seedOption.value ?? defaultSeed(cohort.centre.number, cohort.cohort);
  const draw = drawSample(strategy.value, rows, seed);

  for (const note of newAssessorNotes(strategy.value, cohort.learners)) io.stderr(`ilm sample: ${note}\n`);
  const title = `${cohort.centre.name} (centre ${cohort.centre.number}), cohort ${cohort.cohort}`;
  io.stdout(
    options.json
      ? sampleJson(
          strategy.value,
          draw,
          { number: cohort.centre.number, name: cohort.centre.name },
          cohort.cohort,
        )
      : sampleText(title, strategy.value, draw, seedOption.value === undefined),
  );
  if (unreadable.length > 0) {
    io.stderr(
      `ilm sample: ${file} has ${unreadable.length === 1 ? "a cell" : `${unreadable.length} cells`} the cohort cannot hold (left out of the sample):\n${unreadable
        .map((p) => `  ${formatProblem(p)}\n`)
        .join("")}`,
    );
    return EXIT_INVALID;
  }
  return EXIT_OK;
}

/**
 * The seed when none is given: the workbook's centre number and cohort name, which stay the same for the cohort's
 * life, so every run on the cohort draws in the same order.
 * @example defaultSeed("123456", "2026-A") // "123456/2026-A"
 */
export function defaultSeed(centreNumber: string, cohortName: string): string {
  return `${centreNumber}/${cohortName}`;
}

async function readWorkbook(io: CliIO, file: string) {
  const bytes = await readBytes(io, file);
  if (!bytes.ok) return bytes;
  let contents;
  try {
    // Loaded on demand: `ilm` starts without the .xlsx reader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readXlsxContents } = require("../xlsx/read-contents") as typeof import("../xlsx/read-contents");
    contents = await readXlsxContents(bytes.value);
  } catch (error) {
    return {
      ok: false as const,
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
  const result = evaluateWorkbook(contents, file);
  if (!result.ok)
    return { ok: false as const, problems: result.problems.map((p) => ({ source: file, ...p })) };
  return result;
}

/**
 * Names in newAssessors that no learner's or mark sheet's Assessor holds (matched as mark sheets match names): a
 * misspelt name would leave a new assessor at the minimum percentage, so each is said.
 */
export function newAssessorNotes(
  strategy: SamplingStrategy,
  learners: readonly {
    readonly assessor?: string | undefined;
    readonly assessments?: Readonly<Record<string, { readonly assessor?: string | undefined }>> | undefined;
  }[],
): string[] {
  const known = new Set<string>();
  for (const l of learners) {
    for (const name of [l.assessor, ...Object.values(l.assessments ?? {}).map((e) => e.assessor)]) {
      const n = assessorName(name);
      if (n !== null) known.add(n);
    }
  }
  return strategy.newAssessors.flatMap((name, i) => {
    const n = assessorName(name);
    return n === null || known.has(n)
      ? []
      : [
          `newAssessors[${i}] ${JSON.stringify(name)} is nobody's assessor in the workbook (names must match the Assessor columns exactly, capitals included); that assessor gets no sample of their own`,
        ];
  });
}

function unusable(io: CliIO, problems: readonly Problem[]): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  io.stderr(
    `ilm sample: nothing was drawn (${count}):\n${problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`,
  );
  return EXIT_UNUSABLE;
}

const who = (assessor: string | null) => assessor ?? "(none named)";
const yesNo = (b: boolean) => (b ? "yes" : "no");

/** The readable report: the strategy, the sample, coverage by assessor and assessment, then by assessor. */
export function sampleText(
  title: string,
  strategy: SamplingStrategy,
  draw: SampleDraw<SampleRow>,
  seedFromWorkbook: boolean,
): string {
  const out: string[] = [oneLine(title), ""];
  out.push(...describeStrategy(strategy).map(oneLine));
  out.push(
    `Seed: ${oneLine(JSON.stringify(draw.seed))}${seedFromWorkbook ? " (the workbook's centre number and cohort; --seed chooses another)" : ""}`,
    "",
  );
  const qaDone = draw.sample.length - draw.drawn;
  out.push(
    `Sample: ${draw.sample.length} ${draw.sample.length === 1 ? "row" : "rows"}: ${qaDone} re-marked already, ${draw.drawn} to re-mark`,
    "",
  );
  if (draw.sample.length > 0)
    out.push(
      table(
        ["Assessor", "Assessment", "Registration", "Learner", "Outcome", "QA", "Reasons"],
        draw.sample.map((r) => [
          who(r.assessor),
          r.assessment,
          r.registration,
          r.learner,
          r.outcome,
          r.sampled ? (r.qaOutcome ?? "") : "to re-mark",
          r.reasons.join("; "),
        ]),
      ),
    );
  else out.push(`No ${strategy.stage === "summative" ? "decided " : ""}work to sample yet.`, "");
  if (draw.coverage.length > 0) {
    out.push(
      "Coverage by assessor and assessment",
      "",
      table(
        [
          "Assessor",
          "Assessment",
          "Eligible",
          "Required",
          "Sampled",
          "QA done",
          "Disagreements",
          "Compliant",
        ],
        draw.coverage.map((c) => [
          who(c.assessor),
          c.assessment,
          String(c.eligible),
          String(c.required),
          String(c.sampled),
          String(c.qaDone),
          String(c.disagreements),
          yesNo(c.compliant),
        ]),
      ),
      "Coverage by assessor",
      "",
      table(
        [
          "Assessor",
          "New",
          "Eligible",
          "Percent",
          "Required",
          "Sampled",
          "QA done",
          "Referrals",
          "Referrals required",
          "Referrals sampled",
          "Compliant",
        ],
        draw.assessors.map((a) => [
          who(a.assessor),
          yesNo(a.newAssessor),
          String(a.eligible),
          `${a.percent}%`,
          String(a.required),
          String(a.sampled),
          String(a.qaDone),
          String(a.referrals),
          String(a.referralsRequired),
          String(a.referralsSampled),
          yesNo(a.compliant),
        ]),
      ),
    );
  }
  out.push(
    draw.drawn === 0
      ? "Compliant now: the QA re-marks already typed meet the strategy for every assessor and assessment."
      : `Compliant once the ${draw.drawn} ${draw.drawn === 1 ? "row" : "rows"} to re-mark have QA marks: every assessor and assessment then meets the strategy.`,
  );
  return out.join("\n") + "\n";
}

/** `ilm-sample/1`: one sample row, coverage row and assessor per line, so the output stays greppable. */
export function sampleJson(
  strategy: SamplingStrategy,
  draw: SampleDraw<SampleRow>,
  centre: { readonly number: string; readonly name: string },
  cohort: string,
): string {
  const list = (items: readonly unknown[]) =>
    `[${items.length > 0 ? `\n${items.map((i) => JSON.stringify(i)).join(",\n")}\n` : ""}]`;
  const sample = draw.sample.map((r) => ({
    registration: r.registration,
    learner: r.learner,
    assessment: r.assessment,
    assessor: r.assessor,
    outcome: r.outcome,
    qaOutcome: r.qaOutcome,
    disagrees: r.disagrees,
    reasons: r.reasons,
  }));
  return (
    `{"format":${JSON.stringify(SAMPLE_FORMAT)},"seed":${JSON.stringify(draw.seed)},` +
    `"centre":${JSON.stringify(centre)},"cohort":${JSON.stringify(cohort)},\n` +
    `"strategy":${JSON.stringify(strategy)},\n` +
    `"compliant":${draw.compliant},"drawn":${draw.drawn},\n` +
    `"sample":${list(sample)},\n"coverage":${list(draw.coverage)},\n"assessors":${list(draw.assessors)}}\n`
  );
}

/** The JSON Schema of ilm-sampling/1 (`npm run schema` writes it; a test fails when the committed file is stale). */
export function samplingSchemaFile(): SchemaFile {
  return {
    file: "schema/ilm-sampling-1.schema.json",
    json: {
      ...z.toJSONSchema(SamplingStrategySchema, { io: "input", unrepresentable: "any" }),
      $id: "https://ilm-markbook.invalid/schema/ilm-sampling-1.schema.json",
      title: `${SAMPLING_FORMAT}: a centre's IQA sampling strategy`,
    },
  };
}
