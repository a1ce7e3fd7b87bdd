import type { IqaSample, IqaSampleRow } from "../../app/port";
import { NO_ASSESSOR, isQaDone } from "../../domain/sampling";

/** An assessor as the IQA tab names them; rows whose assessor no one named are grouped as such. */
export function assessorLabel(assessor: string | null): string {
  return assessor ?? NO_ASSESSOR;
}

/** The QA outcome of a row, in words. */
export function qaText(row: IqaSampleRow): string {
  if (isQaDone(row)) return `QA outcome ${row.qaOutcome}`;
  return row.qaOutcome === null ? "Not re-marked yet" : "Re-marking not finished";
}

/** What the IQA decided about a row so far, in words; null while nothing is decided. */
export function decisionText(row: IqaSampleRow): string | null {
  if (row.decision === undefined) return null;
  if (row.decision === "Agree") return "IQA decision: Agree";
  const due = row.due ? `, due ${row.due}` : "";
  const closed = row.closed ? `, closed ${row.closed}` : "";
  return `IQA decision: Action required${row.action ? ` (${row.action}${due}${closed})` : `${due}${closed}`}`;
}

export interface SampleStanding {
  /** Rows recorded in the sample (their IQA sample cell says why, or the IQA has re-marked them). */
  readonly recorded: readonly IqaSampleRow[];
  /** Rows the strategy still needs drawn (Draw or Top up records them). */
  readonly toDraw: number;
  /** Recorded rows the IQA has not re-marked yet. */
  readonly toRemark: number;
  /** Whether the coverage tables describe the workbook as it is (nothing left to draw). */
  readonly tablesShown: boolean;
  /** One line: "Compliant", "3 rows to re-mark", or what is left to draw. */
  readonly summary: string;
  readonly compliant: boolean;
}

const rows = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;

/**
 * Where the sample stands: what is recorded, what the strategy still needs drawn, what is left to re-mark, and the
 * summary line. Compliant: nothing left to draw or re-mark, and every assessor's rules hold.
 * @example sampleStanding(sample).summary // "2 rows to re-mark"
 */
export function sampleStanding(sample: IqaSample): SampleStanding {
  const recorded = sample.draw.sample.filter((r) => r.sampled);
  const toDraw = sample.draw.drawn;
  const toRemark = recorded.filter((r) => !isQaDone(r)).length;
  const compliant = toDraw === 0 && toRemark === 0 && sample.draw.compliant;
  const summary =
    sample.draw.coverage.length === 0
      ? "No row can be sampled yet: no work is eligible at this stage."
      : toDraw > 0
        ? `${rows(toDraw)} still to draw: ${recorded.length === 0 ? "Draw sample" : "Top up sample"} records them.`
        : compliant
          ? "Compliant"
          : `${rows(toRemark)} to re-mark`;
  return { recorded, toDraw, toRemark, tablesShown: toDraw === 0, summary, compliant };
}
