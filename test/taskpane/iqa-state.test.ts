import type { IqaSample, IqaSampleRow } from "../../src/app/port";
import type { LogEntry } from "../../src/domain/decisions/log";
import { SAMPLING_PRESETS } from "../../src/domain/sampling";
import { knownAssessors } from "../../src/taskpane/iqa/assessors";
import { decisionErrors, decisionInput, decisionValues } from "../../src/taskpane/iqa/decisionForm";
import { filterLog, logFields } from "../../src/taskpane/iqa/logFilter";
import { decisionText, sampleStanding } from "../../src/taskpane/iqa/sampleView";
import {
  BLANK_STRATEGY,
  checkStrategy,
  presetMatching,
  strategyDocument,
  strategyValues,
} from "../../src/taskpane/iqa/strategyForm";
import { setUpState } from "./testPort";

const older = SAMPLING_PRESETS[0]?.strategy;
if (!older) throw new Error("no presets");

describe("the IQA tab's strategy form", () => {
  it("gives back every preset's strategy exactly", () => {
    for (const preset of SAMPLING_PRESETS) {
      const values = strategyValues(preset.strategy);
      expect(checkStrategy(values)).toEqual({ strategy: preset.strategy, errors: {}, general: [] });
      expect(presetMatching(values, SAMPLING_PRESETS)).toBe(preset);
    }
  });

  it("says what each blank field needs, by field, with no default filled in", () => {
    const check = checkStrategy(BLANK_STRATEGY);
    expect(check.strategy).toBeNull();
    expect(Object.keys(check.errors).sort()).toEqual(
      [
        "markTolerance",
        "minimumPercent",
        "newAssessorPercent",
        "perAssessorAssessment",
        "referrals",
        "stage",
      ].sort(),
    );
    expect(check.errors.minimumPercent).toMatch(
      /^Minimum % of each assessor's rows is missing: give a percentage/,
    );
    expect(check.general).toEqual([]);
  });

  it("checks figures as typed: out of range, not a number, a fraction where a count is asked, a referral share", () => {
    const values = {
      ...strategyValues(older),
      minimumPercent: "120",
      perAssessorAssessment: "1.5",
      markTolerance: "two",
      referrals: "percent" as const,
      referralsPercent: "",
      newAssessorPercent: "50%",
    };
    const check = checkStrategy(values);
    expect(check.errors.minimumPercent).toBe(
      "Minimum % of each assessor's rows must be a percentage from 0 to 100, not 120",
    );
    expect(check.errors.perAssessorAssessment).toMatch(
      /^Rows per assessor and assessment must be a whole number/,
    );
    expect(check.errors.markTolerance).toMatch(/^Mark tolerance must be a number from 0 up, not "two"/);
    expect(check.errors.referralsPercent).toBe(
      "% of each assessor's referrals is missing: give a percentage from 0 to 100",
    );
    expect(check.errors.referrals).toBeUndefined();
    expect(checkStrategy({ ...values, referralsPercent: "150" }).errors.referralsPercent).toBe(
      "% of each assessor's referrals must be a percentage from 0 to 100, not 150",
    );
    expect(check.errors.newAssessorPercent).toBeUndefined();
    expect(strategyDocument(values).newAssessorPercent).toBe(50);
  });

  it("keeps new assessors' names as mark sheets show them", () => {
    const values = strategyValues({ ...older, newAssessors: ["  D.  Price "] });
    expect(values.newAssessors).toEqual(["D. Price"]);
    expect(checkStrategy(values).strategy?.newAssessors).toEqual(["D. Price"]);
  });

  it("offers the assessors the workbook knows, once each, in name order", () => {
    const state = setUpState([
      { registration: "NF-001", name: "Asha", qualification: "500/3564/2", assessor: "T.  Obi" },
      {
        registration: "NF-002",
        name: "Ben",
        qualification: "500/3564/2",
        assessments: { "D5.01": { assessor: "A. Khan" } },
      },
    ]);
    expect(knownAssessors(state, ["R. Hughes ", "D. Price"])).toEqual([
      "A. Khan",
      "D. Price",
      "R. Hughes",
      "S. Okafor",
      "T. Obi",
    ]);
  });
});

function row(over: Partial<IqaSampleRow>): IqaSampleRow {
  return {
    registration: "NF-001",
    learner: "Asha Patel",
    assessment: "D5.01",
    assessor: "R. Hughes",
    outcome: "PASS",
    qaOutcome: null,
    marked: true,
    sampled: true,
    disagrees: false,
    reasons: ["minimum 10%"],
    place: { sheet: "D5.01 Assignment", cell: "T2" },
    ...over,
  };
}

function sampleOf(rows: IqaSampleRow[], drawn = 0, compliant = true): IqaSample {
  return {
    strategy: older as NonNullable<typeof older>,
    seed: "s",
    seedFrom: "workbook",
    unreadable: [],
    draw: {
      seed: "s",
      sample: rows,
      drawn,
      compliant,
      coverage: [
        {
          assessor: "R. Hughes",
          assessment: "D5.01",
          eligible: 6,
          required: 1,
          sampled: rows.length,
          qaDone: rows.length,
          disagreements: 0,
          compliant,
        },
      ],
      assessors: [
        {
          assessor: "R. Hughes",
          newAssessor: false,
          eligible: 6,
          percent: 10,
          required: 1,
          sampled: rows.length,
          qaDone: rows.length,
          referrals: 0,
          referralsRequired: 0,
          referralsSampled: 0,
          compliant,
        },
      ],
    },
  };
}

describe("where the IQA sample stands", () => {
  it("counts the recorded rows not re-marked yet, and says Compliant once none is left", () => {
    const waiting = sampleOf([row({}), row({ registration: "NF-002", qaOutcome: "INCOMPLETE" })]);
    expect(sampleStanding(waiting)).toMatchObject({
      toRemark: 2,
      summary: "2 rows to re-mark",
      compliant: false,
    });

    const done = sampleOf([row({ qaOutcome: "PASS" })]);
    expect(sampleStanding(done)).toMatchObject({ toRemark: 0, summary: "Compliant", compliant: true });
  });

  it("says how many rows are still to draw, and hides the tables until they are", () => {
    const planned = sampleOf([row({}), row({ registration: "NF-002", sampled: false })], 1, true);
    expect(sampleStanding(planned)).toMatchObject({
      recorded: [expect.objectContaining({ registration: "NF-001" })],
      toDraw: 1,
      tablesShown: false,
      summary: "1 row still to draw: Top up sample records them.",
    });
  });

  it("words the decision so far", () => {
    expect(decisionText(row({}))).toBeNull();
    expect(decisionText(row({ decision: "Agree" }))).toBe("IQA decision: Agree");
    expect(decisionText(row({ decision: "Action required", action: "Redo", due: "2026-03-16" }))).toBe(
      "IQA decision: Action required (Redo, due 2026-03-16)",
    );
  });
});

describe("a sampled row's decision form", () => {
  it("needs a decision, and an action with Action required; sends only what is given", () => {
    const r = row({});
    const blank = decisionValues(r);
    expect(decisionErrors(blank)).toEqual({ decision: "Choose Agree or Action required." });
    expect(decisionInput(r, blank)).toBeNull();
    const action = { ...blank, decision: "Action required" as const, action: "  " };
    expect(decisionErrors(action)).toEqual({ action: "Say what the assessor is to do." });
    expect(decisionInput(r, { ...action, action: " Redo ", due: "2026-03-16" })).toEqual({
      registration: "NF-001",
      assessment: "D5.01",
      decision: "Action required",
      action: "Redo",
      due: "2026-03-16",
    });
  });
});

describe("the Decision log viewer's filter", () => {
  const entry = (over: Partial<LogEntry>): LogEntry => ({
    when: "2026-03-01T10:00",
    who: "Priya Shah",
    registration: "NF-001",
    learner: "Asha Patel",
    what: "D5.01",
    field: "Outcome",
    before: "",
    after: "PASS",
    source: "task pane",
    ...over,
  });
  const log = [
    entry({}),
    entry({ when: "2026-03-02T09:00", registration: "NF-002", learner: "Ben Jones", field: "Marks" }),
    entry({ when: "2026-03-02T09:00", registration: "NF-002", learner: "Ben Jones" }),
    entry({ when: "2026-02-01T08:00", what: "D5.02+D5.03" }),
  ];

  it("lists newest first (the later of one minute's rows first)", () => {
    expect(filterLog(log, { text: "", field: "" })).toEqual([log[2], log[1], log[0], log[3]]);
  });

  it("matches the text in the registration, the learner or the assessment, and the field", () => {
    expect(filterLog(log, { text: "ben", field: "" })).toEqual([log[2], log[1]]);
    expect(filterLog(log, { text: " nf-002 ", field: "Marks" })).toEqual([log[1]]);
    expect(filterLog(log, { text: "d5.02", field: "" })).toEqual([log[3]]);
    expect(logFields(log)).toEqual(["Outcome", "Marks"]);
  });
});
