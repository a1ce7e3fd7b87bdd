import type { AssessmentEntry, Catalogue, Cohort, Learner } from "../../src/domain";
import { builtinCatalogue, validateCohort } from "../../src/domain";

/** A small seeded PRNG (mulberry32) so generated cohorts are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "Asha Patel",
  "Ben Okafor",
  "Chloë Brontë",
  "=SUM(A1:A9)",
  "+44 Smith",
  "-Dash",
  "@handle",
  "O'Neil",
];
const DATES = ["2024-02-29", "2023-01-31", "2025-08-31", "2022-11-30", "2026-01-12", "2021-03-01"];

/**
 * A cohort of `count` learners over every qualification of the catalogue, with marks chosen to hit the edges:
 * totals of 49 and 50, each section at its minimum and one below, blanks (INCOMPLETE), marks above the maximum,
 * negative or not numbers (INVALID), criteria P/R/blank/other, direct unit outcomes, withdrawn learners, names that
 * look like formulas. Valid by the schema and the catalogue (INVALID marks are the engine's verdict, not the
 * validator's).
 */
export function generateCohort(count: number, seed = 1, catalogue: Catalogue = builtinCatalogue()): Cohort {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const qualifications = [...catalogue.qualifications.values()];
  const learners: Learner[] = [];
  for (let i = 0; i < count; i++) {
    const q = qualifications[i % qualifications.length] as (typeof qualifications)[number];
    const assessments: Record<string, AssessmentEntry> = {};
    const covered = new Set<string>();
    for (const a of catalogue.assessments.values()) {
      if (!a.units.some((u) => q.units.includes(u)) || random() < 0.15) continue;
      a.units.forEach((u) => covered.add(u));
      if (a.kind === "sectioned") {
        const marks = (): (number | string | null)[] => {
          const style = Math.floor(random() * 10);
          return a.sections.map((s, k) => {
            if (style === 0) return k === 0 ? s.min - 1 : s.max; // one section below its minimum
            if (style === 1) return s.min; // every section at its minimum (total 50: a pass)
            if (style === 2) return k === 0 ? s.min - 1 : s.min; // total 49
            if (style === 3) return random() < 0.3 ? null : Math.round(random() * s.max); // INCOMPLETE
            if (style === 4) return k === a.sections.length - 1 ? pick([s.max + 1, -1, "abc", "12x"]) : s.min; // INVALID
            if (style === 5) return k === 0 ? String(s.min) : s.max; // a mark given as text digits
            return Math.round(s.min + random() * (s.max - s.min)) - (random() < 0.2 ? 1 : 0);
          });
        };
        assessments[a.id] = {
          marks: marks(),
          ...(random() < 0.6 ? { qaMarks: marks() } : {}),
          ...(random() < 0.5 ? { submitted: pick(DATES), assessed: pick(DATES) } : {}),
          ...(random() < 0.3
            ? { strengths: pick(['=HYPERLINK("x")', "Clear structure", "-well argued"]) }
            : {}),
          ...(random() < 0.2 ? { iqa: "J. Rowe" } : {}),
        };
      } else {
        const results = (): Record<string, string | null> => {
          const style = Math.floor(random() * 6);
          const out: Record<string, string | null> = {};
          a.criteria.forEach((c, k) => {
            if (style === 0) out[c.id] = "P";
            else if (style === 1) out[c.id] = k === 2 ? "R" : "P";
            else if (style === 2) out[c.id] = k === 1 ? null : "P";
            else if (style === 3) out[c.id] = k === 0 ? pick(["X", "pass", "1"]) : "P";
            else if (style === 4) out[c.id] = pick(["p", " r ", "P", "R"]);
            else if (random() < 0.9) out[c.id] = pick(["P", "P", "R"]);
          });
          return out;
        };
        assessments[a.id] = { criteria: results(), ...(random() < 0.5 ? { qaCriteria: results() } : {}) };
      }
    }
    const units: Record<string, "PASS" | "REFERRAL" | "PENDING" | null> = {};
    for (const u of q.units) {
      if (covered.has(u)) continue;
      if (random() < 0.85) units[u] = pick(["PASS", "PASS", "PASS", "REFERRAL", "PENDING", null] as const);
    }
    const registered = random() < 0.9 ? pick(DATES) : undefined;
    learners.push({
      registration: `R${String(i).padStart(5, "0")}`,
      name: NAMES[i % NAMES.length] as string,
      qualification: q.id,
      ...(random() < 0.7 ? { assessor: pick(["R. Hughes", "M. Khan", "=A1"]) } : {}),
      ...(registered ? { registered } : {}),
      ...(random() < 0.9
        ? {
            hours: {
              induction: pick([0, 1, 1, 2]),
              tutorial: pick([1, 2, 4, 5]),
              coaching: pick([0, 11, 12, 100, 120]),
            },
          }
        : {}),
      assessments,
      units,
      ...(random() < 0.05 ? { withdrawn: true } : {}),
    });
  }
  const cohort = validateCohort(
    {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield Training" },
      cohort: "generated",
      learners,
    },
    catalogue,
  );
  if (!cohort.ok)
    throw new Error(`generated cohort is invalid: ${JSON.stringify(cohort.problems.slice(0, 3))}`);
  return cohort.value;
}
