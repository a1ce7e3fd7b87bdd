import { formatIsoDate } from "../domain";
import type { CliIO } from "./io";

/**
 * Today's date where the command runs (the local calendar date), YYYY-MM-DD: the one place the command line reads
 * the system clock. A CliIO may give its own `today` (tests pin it); `--as-of` overrides both.
 */
export function today(io: CliIO): string {
  if (io.today) return io.today();
  const now = new Date();
  return formatIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
