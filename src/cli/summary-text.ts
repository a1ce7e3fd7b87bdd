import type { CohortSummary } from "../domain";
import { table } from "./table";

/**
 * A rate as a whole percentage; "-" when there is none (nothing to divide by).
 * @example percent(2 / 3) // "67%"
 * @example percent(null) // "-"
 */
export function percent(rate: number | null): string {
  return rate === null ? "-" : `${Math.round(rate * 100)}%`;
}

/**
 * A mean mark to one decimal place; "-" when there is none.
 * @example oneDecimal(23.333333333333332) // "23.3"
 * @example oneDecimal(20) // "20"
 */
export function oneDecimal(value: number | null): string {
  return value === null ? "-" : String(Math.round(value * 10) / 10);
}

/**
 * The Dashboard's figures as text, block by block with the Dashboard's own headers (docs/dashboard.md). Learner
 * data (assessors' names) passes through table(), which shows control characters as <U+XXXX>.
 */
export function summaryText(summary: CohortSummary): string {
  const n = String;
  const h = summary.headline;
  const blocks = [
    table(
      ["Headline", "Value"],
      [
        ["Learners", n(h.learners)],
        ["Withdrawn", n(h.withdrawn)],
        ["Achieved", n(h.achieved)],
        ["Ready to claim", n(h.readyToClaim)],
        ["Referrals outstanding", n(h.referralsOutstanding)],
        ["Not yet marked", n(h.notYetMarked)],
        ["Past deadline", n(h.pastDeadline)],
        ["Due within 90 days", n(h.dueWithin90Days)],
      ],
    ),
    table(
      [
        "Qualification",
        "Title",
        "Learners",
        "Achieved",
        "Ready to claim",
        "Past deadline",
        "Due within 90 days",
        "Achievement rate",
      ],
      summary.byQualification.map((q) => [
        q.qualification,
        q.title,
        n(q.learners),
        n(q.achieved),
        n(q.readyToClaim),
        n(q.pastDeadline),
        n(q.dueWithin90Days),
        percent(q.achievementRate),
      ]),
    ),
    table(
      [
        "Assessment",
        "Learners",
        "PASS",
        "REFERRAL",
        "Incomplete",
        "INVALID",
        "QA sampled",
        "QA disagrees",
        "Pass rate",
      ],
      summary.byAssessment.map((a) => [
        a.assessment,
        n(a.learners),
        n(a.pass),
        n(a.referral),
        n(a.incomplete),
        n(a.invalid),
        n(a.qaSampled),
        n(a.qaDisagrees),
        percent(a.passRate),
      ]),
    ),
    ...(summary.bySection.length > 0
      ? [
          table(
            ["Assessment", "Section", "Marked", "Mean mark", "Below minimum"],
            summary.bySection.map((s) => [
              s.assessment,
              s.section,
              n(s.marked),
              oneDecimal(s.meanMark),
              n(s.belowMinimum),
            ]),
          ),
        ]
      : []),
    ...(summary.byCriterion.length > 0
      ? [
          table(
            ["Assessment", "Criterion", "Marked", "Referred"],
            summary.byCriterion.map((c) => [c.assessment, c.criterion, n(c.marked), n(c.referred)]),
          ),
        ]
      : []),
    table(
      ["Unit", "PASS", "REFERRAL", "Pending"],
      summary.byUnit.map((u) => [u.unit, n(u.pass), n(u.referral), n(u.pending)]),
    ),
    table(
      ["Assessor", "Learners", "Decisions", "PASS", "REFERRAL", "QA sampled", "QA disagrees"],
      summary.byAssessor.map((a) => [
        a.assessor,
        n(a.learners),
        n(a.decisions),
        n(a.pass),
        n(a.referral),
        n(a.qaSampled),
        n(a.qaDisagrees),
      ]),
    ),
  ];
  return `Dashboard as of ${summary.asOf}\n\n${blocks.join("\n")}`;
}
