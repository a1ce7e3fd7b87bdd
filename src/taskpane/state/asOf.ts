import { todayIso } from "../../app/clock";
import { parseIsoDate } from "../../domain/engine/dates";

/**
 * The As of date of the pane's figures (YYYY-MM-DD): the date the pane was started with, when it is one (the
 * browser harness, tests), else today. The one place the pane reads the clock.
 */
export function asOfDate(fixed: string | undefined): string {
  return fixed !== undefined && parseIsoDate(fixed) ? fixed : todayIso();
}
