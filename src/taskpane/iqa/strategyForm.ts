import type { Problem } from "../../domain/problems";
import { assessorName } from "../../domain/engine/summary";
import type { SamplingPreset, SamplingStrategy } from "../../domain/sampling";
import { SAMPLING_FORMAT, parseStrategy } from "../../domain/sampling";

/** The strategy as the form holds it: figures as typed (text), so what a person types is checked as typed. */
export interface StrategyValues {
  readonly name: string;
  readonly stage: SamplingStrategy["stage"] | "";
  readonly minimumPercent: string;
  readonly perAssessorAssessment: string;
  readonly newAssessors: readonly string[];
  readonly newAssessorPercent: string;
  readonly referrals: "all" | "none" | "percent" | "";
  readonly referralsPercent: string;
  readonly markTolerance: string;
}

export type StrategyField = keyof StrategyValues;

/** Each field's name in words, as a sentence's subject in its validation message. */
export const STRATEGY_LABELS: Readonly<Record<StrategyField, string>> = {
  name: "Name",
  stage: "Stage",
  minimumPercent: "Minimum % of each assessor's rows",
  perAssessorAssessment: "Rows per assessor and assessment",
  newAssessors: "New assessors",
  newAssessorPercent: "% of a new assessor's rows",
  referrals: "Referrals",
  referralsPercent: "% of each assessor's referrals",
  markTolerance: "Mark tolerance",
};

/** Nothing chosen: every figure is the centre's choice (ilm has no defaults). */
export const BLANK_STRATEGY: StrategyValues = {
  name: "",
  stage: "",
  minimumPercent: "",
  perAssessorAssessment: "",
  newAssessors: [],
  newAssessorPercent: "",
  referrals: "",
  referralsPercent: "",
  markTolerance: "",
};

/** The form's values for a strategy (the workbook's, or a preset's). */
export function strategyValues(strategy: SamplingStrategy): StrategyValues {
  return {
    name: strategy.name ?? "",
    stage: strategy.stage,
    minimumPercent: String(strategy.minimumPercent),
    perAssessorAssessment: String(strategy.perAssessorAssessment),
    newAssessors: strategy.newAssessors.map((n) => assessorName(n) ?? n),
    newAssessorPercent: String(strategy.newAssessorPercent),
    referrals: typeof strategy.referrals === "string" ? strategy.referrals : "percent",
    referralsPercent: typeof strategy.referrals === "string" ? "" : String(strategy.referrals.percent),
    markTolerance: String(strategy.markTolerance),
  };
}

/** A figure as typed: absent when blank (then "is missing"), a number when it reads as one, else the text. */
function figure(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed.replace(/%$/, "").trim());
  return Number.isFinite(n) ? n : trimmed;
}

/** The form's values as an ilm-sampling/1 document, for parseStrategy to check. */
export function strategyDocument(values: StrategyValues): Record<string, unknown> {
  const referrals =
    values.referrals === "percent"
      ? { percent: figure(values.referralsPercent) }
      : values.referrals === ""
        ? undefined
        : values.referrals;
  const doc: Record<string, unknown> = {
    format: SAMPLING_FORMAT,
    ...(values.name.trim() !== "" ? { name: values.name.trim() } : {}),
    stage: values.stage === "" ? undefined : values.stage,
    minimumPercent: figure(values.minimumPercent),
    perAssessorAssessment: figure(values.perAssessorAssessment),
    newAssessors: [...values.newAssessors],
    newAssessorPercent: figure(values.newAssessorPercent),
    referrals,
    markTolerance: figure(values.markTolerance),
  };
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

export interface StrategyCheck {
  /** The strategy, when every field is right. */
  readonly strategy: SamplingStrategy | null;
  /** What is wrong with each field, in plain words. */
  readonly errors: Partial<Record<StrategyField, string>>;
  /** What is wrong beyond any one field. */
  readonly general: readonly string[];
}

/** Checks the form's values with the strategy's own rules (parseStrategy), each problem put by its field. */
export function checkStrategy(values: StrategyValues): StrategyCheck {
  const parsed = parseStrategy(strategyDocument(values));
  if (parsed.ok) return { strategy: parsed.value, errors: {}, general: [] };
  const errors: Partial<Record<StrategyField, string>> = {};
  const general: string[] = [];
  for (const problem of parsed.problems) {
    const field = fieldOf(problem);
    if (field === null) general.push(problem.message);
    else if (field === "referrals" && values.referrals === "percent")
      errors.referralsPercent ??= `${STRATEGY_LABELS.referralsPercent} ${referralShareProblem(values.referralsPercent)}`;
    else errors[field] ??= `${STRATEGY_LABELS[field]} ${problem.message}`;
  }
  return { strategy: null, errors, general };
}

/**
 * What is wrong with a referral share: the schema's words are about the whole referrals value (a choice of
 * "all", "none" or {"percent": N}), where the form asks only for N.
 */
function referralShareProblem(text: string): string {
  const n = figure(text);
  return n === undefined
    ? "is missing: give a percentage from 0 to 100"
    : `must be a percentage from 0 to 100, not ${typeof n === "number" ? n : JSON.stringify(n)}`;
}

function fieldOf(problem: Problem): StrategyField | null {
  const [first, second] = problem.path;
  if (first === "referrals" && second === "percent") return "referralsPercent";
  if (typeof first === "string" && first in STRATEGY_LABELS) return first as StrategyField;
  return null;
}

/** The preset whose strategy the values are exactly, if any. */
export function presetMatching(
  values: StrategyValues,
  presets: readonly SamplingPreset[],
): SamplingPreset | undefined {
  const json = JSON.stringify(values);
  return presets.find((p) => JSON.stringify(strategyValues(p.strategy)) === json);
}
