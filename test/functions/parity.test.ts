import fc from "fast-check";
import { builtinCatalogue } from "../../src/domain/catalogue/builtin";
import type { SectionedAssessment } from "../../src/domain/catalogue/schema";
import type { Learner } from "../../src/domain/cohort/schema";
import { evaluateCriteriaList } from "../../src/domain/engine/criteria";
import type { CriterionInput } from "../../src/domain/engine/criteria";
import { formatIsoDate, fromSerial, parseIsoDate, toSerial } from "../../src/domain/engine/dates";
import { deadline, evaluateLearner } from "../../src/domain/engine/learner";
import { sectionRulesFromLists, unitOutcomesFromLists } from "../../src/domain/engine/lists";
import type { UnitOutcome } from "../../src/domain/engine/outcomes";
import type { MarkInput, SectionedResult } from "../../src/domain/engine/sectioned";
import { evaluateSectioned, evaluateSections, sectionRules } from "../../src/domain/engine/sectioned";
import { messages } from "../../src/domain/messages";
import * as ilm from "../../src/functions/functions";
import type { Shown } from "./runtime";
import { asRange, installStubRuntime, shown } from "./runtime";

/*
 * Every function against the engine: for random arguments, what the function shows in Excel (value, or error code
 * and message) is exactly what the engine answers, mapped as docs/functions.md says.
 */

installStubRuntime();
const catalogue = builtinCatalogue();
const sectioned = [...catalogue.assessments.values()].filter(
  (a): a is SectionedAssessment => a.kind === "sectioned",
);
const unitIds = [...catalogue.units.keys()];
const qualificationIds = [...catalogue.qualifications.keys()];

const VALUE = "#VALUE!";
const NA = "#N/A";
const join = (list: readonly string[]) => list.join("; ");

const cell = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 45 }), weight: 12 },
  { arbitrary: fc.integer({ min: -3, max: 60 }), weight: 2 },
  { arbitrary: fc.double({ min: -2, max: 45, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>("", null, "  "), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 45 }).map((n) => ` ${n} `), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>("abc", "12a", "P", true, false, "1e3"), weight: 1 },
);
const limit = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 25 }), weight: 12 },
  { arbitrary: fc.constantFrom<unknown>("", null, -1, "x", "10", true), weight: 1 },
);
const column = fc.boolean();

function sectionAnswer(r: SectionedResult): Shown {
  if (r.outcome === "INVALID") return { code: VALUE, message: join(r.messages) };
  if (r.outcome === "INCOMPLETE") return { code: NA, message: join(r.messages) };
  return { value: r.outcome === "PASS" };
}

function outcomeAnswer(outcome: string, list: readonly string[]): Shown {
  if (outcome === "INVALID") return { code: VALUE, message: join(list) };
  return { value: outcome === "INCOMPLETE" ? "" : outcome };
}

/** Random section schemes: minimums, maxima above them (some blank or wrong), and marks of about the same count. */
const scheme = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    minimums: fc.array(limit, { minLength: n, maxLength: n }),
    extra: fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom<unknown>("", "y", -5)), {
      minLength: n,
      maxLength: n,
    }),
    maxima: fc.boolean(),
    marks: fc
      .array(cell, { minLength: Math.max(0, n - 1), maxLength: n + 1 })
      .chain((m) =>
        fc.oneof(
          { arbitrary: fc.constant(m), weight: 1 },
          { arbitrary: fc.array(cell, { minLength: n, maxLength: n }), weight: 4 },
        ),
      ),
    columns: fc.tuple(column, column, column),
  }),
);

function maximaOf(minimums: readonly unknown[], extra: readonly unknown[]): unknown[] {
  return minimums.map((m, i) => {
    const e = extra[i];
    return typeof m === "number" && typeof e === "number" ? m + e : e;
  });
}

describe("ILM functions give exactly the engine's answers", () => {
  test("SECTIONPASS: TRUE/FALSE/#N/A/#VALUE! as evaluateSections says for random marks, minimums and maxima", () => {
    fc.assert(
      fc.property(scheme, ({ minimums, extra, maxima, marks, columns }) => {
        const maxs = maxima ? maximaOf(minimums, extra) : null;
        const rules = sectionRulesFromLists(minimums, maxs);
        const expected: Shown = rules.ok
          ? sectionAnswer(evaluateSections(rules.value, 0, marks as MarkInput[]))
          : { code: VALUE, message: join(rules.messages) };
        const got = shown(() =>
          ilm.sectionPass(
            asRange(marks, columns[0]),
            asRange(minimums, columns[1]),
            maxs ? asRange(maxs, columns[2]) : undefined,
          ),
        );
        expect(got).toEqual(expected);
      }),
    );
  });

  test("RESULT with a catalogue id: what evaluateSectioned says for that mark scheme", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sectioned),
        fc.array(cell, { minLength: 2, maxLength: 5 }),
        column,
        (assessment, marks, col) => {
          const r = evaluateSectioned(assessment, marks as MarkInput[]);
          const expected = outcomeAnswer(r.outcome, r.messages);
          expect(shown(() => ilm.result(asRange(marks, col), [[assessment.id]]))).toEqual(expected);
        },
      ),
    );
  });

  test("RESULT with minimums, maxima and a pass total: what evaluateSections says", () => {
    fc.assert(
      fc.property(
        scheme,
        fc.option(fc.integer({ min: 0, max: 120 })),
        ({ minimums, extra, marks, columns }, total) => {
          // One cell of text that is not a number is an assessment id (the test above covers ids).
          const [only] = minimums;
          fc.pre(
            !(minimums.length === 1 && typeof only === "string" && only.trim() !== "" && isNaN(Number(only))),
          );
          const maxs = maximaOf(minimums, extra);
          const rules = sectionRulesFromLists(minimums, maxs);
          let expected: Shown;
          if (!rules.ok) expected = { code: VALUE, message: join(rules.messages) };
          else {
            const r = evaluateSections(rules.value, total ?? 0, marks as MarkInput[]);
            expected = outcomeAnswer(r.outcome, r.messages);
          }
          const got = shown(() =>
            ilm.result(
              asRange(marks, columns[0]),
              asRange(minimums, columns[1]),
              asRange(maxs, columns[2]),
              total,
            ),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  test("REFERRED: the sections evaluateSectioned refers, by the names given or by the scheme's labels", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sectioned),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        column,
        (assessment, numbers, named, col) => {
          const marks = numbers.slice(0, assessment.sections.length);
          const names = assessment.sections.map((s) => s.name);
          const r = evaluateSectioned(assessment, marks);
          const labels = named ? names : sectionRules(assessment).map((s) => s.label);
          const expected: Shown =
            r.outcome === "INVALID"
              ? { code: VALUE, message: join(r.messages) }
              : { value: r.referredSections.map((n) => labels[n - 1]).join(", ") };
          const got = shown(() =>
            ilm.referred(asRange(marks, col), [[assessment.id]], named ? asRange(names, !col) : undefined),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  test("CRITERIA: what evaluateCriteriaList says for random P/R/blank/wrong cells in any block", () => {
    const result = fc.constantFrom<unknown>("P", "R", "p", " r ", "", null, "X", 1, true);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(result),
        (rows, cols, s) => {
          const block = Array.from({ length: rows }, () =>
            Array.from({ length: cols }, () => s.next().value),
          );
          const flat = block.flat();
          const r = evaluateCriteriaList(
            flat.map((_, i) => String(i + 1)),
            flat as CriterionInput[],
          );
          expect(shown(() => ilm.criteria(block))).toEqual(outcomeAnswer(r.outcome, r.messages));
        },
      ),
    );
  });

  test("CREDITS, ACHIEVED and NEEDS: what evaluateLearner says for a learner with those unit outcomes", () => {
    const outcome = fc.constantFrom<UnitOutcome>("PASS", "REFERRAL", "PENDING");
    fc.assert(
      fc.property(
        fc.constantFrom(...qualificationIds),
        fc.uniqueArray(fc.constantFrom(...unitIds), { maxLength: unitIds.length }),
        fc.infiniteStream(outcome),
        fc.tuple(column, column),
        (qualification, units, s, cols) => {
          const outcomes = units.map(() => s.next().value);
          const learner: Learner = {
            registration: "R1",
            name: "Learner",
            qualification,
            units: Object.fromEntries(units.map((u, i) => [u, outcomes[i] as UnitOutcome])),
          };
          const e = evaluateLearner(catalogue, learner);
          const args = [qualification, asRange(units, cols[0]), asRange(outcomes, cols[1])] as const;
          expect(shown(() => ilm.creditsOf(...args))).toEqual({ value: e.credits });
          expect(shown(() => ilm.achieved(...args))).toEqual({ value: e.achieved });
          expect(shown(() => ilm.needs(...args))).toEqual({ value: e.missing.join("; ") });
        },
      ),
    );
  });

  test("CREDITS, ACHIEVED and NEEDS: #VALUE! with unitOutcomesFromLists' messages for unknown units and outcomes", () => {
    const unit = fc.oneof(fc.constantFrom(...unitIds), fc.constantFrom("D9.99", "8580-5OO", "", null));
    const outcome = fc.constantFrom<unknown>("PASS", "pass", "REFERRAL", "PENDING", "", null, "P", "done", 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...qualificationIds),
        fc.array(unit, { maxLength: 8 }),
        fc.array(outcome, { maxLength: 8 }),
        (qualification, units, outcomes) => {
          const known = unitOutcomesFromLists(catalogue, units, outcomes);
          fc.pre(!known.ok);
          const expected = { code: VALUE, message: join(known.ok ? [] : known.messages) };
          const args = [qualification, asRange(units, false), asRange(outcomes, true)] as const;
          expect(shown(() => ilm.creditsOf(...args))).toEqual(expected);
          expect(shown(() => ilm.achieved(...args))).toEqual(expected);
          expect(shown(() => ilm.needs(...args))).toEqual(expected);
        },
      ),
    );
  });

  test("DEADLINE: the serial number of deadline(), from a date cell or ISO text; #N/A where no duration is stated", () => {
    const serial = fc.integer({
      min: toSerial({ year: 1990, month: 1, day: 1 }),
      max: toSerial({ year: 2090, month: 12, day: 31 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...qualificationIds), serial, fc.boolean(), (qualification, n, asText) => {
        const iso = formatIsoDate(fromSerial(n));
        const q = catalogue.qualifications.get(qualification);
        const due = q ? deadline(q, iso) : null;
        const expected: Shown =
          due === null
            ? { code: NA, message: messages.noDuration(qualification) }
            : { value: toSerial(parseIsoDate(due) ?? fromSerial(0)) };
        expect(shown(() => ilm.deadlineOf(qualification, asText ? iso : n + 0.25))).toEqual(expected);
      }),
    );
  });

  test("UNITCREDITS and UNITTITLE: the catalogue's values; #VALUE! naming any other id", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...unitIds), fc.string({ maxLength: 8 })), (id) => {
        const unit = catalogue.units.get(id.trim());
        const unknown = { code: VALUE, message: messages.unknownUnit(id.trim()) };
        expect(shown(() => ilm.unitCredits(id))).toEqual(unit ? { value: unit.credits } : unknown);
        expect(shown(() => ilm.unitTitle(id))).toEqual(unit ? { value: unit.title } : unknown);
      }),
    );
  });

  test("unknown qualification ids give #VALUE! naming the id, for every qualification function", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (id) => {
        fc.pre(!catalogue.qualifications.has(id.trim()));
        const expected = { code: VALUE, message: messages.unknownQualification(id.trim()) };
        expect(shown(() => ilm.creditsOf(id, [["D5.01"]], [["PASS"]]))).toEqual(expected);
        expect(shown(() => ilm.achieved(id, [["D5.01"]], [["PASS"]]))).toEqual(expected);
        expect(shown(() => ilm.needs(id, [["D5.01"]], [["PASS"]]))).toEqual(expected);
        expect(shown(() => ilm.deadlineOf(id, "2026-01-12"))).toEqual(expected);
      }),
    );
  });
});
