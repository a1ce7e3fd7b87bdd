import type { XContext } from "./api";

/**
 * Request sizing. Excel on the web rejects a request (and a response) over 5 MB; we keep every request under
 * 4 MB with room to spare by packing operations into requests of at most REQUEST_BUDGET estimated bytes.
 *
 * Why 3,000,000: a request is JSON; our estimate is the UTF-8 size of each operation's payload plus a fixed
 * allowance per operation for Office.js's own framing (action type, object path, ids: OPERATION_OVERHEAD, well
 * above the ~150 bytes Office.js spends). Text escaping can make the real request longer than our estimate for
 * unusual texts (JSON escapes of control characters), so the budget leaves 25% headroom under 4 MB, and 40%
 * under Excel on the web's 5 MB limit. Request counts are planned for a cohort of 5,000 learners (DESIGN_ROWS in
 * apply.ts): formula columns that repeat down the rows are written once and filled (ExcelApi 1.9), and the rest
 * of a sheet is sent in as many row bands as 5,000 rows of its shape need. Measured with a typical 5,000-learner
 * cohort over six qualifications: 14 syncs, as for 50 learners; largest request 2.4 MB (a third of the Learners
 * tab, whose formulas differ by qualification and cannot be filled down).
 */
export const REQUEST_BUDGET = 3_000_000;
export const REQUEST_LIMIT = 4_000_000;
export const OPERATION_OVERHEAD = 200;

/**
 * Responses: Excel on the web also refuses a response of 5 MB. Reads plan every response at most at this many
 * bytes (the UTF-8 JSON of the values read), 40% under the limit.
 */
export const RESPONSE_BUDGET = 3_000_000;
export const RESPONSE_LIMIT = 5_000_000;

/**
 * The cohort size requests are planned for: up to this many learners, reading and writing a workbook take the
 * same number of syncs whatever its number of learners (see the row bands in read.ts and apply.ts).
 */
export const DESIGN_ROWS = 5_000;

const utf8 = new TextEncoder();

/**
 * UTF-8 bytes of a payload's JSON: what it adds to a request. Bytes, not characters: a Welsh or Chinese name
 * takes two or three bytes a character, and the 5 MB limit counts bytes.
 */
export function jsonBytes(payload: unknown): number {
  const json = JSON.stringify(payload);
  if (json === undefined) return 4;
  // Printable ASCII (the usual case; JSON escapes control characters) is one byte a character.
  return /^[ -~]*$/.test(json) ? json.length : utf8.encode(json).length;
}

/** Estimated request bytes of a 2-D block written in one operation. */
export function blockBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = OPERATION_OVERHEAD + 2;
  for (const row of rows) bytes += jsonBytes(row) + 1;
  return bytes;
}

/**
 * Splits a block's rows into runs that each fit in `maxBytes` (at least one row per run). Returns the start row
 * of every run, relative to the block, followed by the block's length.
 */
export function rowRuns(rows: readonly (readonly unknown[])[], maxBytes: number): number[] {
  const starts: number[] = [0];
  let bytes = OPERATION_OVERHEAD + 2;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (i > starts[starts.length - 1] && bytes + b > maxBytes) {
      starts.push(i);
      bytes = OPERATION_OVERHEAD + 2;
    }
    bytes += b;
  });
  starts.push(rows.length);
  return starts;
}

export interface BatchStats {
  /** context.sync() calls made through this batcher. */
  syncs: number;
  /** The largest request sent, in estimated bytes. */
  largestRequest: number;
}

/**
 * Queues operations on a request context and syncs only when the open request would go over the budget, or
 * when the caller ends a unit of work (`flush`). Every write request starts by suspending calculation, which
 * lasts until that request's sync.
 */
export class RequestBatcher {
  private pending = 0;
  readonly stats: BatchStats = { syncs: 0, largestRequest: 0 };

  constructor(
    private readonly context: XContext,
    private readonly budget: number = REQUEST_BUDGET,
    private readonly suspendCalculation: boolean = true,
  ) {}

  /** The largest single operation a caller may queue. */
  get maxOperation(): number {
    return this.budget - OPERATION_OVERHEAD;
  }

  /** Queues one operation of about `bytes` (the caller splits larger writes, see rowRuns). */
  async queue(bytes: number, operation: () => void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    if (this.pending === 0 && this.suspendCalculation) {
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
      this.pending = OPERATION_OVERHEAD;
    }
    operation();
    this.pending += bytes;
  }

  /** Sends the open request, if any. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const size = this.pending;
    this.pending = 0;
    await this.context.sync();
    this.stats.syncs += 1;
    this.stats.largestRequest = Math.max(this.stats.largestRequest, size);
  }
}
