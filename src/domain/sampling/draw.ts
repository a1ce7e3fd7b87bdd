import type { Outcome } from "../engine/outcomes";
import { roundTotal } from "../engine/values";
import { rankOf } from "./random";
import { isEligible } from "./rows";
import type { SamplingStrategy } from "./strategy";
import { isNewAssessor, percentFor } from "./strategy";

/** What the draw needs of a row (a SampleRow has all of it). */
export interface DrawRow {
  readonly registration: string;
  readonly assessment: string;
  readonly assessor: string | null;
  readonly outcome: Outcome;
  /** The assessor has given a mark or criterion result (interim eligibility). */
  readonly marked: boolean;
  /** Already sampled (IQA sample given, or a QA outcome): stays in the sample and counts towards every requirement. */
  readonly sampled: boolean;
  /** The IQA's re-marking disagrees with the assessor's (counted in the coverage). */
  readonly disagrees?: boolean;
  /**
   * The IQA's outcome from the QA marks or criteria (null or absent when none are given): QA done counts the rows
   * with a QA outcome of PASS, REFERRAL or INVALID.
   */
  readonly qaOutcome?: Outcome | null;
}

/** A row of the sample with why it is there, in words ("already sampled", "referral", "minimum 10%", ...). */
export type SampledRow<R extends DrawRow = DrawRow> = R & { readonly reasons: readonly string[] };

/** One assessor on one assessment. */
export interface Coverage {
  readonly assessor: string | null;
  readonly assessment: string;
  /** Eligible rows at the strategy's stage. */
  readonly eligible: number;
  /** perAssessorAssessment, or every eligible row when fewer. */
  readonly required: number;
  /** Rows in the sample: QA done plus drawn now. */
  readonly sampled: number;
  /** Rows with a QA outcome already (re-marked): see isQaDone. */
  readonly qaDone: number;
  /** Eligible rows whose QA re-marking disagrees with the assessor's. */
  readonly disagreements: number;
  readonly compliant: boolean;
}

/** One assessor over all their assessments: the percentage and referral rules, and every assessment covered. */
export interface AssessorCoverage {
  readonly assessor: string | null;
  readonly newAssessor: boolean;
  readonly eligible: number;
  /** minimumPercent, or newAssessorPercent for a new assessor. */
  readonly percent: number;
  /** percent of eligible, rounded up. */
  readonly required: number;
  readonly sampled: number;
  readonly qaDone: number;
  /** Eligible REFERRAL rows. */
  readonly referrals: number;
  readonly referralsRequired: number;
  readonly referralsSampled: number;
  /** The percentage and referral rules hold and every assessment of theirs is compliant. */
  readonly compliant: boolean;
}

export interface SampleDraw<R extends DrawRow = DrawRow> {
  readonly seed: string;
  /** Already sampled rows and the rows drawn now, by assessor, assessment and registration. */
  readonly sample: readonly SampledRow<R>[];
  /** How many rows of the sample are drawn now (still to re-mark); 0 when the QA done already complies. */
  readonly drawn: number;
  readonly coverage: readonly Coverage[];
  readonly assessors: readonly AssessorCoverage[];
  /** Every assessor and assessment compliant once the sample is re-marked. */
  readonly compliant: boolean;
}

/** How every report names the assessor of rows no one is named for. */
export const NO_ASSESSOR = "(none named)";

/** The coverage's columns as every report heads them (ilm sample, the IQA plan tab, the task pane). */
export const COVERAGE_HEADERS: Readonly<Record<keyof Coverage, string>> = {
  assessor: "Assessor",
  assessment: "Assessment",
  eligible: "Eligible",
  required: "Required",
  sampled: "Sampled",
  qaDone: "QA done",
  disagreements: "Disagreements",
  compliant: "Compliant",
};

/** An assessor's coverage's columns as every report heads them. */
export const ASSESSOR_COVERAGE_HEADERS: Readonly<Record<keyof AssessorCoverage, string>> = {
  assessor: "Assessor",
  newAssessor: "New",
  eligible: "Eligible",
  percent: "Percent",
  required: "Required",
  sampled: "Sampled",
  qaDone: "QA done",
  referrals: "Referrals",
  referralsRequired: "Referrals required",
  referralsSampled: "Referrals sampled",
  compliant: "Compliant",
};

/** Reason words, as the sample shows them. */
export const REASONS = {
  alreadySampled: "already sampled",
  referral: "referral",
  newAssessor: "new assessor",
  minimum: (percent: number) => `minimum ${percent}%`,
  perAssessment: (count: number) => `${count} per assessment`,
} as const;

/**
 * `percent` of `count`, rounded up (as a person works it out: 10% of 30 is 3, not 3.0000000000000004).
 * @example percentOf(10, 31) // 4
 * @example percentOf(10, 30) // 3
 * @example percentOf(0, 30) // 0
 */
export function percentOf(percent: number, count: number): number {
  return Math.ceil(roundTotal((percent * count) / 100));
}

/** Text order: English collation with numbers in order ("NF-2" before "NF-10"), then code units, so always the same. */
function byText(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Assessors in name order (as the Dashboard lists them), rows without an assessor last. */
function byAssessor(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0);
}

/** The sample's order: by assessor, assessment, then registration. */
export function sampleOrder(a: DrawRow, b: DrawRow): number {
  return (
    byAssessor(a.assessor, b.assessor) ||
    byText(a.assessment, b.assessment) ||
    byText(a.registration, b.registration)
  );
}

const keyOf = (row: DrawRow) => `${row.registration}\u0000${row.assessment}`;

/**
 * Draws the sample the strategy asks for from the rows (rowsForSampling's; those not eligible at the strategy's
 * stage are left out). Deterministic: the same rows, strategy and seed give the same sample, whatever the rows'
 * order. Rows already sampled stay in the sample and count towards every requirement; the draw only adds rows
 * (tops up), the fewest it takes, chosen in an order the seed gives each row. Per assessor, in this order:
 * 1. referrals: every REFERRAL row ("all"), or at least the percentage of them (rounded up);
 * 2. on each assessment, at least perAssessorAssessment rows (every row when fewer);
 * 3. at least minimumPercent of all their rows (newAssessorPercent for a new assessor), rounded up.
 * A row's reasons name the rules it counts for (the first rows of the sample each rule needs) and "already
 * sampled" when the IQA has re-marked it.
 * @example drawSample(strategy, rows, "123456/2026-A").sample[0].reasons // ["already sampled", "1 per assessment"]
 */
export function drawSample<R extends DrawRow>(
  strategy: SamplingStrategy,
  rows: readonly R[],
  seed: string,
): SampleDraw<R> {
  const eligible = rows.filter((r) => isEligible(strategy.stage, r));
  const rank = new Map(eligible.map((r) => [r, rankOf(seed, keyOf(r))] as const));
  const inDrawOrder = (a: R, b: R) =>
    (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);

  const assessors = [...new Set(eligible.map((r) => r.assessor))].sort(byAssessor);
  const reasons = new Map<R, string[]>();
  const coverage: Coverage[] = [];
  const assessorCoverage: AssessorCoverage[] = [];
  let drawn = 0;

  for (const assessor of assessors) {
    const theirs = eligible.filter((r) => r.assessor === assessor).sort(inDrawOrder);
    // The rows in the sample in the order they entered it: already sampled first, then each pick.
    const entered: R[] = theirs.filter((r) => r.sampled);
    const chosen = new Set<R>(entered);

    // The rules, in the order they draw: referrals, each assessment, the assessor's share.
    const { referralRows, referralsRequired, cells, isNew, percent, required } = rulesOf(
      strategy,
      assessor,
      theirs,
    );
    const rules: { scope: readonly R[]; need: number; reason: string }[] = [
      { scope: referralRows, need: referralsRequired, reason: REASONS.referral },
      ...cells.map((c) => ({
        scope: c.of,
        need: c.required,
        reason: REASONS.perAssessment(strategy.perAssessorAssessment),
      })),
      { scope: theirs, need: required, reason: isNew ? REASONS.newAssessor : REASONS.minimum(percent) },
    ];
    const count = (scope: readonly R[]) => scope.filter((r) => chosen.has(r)).length;

    // Each rule draws, in the seed's order, the rows it still lacks.
    for (const rule of rules) {
      const picks = rule.scope
        .filter((r) => !chosen.has(r))
        .slice(0, Math.max(0, rule.need - count(rule.scope)));
      for (const r of picks) {
        chosen.add(r);
        entered.push(r);
      }
    }
    // A pick a later rule made needless (a referral drawn before its assessment's own row) is put back, the
    // latest first, so no drawn row could be left out with every rule still met.
    for (const r of [...entered].reverse()) {
      if (r.sampled) continue;
      chosen.delete(r);
      if (rules.some((rule) => count(rule.scope) < rule.need)) chosen.add(r);
    }
    const sampleRows = entered.filter((r) => chosen.has(r));
    drawn += sampleRows.filter((r) => !r.sampled).length;

    // Reasons: each rule names the first rows of the sample it counts.
    for (const r of sampleRows) reasons.set(r, r.sampled ? [REASONS.alreadySampled] : []);
    for (const rule of rules) {
      const inScope = new Set(rule.scope);
      for (const r of sampleRows.filter((x) => inScope.has(x)).slice(0, rule.need))
        reasons.get(r)?.push(rule.reason);
    }

    const counted = assessorCoverageOf(strategy, assessor, theirs, (r) => reasons.has(r));
    coverage.push(...counted.coverage);
    assessorCoverage.push(counted.assessor);
  }

  const sample = [...reasons.entries()]
    .map(([row, why]): SampledRow<R> => ({ ...row, reasons: why }))
    .sort(sampleOrder);
  return {
    seed,
    sample,
    drawn,
    coverage,
    assessors: assessorCoverage,
    compliant: assessorCoverage.every((a) => a.compliant),
  };
}

/** What the strategy asks of one assessor's eligible rows: the referral, per-assessment and percentage rules. */
function rulesOf<R extends DrawRow>(
  strategy: SamplingStrategy,
  assessor: string | null,
  theirs: readonly R[],
) {
  const referralRows = theirs.filter((r) => r.outcome === "REFERRAL");
  const referralsRequired =
    strategy.referrals === "all"
      ? referralRows.length
      : strategy.referrals === "none"
        ? 0
        : percentOf(strategy.referrals.percent, referralRows.length);
  const assessments = [...new Set(theirs.map((r) => r.assessment))].sort(byText);
  const cells = assessments.map((assessment) => {
    const of = theirs.filter((r) => r.assessment === assessment);
    return { assessment, of, required: Math.min(strategy.perAssessorAssessment, of.length) };
  });
  const percent = percentFor(strategy, assessor);
  return {
    referralRows,
    referralsRequired,
    cells,
    isNew: isNewAssessor(strategy, assessor),
    percent,
    required: percentOf(percent, theirs.length),
  };
}

/**
 * Whether the IQA has re-marked a row: a QA outcome of PASS, REFERRAL or INVALID (the Dashboard's `QA sampled`).
 * @example isQaDone({ qaOutcome: null }) // false: in the sample, not re-marked yet
 * @example isQaDone({ qaOutcome: "REFERRAL" }) // true
 */
export function isQaDone(row: Pick<DrawRow, "qaOutcome">): boolean {
  return row.qaOutcome === "PASS" || row.qaOutcome === "REFERRAL" || row.qaOutcome === "INVALID";
}

/** One assessor's coverage (their eligible rows, `inSample` telling which are in the sample). */
function assessorCoverageOf<R extends DrawRow>(
  strategy: SamplingStrategy,
  assessor: string | null,
  theirs: readonly R[],
  inSample: (row: R) => boolean,
): { coverage: Coverage[]; assessor: AssessorCoverage } {
  const { referralRows, referralsRequired, cells, isNew, percent, required } = rulesOf(
    strategy,
    assessor,
    theirs,
  );
  const coverage = cells.map(({ assessment, of, required: cellRequired }): Coverage => {
    const sampled = of.filter(inSample).length;
    return {
      assessor,
      assessment,
      eligible: of.length,
      required: cellRequired,
      sampled,
      qaDone: of.filter(isQaDone).length,
      disagreements: of.filter((r) => r.disagrees === true).length,
      compliant: sampled >= cellRequired,
    };
  });
  const sampled = theirs.filter(inSample).length;
  const referralsSampled = referralRows.filter(inSample).length;
  return {
    coverage,
    assessor: {
      assessor,
      newAssessor: isNew,
      eligible: theirs.length,
      percent,
      required,
      sampled,
      qaDone: theirs.filter(isQaDone).length,
      referrals: referralRows.length,
      referralsRequired,
      referralsSampled,
      compliant:
        sampled >= required && referralsSampled >= referralsRequired && coverage.every((c) => c.compliant),
    },
  };
}

/** Coverage as the rows record it, without drawing: a SampleDraw's coverage, assessors and compliance. */
export type RecordedCoverage = Pick<SampleDraw, "coverage" | "assessors" | "compliant">;

/**
 * The coverage the rows record now, drawing nothing: the sample is the rows already sampled (an IQA sample given,
 * or a QA outcome), counted against the strategy's rules as drawSample counts them, in the same order (by
 * assessor, rows without one last, then assessment). Once a drawn sample is recorded it equals that draw's
 * coverage: the draw then adds nothing.
 * @example recordedCoverage(strategy, rows).coverage[0] // { assessor: "A. Khan", assessment: "D5.01", eligible: 4, required: 1, sampled: 0, qaDone: 0, disagreements: 0, compliant: false }
 */
export function recordedCoverage(strategy: SamplingStrategy, rows: readonly DrawRow[]): RecordedCoverage {
  const eligible = rows.filter((r) => isEligible(strategy.stage, r));
  const coverage: Coverage[] = [];
  const assessors: AssessorCoverage[] = [];
  for (const assessor of [...new Set(eligible.map((r) => r.assessor))].sort(byAssessor)) {
    const counted = assessorCoverageOf(
      strategy,
      assessor,
      eligible.filter((r) => r.assessor === assessor),
      (r) => r.sampled,
    );
    coverage.push(...counted.coverage);
    assessors.push(counted.assessor);
  }
  return { coverage, assessors, compliant: assessors.every((a) => a.compliant) };
}
