/** Columns of the Unit outcomes tab (outcomes given directly) and of the Learners tab. */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Qualification } from "../domain/catalogue/schema";
import type { Learner } from "../domain/cohort/schema";
import { numberCell, text } from "./cells";
import type { UnitCells } from "./compile";
import { compileNeeds, compileRule, creditsSum, needsAddIn, practiceHoursNeeded } from "./compile";
import type { ColumnSpec, RowContext } from "./columns";
import { WIDTH, dateEntry, formulaColumn, identityColumns, registrationColumn, textEntry } from "./columns";
import { HEADERS, KEYS, PROGRESS, STATUS, directUnitKey, learnerUnitKey } from "./layout";
import type { ColumnPlan, FormulaMode } from "./plan";
import { FORMATS } from "./styles";
import { decimals, oneOf } from "./validations";
import { textConstant } from "./a1";
import { NOT_APPLICABLE } from "../domain/engine/lists";
import { NEEDS_MAX, NEEDS_WITHDRAWN } from "../domain/engine/needs";

export function unitsColumns(units: readonly string[]): ColumnSpec[] {
  const list = oneOf(
    ["PASS", "REFERRAL", "PENDING"],
    "PASS, REFERRAL or PENDING (a unit not marked on a mark sheet here).",
  );
  return [
    ...identityColumns(),
    ...units.map((u): ColumnSpec => ({
      kind: "entry",
      plan: {
        key: directUnitKey(u),
        header: u,
        role: "entry",
        numberFormat: FORMATS.text,
        width: 11,
        validation: list,
      },
      given: (r) => {
        const units = r.learner?.units;
        if (units === undefined) return undefined;
        return text(Object.hasOwn(units, u) ? (units[u] ?? undefined) : undefined);
      },
    })),
  ];
}

/** A unit outcome looked up on another tab, by the registration number in `registration` (an A1 reference). */
export type UnitSource = (registration: string) => string;

/**
 * The Learners tab: the roster (registration, name, status, qualification, assessor, IQA, email, registration
 * date, hours, notes: the cohort file decides these for the learners it lists), the deadline, each unit's outcome
 * (looked up through `sources`), and credits, achievement, what is still needed and whether the learner is ready
 * to claim.
 */
export function learnersColumns(
  catalogue: Catalogue,
  mode: FormulaMode,
  units: readonly string[],
  sources: (unit: string) => UnitSource[],
  /** The Dashboard's As of cell ("'Dashboard'!$A$2"): deadlines are counted from it. */
  asOf: string,
): ColumnSpec[] {
  const cellsFor = (at: RowContext): UnitCells => ({
    ref: (u) => (units.includes(u) ? `${at.col(learnerUnitKey(u))}${at.n}` : null),
    credits: (u) => catalogue.units.get(u)?.credits ?? 0,
  });
  /** Hours as a number, a blank or text as 0: IF(ISNUMBER()), not N(), which Gnumeric answers #NUM! for a blank. */
  const hoursOf = (at: RowContext, key: string) => {
    const ref = `${at.col(key)}${at.n}`;
    return `IF(ISNUMBER(${ref}),${ref},0)`;
  };
  /** The practice hours the passed units require, as a formula ("0" when none does). */
  const practiceNeeded = (q: Qualification, at: RowContext) =>
    practiceHoursNeeded(
      q.units.map((u) => ({ id: u, hours: catalogue.units.get(u)?.practiceHours ?? 0 })),
      cellsFor(at),
    );
  /** The unit columns as one range, when they are adjacent and in order (for the ILM functions). */
  const unitRange = (at: RowContext) => {
    if (units.length === 0) return null;
    const keys = units.map(learnerUnitKey);
    const letters = keys.map((k) => at.col(k));
    const index = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    if (!letters.every((l, i) => i === 0 || index(l) === index(letters[i - 1] as string) + 1)) return null;
    const first = letters[0] as string;
    const last = letters[letters.length - 1] as string;
    const header = at.headerRow;
    return { header: `$${first}$${header}:$${last}$${header}`, row: `${first}${at.n}:${last}${at.n}` };
  };
  /** A formula about the learner's qualification: the ILM function `fn`, or the portable formula. */
  const qualificationColumn = (
    key: string,
    header: string,
    fn: string,
    portable: (q: Qualification, cells: UnitCells) => string,
    extra: Partial<ColumnPlan>,
  ) =>
    formulaColumn(
      key,
      header,
      (at, r) => {
        if (!r.qualification) return null;
        const range = mode === "ilm" ? unitRange(at) : null;
        if (!range) return portable(r.qualification, cellsFor(at));
        const call = `ILM.${fn}(${at.col(KEYS.qualification)}${at.n},${range.header},${range.row})`;
        return `IFERROR(${call},${needsAddIn(call)})`;
      },
      extra,
    );
  const hours = (
    key: string,
    header: string,
    pick: (h: NonNullable<Learner["hours"]>) => number | undefined,
  ): ColumnSpec => ({
    kind: "roster",
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.hours,
      width: 10,
      validation: decimals(0, 100000, "Hours, 0 or more."),
    },
    given: (r) => {
      const h = r.learner?.hours;
      const v = h ? pick(h) : undefined;
      return v === undefined ? undefined : numberCell(v);
    },
  });

  const columns: ColumnSpec[] = [
    registrationColumn(),
    textEntry(KEYS.learner, HEADERS.learner, WIDTH.name, (r) => r.learner?.name, { kind: "roster" }),
    {
      kind: "roster",
      plan: {
        key: KEYS.status,
        header: HEADERS.status,
        role: "entry",
        numberFormat: FORMATS.text,
        width: WIDTH.status,
        validation: oneOf(
          [STATUS.active, STATUS.withdrawn],
          "Active, or Withdrawn for a learner who has left the course.",
        ),
      },
      given: (r) => (r.rosterStatus === undefined ? undefined : text(r.rosterStatus)),
      fallback: () => text(STATUS.active),
    },
    {
      ...textEntry(KEYS.qualification, HEADERS.qualification, 14, (r) => r.learner?.qualification, {
        kind: "roster",
      }),
    },
    {
      // Written by ilm from the catalogue (the workbook holds no catalogue table to look it up in), rewritten on
      // every regeneration, locked like the other columns ilm computes: never an entry.
      kind: "computed",
      plan: {
        key: KEYS.qualificationTitle,
        header: HEADERS.qualificationTitle,
        role: "identity",
        numberFormat: FORMATS.text,
        width: 36,
        wrap: true,
      },
      cell: (r) => (r.qualification ? text(r.qualification.title) : null),
    },
    textEntry(KEYS.assessor, HEADERS.assessor, WIDTH.person, (r) => r.learner?.assessor, { kind: "roster" }),
    textEntry(KEYS.iqa, HEADERS.iqa, WIDTH.person, (r) => r.learner?.iqa, { kind: "roster" }),
    dateEntry(KEYS.registered, HEADERS.registered, (r) => r.learner?.registered, "roster"),
    formulaColumn(
      KEYS.deadline,
      HEADERS.deadline,
      (at, r) => {
        const q = r.qualification;
        if (!q) return null;
        const reg = `${at.col(KEYS.registered)}${at.n}`;
        if (mode === "ilm") {
          const call = `ILM.DEADLINE(${at.col(KEYS.qualification)}${at.n},${reg})`;
          return `IF(${reg}="","",IFERROR(${call},${needsAddIn(call, '""')}))`;
        }
        return q.durationMonths === null ? `""` : `IF(ISNUMBER(${reg}),EDATE(${reg},${q.durationMonths}),"")`;
      },
      { numberFormat: FORMATS.date, width: WIDTH.date },
    ),
    formulaColumn(
      KEYS.daysLeft,
      HEADERS.daysLeft,
      (at, r) => {
        if (!r.qualification) return null;
        const deadline = `${at.col(KEYS.deadline)}${at.n}`;
        return `IF(ISNUMBER(${deadline}),${deadline}-${asOf},"")`;
      },
      { numberFormat: "0", width: 9 },
    ),
    formulaColumn(
      KEYS.progress,
      HEADERS.progress,
      (at, r) => {
        if (!r.qualification) return null;
        const d = `${at.col(KEYS.deadline)}${at.n}`;
        const status = `${at.col(KEYS.status)}${at.n}`;
        const achieved = `${at.col(KEYS.achieved)}${at.n}`;
        const due = `IF(${d}<${asOf},"${PROGRESS.overdue}",IF(${d}<=${asOf}+90,"${PROGRESS.dueSoon}","${PROGRESS.onTrack}"))`;
        return (
          `IF(${status}="${STATUS.withdrawn}","${PROGRESS.withdrawn}",IF(${achieved}=TRUE,"${PROGRESS.achieved}",` +
          `IF(ISNUMBER(${d}),${due},"${PROGRESS.onTrack}")))`
        );
      },
      { width: 11 },
    ),
    hours(KEYS.induction, HEADERS.induction, (h) => h.induction),
    hours(KEYS.tutorial, HEADERS.tutorial, (h) => h.tutorial),
    hours(KEYS.coaching, HEADERS.coaching, (h) => h.coaching),
    ...units.map((u) =>
      formulaColumn(
        learnerUnitKey(u),
        u,
        (at, r) => {
          if (!r.qualification) return null;
          // A unit outside the learner's qualification: not applicable, never a blank that looks pending.
          if (!r.qualification.units.includes(u)) return textConstant(NOT_APPLICABLE);
          const registration = `$${at.col(KEYS.registration)}${at.n}`;
          let formula = `""`;
          for (const s of [...sources(u)].reverse()) {
            formula = `IFERROR(CHOOSE(MATCH(${s(registration)},{"PASS","REFERRAL"},0),"PASS","REFERRAL"),${formula})`;
          }
          return formula;
        },
        { width: 10 },
      ),
    ),
    qualificationColumn(KEYS.credits, HEADERS.credits, "CREDITS", (q, cells) => creditsSum(q.units, cells), {
      width: 8,
      numberFormat: "0",
    }),
    qualificationColumn(
      KEYS.achieved,
      HEADERS.achieved,
      "ACHIEVED",
      (q, cells) => compileRule(q.rule, cells),
      {
        width: 10,
      },
    ),
    formulaColumn(
      KEYS.needs,
      HEADERS.needs,
      (at, r) => {
        const q = r.qualification;
        if (!q) return null;
        // Why the learner is not ready to claim (the engine's `needs`, word for word): withdrawn, the units the
        // rules of combination still need, then every hour that is short ("coaching 82 of 100 h").
        const range = mode === "ilm" ? unitRange(at) : null;
        const call = range
          ? `ILM.NEEDS(${at.col(KEYS.qualification)}${at.n},${range.header},${range.row})`
          : null;
        const rules = call ? `IFERROR(${call},${needsAddIn(call)})` : compileNeeds(q.rule, cellsFor(at));
        const short = (key: string, label: string, need: string) => {
          const h = hoursOf(at, key);
          return `IF(${h}<${need},"; ${label} "&${h}&" of "&${need}&" h","")`;
        };
        const parts = [
          `IF(${at.col(KEYS.status)}${at.n}="${STATUS.withdrawn}",${textConstant(`; ${NEEDS_WITHDRAWN}`)},"")`,
          `IF(${at.col(KEYS.achieved)}${at.n}=TRUE,"","; "&${rules})`,
          ...(q.inductionHours ? [short(KEYS.induction, "induction", String(q.inductionHours))] : []),
          ...(q.tutorialHours ? [short(KEYS.tutorial, "tutorial", String(q.tutorialHours))] : []),
        ];
        const needed = practiceNeeded(q, at);
        if (needed !== "0") parts.push(short(KEYS.coaching, "coaching", needed));
        return `MID(${parts.join("&")},3,${NEEDS_MAX})`;
      },
      { width: 40, wrap: true },
    ),
    formulaColumn(
      KEYS.ready,
      HEADERS.ready,
      (at, r) => {
        const q = r.qualification;
        if (!q) return null;
        const parts = [
          `${at.col(KEYS.status)}${at.n}<>"${STATUS.withdrawn}"`,
          `${at.col(KEYS.achieved)}${at.n}`,
        ];
        if (q.inductionHours) parts.push(`${hoursOf(at, KEYS.induction)}>=${q.inductionHours}`);
        if (q.tutorialHours) parts.push(`${hoursOf(at, KEYS.tutorial)}>=${q.tutorialHours}`);
        const needed = practiceNeeded(q, at);
        if (needed !== "0") parts.push(`${hoursOf(at, KEYS.coaching)}>=${needed}`);
        return `AND(${parts.join(",")})`;
      },
      { width: 10 },
    ),
    textEntry(KEYS.email, HEADERS.email, 24, (r) => r.learner?.email, { kind: "roster" }),
    textEntry(KEYS.notes, HEADERS.notes, WIDTH.comment, (r) => r.learner?.notes, {
      kind: "roster",
      wrap: true,
    }),
  ];
  return columns;
}
