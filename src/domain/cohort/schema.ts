import { z } from "zod";
import { isoDateProblem } from "../engine/dates";
import {
  EMPTY_REGISTRATION,
  REGISTRATION_PATTERN,
  registrationCharactersMessage,
  trimRegistration,
} from "./registration";

export const COHORT_FORMAT = "ilm-cohort/1";

/** A date written YYYY-MM-DD, from 1900-03-01 to 9999-12-31 (see dates.ts: the dates every spreadsheet shows). */
export const IsoDateSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? undefined : `must be a date written YYYY-MM-DD, not ${found(issue.input)}`,
  })
  .superRefine((s, ctx) => {
    const problem = isoDateProblem(s);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, params: { code: problem.code }, input: s });
  });

/** A free-text field a person types (names, comments). Always written to workbooks as text. */
const Text = z.string();

/** What a value that is not of the expected kind is, in a person's words: `true`, `Infinity (too large)`, `a list`. */
function found(value: unknown): string {
  if (typeof value === "number" && !Number.isNaN(value) && !Number.isFinite(value))
    return `${value} (too large)`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/** A section mark: a number, or null while unmarked. Text is accepted here and judged by the engine (INVALID). */
const MarkSchema = z.union([z.number(), z.string(), z.null()], {
  error: (issue) => `not a number: ${found(issue.input)}`,
});
/** A criterion result: "P" or "R", or null while unmarked; anything else is judged by the engine (INVALID). */
const CriterionSchema = z.union([z.string(), z.null()], {
  error: (issue) => `not P, R or blank: ${found(issue.input)}`,
});

const Hours = z
  .number({
    error: (issue) => (issue.input === undefined ? undefined : `not a number: ${found(issue.input)}`),
  })
  .nonnegative({ error: (issue) => `must not be negative: ${found(issue.input)}` });

export const AssessmentEntrySchema = z.strictObject({
  /** Section marks in the order of the mark scheme (sectioned assessments). */
  marks: z.array(MarkSchema).optional(),
  /** The IQA's re-marks, same shape as `marks`. */
  qaMarks: z.array(MarkSchema).optional(),
  /** Criterion id → "P", "R" or null (criterion assessments). */
  criteria: z.record(z.string(), CriterionSchema).optional(),
  qaCriteria: z.record(z.string(), CriterionSchema).optional(),
  submitted: IsoDateSchema.nullable().optional(),
  assessed: IsoDateSchema.nullable().optional(),
  iqaChecked: IsoDateSchema.nullable().optional(),
  externallyVerified: IsoDateSchema.nullable().optional(),
  assessor: Text.optional(),
  iqa: Text.optional(),
  strengths: Text.optional(),
  improvements: Text.optional(),
  /** The learner refused ILM's use of the script for standardisation. */
  standardisationOptOut: z.boolean().optional(),
  /** Why the row is in the IQA sample ("referral; minimum 10%"), written by ilm sample; given: the row is sampled. */
  iqaSample: Text.optional(),
  /** The IQA's decision on a sampled row. */
  iqaDecision: z.enum(["Agree", "Action required"]).optional(),
  /** What the assessor is to do when the IQA requires action. */
  iqaAction: Text.optional(),
  actionDue: IsoDateSchema.nullable().optional(),
  actionClosed: IsoDateSchema.nullable().optional(),
});

export const UnitOutcomeInputSchema = z
  .union([z.enum(["PASS", "REFERRAL", "PENDING"]), z.null()])
  .describe("PASS, REFERRAL, PENDING or null");

export const LearnerSchema = z.strictObject({
  /** Trimmed on input; no wildcards or invisible characters (see registration.ts). */
  registration: z
    .string()
    .overwrite(trimRegistration)
    .min(1, EMPTY_REGISTRATION)
    .refine((r) => registrationCharactersMessage(r) === null, {
      error: (issue) => registrationCharactersMessage(String(issue.input)) ?? "",
      params: { code: "registration-characters" },
    })
    .meta({ pattern: REGISTRATION_PATTERN.source }),
  name: Text.min(1, "learner name must not be empty").refine((name) => name === "" || name.trim() !== "", {
    message: "learner name must not be empty",
    params: { code: "empty" },
  }),
  qualification: z.string().trim().min(1),
  assessor: Text.optional(),
  iqa: Text.optional(),
  email: Text.optional(),
  registered: IsoDateSchema.nullable().optional(),
  hours: z
    .strictObject({ induction: Hours.optional(), tutorial: Hours.optional(), coaching: Hours.optional() })
    .optional(),
  assessments: z.record(z.string(), AssessmentEntrySchema).optional(),
  /** Outcomes for units that are not marked through an assessment here. */
  units: z.record(z.string(), UnitOutcomeInputSchema).optional(),
  withdrawn: z.boolean().optional(),
  notes: Text.optional(),
});

export const CohortSchema = z.strictObject({
  format: z.literal(COHORT_FORMAT),
  centre: z.strictObject({ number: z.string().trim().min(1), name: z.string().trim().min(1) }),
  cohort: z.string().trim().min(1),
  learners: z.array(LearnerSchema),
});

export type AssessmentEntry = z.infer<typeof AssessmentEntrySchema>;
export type Learner = z.infer<typeof LearnerSchema>;
export type Cohort = z.infer<typeof CohortSchema>;
