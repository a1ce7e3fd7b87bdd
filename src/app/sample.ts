/**
 * IQA sampling over a marked workbook: drawing the sample the centre's strategy asks for, and recording it on the
 * mark sheets (each drawn row's `IQA sample` cell says why it is in the sample). One use case for `ilm sample` and
 * the task pane's IQA tab.
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { AssessmentEntry, Cohort, Learner } from "../domain/cohort/schema";
import type { CohortEvaluation } from "../domain/engine/learner";
import type { Problem, Result } from "../domain/problems";
import type { SampleDraw, SampleRow, SamplingStrategy } from "../domain/sampling";
import { drawSample, rowsForSampling } from "../domain/sampling";
import type { WorkbookContents } from "../workbook/contents";
import { workbookProblem } from "../workbook/decode";
import { registrationKey } from "../workbook/registration";
import { storedStrategy } from "../workbook/sampling-settings";
import type { CentreCatalogueFile } from "../workbook/settings";
import { evaluateWorkbook } from "./evaluate";
import type { Generated, GenerateRequest } from "./generate";
import { generate } from "./generate";

export interface SampleRequest {
  readonly contents: WorkbookContents;
  /** Names the workbook in messages. */
  readonly what: string;
  /** The strategy to draw by; absent: the one the workbook keeps (refused when it keeps none). */
  readonly strategy?: SamplingStrategy;
  /** The seed; absent: the one the workbook keeps, else defaultSeed (the centre number and cohort). */
  readonly seed?: string;
  readonly catalogues?: readonly CentreCatalogueFile[];
}

export interface DrawnSample {
  readonly strategy: SamplingStrategy;
  readonly seed: string;
  /** Where the seed came from: given, kept in the workbook, or the centre number and cohort. */
  readonly seedFrom: "given" | "workbook" | "cohort";
  readonly draw: SampleDraw<SampleRow>;
  readonly cohort: Cohort;
  readonly catalogue: Catalogue;
  readonly evaluation: CohortEvaluation;
  /** Cells the cohort cannot hold (left out of the sample), with their places. */
  readonly unreadable: readonly Problem[];
}

/**
 * The seed when none is given: the workbook's centre number and cohort name, which stay the same for the cohort's
 * life, so every run on the cohort draws in the same order.
 * @example defaultSeed("123456", "2026-A") // "123456/2026-A"
 */
export function defaultSeed(centreNumber: string, cohortName: string): string {
  return `${centreNumber}/${cohortName}`;
}

/** The sample the strategy asks for from the decisions the workbook's cells hold. Changes nothing. */
export function planSample(request: SampleRequest): Result<DrawnSample> {
  const opened = evaluateWorkbook(request.contents, request.what, request.catalogues);
  if (!opened.ok) return opened;
  const { cohort, catalogue, evaluation, unreadable } = opened.value;
  const stored = opened.value.settings;
  let strategy = request.strategy;
  if (strategy === undefined) {
    const kept = storedStrategy(stored);
    if (kept === null) return { ok: false, problems: [noStrategy(request.what)] };
    if (!kept.ok) return kept;
    strategy = kept.value;
  }
  const keptSeed = stored.sampling?.seed;
  const seed = request.seed ?? keptSeed ?? defaultSeed(cohort.centre.number, cohort.cohort);
  const seedFrom = request.seed !== undefined ? "given" : keptSeed !== undefined ? "workbook" : "cohort";
  const rows = rowsForSampling(catalogue, cohort, evaluation, strategy.markTolerance);
  return {
    ok: true,
    value: {
      strategy,
      seed,
      seedFrom,
      draw: drawSample(strategy, rows, seed),
      cohort,
      catalogue,
      evaluation,
      unreadable,
    },
  };
}

export interface RecordSampleRequest extends SampleRequest {
  readonly recording: NonNullable<GenerateRequest["recording"]>;
  readonly protectionPassword?: string;
}

/**
 * Draws the sample and records it: each row drawn now gets its reasons in its `IQA sample` cell, and the workbook
 * keeps the strategy and the seed (the next draw tops up from them). Rows sampled already keep what they say.
 * Refused, with nothing written, where a cell cannot be read (a sample from part of the record would mislead).
 */
export function recordSample(
  request: RecordSampleRequest,
): Result<{ readonly sample: DrawnSample; readonly generated: Generated }> {
  const planned = planSample(request);
  if (!planned.ok) return planned;
  const sample = planned.value;
  if (sample.unreadable.length > 0) return { ok: false, problems: [...sample.unreadable] };
  const generated = generate({
    contents: request.contents,
    what: request.what,
    file: sampleFile(sample.cohort, sample.draw),
    partial: true,
    // The file gives only IQA sample cells that are blank now (rows not sampled yet): nothing else is settled.
    prefer: "file",
    sampling: { strategy: sample.strategy, seed: sample.seed },
    recording: request.recording,
    ...(request.catalogues ? { catalogues: request.catalogues } : {}),
    ...(request.protectionPassword ? { protectionPassword: request.protectionPassword } : {}),
  });
  if (!generated.ok) return generated;
  return { ok: true, value: { sample, generated: generated.value } };
}

/** The learners with rows drawn now, each carrying only the reasons to write in those rows' IQA sample cells. */
function sampleFile(cohort: Cohort, draw: SampleDraw<SampleRow>): Cohort {
  const drawn = new Map<string, Record<string, AssessmentEntry>>();
  for (const row of draw.sample) {
    if (row.sampled) continue;
    const key = registrationKey(row.registration);
    const entries = drawn.get(key) ?? {};
    entries[row.assessment] = { iqaSample: row.reasons.join("; ") };
    drawn.set(key, entries);
  }
  const learners: Learner[] = cohort.learners.flatMap((l) => {
    const assessments = drawn.get(registrationKey(l.registration));
    return assessments ? [{ ...l, assessments }] : [];
  });
  return { ...cohort, learners };
}

function noStrategy(what: string): Problem {
  return workbookProblem(
    "no-sampling-strategy",
    `${what} has no sampling strategy yet: give one (ilm sample --strategy strategy.json, or the task pane's IQA tab). docs/iqa.md has presets to start from.`,
    undefined,
  );
}
