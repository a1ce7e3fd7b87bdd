import type { LearnerEvaluation } from "./learner";
import { parseIsoDate, toSerial } from "./dates";
import type { Progress } from "./summary.types";

/** How many days before a deadline a learner who has not achieved is "Due soon" (the deadline included). */
export const DUE_SOON_DAYS = 90;

/** The serial number of an ISO date the product takes; throws for anything else (callers check their input). */
export function serialOf(iso: string): number {
  const d = parseIsoDate(iso);
  if (!d)
    throw new RangeError(
      `not a date written YYYY-MM-DD from 1900-03-01 to 9999-12-31: ${JSON.stringify(iso)}`,
    );
  return toSerial(d);
}

/**
 * Calendar days from the As of date to the deadline: negative once the deadline has passed, 0 on the day itself;
 * null without a deadline.
 * @example daysLeft("2026-03-01", "2026-02-27") // 2
 * @example daysLeft("2026-02-27", "2026-03-01") // -2
 * @example daysLeft("2026-03-01", "2026-03-01") // 0
 * @example daysLeft(null, "2026-03-01") // null
 */
export function daysLeft(deadline: string | null, asOf: string): number | null {
  return deadline === null ? null : serialOf(deadline) - serialOf(asOf);
}

/**
 * A learner's standing on the As of date, the first that holds of: Withdrawn; Achieved (the rules of combination
 * are met); Overdue (the deadline is before the As of date); Due soon (the deadline is from the As of date to
 * DUE_SOON_DAYS days after it); On track (a later deadline, or none).
 * @example progressOf({ achieved: false, deadline: "2026-05-30" }, false, "2026-03-01") // "Due soon" (90 days left)
 * @example progressOf({ achieved: false, deadline: "2026-05-31" }, false, "2026-03-01") // "On track" (91 days left)
 * @example progressOf({ achieved: false, deadline: "2026-02-28" }, false, "2026-03-01") // "Overdue"
 * @example progressOf({ achieved: true, deadline: "2026-02-28" }, false, "2026-03-01") // "Achieved"
 * @example progressOf({ achieved: true, deadline: "2026-02-28" }, true, "2026-03-01") // "Withdrawn"
 * @example progressOf({ achieved: false, deadline: null }, false, "2026-03-01") // "On track"
 */
export function progressOf(
  evaluation: Pick<LearnerEvaluation, "achieved" | "deadline">,
  withdrawn: boolean,
  asOf: string,
): Progress {
  if (withdrawn) return "Withdrawn";
  if (evaluation.achieved) return "Achieved";
  const left = daysLeft(evaluation.deadline, asOf);
  if (left === null) return "On track";
  if (left < 0) return "Overdue";
  return left <= DUE_SOON_DAYS ? "Due soon" : "On track";
}
