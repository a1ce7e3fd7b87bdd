import * as path from "node:path";
import type { Problem, Result, SampleDraw, SampleRow, SamplingStrategy } from "../domain";
import {
  ASSESSOR_COVERAGE_HEADERS,
  COVERAGE_HEADERS,
  NO_ASSESSOR,
  SAMPLING_FORMAT,
  SamplingStrategySchema,
  assessorName,
  describeStrategy,
  formatProblem,
  parseStrategy,
} from "../domain";
import type { DrawnSample } from "../app/sample";
import { planSample, recordSample } from "../app/sample";
import type { WorkbookContents } from "../workbook/contents";
import { parseArgs, takeOption } from "./args";
import { isWorkbookFile, parseJson, readBytes, readInput } from "./files";
import type { OutputFileLock } from "./output-file";
import { lockOutputFile } from "./output-file";
import { accountName } from "./who";
import type { CliIO } from "./io";
import { EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE } from "./io";
import type { SchemaFile } from "./schemas";
import { oneLine, table } from "./table";
import { z } from "zod";

export const SAMPLE_FORMAT = "ilm-sample/1";
export const SAMPLE_USAGE =
  "ilm sample <workbook.xlsx> [--strategy <strategy.json>] [--seed S] [--json] [--write] [--who NAME]";

const HELP = `usage: ${SAMPLE_USAGE}

Draws the IQA sample from the decisions in a marked workbook, as an ilm-sampling/1 strategy file asks (see
docs/iqa.md: every field, and presets to start from). Without --strategy, the strategy the workbook keeps (from
an earlier --write, or the task pane's IQA tab) is used. A row already sampled (its IQA sample cell says why, or
its QA marks or criteria are given in full) stays in the sample and counts towards every requirement; the draw
only tops up with the fewest rows it takes, and never removes one. Prints the sample (with why each row is in
it), the coverage of every assessor on every assessment, and each assessor's percentage and referrals; --json
prints an ilm-sample/1 document instead.

The same workbook, strategy and seed always give the same sample. --seed defaults to the seed the workbook keeps,
else its centre number and cohort name ("123456/2026-A"), never the clock; give your own (a number you roll,
say) for a sample nobody can work out in advance, and keep it with the report.

Without --write this only reports: the workbook is not changed. With --write the rows drawn now get their
reasons in their IQA sample cells, the workbook keeps the strategy and the seed (its IQA plan tab shows them),
and the Decision log records the run under --who NAME (default: the account name you are logged in as).

Exit status: 0 printed (and written); 1 printed, but some cells of the workbook could not be read (they are
listed and left out; with --write nothing is written); 2 the strategy or the workbook cannot be used (every
problem on stderr with its path, nothing on stdout, nothing written).
`;

/**
 * `ilm sample`: draws the IQA sample from a marked workbook and reports it (text, or ilm-sample/1 with --json);
 * with --write, records it in the workbook. Exit 0 printed, 1 printed with unreadable cells left out (nothing
 * written), 2 nothing printed or written.
 */
export async function sampleCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const strategyOption = takeOption(args, "--strategy");
  const seedOption = takeOption(strategyOption.rest, "--seed");
  const whoOption = takeOption(seedOption.rest, "--who");
  const options = parseArgs(whoOption.rest, { json: true, write: true });
  const problems = [
    ...strategyOption.problems,
    ...seedOption.problems,
    ...whoOption.problems,
    ...options.problems,
  ];
  if (options.positional.length === 0) problems.push("which workbook? give one .xlsx file");
  else if (options.positional.length > 1)
    problems.push(`one workbook at a time, not ${options.positional.length}`);
  else if (!isWorkbookFile(options.positional[0] as string))
    problems.push(`${options.positional[0] as string}: ilm sample reads a workbook (.xlsx) ilm made`);
  if (seedOption.out !== undefined && seedOption.out.trim() === "") problems.push("--seed must not be empty");
  if (whoOption.out !== undefined && whoOption.out.trim() === "") problems.push("--who needs a name");
  if (whoOption.out !== undefined && !options.write)
    problems.push("--who names who records: give --write too");
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `ilm sample: ${p}\n`).join("") + `usage: ${SAMPLE_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const file = options.positional[0] as string;
  if (!options.write) return report(io, file, strategyOption.out, seedOption.out, options.json);
  const target = path.resolve(io.cwd, file);
  // One run at a time per file, from reading the workbook to writing it back.
  const lock = await lockOutputFile(target);
  if (!lock.ok) return unusable(io, [{ code: lock.problem, path: [], source: file, message: lock.message }]);
  try {
    for (const note of lock.notes) io.stderr(`ilm sample: ${note}\n`);
    return await report(io, file, strategyOption.out, seedOption.out, options.json, {
      who: whoOption.out ?? accountName(),
      lock,
    });
  } finally {
    await lock.release();
  }
}

/** Reads the inputs, draws (and with `write`, records) the sample, and prints the report. */
async function report(
  io: CliIO,
  file: string,
  strategyFile: string | undefined,
  seed: string | undefined,
  json: boolean,
  write?: { readonly who: string; readonly lock: OutputFileLock },
): Promise<number> {
  // Every problem of both inputs, in one run.
  const unusableProblems: Problem[] = [];
  let strategy: SamplingStrategy | undefined;
  if (strategyFile !== undefined) {
    const strategyText = await readInput(io, strategyFile);
    const strategyJson = strategyText.ok ? parseJson(strategyText.value, strategyFile) : strategyText;
    const parsed = strategyJson.ok ? parseStrategy(strategyJson.value, strategyFile) : strategyJson;
    if (parsed.ok) strategy = parsed.value;
    else unusableProblems.push(...parsed.problems);
  }
  const bytes = await readBytes(io, file);
  const contents = bytes.ok ? await readContents(file, bytes.value) : bytes;
  if (!contents.ok) unusableProblems.push(...contents.problems);
  if (unusableProblems.length > 0 || !contents.ok || !bytes.ok) return unusable(io, unusableProblems);

  const request = {
    contents: contents.value,
    what: file,
    ...(strategy ? { strategy } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
  const planned = planSample(request);
  if (!planned.ok) return unusable(io, withSource(planned.problems, file));
  const { cohort, unreadable } = planned.value;
  if (write && unreadable.length > 0) {
    io.stderr(
      unreadableText(file, unreadable, "nothing was written: a sample drawn from part of the record"),
    );
    return EXIT_INVALID;
  }
  let sample = planned.value;
  let written: { readonly rows: number; readonly logged: number } | undefined;
  if (write) {
    const recorded = recordSample({ ...request, recording: { who: write.who, source: "ilm command" } });
    if (!recorded.ok) return unusable(io, withSource(recorded.problems, file));
    // Loaded on demand: `ilm` starts without the .xlsx writer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeXlsx } = require("../xlsx/write-plan") as typeof import("../xlsx/write-plan");
    const out = await writeXlsx(recorded.value.generated.plan, bytes.value);
    const replaced = await write.lock.replace(out);
    if (!replaced.ok)
      return unusable(io, [{ code: replaced.problem, path: [], source: file, message: replaced.message }]);
    for (const note of replaced.notes) io.stderr(`ilm sample: ${note}\n`);
    written = { rows: recorded.value.sample.draw.drawn, logged: recorded.value.generated.logged.length };
    sample = recorded.value.sample;
  }

  for (const note of newAssessorNotes(sample.strategy, cohort.learners)) io.stderr(`ilm sample: ${note}\n`);
  const title = `${cohort.centre.name} (centre ${cohort.centre.number}), cohort ${cohort.cohort}`;
  io.stdout(
    json
      ? sampleJson(
          sample.strategy,
          sample.draw,
          { number: cohort.centre.number, name: cohort.centre.name },
          cohort.cohort,
        )
      : sampleText(title, sample.strategy, sample.draw, sample.seedFrom),
  );
  if (written)
    io.stderr(
      `ilm sample: recorded in ${file}: ${written.rows} ${written.rows === 1 ? "row" : "rows"} added to the sample (IQA sample column); the strategy and seed are kept in the workbook\n`,
    );
  if (unreadable.length > 0) {
    io.stderr(unreadableText(file, unreadable, "left out of the sample"));
    return EXIT_INVALID;
  }
  return EXIT_OK;
}

function unreadableText(file: string, unreadable: readonly Problem[], what: string): string {
  return `ilm sample: ${file} has ${unreadable.length === 1 ? "a cell" : `${unreadable.length} cells`} the cohort cannot hold (${what}):\n${unreadable
    .map((p) => `  ${formatProblem(p)}\n`)
    .join("")}`;
}

const withSource = (problems: readonly Problem[], file: string): Problem[] =>
  problems.map((p) => ({ source: file, ...p }));

async function readContents(file: string, bytes: Uint8Array): Promise<Result<WorkbookContents>> {
  try {
    // Loaded on demand: `ilm` starts without the .xlsx reader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readXlsxContents } = require("../xlsx/read-contents") as typeof import("../xlsx/read-contents");
    return { ok: true, value: await readXlsxContents(bytes) };
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

const SEED_FROM: Record<DrawnSample["seedFrom"], string> = {
  given: "",
  workbook: " (the seed the workbook keeps; --seed chooses another)",
  cohort: " (the workbook's centre number and cohort; --seed chooses another)",
};

/** A QA outcome that makes a row a sample (QA marks or criteria given in full, or invalid). */
const isQaSample = (o: string | null) => o === "PASS" || o === "REFERRAL" || o === "INVALID";

const who = (assessor: string | null) => assessor ?? NO_ASSESSOR;
const yesNo = (b: boolean) => (b ? "yes" : "no");

/** The readable report: the strategy, the sample, coverage by assessor and assessment, then by assessor. */
export function sampleText(
  title: string,
  strategy: SamplingStrategy,
  draw: SampleDraw<SampleRow>,
  seedFrom: DrawnSample["seedFrom"],
): string {
  const out: string[] = [oneLine(title), ""];
  out.push(...describeStrategy(strategy).map(oneLine));
  out.push(`Seed: ${oneLine(JSON.stringify(draw.seed))}${SEED_FROM[seedFrom]}`, "");
  const qaDone = draw.sample.filter((r) => isQaSample(r.qaOutcome)).length;
  const recorded = draw.sample.length - qaDone - draw.drawn;
  out.push(
    `Sample: ${draw.sample.length} ${draw.sample.length === 1 ? "row" : "rows"}: ${qaDone} re-marked, ${recorded} recorded and waiting for QA marks, ${draw.drawn} drawn now`,
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
          isQaSample(r.qaOutcome) ? (r.qaOutcome ?? "") : r.sampled ? "recorded, to re-mark" : "drawn now",
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
        Object.values(COVERAGE_HEADERS),
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
        Object.values(ASSESSOR_COVERAGE_HEADERS),
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
  const toRemark = draw.sample.length - qaDone;
  out.push(
    toRemark === 0
      ? "Compliant now: the QA re-marks already typed meet the strategy for every assessor and assessment."
      : `Compliant once the ${toRemark} ${toRemark === 1 ? "row" : "rows"} to re-mark have QA marks: every assessor and assessment then meets the strategy.`,
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
