/**
 * Custom-function speed: 1,000,000 ILM.SECTIONPASS calls on 4-section rows (the D5.01 scheme, marks as Excel
 * sends a one-row range) and 100,000 ILM.CREDITS calls, in one process, in nanoseconds per call.
 * Target: under 2 microseconds per ILM.SECTIONPASS call on a 2-core machine.
 */
import { creditsOf, sectionPass } from "../src/functions/functions";

// Excel's runtime provides CustomFunctions; the functions need only its Error class (for #VALUE! and #N/A).
class BenchExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
(globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
  Error: BenchExcelError,
  associate: () => undefined,
};

const SECTIONPASS_CALLS = 1_000_000;
const CREDITS_CALLS = 100_000;
const TARGET_NS = 2_000;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rnd = random(20260112);
const upTo = (n: number) => Math.floor(rnd() * (n + 1));

const MINIMUMS = [[2, 20, 8, 20]];
const MAXIMA = [[4, 40, 16, 40]];
const rows = Array.from({ length: 1024 }, () => [[upTo(4), upTo(40), upTo(16), upTo(40)]]);

const QUALIFICATIONS = ["600/5791/9", "600/5781/6", "500/3564/2", "603/3738/2"];
const UNITS: Record<string, string[]> = {
  "600/5791/9": ["8580-500", "8580-501", "8580-503"],
  "600/5781/6": ["8580-500", "8580-502", "8580-503"],
  "500/3564/2": ["D5.01", "D5.02", "D5.03"],
  "603/3738/2": ["8587-300", "8587-301", "8587-302", "8587-303"],
};
const OUTCOMES = ["PASS", "REFERRAL", "PENDING", ""];
const progress = Array.from({ length: 1024 }, () => {
  const q = QUALIFICATIONS[upTo(QUALIFICATIONS.length - 1)] as string;
  const units = UNITS[q] as string[];
  return {
    q,
    units: units.map((u) => [u]),
    outcomes: units.map(() => [OUTCOMES[upTo(OUTCOMES.length - 1)]]),
  };
});

function time(label: string, calls: number, once: (i: number) => number): number {
  for (let i = 0; i < Math.min(calls, 50_000); i++) once(i); // warm-up
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += once(i);
  const ns = Number(process.hrtime.bigint() - start) / calls;
  console.log(
    `${label}: ${calls.toLocaleString("en-GB")} calls, ${ns.toFixed(0)} ns per call (checksum ${sink})`,
  );
  return ns;
}

const sectionNs = time("ILM.SECTIONPASS (4 sections)", SECTIONPASS_CALLS, (i) =>
  sectionPass(rows[i & 1023] as unknown[][], MINIMUMS, MAXIMA) ? 1 : 0,
);
time("ILM.CREDITS", CREDITS_CALLS, (i) => {
  const p = progress[i & 1023] as (typeof progress)[number];
  return creditsOf(p.q, p.units, p.outcomes);
});
console.log(
  sectionNs < TARGET_NS
    ? `ILM.SECTIONPASS is under the target of ${TARGET_NS} ns per call`
    : `ILM.SECTIONPASS MISSES the target of ${TARGET_NS} ns per call`,
);
