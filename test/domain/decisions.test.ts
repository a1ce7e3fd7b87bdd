import fc from "fast-check";
import type { Cohort, Decision, LogEntry, Recording } from "../../src/domain";
import {
  asRecorded,
  attemptOf,
  changesSince,
  decisionsOf,
  evaluateCohort,
  lastRecorded,
  marksText,
  validateCohort,
} from "../../src/domain";
import { HOURS_ENOUGH, L5_QCF, ilm } from "./helpers";

const byCommand: Recording = { when: "2026-12-02T09:30", who: "R. Hughes", source: "ilm command" };

function decisionsFor(learners: Cohort["learners"]): Decision[] {
  const cohort: Cohort = {
    format: "ilm-cohort/1",
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learners,
  };
  const valid = validateCohort(cohort, ilm);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
  return decisionsOf(ilm, valid.value, evaluateCohort(ilm, valid.value));
}

const asha = (marks: (number | null)[]) => ({
  registration: "NF-001",
  name: "Asha Patel",
  qualification: L5_QCF,
  registered: "2026-01-12",
  assessments: { "D5.01": { marks } },
});

const find = (ds: readonly Decision[], what: string, field: string) =>
  ds.find((d) => d.what === what && d.field === field)?.value;

describe("the decisions a record holds", () => {
  it("shows an incomplete outcome as blank and keeps no marks until they decide something", () => {
    const ds = decisionsFor([asha([3, 24, null, null])]);
    expect(find(ds, "D5.01", "Outcome")).toBe("");
    expect(find(ds, "D5.01", "Marks")).toBe("");
  });

  it("keeps the marks an outcome was decided on, in section order", () => {
    const ds = decisionsFor([asha([3, 24, 9, 21])]);
    expect(find(ds, "D5.01", "Outcome")).toBe("PASS");
    expect(find(ds, "D5.01", "Marks")).toBe("3, 24, 9, 21");
  });

  it("writes criterion results with their ids", () => {
    const assessment = [...ilm.assessments.values()].find((a) => a.kind === "criteria");
    if (assessment?.kind !== "criteria") throw new Error("the ILM catalogue has a criterion assessment");
    const [first, second] = assessment.criteria.map((c) => c.id);
    if (first === undefined || second === undefined) throw new Error("it has two criteria");
    const text = marksText(assessment, { criteria: { [first]: "P", [second]: "R" } }, "REFERRAL");
    expect(text.startsWith(`${first} P, ${second} R`)).toBe(true);
  });

  it("says Achieved and Ready to claim as TRUE or FALSE for the learner's qualification", () => {
    const ds = decisionsFor([{ ...asha([3, 24, 9, 21]), hours: HOURS_ENOUGH }]);
    expect(find(ds, L5_QCF, "Achieved")).toMatch(/^(TRUE|FALSE)$/);
    expect(find(ds, L5_QCF, "Ready to claim")).toMatch(/^(TRUE|FALSE)$/);
  });
});

describe("the decision log", () => {
  it("adds nothing for a new learner with nothing decided", () => {
    const ds = decisionsFor([asha([null, null, null, null])]);
    expect(changesSince([], ds, byCommand)).toEqual([]);
  });

  it("records a PASS with blank before it, who and where", () => {
    const log = changesSince([], decisionsFor([asha([3, 24, 9, 21])]), byCommand);
    expect(log.find((e) => e.field === "Outcome")).toEqual({
      when: "2026-12-02T09:30",
      who: "R. Hughes",
      registration: "NF-001",
      learner: "Asha Patel",
      what: "D5.01",
      field: "Outcome",
      before: "",
      after: "PASS",
      source: "ilm command",
    });
  });

  it("adds nothing the second time it is brought up to date", () => {
    const ds = decisionsFor([asha([3, 24, 9, 21])]);
    const log = changesSince([], ds, byCommand);
    expect(changesSince(log, ds, byCommand)).toEqual([]);
  });

  it("keeps a referral's marks when a resubmission passes, and counts the attempt", () => {
    const first = changesSince([], decisionsFor([asha([3, 10, 9, 21])]), byCommand);
    const later = changesSince(first, decisionsFor([asha([3, 24, 9, 21])]), byCommand);
    const log = [...first, ...later];
    const outcome = later.find((e) => e.field === "Outcome");
    expect(outcome && [outcome.before, outcome.after]).toEqual(["REFERRAL", "PASS"]);
    const marks = later.find((e) => e.field === "Marks");
    expect(marks && [marks.before, marks.after]).toEqual(["3, 10, 9, 21", "3, 24, 9, 21"]);
    expect(attemptOf(first, "NF-001", "D5.01")).toBe(1);
    expect(attemptOf(log, "NF-001", "D5.01")).toBe(2);
  });

  it("reads what was last recorded from the latest entry", () => {
    const entry = (after: string): LogEntry => ({
      when: "2026-12-02T09:30",
      who: "unknown",
      registration: "NF-001",
      learner: "Asha Patel",
      what: "D5.01",
      field: "Outcome",
      before: "",
      after,
      source: "changed outside ilm",
    });
    expect([...lastRecorded([entry("REFERRAL"), entry("PASS")]).values()]).toEqual(["PASS"]);
  });
});

/** Random snapshots of one cohort's decisions: each learner, subject and field takes a value from a few. */
const snapshots = fc.array(
  fc.array(fc.constantFrom("", "PASS", "REFERRAL", "INVALID", "TRUE", "FALSE"), {
    minLength: 6,
    maxLength: 6,
  }),
  { minLength: 1, maxLength: 8 },
);
const SUBJECTS = [
  ["NF-001", "D5.01", "Outcome"],
  ["NF-001", "D5.01", "QA outcome"],
  ["NF-002", "D5.01", "Outcome"],
  ["NF-002", "D5.02", "Outcome"],
  ["NF-002", L5_QCF, "Achieved"],
  ["nf-002", L5_QCF, "Achieved"],
] as const;
const asDecisions = (values: readonly string[]): Decision[] =>
  SUBJECTS.map(([registration, what, field], i) => ({
    registration,
    learner: registration,
    what,
    field,
    value: values[i] ?? "",
  }));

describe("the decision log, for any sequence of changes", () => {
  it("ends up recording the latest value of every decision, and a second run adds none", () => {
    fc.assert(
      fc.property(snapshots, (runs) => {
        let log: LogEntry[] = [];
        for (const values of runs) {
          const before = log.slice();
          log = [...log, ...changesSince(log, asDecisions(values), byCommand)];
          expect(log.slice(0, before.length)).toEqual(before);
        }
        const latest = asDecisions(runs[runs.length - 1] ?? []);
        expect(asRecorded(log, latest)).toEqual(latest);
        expect(changesSince(log, latest, byCommand)).toEqual([]);
      }),
    );
  });

  it("adds exactly one entry for each decision that changed, with the right before and after", () => {
    fc.assert(
      fc.property(snapshots, snapshots, (a, b) => {
        const first = asDecisions(a[0] ?? []);
        const second = asDecisions(b[0] ?? []);
        const log = changesSince([], first, byCommand);
        const added = changesSince(log, second, byCommand);
        const recorded = asRecorded(log, first);
        const changed = second.filter((d, i) => d.value !== recorded[i]?.value);
        expect(added.map((e) => [e.registration, e.what, e.field, e.before, e.after])).toEqual(
          changed.map((d) => {
            const was = recorded.find(
              (r) => r.registration === d.registration && r.what === d.what && r.field === d.field,
            );
            return [d.registration, d.what, d.field, was?.value, d.value];
          }),
        );
      }),
    );
  });
});
