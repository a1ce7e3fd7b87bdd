/**
 * Learner registration numbers, one rule for every entry point (cohort JSON, CSV files, the task pane's paste and
 * form, workbooks). A registration number is how a mark sheet row finds its learner in every spreadsheet engine
 * (lookups, MATCH, COUNTIF), so it must be unambiguous there:
 * - surrounding white space is trimmed on input: the stored number is the trimmed one (" NF-001 " is "NF-001");
 * - it is not empty;
 * - it contains none of `*`, `?`, `~` (wildcards in lookups and COUNTIF), no control character (C0, DEL, C1) and no
 *   invisible format character (zero-width space and joiners, word joiner, byte order mark, bidi controls);
 * - it is unique in a cohort ignoring case (lookups in spreadsheets ignore case): NF-001 and nf-001 are one learner.
 * Pure: no zod here, so the custom functions and the workbook layer can use it too.
 */

/** White space trimmed from the ends: JavaScript's white space, except the byte order mark (always refused). */
const SURROUNDING_SPACE = /^[^\S\uFEFF]+|[^\S\uFEFF]+$/g;

/** Spreadsheet wildcards. */
const WILDCARDS = /[*?~]/g;

/** Control characters (C0, DEL, C1) and invisible format characters. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** A JSON Schema pattern for the same rule (published in schema/ilm-cohort-1.schema.json). */
export const REGISTRATION_PATTERN =
  // eslint-disable-next-line no-control-regex
  /^[^*?~\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]*$/;

/** The registration number as stored: surrounding white space removed. */
export function trimRegistration(registration: string): string {
  return registration.replace(SURROUNDING_SPACE, "");
}

/**
 * The key two registration numbers are compared by, everywhere: trimmed and case-folded. Two learners whose
 * numbers have the same key are the same learner.
 */
export function registrationKey(registration: string): string {
  return trimRegistration(registration).toUpperCase().toLowerCase();
}

/** `U+200B` for a character. */
function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The number as a person can read it: invisible characters shown as <U+200B>. */
export function visibleRegistration(registration: string): string {
  return `"${registration.replace(HIDDEN, (ch) => `<${codePoint(ch)}>`)}"`;
}

/** Why a (trimmed) registration number has characters it must not have, or null when it has none. */
export function registrationCharactersMessage(registration: string): string | null {
  const wildcards = [...new Set(registration.match(WILDCARDS) ?? [])];
  const hidden = [...new Set(registration.match(HIDDEN) ?? [])].map(codePoint);
  if (wildcards.length === 0 && hidden.length === 0) return null;
  const what: string[] = [];
  if (wildcards.length > 0)
    what.push(`${wildcards.join(" or ")} (spreadsheets read *, ? and ~ as wildcards)`);
  if (hidden.length > 0)
    what.push(`invisible or control characters (here ${hidden.join(", ")}); type the number again`);
  return `registration number ${visibleRegistration(registration)} must not contain ${what.join(", nor ")}`;
}

export const EMPTY_REGISTRATION = "registration number must not be empty";

/** Checks one registration number as typed: the stored (trimmed) number, or why it cannot be one. */
export function checkRegistration(
  raw: string,
):
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: "empty" | "registration-characters"; readonly message: string } {
  const value = trimRegistration(raw);
  if (value === "") return { ok: false, code: "empty", message: EMPTY_REGISTRATION };
  const message = registrationCharactersMessage(value);
  return message === null ? { ok: true, value } : { ok: false, code: "registration-characters", message };
}

/**
 * The message for a number already used: `where` names the first use ("by learners[0]", "in row 2");
 * `firstRegistration` is how it is written there, named when it is written differently.
 */
export function duplicateRegistrationMessage(
  registration: string,
  where: string,
  firstRegistration: string,
): string {
  const same = registration === firstRegistration;
  return `registration number ${visibleRegistration(registration)} is already used ${where}${
    same
      ? ""
      : ` as ${visibleRegistration(firstRegistration)} (registration numbers that differ only in capitals or surrounding spaces name the same learner)`
  }`;
}

/**
 * For a list of registration numbers, each later one that repeats an earlier one under `registrationKey`, with
 * the index of the first. Undefined entries (unreadable learners) are skipped.
 */
export function repeatedRegistrations(
  registrations: readonly (string | undefined)[],
): { readonly index: number; readonly first: number }[] {
  const firstIndex = new Map<string, number>();
  const repeats: { index: number; first: number }[] = [];
  registrations.forEach((registration, index) => {
    if (registration === undefined) return;
    const key = registrationKey(registration);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else repeats.push({ index, first });
  });
  return repeats;
}
