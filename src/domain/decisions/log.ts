/**
 * The decision log: an append-only list of changes to decisions. What was last recorded is read back from the
 * log itself (the cells are the truth), and a change is a decision whose value differs from it.
 */

import type { Decision, DecisionField } from "./decisions";
import { DECISION_FIELDS, startValue } from "./decisions";

/** Where a change was made, as the log's Source column says it. */
export type LogSource = "task pane" | "ilm command" | "changed outside ilm";

export interface LogEntry {
  /** When it was recorded: YYYY-MM-DDTHH:MM (local time of whoever recorded it). */
  readonly when: string;
  /** The person's declared name, the command line's --who or account name, else "unknown". */
  readonly who: string;
  readonly registration: string;
  readonly learner: string;
  readonly what: string;
  /** A DecisionField for entries ilm wrote; kept as read otherwise. */
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly source: string;
}

/** Who and when a set of changes is recorded as. */
export interface Recording {
  readonly when: string;
  readonly who: string;
  readonly source: LogSource;
}

const keyOf = (registration: string, what: string, field: string) =>
  `${registration}\u0000${what}\u0000${field}`;

/**
 * The value each learner, subject and field was last recorded with: the After of its latest entry.
 * @example lastRecorded([{ ..., registration: "NF-001", what: "D5.01", field: "Outcome", after: "PASS" }])
 *   // Map { "NF-001␀D5.01␀Outcome" => "PASS" }
 */
export function lastRecorded(log: readonly LogEntry[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const e of log) last.set(keyOf(e.registration, e.what, e.field), e.after);
  return last;
}

/**
 * The entries that bring the log up to date with `decisions`: one for each decision whose value differs from
 * the one last recorded (or, never recorded, from its start value), in the decisions' order. Recording them and
 * asking again gives none.
 * @example changesSince([], [{ registration: "NF-001", learner: "Asha", what: "D5.01", field: "Outcome", value: "PASS" }], rec)
 *   // [{ ..., before: "", after: "PASS" }]
 */
export function changesSince(
  log: readonly LogEntry[],
  decisions: readonly Decision[],
  recording: Recording,
): LogEntry[] {
  const last = lastRecorded(log);
  return decisions.flatMap((d) => {
    const before = last.get(keyOf(d.registration, d.what, d.field)) ?? startValue(d.field);
    if (before === d.value) return [];
    return [
      {
        when: recording.when,
        who: recording.who,
        registration: d.registration,
        learner: d.learner,
        what: d.what,
        field: d.field,
        before,
        after: d.value,
        source: recording.source,
      },
    ];
  });
}

/**
 * Decisions as the log last recorded them, for the learners and subjects `decisions` names: what a record was
 * before the changes now being made (a field never recorded has its start value).
 */
export function asRecorded(log: readonly LogEntry[], decisions: readonly Decision[]): Decision[] {
  const last = lastRecorded(log);
  return decisions.map((d) => ({
    ...d,
    value: last.get(keyOf(d.registration, d.what, d.field)) ?? startValue(d.field),
  }));
}

/**
 * The attempt a learner is on for an assessment: 1, and one more for each recorded outcome that replaced a
 * REFERRAL (a resubmission marked again).
 * @example attemptOf(log, "NF-001", "D5.01") // 2 after "REFERRAL" → "PASS"
 */
export function attemptOf(log: readonly LogEntry[], registration: string, assessment: string): number {
  return attempts(log)(registration, assessment);
}

/**
 * attemptOf for every learner and assessment at once: the log is read once, so a mark sheet of thousands of rows
 * costs one pass over it, not one per row.
 * @example attempts(log)("NF-001", "D5.01") // 2 after "REFERRAL" → "PASS"
 */
export function attempts(log: readonly LogEntry[]): (registration: string, assessment: string) => number {
  const resubmitted = new Map<string, number>();
  const key = (registration: string, assessment: string) => `${registration}\u0000${assessment}`;
  for (const e of log)
    if (e.field === "Outcome" && e.before === "REFERRAL" && e.after !== "REFERRAL") {
      const k = key(e.registration, e.what);
      resubmitted.set(k, (resubmitted.get(k) ?? 0) + 1);
    }
  return (registration, assessment) => 1 + (resubmitted.get(key(registration, assessment)) ?? 0);
}

/** Whether a field name is one ilm records. */
export function isDecisionField(field: string): field is DecisionField {
  return (DECISION_FIELDS as readonly string[]).includes(field);
}
