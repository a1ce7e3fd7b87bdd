import type { Catalogue } from "../../domain/catalogue/catalogue";
import { readLearnerRows } from "../../domain/cohort/csv";
import type { RosterColumns, SetupSettings } from "../../workbook/settings";

/**
 * Matching a roster's columns to learner fields. A roster with its own headers ("ILM number", "First name",
 * "Surname", "Course") is never read by position: each column is matched to a field or left out, by the person,
 * with the headers ilm recognises matched for them (shown for confirmation), and the matching remembered in the
 * workbook's settings for the next roster with the same headers.
 */

/** What a column can hold. "asHeaded" is a column ilm reads by its own header (a mark, a criterion, a unit). */
export type ColumnField =
  | "registration"
  | "name"
  | "firstName"
  | "surname"
  | "qualification"
  | "assessor"
  | "iqa"
  | "registered"
  | "email"
  | "induction"
  | "tutorial"
  | "coaching"
  | "notes"
  | "withdrawn"
  | "ignore"
  | "asHeaded";

/** A column's matching; null while nobody has said what it holds. */
export type ColumnChoice = ColumnField | null;

/** The fields offered, in the order offered, with the column header ilm reads them under. */
export const FIELD_CHOICES: readonly {
  readonly field: ColumnField;
  readonly label: string;
  readonly header: string;
}[] = [
  { field: "registration", label: "Registration No", header: "Registration No" },
  { field: "name", label: "Learner name (whole name)", header: "Learner" },
  { field: "firstName", label: "First name (joined to the surname)", header: "Learner" },
  { field: "surname", label: "Surname (joined after the first name)", header: "Learner" },
  { field: "qualification", label: "Qualification", header: "Qualification" },
  { field: "assessor", label: "Assessor", header: "Assessor" },
  { field: "iqa", label: "IQA", header: "IQA" },
  { field: "registered", label: "Registered (date)", header: "Registered" },
  { field: "email", label: "Email", header: "Email" },
  { field: "induction", label: "Induction hours", header: "Induction hours" },
  { field: "tutorial", label: "Tutorial hours", header: "Tutorial hours" },
  { field: "coaching", label: "Coaching hours", header: "Coaching hours" },
  { field: "notes", label: "Notes", header: "Notes" },
  { field: "withdrawn", label: "Withdrawn (yes or no)", header: "Withdrawn" },
];

const LABELS = new Map<ColumnField, string>(FIELD_CHOICES.map((c) => [c.field, c.label]));

/** A choice's words ("Registration No", "Left out"). */
export function choiceLabel(field: ColumnField, header: string): string {
  if (field === "ignore") return "Left out";
  if (field === "asHeaded") return `Read as headed (${header})`;
  return LABELS.get(field) ?? field;
}

const ALL_FIELDS = new Set<string>([...FIELD_CHOICES.map((c) => c.field), "ignore", "asHeaded"]);

/**
 * Header spellings matched for the person (lower case, single spaces). These are the command line's own column
 * names (docs/cohort-format.md) and common spellings of the same fields; anything else waits for a choice.
 */
const SPELLINGS: ReadonlyMap<string, ColumnField> = new Map<string, ColumnField>([
  ["registration no", "registration"],
  ["registration no.", "registration"],
  ["registration number", "registration"],
  ["learner registration number", "registration"],
  ["learner registration no", "registration"],
  ["reg no", "registration"],
  ["registration", "registration"],
  ["ilm number", "registration"],
  ["ilm registration number", "registration"],
  ["ilm registration no", "registration"],
  ["learner", "name"],
  ["learner name", "name"],
  ["name", "name"],
  ["full name", "name"],
  ["first name", "firstName"],
  ["forename", "firstName"],
  ["given name", "firstName"],
  ["surname", "surname"],
  ["last name", "surname"],
  ["family name", "surname"],
  ["qualification", "qualification"],
  ["qualification no", "qualification"],
  ["qualification no.", "qualification"],
  ["qualification number", "qualification"],
  ["assessor", "assessor"],
  ["iqa", "iqa"],
  ["email", "email"],
  ["email address", "email"],
  ["e-mail", "email"],
  ["registered", "registered"],
  ["registration date", "registered"],
  ["notes", "notes"],
  ["withdrawn", "withdrawn"],
  ["induction hours", "induction"],
  ["tutorial hours", "tutorial"],
  ["coaching hours", "coaching"],
]);

export function normaliseHeader(header: string): string {
  return header.trim().replace(/\s+/g, " ").toLowerCase();
}

/** True when the command line's reader knows this header as it is (a field, hours, a mark, a criterion, a unit). */
export function readerKnows(header: string, catalogue: Catalogue): boolean {
  if (header.trim() === "") return true;
  const reading = readLearnerRows(`"${header.replace(/"/g, '""')}"`, catalogue);
  return !reading.problems.some((p) => p.place?.cell === "A1");
}

/** A header ilm matches for the person: a known spelling, or a column the reader reads as headed. */
export function knownChoice(header: string, catalogue: Catalogue): ColumnChoice {
  const spelt = SPELLINGS.get(normaliseHeader(header));
  if (spelt !== undefined) return spelt;
  if (header.trim() === "") return "ignore";
  return readerKnows(header, catalogue) ? "asHeaded" : null;
}

/** True when the first row looks like headers: a cell ilm knows as a header, or no cell with a digit in it. */
export function looksLikeHeader(cells: readonly string[], catalogue: Catalogue): boolean {
  const filled = cells.filter((c) => c.trim() !== "");
  if (filled.length === 0) return false;
  if (filled.every((c) => !/\d/.test(c))) return true;
  return filled.some((c) => SPELLINGS.has(normaliseHeader(c)) || readerKnows(c, catalogue));
}

/**
 * True when the header can be read without asking: every column is one the command line's reader knows as
 * headed. Any other header (a spelling of its own, "First name", a column ilm does not know) is matched by the
 * person first.
 */
export function needsMatching(header: readonly string[], catalogue: Catalogue): boolean {
  return header.some((h) => !readerKnows(h, catalogue));
}

/** The same headers, whatever their capitals and spacing. */
function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => normaliseHeader(h) === normaliseHeader(b[i] ?? ""));
}

/** The matching remembered in the workbook for these headers, if any (a damaged record is ignored). */
export function rememberedChoices(
  setup: SetupSettings | undefined,
  header: readonly string[],
): ColumnChoice[] | null {
  const stored = Array.isArray(setup?.rosterColumns) ? setup.rosterColumns : [];
  for (const r of stored) {
    if (!Array.isArray(r?.headers) || !Array.isArray(r.fields) || r.fields.length !== r.headers.length)
      continue;
    if (!sameHeaders(r.headers, header)) continue;
    if (!(r.fields as readonly unknown[]).every((f) => typeof f === "string" && ALL_FIELDS.has(f))) continue;
    return r.fields as ColumnField[];
  }
  return null;
}

/** The proposed matching: the one remembered for these headers, else each recognised header's field. */
export function proposeChoices(
  header: readonly string[],
  catalogue: Catalogue,
  setup: SetupSettings | undefined,
): { readonly choices: ColumnChoice[]; readonly remembered: boolean } {
  const remembered = rememberedChoices(setup, header);
  if (remembered !== null) return { choices: remembered, remembered: true };
  return { choices: header.map((h) => knownChoice(h, catalogue)), remembered: false };
}

/** The settings' remembered matchings with this one first (the same headers only once; ten at most). */
export function rememberChoices(
  setup: SetupSettings | undefined,
  header: readonly string[],
  choices: readonly ColumnField[],
): RosterColumns[] {
  const others = (Array.isArray(setup?.rosterColumns) ? setup.rosterColumns : []).filter(
    (r) => !Array.isArray(r?.headers) || !sameHeaders(r.headers, header),
  );
  return [{ headers: [...header], fields: [...choices] }, ...others].slice(0, 10);
}

/** What stops a matching being used, in plain words; empty when it can be used. */
export function choiceProblems(header: readonly string[], choices: readonly ColumnChoice[]): string[] {
  const problems: string[] = [];
  const name = (i: number) => `column ${i + 1} (${JSON.stringify(header[i] ?? "")})`;
  choices.forEach((c, i) => {
    if (c === null) problems.push(`Choose what ${name(i)} holds, or leave it out.`);
  });
  const seen = new Map<ColumnField, number>();
  choices.forEach((c, i) => {
    if (c === null || c === "ignore" || c === "asHeaded") return;
    const first = seen.get(c);
    if (first !== undefined)
      problems.push(
        `${name(first)} and ${name(i)} are both ${choiceLabel(c, "")}: choose one, leave the other out.`,
      );
    else seen.set(c, i);
  });
  if (!choices.includes("registration"))
    problems.push("Choose the column that holds the registration numbers: ilm finds learners by it.");
  if (seen.has("name") && (seen.has("firstName") || seen.has("surname")))
    problems.push("Choose either a whole-name column or first name and surname, not both.");
  return problems;
}

/**
 * The roster as the command line's reader takes it: each matched column under ilm's own header, first name and
 * surname joined with a space into one Learner column, columns left out dropped. Cells are as typed.
 */
export function applyChoices(
  header: readonly string[],
  rows: readonly { readonly row: number; readonly cells: readonly string[] }[],
  choices: readonly ColumnField[],
): { header: string[]; rows: { row: number; cells: string[] }[] } {
  const firstName = choices.indexOf("firstName");
  const surname = choices.indexOf("surname");
  const joined = firstName >= 0 || surname >= 0;
  const columns: { header: string; cell: (cells: readonly string[]) => string }[] = [];
  choices.forEach((choice, i) => {
    if (choice === "ignore" || choice === "firstName" || choice === "surname") return;
    const heading =
      choice === "asHeaded"
        ? (header[i] ?? "")
        : (FIELD_CHOICES.find((c) => c.field === choice)?.header ?? "");
    columns.push({ header: heading, cell: (cells) => cells[i] ?? "" });
  });
  if (joined) {
    const at = Math.min(...[firstName, surname].filter((i) => i >= 0));
    const nameColumn = {
      header: "Learner",
      cell: (cells: readonly string[]) =>
        [firstName >= 0 ? cells[firstName] : "", surname >= 0 ? cells[surname] : ""]
          .map((c) => (c ?? "").trim())
          .filter((c) => c !== "")
          .join(" "),
    };
    // The joined name takes the place of the first of its columns.
    const before = choices.slice(0, at).filter((c) => c !== "ignore" && c !== "firstName" && c !== "surname");
    columns.splice(before.length, 0, nameColumn);
  }
  return {
    header: columns.map((c) => c.header),
    rows: rows.map((r) => ({ row: r.row, cells: columns.map((c) => c.cell(r.cells)) })),
  };
}
