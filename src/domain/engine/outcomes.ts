/** What one marked assessment comes to. */
export type Outcome = "PASS" | "REFERRAL" | "INCOMPLETE" | "INVALID";
/** What a unit comes to: INCOMPLETE, INVALID and "nothing yet" are all PENDING. */
export type UnitOutcome = "PASS" | "REFERRAL" | "PENDING";

export const OUTCOMES: readonly Outcome[] = ["PASS", "REFERRAL", "INCOMPLETE", "INVALID"];
export const UNIT_OUTCOMES: readonly UnitOutcome[] = ["PASS", "REFERRAL", "PENDING"];

export function unitOutcomeOf(outcome: Outcome | null | undefined): UnitOutcome {
  return outcome === "PASS" || outcome === "REFERRAL" ? outcome : "PENDING";
}
