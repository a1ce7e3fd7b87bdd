import { z } from "zod";
import type { Problem, Result } from "../problems";
import { reservedKeyProblems } from "../reserved";
import { PARSE_OPTIONS, foundText, zodProblems } from "../zodProblems";
import { assessorName } from "../engine/summary";

/**
 * The centre's IQA sampling strategy, `ilm-sampling/1`: which marked work an internal quality assurer re-marks.
 * Every figure is the centre's choice: the ILM specifications state no sample size, so nothing here has a default
 * (a preset in presets.ts is a complete strategy a centre picks knowingly, never one applied for it).
 */

export const SAMPLING_FORMAT = "ilm-sampling/1";

/** What a missing field is told: every figure is the centre's choice, so none has a default. */
function missing(what: string): string {
  return `is missing: give ${what} (ilm has no default for it; docs/iqa.md has presets)`;
}

/** A percentage from 0 to 100, both included (fractions allowed: 12.5). */
function percent() {
  const words = (input: unknown) => `must be a percentage from 0 to 100, not ${foundText(input)}`;
  return z
    .number({
      error: (issue) =>
        issue.input === undefined ? missing("a percentage from 0 to 100") : words(issue.input),
    })
    .min(0, { error: (issue) => words(issue.input) })
    .max(100, { error: (issue) => words(issue.input) });
}

const WHOLE = (input: unknown) => `must be a whole number from 0 up, not ${foundText(input)}`;
const WholeCount = z
  .number({
    error: (issue) => (issue.input === undefined ? missing("a whole number from 0 up") : WHOLE(issue.input)),
  })
  .int({ error: (issue) => WHOLE(issue.input) })
  .min(0, { error: (issue) => WHOLE(issue.input) });

/** An assessor's name as mark sheets show it; blank names name no one. */
const AssessorName = z.string().refine((name) => assessorName(name) !== null, {
  message: "must name an assessor (it is blank)",
  params: { code: "empty" },
});

const REFERRALS_WORDS = `must be "all", "none" or {"percent": N} with N from 0 to 100`;

const ReferralsSchema = z.union(
  [z.literal("all"), z.literal("none"), z.strictObject({ percent: percent() })],
  {
    error: (issue) =>
      issue.input === undefined
        ? missing(`"all", "none" or {"percent": N}`)
        : `${REFERRALS_WORDS}, not ${foundText(issue.input)}`,
  },
);

const FIELDS = [
  "format",
  "name",
  "stage",
  "minimumPercent",
  "perAssessorAssessment",
  "newAssessors",
  "newAssessorPercent",
  "referrals",
  "markTolerance",
];

export const SamplingStrategySchema = z.strictObject(
  {
    format: z.literal(SAMPLING_FORMAT).describe("Always ilm-sampling/1."),
    /** A name for the strategy, shown in reports ("2026 plan, agreed with the EQA"). */
    name: z.string().optional().describe("A name for the strategy, shown in reports."),
    /** `summative`: decided rows (PASS or REFERRAL); `interim`: every row with an entry. */
    stage: z
      .enum(["summative", "interim"], {
        error: (issue) =>
          issue.input === undefined
            ? missing(`"summative" or "interim"`)
            : `must be "summative" (decided work) or "interim" (any work with an entry), not ${foundText(issue.input)}`,
      })
      .describe("summative: decided rows (PASS or REFERRAL); interim: every row with an entry."),
    /** At least this share (rounded up) of each assessor's eligible rows. */
    minimumPercent: percent().describe("At least this share (rounded up) of each assessor's eligible rows."),
    /** At least this many of each assessor's eligible rows on each assessment (all of them when fewer). */
    perAssessorAssessment: WholeCount.describe(
      "At least this many of each assessor's eligible rows on each assessment (all of them when fewer).",
    ),
    /** Assessors whose share is newAssessorPercent instead of minimumPercent; names as mark sheets show them. */
    newAssessors: z
      .array(AssessorName, {
        error: (issue) =>
          issue.input === undefined
            ? missing("a list of names ([] when there is no new assessor)")
            : `must be a list of assessors' names, not ${foundText(issue.input)}`,
      })
      .describe(
        "Assessors sampled at newAssessorPercent instead of minimumPercent, named as the mark sheets name them.",
      ),
    newAssessorPercent: percent().describe("The share of a new assessor's eligible rows (rounded up)."),
    /** Every REFERRAL, none beyond the other rules, or at least a share (rounded up) of each assessor's. */
    referrals: ReferralsSchema.describe(
      "all: every REFERRAL; none: no rule of their own; {percent}: at least that share (rounded up) of each assessor's REFERRAL rows.",
    ),
    /** The largest difference between an assessor's and an IQA's section mark that is not a disagreement. */
    markTolerance: z
      .number({
        error: (issue) =>
          issue.input === undefined
            ? missing("a number of marks from 0 up")
            : `must be a number from 0 up, not ${foundText(issue.input)}`,
      })
      .min(0, { error: (issue) => `must be a number from 0 up, not ${foundText(issue.input)}` })
      .describe(
        "The largest difference between an assessor's and an IQA's section mark that is not a disagreement.",
      ),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `${issue.keys.map((k) => JSON.stringify(k)).join(", ")} ${issue.keys.length === 1 ? "is not a field" : "are not fields"} of ${SAMPLING_FORMAT} (its fields: ${FIELDS.join(", ")})`
        : issue.input === undefined
          ? undefined
          : `must be an ${SAMPLING_FORMAT} strategy (a JSON object), not ${foundText(issue.input)}`,
  },
);

export type SamplingStrategy = z.infer<typeof SamplingStrategySchema>;
export type SamplingStage = SamplingStrategy["stage"];
export type ReferralRule = SamplingStrategy["referrals"];

/**
 * Checks a sampling strategy (already parsed from JSON): every problem with its path, in plain words; `source`
 * names the file in each problem.
 * @example parseStrategy({ format: "ilm-sampling/1", stage: "summative", minimumPercent: 10, perAssessorAssessment: 1, newAssessors: [], newAssessorPercent: 100, referrals: "all", markTolerance: 2 }).ok // true
 * @example parseStrategy({ format: "ilm-sampling/1" }).ok // false: stage, minimumPercent, ... are missing
 */
export function parseStrategy(json: unknown, source?: string): Result<SamplingStrategy> {
  const parsed = SamplingStrategySchema.safeParse(json, PARSE_OPTIONS);
  const problems: Problem[] = [
    ...reservedKeyProblems(json),
    ...(parsed.success ? [] : zodProblems(parsed.error, { source })),
  ].map((p) => (source !== undefined && p.source === undefined ? { ...p, source } : p));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

/**
 * The share of an assessor's eligible rows the strategy asks for: newAssessorPercent for a name in newAssessors
 * (matched as mark sheets match names: spaces at either end and runs of spaces ignored, capitals count),
 * minimumPercent for everyone else.
 * @example percentFor(strategy, "D. Price") // 100 when newAssessors holds "D. Price"
 */
export function percentFor(strategy: SamplingStrategy, assessor: string | null): number {
  return isNewAssessor(strategy, assessor) ? strategy.newAssessorPercent : strategy.minimumPercent;
}

/** Whether the strategy names an assessor as new. */
export function isNewAssessor(strategy: SamplingStrategy, assessor: string | null): boolean {
  return assessor !== null && strategy.newAssessors.some((n) => assessorName(n) === assessor);
}

/**
 * The strategy in words, one sentence a line, for reports and the IQA plan.
 * @example describeStrategy(preset.strategy)[0] // "Stage: summative (decided work: PASS or REFERRAL)."
 */
export function describeStrategy(strategy: SamplingStrategy): string[] {
  const referrals =
    strategy.referrals === "all"
      ? "Referrals: every REFERRAL."
      : strategy.referrals === "none"
        ? "Referrals: no rule of their own (they count like any other row)."
        : `Referrals: at least ${strategy.referrals.percent}% of each assessor's REFERRAL rows (rounded up).`;
  const names = strategy.newAssessors.map((n) => assessorName(n) ?? n);
  return [
    ...(strategy.name !== undefined && strategy.name.trim() !== "" ? [`Strategy: ${strategy.name}.`] : []),
    strategy.stage === "summative"
      ? "Stage: summative (decided work: PASS or REFERRAL)."
      : "Stage: interim (every row with an entry, decided or not).",
    `Each assessor: at least ${strategy.minimumPercent}% of their eligible rows (rounded up).`,
    names.length === 0
      ? "New assessors: none named."
      : `New assessors (${names.join(", ")}): at least ${strategy.newAssessorPercent}% of their eligible rows instead.`,
    `Each assessor and assessment: at least ${strategy.perAssessorAssessment} ${
      strategy.perAssessorAssessment === 1 ? "row" : "rows"
    } (all of them when fewer).`,
    referrals,
    `Disagreement: the QA outcome differs, a QA criterion differs, or a QA section mark differs by more than ${strategy.markTolerance}.`,
  ];
}
