/**
 * Evaluation speed: a generated cohort of 50,000 learners across the six seed qualifications, evaluated in-process
 * (learners per second) and through the real `ilm evaluate --json` process, compared with a bare Node process that
 * only parses and prints the same JSON file. Target: at most 5x the bare process.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Catalogue } from "../src/domain";
import { builtinCatalogue, evaluateCohort, validateCohort } from "../src/domain";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 50_000);
const TARGET_RATIO = 5;
const ROOT = path.join(__dirname, "..");

/** A small deterministic generator, so every run benches the same cohort. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateCohort(n: number, catalogue: Catalogue): unknown {
  const rnd = random(20260112);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const qualifications = [...catalogue.qualifications.values()];
  const forenames = [
    "Asha",
    "Gareth",
    "Siobhan",
    "Callum",
    "Priya",
    "Tom",
    "Bethan",
    "Liam",
    "Fiona",
    "Daniel",
    "Harriet",
    "Mohammed",
  ];
  const surnames = [
    "Patel",
    "Jones",
    "O'Neill",
    "Fraser",
    "Sharma",
    "Hughes",
    "Evans",
    "Murphy",
    "Campbell",
    "Okafor",
    "Wilson",
    "Khan",
  ];
  const learners = [];
  for (let i = 0; i < n; i++) {
    const q = qualifications[i % qualifications.length];
    if (!q) throw new Error("no qualifications");
    const assessments: Record<string, unknown> = {};
    const covered = new Set<string>();
    for (const a of catalogue.assessments.values()) {
      if (!a.units.every((u) => q.units.includes(u)) || rnd() < 0.15) continue;
      a.units.forEach((u) => covered.add(u));
      if (a.kind === "sectioned") {
        const marks = a.sections.map((s) =>
          rnd() < 0.05 ? null : Math.round(s.min * 0.8 + rnd() * (s.max - s.min * 0.8)),
        );
        assessments[a.id] =
          rnd() < 0.3
            ? { marks, qaMarks: marks.map((m) => (m === null ? null : Math.max(0, m - 1))) }
            : { marks };
      } else {
        assessments[a.id] = {
          criteria: Object.fromEntries(
            a.criteria.map((c) => [c.id, rnd() < 0.03 ? null : rnd() < 0.05 ? "R" : "P"]),
          ),
        };
      }
    }
    const units: Record<string, string> = {};
    for (const u of q.units)
      if (!covered.has(u) && rnd() < 0.8) units[u] = pick(["PASS", "PASS", "PASS", "REFERRAL", "PENDING"]);
    learners.push({
      registration: `BN-${String(i + 1).padStart(6, "0")}`,
      name: `${pick(forenames)} ${pick(surnames)}`,
      qualification: q.id,
      assessor: pick(["R. Hughes", "K. Brennan", "D. Price", "A. Whitfield"]),
      registered: `20${22 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
      hours: { induction: 1, tutorial: Math.floor(rnd() * 6), coaching: Math.floor(rnd() * 140) },
      ...(Object.keys(assessments).length > 0 ? { assessments } : {}),
      ...(Object.keys(units).length > 0 ? { units } : {}),
    });
  }
  return {
    format: "ilm-cohort/1",
    centre: { number: "999999", name: "Bench Centre" },
    cohort: "bench",
    learners,
  };
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Wall time of a Node process whose stdout goes to /dev/null; fails loudly when it exits with an error. */
function timeProcess(args: string[]): number {
  const out = fs.openSync(os.devNull, "w");
  try {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      cwd: ROOT,
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
    });
    const t = seconds(start);
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return t;
  } finally {
    fs.closeSync(out);
  }
}

function main(): void {
  const catalogue = builtinCatalogue();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ilm-bench-"));
  const file = path.join(dir, "cohort.json");
  try {
    fs.writeFileSync(file, JSON.stringify(generateCohort(LEARNERS, catalogue)));
    const mb = fs.statSync(file).size / 1e6;
    console.log(
      `cohort: ${LEARNERS.toLocaleString("en-GB")} learners, six qualifications, ${mb.toFixed(1)} MB`,
    );

    const json: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    let t = process.hrtime.bigint();
    const valid = validateCohort(json, catalogue);
    const validateTime = seconds(t);
    if (!valid.ok)
      throw new Error(`generated cohort is not valid: ${JSON.stringify(valid.problems.slice(0, 3))}`);
    t = process.hrtime.bigint();
    const evaluation = evaluateCohort(catalogue, valid.value);
    const evaluateTime = seconds(t);
    const achieved = evaluation.learners.filter((l) => l.achieved).length;
    console.log(
      `in-process validation: ${(LEARNERS / validateTime).toFixed(0)} learners/s (${(validateTime * 1000).toFixed(0)} ms)`,
    );
    console.log(
      `in-process evaluation: ${(LEARNERS / evaluateTime).toFixed(0)} learners/s (${(evaluateTime * 1000).toFixed(0)} ms; ${achieved} achieved)`,
    );

    const bare = `const fs = require("fs"); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8"))) + "\\n");`;
    const ilm = [path.join(ROOT, "bin", "ilm.js"), "evaluate", file, "--json"];
    const bareTimes: number[] = [];
    const ilmTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      bareTimes.push(timeProcess(["-e", bare, file]));
      ilmTimes.push(timeProcess(ilm));
    }
    const ratio = median(ilmTimes) / median(bareTimes);
    console.log(`bare node JSON parse-and-print: ${(median(bareTimes) * 1000).toFixed(0)} ms (median of 3)`);
    console.log(
      `ilm evaluate --json (real process): ${(median(ilmTimes) * 1000).toFixed(0)} ms (median of 3), ${(LEARNERS / median(ilmTimes)).toFixed(0)} learners/s`,
    );
    console.log(
      `ratio: ${ratio.toFixed(2)}x (target at most ${TARGET_RATIO}x) ${ratio <= TARGET_RATIO ? "OK" : "SLOWER THAN TARGET"}`,
    );
    if (ratio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
