import * as fs from "node:fs";
import * as path from "node:path";
import type { AssessmentEntry, DrawRow, Learner, SamplingStrategy } from "../../src/domain";
import {
  SAMPLING_PRESETS,
  builtinCatalogue,
  describeStrategy,
  disagrees,
  drawSample,
  evaluateCohort,
  formatProblem,
  hashText,
  isEligible,
  parseStrategy,
  percentOf,
  rankOf,
  rowsForSampling,
  seededRandom,
  validateCohort,
} from "../../src/domain";
import { L5_CERT, L5_QCF, allCriteria } from "./helpers";
import { STRATEGY, strategyWith } from "./strategies";

const ilm = builtinCatalogue();
const strategy = strategyWith;

/** `n` rows of one assessor on one assessment (registrations R-<from>...), PASS unless told. */
function rows(
  assessor: string | null,
  assessment: string,
  n: number,
  extra: Partial<DrawRow> = {},
  from = 1,
): DrawRow[] {
  return Array.from({ length: n }, (_, i) => ({
    registration: `${assessment}-${assessor ?? "none"}-${from + i}`,
    assessment,
    assessor,
    outcome: "PASS" as const,
    sampled: false,
    marked: true,
    ...extra,
  }));
}
const keys = (list: readonly DrawRow[]) => list.map((r) => `${r.registration}|${r.assessment}`).sort();

describe("the ilm-sampling/1 strategy", () => {
  it("accepts the issue's example as it is", () => {
    expect(parseStrategy(STRATEGY)).toEqual({ ok: true, value: STRATEGY });
  });

  it("has no default: every field left out is a problem with its path", () => {
    const r = parseStrategy({ format: "ilm-sampling/1" }, "s.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual([
      ["stage"],
      ["minimumPercent"],
      ["perAssessorAssessment"],
      ["newAssessors"],
      ["newAssessorPercent"],
      ["referrals"],
      ["markTolerance"],
    ]);
    for (const p of r.problems) {
      expect(p.source).toBe("s.json");
      expect(p.message).toMatch(/^is missing: give .*no default/);
    }
  });

  it("says what is wrong with every bad value, in plain words", () => {
    const r = parseStrategy(
      {
        format: "ilm-sampling/2",
        stage: "final",
        minimumPercent: 120,
        perAssessorAssessment: 1.5,
        newAssessors: ["  ", 3],
        newAssessorPercent: "100",
        referrals: { percent: 150 },
        markTolerance: -1,
        sites: 2,
      },
      "s.json",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([
      's.json: format: must be "ilm-sampling/1", not "ilm-sampling/2"',
      's.json: stage: must be "summative" (decided work) or "interim" (any work with an entry), not "final"',
      "s.json: minimumPercent: must be a percentage from 0 to 100, not 120",
      "s.json: perAssessorAssessment: must be a whole number from 0 up, not 1.5",
      "s.json: newAssessors[0]: must name an assessor (it is blank)",
      "s.json: newAssessors[1]: must be text, not 3",
      's.json: newAssessorPercent: must be a percentage from 0 to 100, not "100"',
      "s.json: referrals.percent: must be a percentage from 0 to 100, not 150",
      "s.json: markTolerance: must be a number from 0 up, not -1",
      expect.stringMatching(
        /^s\.json: "sites" is not a field of ilm-sampling\/1 \(its fields: format, name, stage/,
      ),
    ]);
  });

  it("takes referrals as all, none or a percentage, nothing else", () => {
    expect(parseStrategy(strategy({ referrals: "none" })).ok).toBe(true);
    expect(parseStrategy(strategy({ referrals: { percent: 50 } })).ok).toBe(true);
    const bad = parseStrategy({ ...STRATEGY, referrals: "some" });
    expect(bad.ok ? [] : bad.problems.map(formatProblem)).toEqual([
      'referrals: must be "all", "none" or {"percent": N} with N from 0 to 100, not "some"',
    ]);
    expect(parseStrategy([]).ok).toBe(false);
  });

  it("says the strategy in words", () => {
    expect(describeStrategy(strategy({ referrals: { percent: 50 }, name: "2026 plan" }))).toEqual([
      "Strategy: 2026 plan.",
      "Stage: summative (decided work: PASS or REFERRAL).",
      "Each assessor: at least 10% of their eligible rows (rounded up).",
      "New assessors (D. Price): at least 100% of their eligible rows instead.",
      "Each assessor and assessment: at least 1 row (all of them when fewer).",
      "Referrals: at least 50% of each assessor's REFERRAL rows (rounded up).",
      "Disagreement: the QA outcome differs, a QA criterion differs, or a QA section mark differs by more than 2.",
    ]);
  });
});

describe("presets", () => {
  it("are complete, valid strategies, each labelled with where its figures come from", () => {
    expect(SAMPLING_PRESETS.length).toBeGreaterThan(0);
    for (const preset of SAMPLING_PRESETS) {
      expect(parseStrategy(preset.strategy)).toEqual({ ok: true, value: preset.strategy });
      expect(preset.label).toMatch(/ILM|ilm's suggestion/);
    }
    expect(new Set(SAMPLING_PRESETS.map((p) => p.id)).size).toBe(SAMPLING_PRESETS.length);
  });

  it("include ILM's older 10% minimum for lowest-risk centres, labelled as such", () => {
    const older = SAMPLING_PRESETS.find((p) => p.id === "ilm-older-10-percent");
    expect(older?.label).toBe("ILM's older 10% minimum for lowest-risk centres");
    expect(older?.strategy.minimumPercent).toBe(10);
  });

  it("are given in docs/iqa.md exactly as ilm holds them", () => {
    const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "iqa.md"), "utf8");
    const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string));
    for (const preset of SAMPLING_PRESETS) {
      expect(docs).toContain(preset.label);
      expect(blocks).toContainEqual(preset.strategy);
    }
  });
});

describe("the seeded generator", () => {
  it("gives the same numbers for the same seed, from 0 up to 1", () => {
    const a = seededRandom("123456/2026-A");
    const b = seededRandom("123456/2026-A");
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBe(100);
  });

  it("never changes between versions (a change would change every centre's sample)", () => {
    expect(hashText("abc")).toBe(1792905582);
    expect(seededRandom("42")()).toBe(0.1682699858210981);
    expect(rankOf("123456/2026-A", "NF-001\u0000D5.01")).toBe(0.5685466939759403);
  });
});

describe("percentOf", () => {
  it("rounds up, as a person works it out", () => {
    expect([percentOf(10, 30), percentOf(10, 31), percentOf(10, 1), percentOf(0, 30)]).toEqual([3, 4, 1, 0]);
    expect([percentOf(100, 7), percentOf(12.5, 8), percentOf(33, 100), percentOf(10, 0)]).toEqual([
      7, 1, 33, 0,
    ]);
  });
});

describe("eligible rows", () => {
  it("summative: decisions only (PASS or REFERRAL); interim: every row the assessor has marked", () => {
    const outcomes = ["PASS", "REFERRAL", "INCOMPLETE", "INVALID"] as const;
    expect(outcomes.map((outcome) => isEligible("summative", { outcome, marked: true }))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(outcomes.map((outcome) => isEligible("interim", { outcome, marked: true }))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isEligible("interim", { outcome: "INCOMPLETE", marked: false })).toBe(false);
  });

  const d501 = (marks: AssessmentEntry["marks"], extra: Partial<AssessmentEntry> = {}) => ({
    "D5.01": { marks, ...extra },
  });
  const cohortOf = (learners: Learner[]) => {
    const valid = validateCohort(
      { format: "ilm-cohort/1", centre: { number: "1", name: "C" }, cohort: "T", learners },
      ilm,
    );
    if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
    return valid.value;
  };
  const learner = (registration: string, extra: Partial<Learner>): Learner => ({
    registration,
    name: `Learner ${registration}`,
    qualification: L5_QCF,
    assessor: "J. Doyle",
    ...extra,
  });

  it("gives one row per active learner and assessment with an entry, naming who answers for it", () => {
    const cohort = cohortOf([
      learner("A-1", { assessments: d501([3, 24, 9, 21], { assessor: "  A.  Khan " }) }),
      learner("A-2", { assessments: d501([3, 24, 9, 21]), withdrawn: true }),
      learner("A-3", {
        assessments: { ...d501([1, 2, null, null]), "D5.02+D5.03": { marks: [null, null, null] } },
      }),
      learner("A-4", {
        assessor: undefined,
        qualification: L5_CERT,
        assessments: { "8580-500": { criteria: allCriteria("8580-500", "P") } },
      }),
    ]);
    const found = rowsForSampling(ilm, cohort, evaluateCohort(ilm, cohort), 2);
    expect(found.map((r) => [r.registration, r.assessment, r.assessor, r.outcome, r.sampled])).toEqual([
      ["A-1", "D5.01", "A. Khan", "PASS", false],
      ["A-3", "D5.01", "J. Doyle", "INCOMPLETE", false],
      ["A-4", "8580-500", null, "PASS", false],
    ]);
    expect(found[0]?.learner).toBe("Learner A-1");
  });

  it("counts a row as already sampled when its QA outcome is PASS, REFERRAL or INVALID (not part-given QA marks)", () => {
    const cohort = cohortOf([
      learner("Q-1", { assessments: d501([3, 24, 9, 21], { qaMarks: [3, 24, 9, 21] }) }),
      learner("Q-2", { assessments: d501([3, 24, 9, 21], { qaMarks: [3, 24, 5, 21] }) }),
      learner("Q-3", { assessments: d501([3, 24, 9, 21], { qaMarks: [3, 24, 9, 99] }) }),
      learner("Q-4", { assessments: d501([3, 24, 9, 21], { qaMarks: [3, 24, null, null] }) }),
    ]);
    const found = rowsForSampling(ilm, cohort, evaluateCohort(ilm, cohort), 2);
    expect(found.map((r) => [r.qaOutcome, r.sampled, r.disagrees])).toEqual([
      ["PASS", true, false],
      ["REFERRAL", true, true],
      ["INVALID", true, true],
      ["INCOMPLETE", false, false],
    ]);
  });
});

describe("drawSample", () => {
  it("puts back a referral drawn early when an assessment's own row covers it too, whatever the seed", () => {
    const row = (
      registration: string,
      assessment: string,
      outcome: "PASS" | "REFERRAL",
      sampled: boolean,
    ) => ({
      registration,
      assessment,
      assessor: "A. Khan",
      outcome,
      marked: true,
      sampled,
    });
    const all = [
      row("NF-001", "8580-500", "PASS", true),
      row("NF-001", "D5.01", "REFERRAL", false),
      row("NF-002", "8580-500", "REFERRAL", false),
    ];
    const plan = strategy({ minimumPercent: 12.5, perAssessorAssessment: 1, referrals: { percent: 1 } });
    for (const seed of ["", "a", "b", "c", "d", "e", "f", "g"]) {
      const draw = drawSample(plan, all, seed);
      expect(draw.sample.filter((r) => !r.sampled).map((r) => [r.registration, r.assessment])).toEqual([
        ["NF-001", "D5.01"],
      ]);
      expect(draw.drawn).toBe(1);
      expect(draw.compliant).toBe(true);
    }
  });

  it("takes at least minimumPercent of each assessor's eligible rows, rounded up", () => {
    const all = [...rows("A. Khan", "D5.01", 11), ...rows("J. Doyle", "D5.01", 30)];
    const draw = drawSample(strategy({ perAssessorAssessment: 0, referrals: "none" }), all, "s");
    expect(draw.assessors.map((a) => [a.assessor, a.eligible, a.required, a.sampled])).toEqual([
      ["A. Khan", 11, 2, 2],
      ["J. Doyle", 30, 3, 3],
    ]);
    expect(draw.sample.every((r) => r.reasons.join() === "minimum 10%")).toBe(true);
    expect(draw.drawn).toBe(5);
  });

  it("takes newAssessorPercent of a new assessor's rows instead, matching the name as mark sheets do", () => {
    const all = [...rows("D. Price", "D5.01", 5), ...rows("J. Doyle", "D5.01", 5)];
    const draw = drawSample(strategy({ newAssessors: [" D.  Price "], perAssessorAssessment: 0 }), all, "s");
    expect(draw.assessors.map((a) => [a.assessor, a.newAssessor, a.percent, a.sampled])).toEqual([
      ["D. Price", true, 100, 5],
      ["J. Doyle", false, 10, 1],
    ]);
    expect(draw.sample.filter((r) => r.assessor === "D. Price").map((r) => r.reasons)).toEqual(
      Array(5).fill(["new assessor"]),
    );
  });

  it("takes perAssessorAssessment rows of each assessor on each assessment, all of them when fewer", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 6),
      ...rows("A. Khan", "8580-500", 1),
      ...rows("J. Doyle", "D5.01", 4),
    ];
    const draw = drawSample(strategy({ minimumPercent: 0, perAssessorAssessment: 2 }), all, "s");
    expect(draw.coverage.map((c) => [c.assessor, c.assessment, c.eligible, c.required, c.sampled])).toEqual([
      ["A. Khan", "8580-500", 1, 1, 1],
      ["A. Khan", "D5.01", 6, 2, 2],
      ["J. Doyle", "D5.01", 4, 2, 2],
    ]);
    expect(draw.sample.every((r) => r.reasons.join() === "2 per assessment")).toBe(true);
  });

  it("takes every REFERRAL with referrals all, a share with a percentage, none of its own with none", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 5, { outcome: "REFERRAL" }),
      ...rows("A. Khan", "D5.01", 20, {}, 6),
    ];
    const base = { minimumPercent: 0, perAssessorAssessment: 0 };
    const referred = (s: SamplingStrategy) =>
      drawSample(s, all, "s").sample.filter((r) => r.outcome === "REFERRAL").length;
    expect(referred(strategy({ ...base, referrals: "all" }))).toBe(5);
    expect(referred(strategy({ ...base, referrals: { percent: 50 } }))).toBe(3);
    expect(referred(strategy({ ...base, referrals: "none" }))).toBe(0);
    const draw = drawSample(strategy({ ...base, referrals: { percent: 50 } }), all, "s");
    expect(draw.assessors[0]).toMatchObject({ referrals: 5, referralsRequired: 3, referralsSampled: 3 });
    expect(draw.sample.map((r) => r.reasons)).toEqual(Array(3).fill(["referral"]));
  });

  it("samples decisions at the summative stage and every row with an entry at the interim stage", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 2, { outcome: "INCOMPLETE" }),
      ...rows("A. Khan", "D5.01", 1, { outcome: "INVALID" }, 3),
      ...rows("A. Khan", "D5.01", 1, { outcome: "PASS" }, 4),
    ];
    const everything = strategy({ minimumPercent: 100 });
    expect(drawSample(everything, all, "s").sample.map((r) => r.outcome)).toEqual(["PASS"]);
    expect(drawSample({ ...everything, stage: "interim" }, all, "s").sample).toHaveLength(4);
  });

  it("keeps rows already sampled, counts them towards every rule and draws nothing more when they suffice", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 9),
      ...rows("A. Khan", "D5.01", 1, { sampled: true, outcome: "REFERRAL" }, 10),
    ];
    const draw = drawSample(STRATEGY, all, "s");
    expect(draw.drawn).toBe(0);
    expect(draw.sample.map((r) => [r.registration, r.reasons])).toEqual([
      ["D5.01-A. Khan-10", ["already sampled", "referral", "1 per assessment", "minimum 10%"]],
    ]);
    expect(draw.compliant).toBe(true);
  });

  it("keeps already sampled rows beyond every requirement", () => {
    const all = rows("A. Khan", "D5.01", 5, { sampled: true, qaOutcome: "PASS" });
    const draw = drawSample(strategy({ perAssessorAssessment: 0, minimumPercent: 0 }), all, "s");
    expect(draw.sample).toHaveLength(5);
    expect(draw.sample.map((r) => r.reasons)).toEqual(Array(5).fill(["already sampled"]));
    expect(draw.coverage[0]).toMatchObject({ eligible: 5, required: 0, sampled: 5, qaDone: 5 });
  });

  it("counts as QA done only the sampled rows the IQA has re-marked, not those only recorded", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 2, { sampled: true, qaOutcome: "PASS" }),
      ...rows("A. Khan", "D5.01", 3, { sampled: true }, 3),
    ];
    const draw = drawSample(strategy({ perAssessorAssessment: 0, minimumPercent: 0 }), all, "s");
    expect(draw.coverage[0]).toMatchObject({ sampled: 5, qaDone: 2 });
    expect(draw.assessors[0]).toMatchObject({ sampled: 5, qaDone: 2 });
  });

  it("gives the same sample for the same rows, strategy and seed, whatever the rows' order", () => {
    const all = [...rows("A. Khan", "D5.01", 40), ...rows("J. Doyle", "D5.01", 40)];
    const s = strategy({ minimumPercent: 25 });
    const draw = drawSample(s, all, "seed-1");
    expect(drawSample(s, [...all].reverse(), "seed-1")).toEqual(draw);
    expect(keys(drawSample(s, all, "seed-2").sample)).not.toEqual(keys(draw.sample));
  });

  it("orders the sample by assessor, assessment and registration, rows without an assessor last", () => {
    const all = [
      ...rows(null, "D5.01", 1),
      ...rows("j. doyle", "D5.01", 1),
      ...rows("J. Doyle", "D5.02+D5.03", 1),
      ...rows("J. Doyle", "D5.01", 2),
      ...rows("A. Khan", "D5.01", 12),
    ];
    const draw = drawSample(strategy({ minimumPercent: 100 }), all, "s");
    const order = draw.sample.map((r) => `${r.assessor}|${r.assessment}|${r.registration}`);
    expect(order.slice(0, 3)).toEqual([
      "A. Khan|D5.01|D5.01-A. Khan-1",
      "A. Khan|D5.01|D5.01-A. Khan-2",
      "A. Khan|D5.01|D5.01-A. Khan-3",
    ]);
    expect(order.slice(12)).toEqual([
      "j. doyle|D5.01|D5.01-j. doyle-1",
      "J. Doyle|D5.01|D5.01-J. Doyle-1",
      "J. Doyle|D5.01|D5.01-J. Doyle-2",
      "J. Doyle|D5.02+D5.03|D5.02+D5.03-J. Doyle-1",
      "null|D5.01|D5.01-none-1",
    ]);
    expect(draw.assessors.map((a) => a.assessor)).toEqual(["A. Khan", "j. doyle", "J. Doyle", null]);
  });

  it("reports coverage with QA done and disagreements, compliant once the sample is re-marked", () => {
    const all = [
      ...rows("A. Khan", "D5.01", 1, { sampled: true, qaOutcome: "PASS", disagrees: true }),
      ...rows("A. Khan", "D5.01", 3, {}, 2),
    ];
    const draw = drawSample(strategy({ perAssessorAssessment: 2 }), all, "s");
    expect(draw.coverage).toEqual([
      {
        assessor: "A. Khan",
        assessment: "D5.01",
        eligible: 4,
        required: 2,
        sampled: 2,
        qaDone: 1,
        disagreements: 1,
        compliant: true,
      },
    ]);
    expect(draw.drawn).toBe(1);
  });

  it("draws nothing from no rows", () => {
    expect(drawSample(STRATEGY, [], "s")).toEqual({
      seed: "s",
      sample: [],
      drawn: 0,
      coverage: [],
      assessors: [],
      compliant: true,
    });
  });
});

describe("disagrees", () => {
  const d501 = ilm.assessments.get("D5.01");
  const c500 = ilm.assessments.get("8580-500");
  if (d501?.kind !== "sectioned" || c500?.kind !== "criteria") throw new Error("seed assessments changed");
  const marks = [3, 24, 9, 21];

  it("is FALSE when there is no QA entry", () => {
    expect(disagrees(d501, undefined, 2)).toBe(false);
    expect(disagrees(d501, { marks }, 2)).toBe(false);
    expect(disagrees(d501, { marks, qaMarks: [null, " ", null, null] }, 0)).toBe(false);
    expect(
      disagrees(
        c500,
        { criteria: allCriteria("8580-500", "P"), qaCriteria: allCriteria("8580-500", null) },
        0,
      ),
    ).toBe(false);
  });

  it("is TRUE when a QA section mark differs by more than the tolerance, FALSE within it", () => {
    expect(disagrees(d501, { marks, qaMarks: [3, 22, 9, 21] }, 2)).toBe(false);
    expect(disagrees(d501, { marks, qaMarks: [3, 21, 9, 21] }, 2)).toBe(true);
    expect(disagrees(d501, { marks, qaMarks: [3, 25, 9, 21] }, 0)).toBe(true);
    expect(disagrees(d501, { marks, qaMarks: marks }, 0)).toBe(false);
  });

  it("works differences out as a person does (20.3 - 20.1 is 0.2)", () => {
    expect(disagrees(d501, { marks: [3, 20.1, 9, 21], qaMarks: [3, 20.3, 9, 21] }, 0.2)).toBe(false);
    expect(disagrees(d501, { marks: [3, 20.1, 9, 21], qaMarks: [3, 20.3, 9, 21] }, 0.1)).toBe(true);
  });

  it("is TRUE when the QA outcome differs from the assessor's, even within the tolerance", () => {
    // 21 + 3 + 24 + 9 = 57 PASS; QA 19 in the last section is below its minimum of 20: REFERRAL.
    expect(disagrees(d501, { marks, qaMarks: [3, 24, 9, 19] }, 2)).toBe(true);
    expect(disagrees(d501, { marks: [3, 24, 9, null], qaMarks: marks }, 2)).toBe(true);
    expect(disagrees(d501, { marks, qaMarks: [3, 24, 9, "x"] }, 2)).toBe(true);
  });

  it("compares part-given QA marks section by section", () => {
    expect(disagrees(d501, { marks, qaMarks: [3, 24, null, null] }, 0)).toBe(false);
    expect(disagrees(d501, { marks, qaMarks: [3, 30, null, null] }, 2)).toBe(true);
    expect(disagrees(d501, { marks: [3, null, 9, 21], qaMarks: [3, 24, null, null] }, 2)).toBe(true);
  });

  it("is TRUE when a QA criterion differs from the assessor's, P and R in any case", () => {
    const criteria = allCriteria("8580-500", "P");
    expect(disagrees(c500, { criteria, qaCriteria: { ...criteria, "2.1": " p " } }, 0)).toBe(false);
    expect(disagrees(c500, { criteria, qaCriteria: { "2.1": "R" } }, 0)).toBe(true);
    expect(disagrees(c500, { criteria: { ...criteria, "2.1": null }, qaCriteria: { "2.1": "P" } }, 0)).toBe(
      true,
    );
    expect(disagrees(c500, { criteria, qaCriteria: { ...criteria, "1.1": "R" } }, 0)).toBe(true);
  });
});
