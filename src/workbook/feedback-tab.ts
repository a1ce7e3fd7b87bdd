/**
 * The Feedback tab: one learner's assessment in the layout of the ILM mark sheet (seed 004, Appendix B), chosen
 * from two drop-downs (registration number, assessment) and filled by formulas from the learner's row on that
 * assessment's mark sheet. One layout shows every assessment of the workbook: a fixed number of section or
 * criterion rows (the most any of them has), whose labels, maxima and minima come from CHOOSE over the chosen
 * assessment's place in the list; rows beyond an assessment's parts are blank. Only functions every host computes
 * (INDEX, MATCH, CHOOSE, IF, IFERROR, ISNUMBER): no dynamic arrays. Lookups are exact: MATCH finds a candidate
 * row, and the row counts only when the cell found equals the choice (MATCH treats * ? ~ as wildcards; "="
 * does not).
 */

import type { Catalogue } from "../domain/catalogue/catalogue";
import type { Assessment } from "../domain/catalogue/schema";
import { sheetRef, textConstant } from "./a1";
import type { SourceTable } from "./stacked-tables";
import { KEYS, STATUS, criterionKey, qaCriterionKey, qaSectionKey, sectionKey } from "./layout";
import type { Cell, ColumnPlan, SheetPlan, TablePlan, WorkbookPlan } from "./plan";
import { tablesOf } from "./plan";
import { FORMATS } from "./styles";
import { oneOfRange } from "./validations";

export const FEEDBACK_SHEET = "Feedback";

/** The tables of the Feedback tab, by name; kept stable (the settings record them). */
export const FEEDBACK_TABLES = {
  choice: "Feedback_Choice",
  details: "Feedback_Details",
  marks: "Feedback_Marks",
  result: "Feedback_Result",
  comments: "Feedback_Comments",
  signOff: "Feedback_SignOff",
} as const;

/** The rule a mark sheet prints, in the words of seed 004's mark sheets. */
export function markSheetRule(assessment: Assessment): string {
  if (assessment.kind === "sectioned")
    return `Total ${assessment.passTotal}+ overall, AND minimum in each section gives PASS, otherwise REFERRAL. Section referral if applicable.`;
  return "Every assessment criterion evidenced (P) gives PASS; any criterion marked R gives REFERRAL.";
}

export interface FeedbackTabInput {
  readonly catalogue: Catalogue;
  /** The tab's name (a person's tab may have taken "Feedback"). */
  readonly sheet: string;
  readonly centre: { readonly number: string; readonly name: string };
  readonly cohort: string;
  readonly learners: SourceTable;
  /** The workbook's mark sheets, in the order of `assessmentList`. */
  readonly markSheets: readonly { readonly assessment: Assessment; readonly table: SourceTable }[];
  /** The range listing the assessments' ids, one a row, in the order of `markSheets` ("'Dashboard'!$A$20:$A$25"). */
  readonly assessmentList: string;
  /** The choices to write: what the drop-down cells hold (kept), or the first learner and assessment. */
  readonly choice: { readonly registration: Cell; readonly assessment: Cell };
}

/** The sheet columns' widths (characters): every table of the tab uses the same, so both adapters agree. */
const WIDTHS = [14, 48, 12, 7, 9, 8, 9] as const;

/** Points per line of 11 pt text; lines each comment box has (the rest is in the mark sheet). */
const LINE = 15;
const COMMENT_LINES = 3;

/** Lines a text takes wrapped at word boundaries in a column `width` characters wide (a close estimate). */
function linesOf(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need > width && used > 0) {
      lines += Math.ceil(word.length / width);
      used = word.length % width;
    } else used = need;
  }
  return lines;
}

/** The choice cells and the learner's row, absolute. */
const CHOSEN_REGISTRATION = "$A$2";
const CHOSEN_ASSESSMENT = "$C$2";
const CHOSEN_ROW = "$D$2";

/** What a cell of the tab shows, for its formula and for its cached value alike. */
type Field =
  | { readonly k: "text"; readonly v: string }
  | { readonly k: "blank" }
  /** The learner's name, or a plain message when a choice is not usable. */
  | { readonly k: "learner" }
  /** The sheet row of the learner's entries on the chosen mark sheet; "" when there is none. */
  | { readonly k: "row" }
  /** The learner's qualification (Learners tab) and its title. */
  | { readonly k: "qualification" }
  /** A constant of the chosen assessment (a label, a maximum, the rule). */
  | { readonly k: "constant"; readonly v: (a: Assessment) => string | number }
  /** A cell of the learner's row on the chosen mark sheet, by column key ("" when the sheet has no such column). */
  | {
      readonly k: "entry";
      readonly key: (a: Assessment) => string | undefined;
      /** "text" shows it as text (names, comments); "value" as it is (marks, dates, totals). */
      readonly as: "text" | "value";
    }
  /** "Referred" on a marks row whose section is below its minimum, or whose criterion is R, on a REFERRAL. */
  | { readonly k: "referred"; readonly row: number };

interface Block {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Field[])[];
  /** Columns that are entries (the two choices). */
  readonly entries?: readonly number[];
  readonly formats?: Readonly<Record<number, string>>;
  readonly wrap?: readonly number[];
  /** Lines each row has at least (a comment box, a signature). */
  readonly minLines?: readonly number[];
}

/** The most sections or criteria any of the assessments has: the marks table's rows. */
function partsOf(a: Assessment): number {
  return a.kind === "sectioned" ? a.sections.length : a.criteria.length;
}

/** The blocks of the tab, top to bottom, each a table with one blank row between. */
function blocks(assessments: readonly Assessment[]): Block[] {
  const most = Math.max(1, ...assessments.map(partsOf));
  const t = (v: string): Field => ({ k: "text", v });
  /** A value per assessment for the marks table's row i: its section's, its criterion's, or `none` beyond them. */
  const part =
    <T>(
      i: number,
      section: (a: Assessment & { kind: "sectioned" }, n: number) => T,
      criterion: (a: Assessment & { kind: "criteria" }, id: string, text: string) => T,
      none: T,
    ) =>
    (a: Assessment): T => {
      if (a.kind === "sectioned") return i < a.sections.length ? section(a, i) : none;
      const c = a.criteria[i];
      return c ? criterion(a, c.id, c.text ?? "") : none;
    };
  const marksRows: Field[][] = [];
  for (let i = 0; i < most; i++) {
    marksRows.push([
      {
        k: "constant",
        v: part(
          i,
          (_a, n) => String(n + 1),
          (_a, id) => id,
          "",
        ),
      },
      {
        k: "constant",
        v: part(
          i,
          (a, n) => a.sections[n]?.name ?? "",
          (_a, _id, text) => text,
          "",
        ),
      },
      {
        k: "constant",
        v: part<string | number>(
          i,
          (a, n) => a.sections[n]?.max ?? "",
          () => "",
          "",
        ),
      },
      {
        k: "constant",
        v: part<string | number>(
          i,
          (a, n) => a.sections[n]?.min ?? "",
          () => "",
          "",
        ),
      },
      {
        k: "entry",
        key: part<string | undefined>(
          i,
          (a, n) => sectionKey(a.id, n),
          (a, id) => criterionKey(a.id, id),
          undefined,
        ),
        as: "value",
      },
      {
        k: "entry",
        key: part<string | undefined>(
          i,
          (a, n) => qaSectionKey(a.id, n),
          (a, id) => qaCriterionKey(a.id, id),
          undefined,
        ),
        as: "value",
      },
      { k: "referred", row: i },
    ]);
  }
  return [
    {
      name: FEEDBACK_TABLES.choice,
      headers: ["Registration No", "Learner", "Assessment", "Row"],
      rows: [[t(""), { k: "learner" }, t(""), { k: "row" }]],
      entries: [0, 2],
      formats: { 0: FORMATS.text, 2: FORMATS.text },
      wrap: [1],
    },
    {
      name: FEEDBACK_TABLES.details,
      headers: ["Mark sheet", "Details"],
      rows: [
        [t("Centre"), t("")],
        [t("Cohort"), t("")],
        [t("Qualification"), { k: "qualification" }],
        [t("Assessment"), { k: "constant", v: (a) => `${a.id} ${a.title}` }],
        [t("Units"), { k: "constant", v: (a) => a.units.join(", ") }],
        [t("Date submitted"), { k: "entry", key: () => KEYS.submitted, as: "value" }],
        [t("Rule"), { k: "constant", v: markSheetRule }],
      ],
      formats: { 1: FORMATS.date },
      wrap: [1],
    },
    {
      name: FEEDBACK_TABLES.marks,
      headers: ["No.", "Section or criterion", "Max", "Min", "Assr mark", "QA mark", "Referred"],
      rows: marksRows,
      wrap: [1],
    },
    {
      name: FEEDBACK_TABLES.result,
      headers: ["Result", "Assessor", "QA"],
      rows: [
        [
          t("Total"),
          { k: "entry", key: (a) => (a.kind === "sectioned" ? KEYS.total : undefined), as: "value" },
          { k: "entry", key: (a) => (a.kind === "sectioned" ? KEYS.qaTotal : undefined), as: "value" },
        ],
        [
          t("Outcome"),
          { k: "entry", key: () => KEYS.outcome, as: "text" },
          { k: "entry", key: () => KEYS.qaOutcome, as: "text" },
        ],
        [t("Section referral"), { k: "entry", key: () => KEYS.referred, as: "text" }, { k: "blank" }],
      ],
      wrap: [1],
      minLines: [1, 1, 2],
    },
    {
      name: FEEDBACK_TABLES.comments,
      headers: ["Comments", "Text"],
      rows: [
        [t("Strengths"), { k: "entry", key: () => KEYS.strengths, as: "text" }],
        [t("Areas for improvement"), { k: "entry", key: () => KEYS.improvements, as: "text" }],
      ],
      wrap: [0, 1],
      minLines: [COMMENT_LINES, COMMENT_LINES],
    },
    {
      name: FEEDBACK_TABLES.signOff,
      headers: ["Sign-off", "Name", "Date"],
      rows: [
        [
          t("Assessor"),
          { k: "entry", key: () => KEYS.assessor, as: "text" },
          { k: "entry", key: () => KEYS.assessed, as: "value" },
        ],
        [
          t("IQA"),
          { k: "entry", key: () => KEYS.iqa, as: "text" },
          { k: "entry", key: () => KEYS.iqaChecked, as: "value" },
        ],
        [
          t("External verifier signature"),
          { k: "blank" },
          { k: "entry", key: () => KEYS.externallyVerified, as: "value" },
        ],
        [t("Standardisation opt-out"), { k: "entry", key: () => KEYS.optOut, as: "text" }, { k: "blank" }],
      ],
      formats: { 2: FORMATS.date },
      wrap: [0],
      minLines: [1, 1, 2, 1],
    },
  ];
}

/** `'Sheet'!$X$2:$X$41`: a column of a table's data rows. */
function rangeOf(t: SourceTable, key: string): string {
  const l = t.letter(key);
  return `${sheetRef(t.sheet)}!$${l}$${t.firstRow}:$${l}$${t.lastRow}`;
}

const constant = (v: string | number) => (typeof v === "number" ? String(v) : textConstant(v));

/** The plain messages the Learner cell shows for a choice that is not usable. */
export const CHOICE_MESSAGES = {
  noLearner: "Choose a learner: a registration number from the drop-down list.",
  unknownLearner: "Not a learner on the Learners tab: choose a registration number from the drop-down list.",
  noAssessment: "Choose an assessment from the drop-down list.",
  unknownAssessment: "Not an assessment of this workbook: choose one from the drop-down list.",
  noRow: "This learner has no row on this assessment's mark sheet: their qualification does not use it.",
} as const;

/** The formulas of the tab's fields, over the workbook's tables. */
function formulas(input: FeedbackTabInput, outcomeCell: string, marksFirstRow: number) {
  const L = input.learners;
  const regs = rangeOf(L, KEYS.registration);
  const lp = `MATCH(${CHOSEN_REGISTRATION},${regs},0)`;
  const learnerOk = `AND(${CHOSEN_REGISTRATION}<>"",IFERROR(INDEX(${regs},${lp})=${CHOSEN_REGISTRATION},FALSE))`;
  const list = input.assessmentList;
  const p = `MATCH(${CHOSEN_ASSESSMENT},${list},0)`;
  const assessmentOk = `AND(${CHOSEN_ASSESSMENT}<>"",IFERROR(INDEX(${list},${p})=${CHOSEN_ASSESSMENT},FALSE))`;
  const ok = `ISNUMBER(${CHOSEN_ROW})`;
  const sheets = input.markSheets;
  const offset = (t: SourceTable) => t.firstRow - 1;
  const choose = (arms: readonly string[]) => (arms.length === 0 ? '""' : `CHOOSE(${p},${arms.join(",")})`);
  const arm = (t: SourceTable, key: string | undefined) =>
    key !== undefined && t.has(key) ? `INDEX(${rangeOf(t, key)},${CHOSEN_ROW}-${offset(t)})` : '""';
  const qualifications = [...input.catalogue.qualifications.values()];

  return (field: Field): string | null => {
    switch (field.k) {
      case "text":
      case "blank":
        return null;
      case "learner": {
        const name = `INDEX(${rangeOf(L, KEYS.learner)},${lp})&IF(INDEX(${rangeOf(L, KEYS.status)},${lp})="${STATUS.withdrawn}"," (withdrawn)","")`;
        const m = (text: string) => textConstant(text);
        return (
          `IF(${CHOSEN_REGISTRATION}="",${m(CHOICE_MESSAGES.noLearner)},` +
          `IF(NOT(${learnerOk}),${m(CHOICE_MESSAGES.unknownLearner)},` +
          `IF(${CHOSEN_ASSESSMENT}="",${m(CHOICE_MESSAGES.noAssessment)},` +
          `IF(NOT(${assessmentOk}),${m(CHOICE_MESSAGES.unknownAssessment)},` +
          `IF(${ok},${name},${m(CHOICE_MESSAGES.noRow)})))))`
        );
      }
      case "row": {
        if (sheets.length === 0) return '""';
        const arms = sheets.map(({ table: t }) => {
          const r = rangeOf(t, KEYS.registration);
          const at = `MATCH(${CHOSEN_REGISTRATION},${r},0)`;
          return `IF(INDEX(${r},${at})=${CHOSEN_REGISTRATION},${at}+${offset(t)},"")`;
        });
        return `IF(AND(${learnerOk},${assessmentOk}),IFERROR(${choose(arms)},""),"")`;
      }
      case "qualification": {
        const q = `TRIM(INDEX(${rangeOf(L, KEYS.qualification)},${lp}))`;
        if (qualifications.length === 0) return `IF(${ok},${q},"")`;
        const ids = `{${qualifications.map((x) => textConstant(x.id)).join(",")}}`;
        const at = `MATCH(${q},${ids},0)`;
        const pick = (values: readonly string[]) => `CHOOSE(${at},${values.map(textConstant).join(",")})`;
        const title = `IFERROR(IF(${pick(qualifications.map((x) => x.id))}=${q},": "&${pick(qualifications.map((x) => x.title))},""),"")`;
        return `IF(${ok},${q}&${title},"")`;
      }
      case "constant":
        return `IF(${ok},${choose(sheets.map((s) => constant(field.v(s.assessment))))},"")`;
      case "entry": {
        const x = choose(sheets.map((s) => arm(s.table, field.key(s.assessment))));
        return field.as === "text" ? `IF(${ok},${x}&"","")` : `IF(${ok},IF(${x}="","",${x}),"")`;
      }
      case "referred": {
        const r = marksFirstRow + field.row;
        const min = `D${r}`;
        const mark = `E${r}`;
        return `IF(${outcomeCell}="REFERRAL",IF(ISNUMBER(${min}),IF(AND(ISNUMBER(${mark}),${mark}<${min}),"Referred",""),IF(${mark}="R","Referred","")),"")`;
      }
    }
  };
}

interface Placed {
  readonly block: Block;
  /** 0-based sheet row of the header. */
  readonly row: number;
}

function place(list: readonly Block[]): Placed[] {
  let row = 0;
  return list.map((block) => {
    const placed = { block, row };
    row += block.rows.length + 2;
    return placed;
  });
}

const columnKey = (block: Block, c: number) =>
  block.name === FEEDBACK_TABLES.choice
    ? (["registration", "learner", "assessment", "row"][c] ?? `c${c}`)
    : `c${c}`;

/** The Feedback tab's sheet plan (docs/feedback.md): its tables one under another, portrait A4 on one page. */
export function feedbackSheet(
  input: FeedbackTabInput,
  base: Omit<SheetPlan, "name" | "kind" | "table">,
): SheetPlan {
  const placed = place(blocks(input.markSheets.map((m) => m.assessment)));
  const at = (name: string) => placed.find((p) => p.block.name === name) as Placed;
  const result = at(FEEDBACK_TABLES.result);
  const outcomeCell = `$B$${result.row + 3}`;
  const marksFirstRow = at(FEEDBACK_TABLES.marks).row + 2;
  const formulaOf = formulas(input, outcomeCell, marksFirstRow);
  const texts: Record<string, string> = {
    Centre: `${input.centre.number} ${input.centre.name}`,
    Cohort: input.cohort,
  };
  const tables = placed.map(({ block, row }): TablePlan => {
    const columns = block.headers.map((header, c): ColumnPlan => {
      const entry = block.entries?.includes(c) === true;
      const format = block.formats?.[c];
      return {
        key: columnKey(block, c),
        header,
        role: entry ? "entry" : c === 0 ? "identity" : "formula",
        width: WIDTHS[c] ?? 10,
        ...(format !== undefined ? { numberFormat: format } : {}),
        ...(block.wrap?.includes(c) ? { wrap: true } : {}),
        ...(entry
          ? {
              validation:
                c === 0
                  ? oneOfRange(
                      rangeOf(input.learners, KEYS.registration),
                      "A learner's registration number, from the Learners tab.",
                    )
                  : oneOfRange(
                      input.assessmentList,
                      "An assessment of this workbook (one of its mark sheets).",
                    ),
            }
          : {}),
      };
    });
    const rows = block.rows.map((fields) =>
      fields.map((field, c): Cell => {
        if (block.entries?.includes(c)) return c === 0 ? input.choice.registration : input.choice.assessment;
        if (field.k === "text") {
          const label = fields[0]?.k === "text" ? fields[0].v : "";
          const v = c > 0 && label in texts ? (texts[label] as string) : field.v;
          return v === "" ? null : { t: "text", v };
        }
        const f = formulaOf(field);
        return f === null ? null : { t: "formula", f };
      }),
    );
    // Each row as tall as its longest text wrapped (over every assessment the layout shows), so nothing runs
    // into the next row on paper.
    const candidates = (field: Field): string[] => {
      switch (field.k) {
        case "learner":
          return Object.values(CHOICE_MESSAGES);
        case "qualification":
          return [...input.catalogue.qualifications.values()].map((q) => `${q.id}: ${q.title}`);
        case "constant":
          return input.markSheets.map((m) => String(field.v(m.assessment)));
        default:
          return [];
      }
    };
    const rowHeights = block.rows.map((fields, r) => {
      let lines = block.minLines?.[r] ?? 1;
      fields.forEach((field, c) => {
        if (!block.wrap?.includes(c)) return;
        const cell = rows[r]?.[c];
        const texts = cell?.t === "text" ? [cell.v] : candidates(field);
        for (const text of texts) lines = Math.max(lines, linesOf(text, WIDTHS[c] ?? 10));
      });
      return lines * LINE;
    });
    return {
      name: block.name,
      origin: { row, column: 0 },
      columns,
      rows,
      keys: rows.map((_, i) => String(i)),
      rowHeights,
    };
  });
  const [main, ...more] = tables as [TablePlan, ...TablePlan[]];
  return {
    ...base,
    name: input.sheet,
    kind: "feedback",
    table: main,
    moreTables: more,
    freeze: { rows: 0, columns: 0 },
    print: { landscape: false, fitToWidth: true, repeatHeaderRow: false, onePage: true },
  };
}

type Shown = string | number | boolean;

/** What a cell of a plan shows: its literal, or a formula's cached value (undefined when it has none). */
function shownOf(cell: Cell | undefined): Shown | undefined {
  if (cell === undefined || cell === null) return "";
  if (cell.t === "formula") return cell.v === undefined || cell.v === null ? undefined : cell.v;
  return cell.v;
}

/** Text as `&""` makes it. */
function asText(v: Shown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Spreadsheet "=" between two texts: capitals ignored. */
const same = (a: Shown | undefined, b: Shown | undefined) =>
  a !== undefined &&
  b !== undefined &&
  typeof a === typeof b &&
  String(a).toLowerCase() === String(b).toLowerCase();

/**
 * The Feedback tab with the value of each formula, as a spreadsheet computes it from the plan's own cells (the
 * mark sheets' and the Learners tab's, cached values included): the chosen learner's and assessment's. Called
 * after the other tabs have their cached values.
 */
export function feedbackWithValues(s: SheetPlan, plan: WorkbookPlan, catalogue: Catalogue): SheetPlan {
  const markSheets = plan.sheets.flatMap((m) => {
    const a =
      m.kind === "marksheet" && m.assessment !== undefined
        ? catalogue.assessments.get(m.assessment)
        : undefined;
    return a ? [{ assessment: a, table: m.table }] : [];
  });
  const learners = plan.sheets.find((m) => m.kind === "learners")?.table;
  const choice = s.table.rows[0] ?? [];
  const registration = shownOf(choice[0]);
  const chosen = shownOf(choice[2]);
  const column = (t: TablePlan, key: string) => t.columns.findIndex((c) => c.key === key);
  const rowOf = (t: TablePlan | undefined) => {
    if (!t || registration === "" || registration === undefined) return -1;
    const c = column(t, KEYS.registration);
    return t.rows.findIndex((r) => same(shownOf(r[c]), registration));
  };
  const lrow = rowOf(learners);
  const learnerCell = (key: string) =>
    learners && lrow >= 0 ? shownOf(learners.rows[lrow]?.[column(learners, key)]) : undefined;
  const picked =
    chosen === "" || chosen === undefined ? undefined : markSheets.find((m) => same(m.assessment.id, chosen));
  const mrow = picked ? rowOf(picked.table) : -1;
  const ok = lrow >= 0 && picked !== undefined && mrow >= 0;
  const entry = (key: string | undefined): Shown | undefined => {
    if (!picked || key === undefined) return "";
    const c = column(picked.table, key);
    return c < 0 ? "" : shownOf(picked.table.rows[mrow]?.[c]);
  };

  const placed = place(blocks(markSheets.map((m) => m.assessment)));
  const values = new Map<string, Shown>();
  const valueOf = (field: Field): Shown | undefined => {
    switch (field.k) {
      case "text":
      case "blank":
        return undefined;
      case "learner": {
        if (registration === "") return CHOICE_MESSAGES.noLearner;
        if (lrow < 0) return CHOICE_MESSAGES.unknownLearner;
        if (chosen === "") return CHOICE_MESSAGES.noAssessment;
        if (!picked) return CHOICE_MESSAGES.unknownAssessment;
        if (!ok) return CHOICE_MESSAGES.noRow;
        const name = learnerCell(KEYS.learner);
        const status = learnerCell(KEYS.status);
        if (name === undefined || status === undefined) return undefined;
        return asText(name) + (same(status, STATUS.withdrawn) ? " (withdrawn)" : "");
      }
      case "row":
        return ok && picked ? (picked.table.origin?.row ?? 0) + 2 + mrow : "";
      case "qualification": {
        if (!ok) return "";
        const q = learnerCell(KEYS.qualification);
        if (q === undefined) return undefined;
        const id = asText(q).trim();
        const found = [...catalogue.qualifications.values()].find((x) => same(x.id, id));
        return found ? `${id}: ${found.title}` : id;
      }
      case "constant":
        return ok && picked ? field.v(picked.assessment) : "";
      case "entry": {
        if (!ok || !picked) return "";
        const v = entry(field.key(picked.assessment));
        if (v === undefined) return undefined;
        return field.as === "text" ? asText(v) : v;
      }
      case "referred": {
        const outcome = values.get(`${FEEDBACK_TABLES.result}/1/1`);
        const row = (c: number) => values.get(`${FEEDBACK_TABLES.marks}/${field.row}/${c}`);
        const min = row(3);
        const mark = row(4);
        if (outcome === undefined || min === undefined || mark === undefined) return undefined;
        if (!same(outcome, "REFERRAL")) return "";
        if (typeof min === "number") return typeof mark === "number" && mark < min ? "Referred" : "";
        return same(mark, "R") ? "Referred" : "";
      }
    }
  };
  // The result table before the marks: a marks row's Referred reads the outcome.
  const order = [...placed].sort(
    (x, y) =>
      Number(y.block.name === FEEDBACK_TABLES.result) - Number(x.block.name === FEEDBACK_TABLES.result),
  );
  const tables = new Map<string, TablePlan>();
  for (const { block } of order) {
    const table = tablesOf(s).find((t) => t.name === block.name);
    if (!table) continue;
    const rows = table.rows.map((cells, r) =>
      cells.map((cell, c): Cell => {
        const field = block.rows[r]?.[c];
        if (cell === null || cell.t !== "formula" || !field) return cell;
        const v = valueOf(field);
        if (v === undefined) return cell;
        values.set(`${block.name}/${r}/${c}`, v);
        return { ...cell, v };
      }),
    );
    tables.set(table.name, { ...table, rows });
  }
  const withValues = (t: TablePlan) => tables.get(t.name) ?? t;
  return { ...s, table: withValues(s.table), moreTables: (s.moreTables ?? []).map(withValues) };
}
