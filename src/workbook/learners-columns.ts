/** Columns of the Unit outcomes tab (outcomes given directly) and of the Learners tab. */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Qualification } from "../domain/catalogue/schema";
import type { Learner } from "../domain/cohort/schema";
import { numberCell, text } from "./cells";
import type { UnitCells } from "./compile";
import { compileNeeds, compileRule, creditsSum, practiceHoursNeeded } from "./compile";
import type { ColumnSpec } from "./columns";
import { WIDTH, dateEntry, formulaColumn, identityColumns, lettersOf, textEntry } from "./columns";
import { HEADERS, KEYS, directUnitKey, learnerUnitKey } from "./layout";
import type { ColumnPlan, FormulaMode } from "./plan";
import { FORMATS } from "./styles";

export function unitsColumns(units: readonly string[]): ColumnSpec[] {
  const list = {
    type: "list",
    values: ["PASS", "REFERRAL", "PENDING"],
    message: "PASS, REFERRAL or PENDING (a unit not marked on a mark sheet here).",
  } as const;
  return [
    ...identityColumns(),
    ...units.map((u): ColumnSpec => ({
      plan: {
        key: directUnitKey(u),
        header: u,
        role: "entry",
        numberFormat: FORMATS.text,
        width: 11,
        validation: list,
      },
      cell: (r) => text(r.learner?.units?.[u] ?? undefined),
    })),
  ];
}

/**
 * The Learners tab: identity, qualification, assessor, registration date and deadline, hours, each unit's outcome
 * (looked up through `sources`, formulas with `{n}` for the row), and credits, achievement, what is still needed
 * and whether the learner is ready to claim.
 */
export function learnersColumns(
  catalogue: Catalogue,
  mode: FormulaMode,
  units: readonly string[],
  sources: (unit: string) => string[],
): ColumnSpec[] {
  // Formulas find their columns by key once the column order below is known.
  let letters: ((key: string) => string) | undefined;
  const letter = (key: string) => (letters ??= lettersOf(columns))(key);
  const cellsFor = (n: number): UnitCells => ({
    ref: (u) => (units.includes(u) ? `${letter(learnerUnitKey(u))}${n}` : null),
    credits: (u) => catalogue.units.get(u)?.credits ?? 0,
  });
  const unitHeaders = () => {
    if (units.length === 0) return null;
    const first = letter(learnerUnitKey(units[0] as string));
    const last = letter(learnerUnitKey(units[units.length - 1] as string));
    return { header: `$${first}$1:$${last}$1`, row: (n: number) => `${first}${n}:${last}${n}` };
  };
  const ilmCall = (fn: string, n: number) => {
    const h = unitHeaders();
    return h ? `ILM.${fn}(${letter(KEYS.qualification)}${n},${h.header},${h.row(n)})` : null;
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
      (n, r) => {
        if (!r.qualification) return null;
        return mode === "ilm" ? ilmCall(fn, n) : portable(r.qualification, cellsFor(n));
      },
      extra,
    );
  const hours = (
    key: string,
    header: string,
    pick: (h: NonNullable<Learner["hours"]>) => number | undefined,
  ): ColumnSpec => ({
    plan: {
      key,
      header,
      role: "entry",
      numberFormat: FORMATS.hours,
      width: 10,
      validation: { type: "decimal", min: 0, max: 100000, message: "Hours, 0 or more." },
    },
    cell: (r) => numberCell(r.learner?.hours ? pick(r.learner.hours) : undefined),
  });

  const columns: ColumnSpec[] = [
    ...identityColumns(),
    {
      plan: {
        key: KEYS.qualification,
        header: HEADERS.qualification,
        role: "identity",
        numberFormat: FORMATS.text,
        width: 14,
      },
      cell: (r) => text(r.qualificationText),
    },
    textEntry(KEYS.assessor, HEADERS.assessor, WIDTH.person, (r) => r.learner?.assessor),
    dateEntry(KEYS.registered, HEADERS.registered, (r) => r.learner?.registered),
    formulaColumn(
      KEYS.deadline,
      HEADERS.deadline,
      (n, r) => {
        const q = r.qualification;
        if (!q) return null;
        const reg = `${letter(KEYS.registered)}${n}`;
        if (mode === "ilm")
          return `IF(${reg}="","",IFERROR(ILM.DEADLINE(${letter(KEYS.qualification)}${n},${reg}),""))`;
        return q.durationMonths === null ? `""` : `IF(ISNUMBER(${reg}),EDATE(${reg},${q.durationMonths}),"")`;
      },
      { numberFormat: FORMATS.date, width: WIDTH.date },
    ),
    hours(KEYS.induction, HEADERS.induction, (h) => h.induction),
    hours(KEYS.tutorial, HEADERS.tutorial, (h) => h.tutorial),
    hours(KEYS.coaching, HEADERS.coaching, (h) => h.coaching),
    ...units.map((u) =>
      formulaColumn(
        learnerUnitKey(u),
        u,
        (n, r) => {
          if (!r.qualification?.units.includes(u)) return null;
          let formula = `""`;
          for (const s of [...sources(u)].reverse()) {
            formula = `IFERROR(CHOOSE(MATCH(${s.replace(/\{n\}/g, String(n))},{"PASS","REFERRAL"},0),"PASS","REFERRAL"),${formula})`;
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
    qualificationColumn(KEYS.needs, HEADERS.needs, "NEEDS", (q, cells) => compileNeeds(q.rule, cells), {
      width: 40,
      wrap: true,
    }),
    formulaColumn(
      KEYS.ready,
      HEADERS.ready,
      (n, r) => {
        const q = r.qualification;
        if (!q) return null;
        const parts = [`${letter(KEYS.achieved)}${n}`];
        if (q.inductionHours) parts.push(`N(${letter(KEYS.induction)}${n})>=${q.inductionHours}`);
        if (q.tutorialHours) parts.push(`N(${letter(KEYS.tutorial)}${n})>=${q.tutorialHours}`);
        const practice = q.units.map((u) => ({ id: u, hours: catalogue.units.get(u)?.practiceHours ?? 0 }));
        const needed = practiceHoursNeeded(practice, cellsFor(n));
        if (needed !== "0") parts.push(`N(${letter(KEYS.coaching)}${n})>=${needed}`);
        return `AND(${parts.join(",")})`;
      },
      { width: 10 },
    ),
  ];
  return columns;
}
