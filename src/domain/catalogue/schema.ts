import { z } from "zod";
import { isReservedId, reservedIdMessage } from "../reserved";

/** A unit or assessment reference such as `8580-500`, `D5.01` or `D5.02+D5.03`; never `__proto__` and the like. */
const Id = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine((id) => !isReservedId(id), {
    error: (issue) => reservedIdMessage(String(issue.input)),
    params: { code: "reserved-id" },
  });
const Hours = z.number().nonnegative();

export const UnitSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  level: z.number().int().min(1).max(8),
  credits: z.number().int().nonnegative(),
  /** Guided learning hours; null where the specification gives none. */
  glh: Hours.nullable(),
  /** Minimum hours of coaching or mentoring practice the unit requires; null where none is stated. */
  practiceHours: Hours.nullable(),
});

/**
 * Rules of combination, as a small tree that one interpreter evaluates (see engine/rules.ts).
 * - `unit`: that unit must be passed.
 * - `all`: every child must hold.
 * - `anyOf`: at least one child must hold (alternatives never pool their credits).
 * - `credits`: at least `credits` credits from passed units among `from`; `label` names the group in messages.
 */
export type Rule =
  | { unit: string }
  | { all: Rule[] }
  | { anyOf: Rule[] }
  | { credits: number; from: string[]; label?: string | undefined };

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.strictObject({ unit: Id }),
    z.strictObject({ all: z.array(RuleSchema).min(1) }),
    z.strictObject({ anyOf: z.array(RuleSchema).min(2) }),
    z.strictObject({
      credits: z.number().int().positive(),
      from: z.array(Id).min(1),
      label: z.string().min(1).optional(),
    }),
  ]),
);

/**
 * A duration in whole months, at most 1200 (100 years): ILM states 24 and 36 months, and a deadline must stay a date
 * a spreadsheet shows (to 9999-12-31). A bound this wide only catches a slip (days or hours typed for months).
 */
const MAX_DURATION_MONTHS = 1200;
const DurationMonths = z
  .number({
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `must be a whole number of months, not ${JSON.stringify(issue.input)}`,
  })
  .int({ error: (issue) => `must be a whole number of months, not ${String(issue.input)}` })
  .min(1, { error: (issue) => `must be at least 1 month, not ${String(issue.input)}` })
  .max(MAX_DURATION_MONTHS, {
    error: (issue) => `must be at most ${MAX_DURATION_MONTHS} months (100 years), not ${String(issue.input)}`,
  });

export const QualificationSchema = z.strictObject({
  /** The accreditation number (QAN) where the specification gives one, otherwise a stable centre-side id. */
  id: Id,
  title: z.string().min(1),
  level: z.number().int().min(1).max(8),
  /** Credit value of the qualification (a minimum where `creditsAreMinimum`). */
  credits: z.number().int().positive(),
  creditsAreMinimum: z.boolean().optional(),
  /** "To be completed within N years", in months; null where the specification states none. */
  durationMonths: DurationMonths.nullable(),
  inductionHours: Hours.nullable(),
  tutorialHours: Hours.nullable(),
  totalQualificationTime: Hours.optional(),
  units: z.array(Id).min(1),
  rule: RuleSchema,
  /** Where the facts come from, for verifiers (a seed document, a centre file). */
  source: z.string().optional(),
});

export const SectionSchema = z.strictObject({
  name: z.string().min(1),
  /** A short header for mark-sheet columns ("Context"). */
  short: z.string().min(1).max(24),
  max: z.number().positive(),
  min: z.number().nonnegative(),
});

export const CriterionSchema = z.strictObject({
  id: Id,
  text: z.string().optional(),
});

const AssessmentBase = {
  id: Id,
  title: z.string().min(1),
  /** The units this one assessment passes or refers together. */
  units: z.array(Id).min(1),
  source: z.string().optional(),
};

export const SectionedAssessmentSchema = z
  .strictObject({
    ...AssessmentBase,
    kind: z.literal("sectioned"),
    passTotal: z.number().nonnegative(),
    sections: z.array(SectionSchema).min(1),
  })
  .superRefine((a, ctx) => {
    a.sections.forEach((s, i) => {
      if (s.min > s.max) {
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "min"],
          message: `minimum ${s.min} is above the maximum ${s.max}`,
          params: { code: "minimum-above-maximum" },
        });
      }
    });
  });

export const CriteriaAssessmentSchema = z.strictObject({
  ...AssessmentBase,
  kind: z.literal("criteria"),
  criteria: z.array(CriterionSchema).min(1),
});

export const AssessmentSchema = z.discriminatedUnion("kind", [
  SectionedAssessmentSchema,
  CriteriaAssessmentSchema,
]);

/** Fills a value the specification leaves empty (a duration, say); never overrides a stated one. */
export const QualificationSettingSchema = z.strictObject({
  qualification: Id,
  durationMonths: DurationMonths.optional(),
  inductionHours: Hours.optional(),
  tutorialHours: Hours.optional(),
});

export const CatalogueFileSchema = z.strictObject({
  format: z.literal("ilm-catalogue/1"),
  name: z.string().optional(),
  units: z.array(UnitSchema).default([]),
  qualifications: z.array(QualificationSchema).default([]),
  assessments: z.array(AssessmentSchema).default([]),
  settings: z.array(QualificationSettingSchema).default([]),
});

export type Unit = z.infer<typeof UnitSchema>;
export type Qualification = z.infer<typeof QualificationSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type SectionedAssessment = z.infer<typeof SectionedAssessmentSchema>;
export type CriteriaAssessment = z.infer<typeof CriteriaAssessmentSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type QualificationSetting = z.infer<typeof QualificationSettingSchema>;
export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;
export type CatalogueFileInput = z.input<typeof CatalogueFileSchema>;
