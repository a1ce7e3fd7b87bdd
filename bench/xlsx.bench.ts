/**
 * The .xlsx adapter's speed: writing the Portable workbook for a generated cohort of 5,000 learners over all six
 * qualifications into a new file, writing it again into that file (a regeneration, in place), and reading the
 * file into the workbook layer's read model. In-process times, best of three.
 * Targets on a 2-core machine: a write well under 3 s, a read about 1 s.
 */
import { readContentsSync } from "../src/xlsx/read-contents";
import { writeXlsxSync } from "../src/xlsx/write-plan";
import { generateCohort } from "../test/workbook/generate";
import { planFor } from "../test/workbook/helpers";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 5_000);
const TARGET_WRITE = 3;
const TARGET_READ = 1.5;

function best<T>(run: () => T): { value: T; seconds: number } {
  let out: { value: T; seconds: number } | undefined;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    const value = run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!out || seconds < out.seconds) out = { value, seconds };
  }
  return out as { value: T; seconds: number };
}

const cohort = generateCohort(LEARNERS, 2026);
const plan = planFor(cohort, "portable");
const cells = plan.sheets.reduce((n, s) => n + s.table.rows.length * s.table.columns.length, 0);

const fresh = best(() => writeXlsxSync(plan));
const again = best(() => writeXlsxSync(plan, fresh.value));
const read = best(() => readContentsSync(fresh.value));

const mb = (b: Uint8Array) => `${(b.length / 1e6).toFixed(1)} MB`;
const verdict = (s: number, t: number) => `target <= ${t} s: ${s <= t ? "met" : "MISSED"}`;
console.log(
  `plan: ${LEARNERS} learners, ${plan.sheets.length} sheets, ${cells.toLocaleString("en-GB")} table cells`,
);
console.log(
  `write new workbook: ${fresh.seconds.toFixed(2)} s (${mb(fresh.value)}) ${verdict(fresh.seconds, TARGET_WRITE)}`,
);
console.log(
  `write into it again: ${again.seconds.toFixed(2)} s (${mb(again.value)}) ${verdict(again.seconds, TARGET_WRITE)}`,
);
console.log(`read contents: ${read.seconds.toFixed(2)} s ${verdict(read.seconds, TARGET_READ)}`);
process.exitCode =
  fresh.seconds <= TARGET_WRITE && again.seconds <= TARGET_WRITE && read.seconds <= TARGET_READ ? 0 : 1;
