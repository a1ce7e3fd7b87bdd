import type { AssessmentEntry, CohortSummary, Learner } from "../../src/domain";
import {
  assessorName,
  countedMark,
  criterionMark,
  entryAssessor,
  evaluateCohort,
  summarize,
  validateCohort,
} from "../../src/domain";
import { allCriteria, HOURS_ENOUGH, ilm, L3, L5_CERT, L5_DIP, L5_QCF, L7_CERT, learner } from "./helpers";

/** The figures for these learners (checked as a cohort file would be) on the As of date. */
function figures(learners: Learner[], asOf = "2027-01-01"): CohortSummary {
  const cohort = validateCohort(
    { format: "ilm-cohort/1", centre: { number: "1", name: "Centre" }, cohort: "T", learners },
    ilm,
  );
  if (!cohort.ok) throw new Error(JSON.stringify(cohort.problems));
  return summarize(ilm, cohort.value, evaluateCohort(ilm, cohort.value), asOf);
}

let next = 0;
/** A learner with a registration number of their own. */
const l = (qualification: string, extra: Partial<Learner> = {}): Learner =>
  learner(qualification, { registration: `T-${String(++next).padStart(3, "0")}`, ...extra });

const D501 = {
  pass: { marks: [3, 25, 10, 25] },
  referral: { marks: [3, 25, 6, 25] },
  invalid: { marks: [5, 25, 10, 25] },
  incomplete: { marks: [3, null, null, null] },
} satisfies Record<string, AssessmentEntry>;
const DIARY_PASS = { marks: [20, 20, 20] };
const qcfAchieved = (extra: Partial<Learner> = {}) =>
  l(L5_QCF, { assessments: { "D5.01": D501.pass, "D5.02+D5.03": DIARY_PASS }, ...extra });

const row = <T, K extends keyof T>(list: readonly T[], key: K, value: T[K]): T => {
  const found = list.find((x) => x[key] === value);
  if (!found) throw new Error(`no row ${String(value)}`);
  return found;
};

describe("summarize: the headline", () => {
  it("counts active learners, and withdrawn learners only in Withdrawn", () => {
    const s = figures([
      qcfAchieved({ hours: HOURS_ENOUGH }),
      qcfAchieved({ hours: HOURS_ENOUGH, withdrawn: true }),
      l(L5_QCF, { withdrawn: true, assessments: { "D5.01": D501.referral } }),
      l(L5_QCF),
    ]);
    expect(s.headline).toEqual({
      learners: 2,
      withdrawn: 2,
      achieved: 1,
      readyToClaim: 1,
      referralsOutstanding: 0,
      notYetMarked: 2,
      pastDeadline: 0,
      dueWithin90Days: 0,
    });
  });

  it("counts Ready to claim only for achieved learners with every hour", () => {
    const s = figures([
      qcfAchieved({ hours: HOURS_ENOUGH }),
      qcfAchieved({ hours: { induction: 1, tutorial: 1, coaching: 12 } }),
    ]);
    expect([s.headline.achieved, s.headline.readyToClaim]).toEqual([2, 1]);
  });

  it("counts Referrals outstanding and Not yet marked over assessments, an assessment with no entry being Not yet marked", () => {
    const s = figures([
      l(L5_QCF, { assessments: { "D5.01": D501.referral } }),
      l(L5_QCF, { assessments: { "D5.01": D501.invalid, "D5.02+D5.03": { marks: [20, 20, 10] } } }),
      l(L5_QCF, { assessments: { "D5.01": D501.incomplete } }),
    ]);
    // Referrals: learner 1's D5.01 and learner 2's diary (Sessions 10 < 15). Not yet marked: learner 1's diary
    // (no entry), learner 3's D5.01 (part-marked) and diary (no entry). The INVALID D5.01 is neither.
    expect([s.headline.referralsOutstanding, s.headline.notYetMarked]).toEqual([2, 3]);
  });

  it("counts a resubmission that passes as no referral (the outcome now is what counts)", () => {
    const s = figures([l(L5_QCF, { assessments: { "D5.01": D501.pass } })]);
    expect(s.headline.referralsOutstanding).toBe(0);
  });

  it("counts an entry with nothing in it as Not yet marked, like no entry", () => {
    const s = figures([l(L5_QCF, { assessments: { "D5.01": { marks: [null, null, null, null] } } })]);
    expect(s.headline.notYetMarked).toBe(2);
    expect(row(s.byAssessment, "assessment", "D5.01").incomplete).toBe(1);
  });
});

describe("summarize: Past deadline and Due within 90 days (deadline 2029-01-12, registered 2026-01-12)", () => {
  const one = (asOf: string, extra: Partial<Learner> = {}) => figures([l(L5_QCF, extra)], asOf).headline;

  it("is Due within 90 days on the deadline day itself", () => {
    expect(one("2029-01-12")).toMatchObject({ pastDeadline: 0, dueWithin90Days: 1 });
  });
  it("is Due within 90 days when the deadline is exactly 90 days after the As of date", () => {
    expect(one("2028-10-14")).toMatchObject({ pastDeadline: 0, dueWithin90Days: 1 });
  });
  it("is neither when the deadline is 91 days after the As of date", () => {
    expect(one("2028-10-13")).toMatchObject({ pastDeadline: 0, dueWithin90Days: 0 });
  });
  it("is Past deadline the day after the deadline", () => {
    expect(one("2029-01-13")).toMatchObject({ pastDeadline: 1, dueWithin90Days: 0 });
  });
  it("never counts a learner who has achieved", () => {
    const s = figures([qcfAchieved(), qcfAchieved({ registered: "2025-01-12" })], "2028-01-01");
    expect(s.headline).toMatchObject({ pastDeadline: 0, dueWithin90Days: 0 });
  });
  it("never counts a withdrawn learner", () => {
    expect(one("2029-01-13", { withdrawn: true })).toMatchObject({ pastDeadline: 0, dueWithin90Days: 0 });
    expect(one("2029-01-12", { withdrawn: true })).toMatchObject({ pastDeadline: 0, dueWithin90Days: 0 });
  });
  it("never counts a learner without a deadline (no duration, or no registration date)", () => {
    const s = figures([l(L3), l(L5_QCF, { registered: null })], "2100-01-01");
    expect(s.headline).toMatchObject({ learners: 2, pastDeadline: 0, dueWithin90Days: 0 });
  });
});

describe("summarize: by qualification", () => {
  it("has one row per qualification a learner takes, in catalogue order, withdrawn learners' included", () => {
    const s = figures([l(L7_CERT), l(L5_QCF), l(L3, { withdrawn: true }), l(L5_QCF)]);
    expect(s.byQualification.map((q) => q.qualification)).toEqual([L3, L5_QCF, L7_CERT]);
  });
  it("gives the title, the counts of active learners and the achievement rate", () => {
    const s = figures(
      [qcfAchieved({ hours: HOURS_ENOUGH }), l(L5_QCF, { registered: "2024-01-20" }), l(L5_QCF)],
      "2027-01-01",
    );
    expect(s.byQualification).toEqual([
      {
        qualification: L5_QCF,
        title: "ILM Level 5 Certificate in Coaching and Mentoring in Management (QCF)",
        learners: 3,
        achieved: 1,
        readyToClaim: 1,
        pastDeadline: 0,
        dueWithin90Days: 1,
        achievementRate: 1 / 3,
      },
    ]);
  });
  it("leaves the achievement rate null (blank) when every learner of a qualification has withdrawn", () => {
    const s = figures([l(L3, { withdrawn: true }), l(L5_QCF)]);
    expect(row(s.byQualification, "qualification", L3)).toMatchObject({ learners: 0, achievementRate: null });
  });
  it("adds up to the headline", () => {
    const s = figures([qcfAchieved(), l(L3), l(L5_CERT, { registered: "2024-01-01" })], "2027-01-01");
    const sum = (key: "learners" | "achieved" | "pastDeadline") =>
      s.byQualification.reduce((n, q) => n + q[key], 0);
    expect([sum("learners"), sum("achieved"), sum("pastDeadline")]).toEqual([
      s.headline.learners,
      s.headline.achieved,
      s.headline.pastDeadline,
    ]);
  });
});

describe("summarize: by assessment", () => {
  it("lists the assessments the cohort's qualifications use, in catalogue order", () => {
    expect(figures([l(L5_CERT), l(L5_QCF)]).byAssessment.map((a) => a.assessment)).toEqual([
      "D5.01",
      "D5.02+D5.03",
      "8580-500",
      "8580-501",
      "8580-503",
    ]);
    expect(figures([l(L3), l(L7_CERT)]).byAssessment).toEqual([]);
  });
  it("counts every active learner whose qualification uses it, by the assessor's outcome", () => {
    const s = figures([
      l(L5_QCF, { assessments: { "D5.01": D501.pass } }),
      l(L5_QCF, { assessments: { "D5.01": D501.pass } }),
      l(L5_QCF, { assessments: { "D5.01": D501.referral } }),
      l(L5_QCF, { assessments: { "D5.01": D501.invalid } }),
      l(L5_QCF, { assessments: { "D5.01": D501.incomplete } }),
      l(L5_QCF),
      l(L5_QCF, { withdrawn: true, assessments: { "D5.01": D501.pass } }),
      l(L5_CERT),
    ]);
    expect(row(s.byAssessment, "assessment", "D5.01")).toEqual({
      assessment: "D5.01",
      learners: 6,
      pass: 2,
      referral: 1,
      incomplete: 2,
      invalid: 1,
      qaSampled: 0,
      qaDisagrees: 0,
      passRate: 2 / 3,
    });
  });
  it("leaves the pass rate null (blank) when there is no decision yet", () => {
    const s = figures([l(L5_QCF, { assessments: { "D5.01": D501.invalid } })]);
    expect(row(s.byAssessment, "assessment", "D5.01").passRate).toBeNull();
  });
  it("counts one assessment shared by two qualifications for the learners of both", () => {
    const s = figures([
      l(L5_CERT),
      l(L5_DIP, { assessments: { "8580-500": { criteria: allCriteria("8580-500", "P") } } }),
    ]);
    expect(row(s.byAssessment, "assessment", "8580-500")).toMatchObject({
      learners: 2,
      pass: 1,
      incomplete: 1,
    });
  });

  describe("QA sampled and QA disagrees", () => {
    const qa = (entry: AssessmentEntry) =>
      row(figures([l(L5_QCF, { assessments: { "D5.01": entry } })]).byAssessment, "assessment", "D5.01");

    it("samples a row whose QA re-mark gives the same outcome, without disagreeing", () => {
      expect(qa({ marks: [3, 25, 10, 25], qaMarks: [3, 24, 10, 25] })).toMatchObject({
        qaSampled: 1,
        qaDisagrees: 0,
      });
    });
    it("counts a disagreement when the QA re-mark gives another outcome", () => {
      expect(qa({ marks: [3, 25, 10, 25], qaMarks: [3, 25, 6, 25] })).toMatchObject({
        qaSampled: 1,
        qaDisagrees: 1,
      });
    });
    it("samples a QA re-mark that is INVALID, which differs from the assessor's PASS", () => {
      expect(qa({ marks: [3, 25, 10, 25], qaMarks: [3, 25, 10, 41] })).toMatchObject({
        qaSampled: 1,
        qaDisagrees: 1,
      });
    });
    it("does not sample a QA re-mark that is incomplete, nor one all blank", () => {
      expect(qa({ marks: [3, 25, 10, 25], qaMarks: [3, 25, null, null] })).toMatchObject({
        qaSampled: 0,
        qaDisagrees: 0,
      });
      expect(qa({ marks: [3, 25, 10, 25], qaMarks: [null, null, null, null] })).toMatchObject({
        qaSampled: 0,
      });
    });
    it("counts a QA outcome against an assessor's Incomplete (shown blank) as a disagreement", () => {
      expect(qa({ marks: [3, 25, null, 25], qaMarks: [3, 25, 10, 25] })).toMatchObject({
        qaSampled: 1,
        qaDisagrees: 1,
      });
    });
    it("samples criterion re-marks the same way", () => {
      const s = figures([
        l(L5_CERT, {
          assessments: {
            "8580-500": { criteria: allCriteria("8580-500", "P"), qaCriteria: allCriteria("8580-500", "P") },
            "8580-503": {
              criteria: allCriteria("8580-503", "P"),
              qaCriteria: { ...allCriteria("8580-503", "P"), "3.3": "R" },
            },
          },
        }),
      ]);
      expect(row(s.byAssessment, "assessment", "8580-500")).toMatchObject({ qaSampled: 1, qaDisagrees: 0 });
      expect(row(s.byAssessment, "assessment", "8580-503")).toMatchObject({ qaSampled: 1, qaDisagrees: 1 });
    });
  });
});

describe("summarize: which sections and criteria cause referrals", () => {
  it("counts marks that are numbers from 0 to the section's maximum, their mean and how many are below the minimum", () => {
    const s = figures([
      l(L5_QCF, { assessments: { "D5.01": { marks: [4, 25, 6, 25] } } }),
      l(L5_QCF, { assessments: { "D5.01": { marks: [0, 40, 16, 41] } } }),
      l(L5_QCF, { assessments: { "D5.01": { marks: [5, -1, "12", null] } } }),
      l(L5_QCF),
      l(L5_QCF, { withdrawn: true, assessments: { "D5.01": { marks: [1, 1, 1, 1] } } }),
    ]);
    expect(s.bySection.filter((x) => x.assessment === "D5.01")).toEqual([
      { assessment: "D5.01", section: "Context", marked: 2, meanMark: 2, belowMinimum: 1 },
      { assessment: "D5.01", section: "Best practice", marked: 2, meanMark: 32.5, belowMinimum: 0 },
      { assessment: "D5.01", section: "Barriers", marked: 2, meanMark: 11, belowMinimum: 1 },
      { assessment: "D5.01", section: "Business case", marked: 1, meanMark: 25, belowMinimum: 0 },
    ]);
  });
  it("lists every section of the cohort's sectioned assessments in scheme order, with no mean when nothing is marked", () => {
    const s = figures([l(L5_QCF)]);
    expect(s.bySection.map((x) => `${x.assessment} ${x.section}`)).toEqual([
      "D5.01 Context",
      "D5.01 Best practice",
      "D5.01 Barriers",
      "D5.01 Business case",
      "D5.02+D5.03 Strengths",
      "D5.02+D5.03 Sessions",
      "D5.02+D5.03 Reflections",
    ]);
    expect(s.bySection.every((x) => x.marked === 0 && x.meanMark === null && x.belowMinimum === 0)).toBe(
      true,
    );
  });
  it("counts criteria marked P or R (in any case, spaces around allowed) and those referred", () => {
    const s = figures([
      l(L5_CERT, { assessments: { "8580-500": { criteria: { "1.1": "p", "1.2": " R ", "1.3": "X" } } } }),
      l(L5_CERT, { assessments: { "8580-500": { criteria: { "1.1": "R", "1.2": "r", "1.3": null } } } }),
    ]);
    const c = s.byCriterion.filter((x) => x.assessment === "8580-500").slice(0, 4);
    expect(c).toEqual([
      { assessment: "8580-500", criterion: "1.1", marked: 2, referred: 1 },
      { assessment: "8580-500", criterion: "1.2", marked: 2, referred: 2 },
      { assessment: "8580-500", criterion: "1.3", marked: 0, referred: 0 },
      { assessment: "8580-500", criterion: "2.1", marked: 0, referred: 0 },
    ]);
    expect(s.byCriterion.map((x) => x.assessment)).toEqual([
      ...Array<string>(12).fill("8580-500"),
      ...Array<string>(10).fill("8580-501"),
      ...Array<string>(9).fill("8580-503"),
    ]);
  });
});

describe("summarize: by unit", () => {
  it("counts the unit outcomes of active learners whose qualification includes the unit, in catalogue order", () => {
    const s = figures([
      l(L5_QCF, { assessments: { "D5.01": D501.pass, "D5.02+D5.03": { marks: [20, 10, 20] } } }),
      l(L5_QCF, { assessments: { "D5.01": D501.invalid } }),
      l(L5_QCF, { withdrawn: true, assessments: { "D5.01": D501.pass } }),
      l(L3, { units: { "8587-300": "PASS", "8587-301": "REFERRAL", "8587-302": "PENDING" } }),
    ]);
    expect(s.byUnit).toEqual([
      { unit: "8587-300", pass: 1, referral: 0, pending: 0 },
      { unit: "8587-301", pass: 0, referral: 1, pending: 0 },
      { unit: "8587-302", pass: 0, referral: 0, pending: 1 },
      { unit: "8587-303", pass: 0, referral: 0, pending: 1 },
      { unit: "8587-304", pass: 0, referral: 0, pending: 1 },
      { unit: "8587-305", pass: 0, referral: 0, pending: 1 },
      { unit: "D5.01", pass: 1, referral: 0, pending: 1 },
      { unit: "D5.02", pass: 0, referral: 1, pending: 1 },
      { unit: "D5.03", pass: 0, referral: 1, pending: 1 },
    ]);
  });
});

describe("summarize: by assessor", () => {
  it("lists every name on the roster and on any entry, exactly (capitals count), trimmed, sorted", () => {
    const s = figures([
      l(L5_QCF, { assessor: "J. Doyle" }),
      l(L5_QCF, { assessor: "j. doyle" }),
      l(L5_QCF, { assessor: "  J.  Doyle " }),
      l(L5_QCF, { assessor: "J Doyle", withdrawn: true }),
      l(L5_QCF, { assessor: "   " }),
      l(L5_QCF, { assessments: { "D5.01": { ...D501.pass, assessor: "Ángela Ruiz" } } }),
      l(L3),
    ]);
    expect(s.byAssessor.map((a) => a.assessor)).toEqual(["Ángela Ruiz", "J Doyle", "j. doyle", "J. Doyle"]);
  });
  it("counts as Learners the active learners the roster assigns to the name", () => {
    const s = figures([
      l(L5_QCF, { assessor: "J. Doyle" }),
      l(L5_QCF, { assessor: "J. Doyle " }),
      l(L5_QCF, { assessor: "J. Doyle", withdrawn: true }),
      l(L5_QCF, { assessor: "A. Khan", assessments: { "D5.01": { ...D501.pass, assessor: "J. Doyle" } } }),
    ]);
    expect(row(s.byAssessor, "assessor", "J. Doyle").learners).toBe(2);
    expect(row(s.byAssessor, "assessor", "A. Khan").learners).toBe(1);
  });
  it("counts Decisions (PASS or REFERRAL) for the assessor the entry names, or else the learner's own", () => {
    const s = figures([
      l(L5_QCF, {
        assessor: "J. Doyle",
        assessments: { "D5.01": D501.pass, "D5.02+D5.03": { ...DIARY_PASS, assessor: "A. Khan" } },
      }),
      l(L5_QCF, { assessor: "J. Doyle", assessments: { "D5.01": { ...D501.referral, assessor: "  " } } }),
      l(L5_QCF, {
        assessor: "J. Doyle",
        assessments: { "D5.01": D501.invalid, "D5.02+D5.03": { marks: [1, null, null] } },
      }),
      l(L5_QCF, { assessor: "J. Doyle", withdrawn: true, assessments: { "D5.01": D501.pass } }),
      l(L5_QCF, { assessments: { "D5.01": D501.pass } }),
    ]);
    expect(s.byAssessor).toEqual([
      { assessor: "A. Khan", learners: 0, decisions: 1, pass: 1, referral: 0, qaSampled: 0, qaDisagrees: 0 },
      { assessor: "J. Doyle", learners: 3, decisions: 2, pass: 1, referral: 1, qaSampled: 0, qaDisagrees: 0 },
    ]);
  });
  it("gives an assessor named only on a mark-sheet entry a row of their own", () => {
    const s = figures([
      l(L5_QCF, {
        assessments: { "D5.01": { ...D501.referral, assessor: "Locum Assessor", qaMarks: [3, 25, 10, 25] } },
      }),
    ]);
    expect(s.byAssessor).toEqual([
      {
        assessor: "Locum Assessor",
        learners: 0,
        decisions: 1,
        pass: 0,
        referral: 1,
        qaSampled: 1,
        qaDisagrees: 1,
      },
    ]);
  });
  it("counts QA sampled and QA disagrees on the rows that name the assessor", () => {
    const s = figures([
      l(L5_QCF, {
        assessor: "J. Doyle",
        assessments: { "D5.01": { ...D501.pass, qaMarks: [3, 25, 10, 25] } },
      }),
      l(L5_QCF, {
        assessor: "J. Doyle",
        assessments: { "D5.01": { ...D501.pass, qaMarks: [3, 25, 6, 25] } },
      }),
      l(L5_QCF, {
        assessor: "J. Doyle",
        assessments: { "D5.01": { ...D501.incomplete, qaMarks: [3, 25, 10, 25] } },
      }),
    ]);
    expect(row(s.byAssessor, "assessor", "J. Doyle")).toMatchObject({
      decisions: 2,
      qaSampled: 3,
      qaDisagrees: 2,
    });
  });
  it("has no rows when no one is named", () => {
    expect(figures([l(L5_QCF, { assessments: { "D5.01": D501.pass } })]).byAssessor).toEqual([]);
  });
});

describe("summarize: its input", () => {
  it("reports the As of date it was given", () => {
    expect(figures([], "2026-12-02")).toMatchObject({
      asOf: "2026-12-02",
      byQualification: [],
      byAssessor: [],
    });
  });
  it("refuses an As of date that is no date, and an evaluation of other learners", () => {
    const cohort = { learners: [learner(L5_QCF)] };
    const evaluation = evaluateCohort(ilm, cohort as never);
    expect(() => summarize(ilm, cohort, evaluation, "2026-13-01")).toThrow(RangeError);
    expect(() => summarize(ilm, { learners: [] }, evaluation, "2026-12-01")).toThrow();
    const other = { learners: [learner(L5_QCF, { registration: "X-1" })] };
    expect(() => summarize(ilm, other, evaluation, "2026-12-01")).toThrow(/X-1/);
  });
});

describe("the parts of the definitions, one by one", () => {
  it("assessorName: TRIM's spaces (ends dropped, inner runs made one), capitals kept, blank is no one", () => {
    expect(assessorName("  J.  Doyle ")).toBe("J. Doyle");
    expect(assessorName("j. doyle")).toBe("j. doyle");
    expect(assessorName("\u00a0J. Doyle")).toBe("\u00a0J. Doyle");
    expect([assessorName("   "), assessorName(""), assessorName(undefined), assessorName("\t")]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
  it("entryAssessor: the entry's name, else the learner's own, else no one", () => {
    expect(entryAssessor({ assessor: "A. Khan" }, { assessor: "J. Doyle" })).toBe("A. Khan");
    expect(entryAssessor({ assessor: " " }, { assessor: "J. Doyle" })).toBe("J. Doyle");
    expect(entryAssessor(undefined, {})).toBeNull();
  });
  it("criterionMark: P or R in any case with spaces around; anything else is not marked", () => {
    expect(["p", " R ", "r", "X", "", null, "PR"].map(criterionMark)).toEqual([
      "P",
      "R",
      "R",
      null,
      null,
      null,
      null,
    ]);
  });
  it("countedMark: numbers from 0 to the maximum, both included", () => {
    expect([0, 4, 2.5, -0.5, 4.5, "3", null, Number.NaN].map((m) => countedMark(m, 4))).toEqual([
      0,
      4,
      2.5,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
