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
 * and message) is exactly what the engine answers, mapped as docs/functions.md says. Blank cells arrive as "", as
 * null or as 0 (some Excel desktop builds), chosen at random; the marks' functions are given `blanks`
 * (COUNTBLANK of the range, as the generated formulas give it) always when blanks arrive as 0, at random otherwise.
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

/** A blank cell, sent as the host sends it (see `sent`); the engine reads it as null. */
const BLANK = Symbol("blank");
/** How a host sends a blank cell: "" or null (Excel on the web, current builds), or 0 (some desktop builds). */
const arrival = fc.constantFrom<unknown>("", null, 0);
/** Whether a call gives `blanks` when blanks do not arrive as 0 (a hand-typed call leaves it out). */
const giveCount = fc.boolean();

/** The cells as the host sends them. */
function sent(list: readonly unknown[], blank: unknown): unknown[] {
  return list.map((c) => (c === BLANK ? blank : c));
}
/** The cells as the engine reads them: a blank is null. */
function read(list: readonly unknown[]): unknown[] {
  return list.map((c) => (c === BLANK ? null : c));
}
/** The `blanks` argument: COUNTBLANK of the range, or left out. */
function blanksOf(list: readonly unknown[], blank: unknown, give: boolean): number | undefined {
  return blank === 0 || give ? list.filter((c) => c === BLANK).length : undefined;
}

const cell = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 45 }), weight: 12 },
  { arbitrary: fc.integer({ min: -3, max: 60 }), weight: 2 },
  { arbitrary: fc.double({ min: -2, max: 45, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constant<unknown>(BLANK), weight: 2 },
  { arbitrary: fc.constant<unknown>("  "), weight: 1 },
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
      fc.property(scheme, arrival, giveCount, ({ minimums, extra, maxima, marks, columns }, blank, give) => {
        const maxs = maxima ? maximaOf(minimums, extra) : null;
        const rules = sectionRulesFromLists(minimums, maxs);
        const expected: Shown = rules.ok
          ? sectionAnswer(evaluateSections(rules.value, 0, read(marks) as MarkInput[]))
          : { code: VALUE, message: join(rules.messages) };
        const got = shown(() =>
          ilm.sectionPass(
            asRange(sent(marks, blank), columns[0]),
            asRange(minimums, columns[1]),
            maxs ? asRange(maxs, columns[2]) : undefined,
            blanksOf(marks, blank, give),
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
        arrival,
        giveCount,
        // Left out (null), given as "" (as generated formulas do), or an empty argument a build sends as 0.
        fc.constantFrom<unknown>(null, "", 0),
        (assessment, marks, col, blank, give, empty) => {
          const r = evaluateSectioned(assessment, read(marks) as MarkInput[]);
          const expected = outcomeAnswer(r.outcome, r.messages);
          const got = shown(() =>
            ilm.result(
              asRange(sent(marks, blank), col),
              [[assessment.id]],
              empty === null ? undefined : [[empty]],
              empty,
              blanksOf(marks, blank, give),
            ),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  test("RESULT with minimums, maxima and a pass total: what evaluateSections says", () => {
    fc.assert(
      fc.property(
        scheme,
        fc.option(fc.integer({ min: 0, max: 120 })),
        arrival,
        giveCount,
        ({ minimums, extra, marks, columns }, total, blank, give) => {
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
            const r = evaluateSections(rules.value, total ?? 0, read(marks) as MarkInput[]);
            expected = outcomeAnswer(r.outcome, r.messages);
          }
          const got = shown(() =>
            ilm.result(
              asRange(sent(marks, blank), columns[0]),
              asRange(minimums, columns[1]),
              asRange(maxs, columns[2]),
              total,
              blanksOf(marks, blank, give),
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
        fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 6 }, fc.constant(BLANK)), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        column,
        arrival,
        giveCount,
        (assessment, cells, blankNames, named, col, blank, give) => {
          const marks = cells.slice(0, assessment.sections.length);
          // Some names are blank cells: those sections are called by their labels.
          const names = assessment.sections.map((s, i) => (blankNames[i] ? BLANK : s.name));
          const r = evaluateSectioned(assessment, read(marks) as MarkInput[]);
          const label = (n: number) => sectionRules(assessment)[n - 1]?.label;
          const nameOf = (n: number) => (named && names[n - 1] !== BLANK ? names[n - 1] : label(n));
          const expected: Shown =
            r.outcome === "INVALID"
              ? { code: VALUE, message: join(r.messages) }
              : { value: r.referredSections.map(nameOf).join(", ") };
          const got = shown(() =>
            ilm.referred(
              asRange(sent(marks, blank), col),
              [[assessment.id]],
              named ? asRange(sent(names, blank), !col) : undefined,
              blanksOf(marks, blank, give),
            ),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  test("CRITERIA: what evaluateCriteriaList says for random P/R/blank/wrong cells in any block", () => {
    const result = fc.constantFrom<unknown>("P", "R", "p", " r ", BLANK, BLANK, "X", 1, 0, true);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(result),
        arrival,
        giveCount,
        (rows, cols, s, blank, give) => {
          const block = Array.from({ length: rows }, () =>
            Array.from({ length: cols }, () => s.next().value),
          );
          const flat = block.flat();
          // Where blanks arrive as 0, a typed 0 is told from a blank only by the count: which 0 an error names
          // is pinned by an example in blanks.test.ts.
          fc.pre(!(blank === 0 && flat.includes(0) && flat.includes(BLANK)));
          const r = evaluateCriteriaList(
            flat.map((_, i) => String(i + 1)),
            read(flat) as CriterionInput[],
          );
          const sentBlock = block.map((row) => sent(row, blank));
          expect(shown(() => ilm.criteria(sentBlock, blanksOf(flat, blank, give)))).toEqual(
            outcomeAnswer(r.outcome, r.messages),
          );
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
    const unit = fc.oneof(fc.constantFrom(...unitIds), fc.constantFrom<unknown>("D9.99", "8580-5OO", BLANK));
    const outcome = fc.constantFrom<unknown>("PASS", "pass", "REFERRAL", "PENDING", BLANK, "P", "done", 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...qualificationIds),
        fc.array(unit, { maxLength: 8 }),
        fc.array(outcome, { maxLength: 8 }),
        arrival,
        (qualification, units, outcomes, blank) => {
          const known = unitOutcomesFromLists(catalogue, read(units), read(outcomes));
          fc.pre(!known.ok);
          const expected = { code: VALUE, message: join(known.ok ? [] : known.messages) };
          const args = [
            qualification,
            asRange(sent(units, blank), false),
            asRange(sent(outcomes, blank), true),
          ] as const;
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

  test("DEADLINE: #N/A 'registration date is blank' for a blank date, whether it arrives as \"\", null or 0", () => {
    fc.assert(
      fc.property(fc.constantFrom(...qualificationIds), arrival, (qualification, blank) => {
        expect(shown(() => ilm.deadlineOf(qualification, blank))).toEqual({
          code: NA,
          message: messages.dateBlank("registration date"),
        });
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
