/**
 * Registration numbers as the workbook layer compares them. (The domain's rule is the authority; this module
 * only adapts it for cells.)
 */

/** The form two registration numbers are compared in: trimmed, case folded. */
export function registrationKey(registration: string): string {
  return registration.trim().toLowerCase();
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[*?~\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** What is wrong with a registration number, in plain words; null when it is usable. */
export function registrationProblem(registration: string): string | null {
  if (registration.trim() === "") return "it is empty";
  if (FORBIDDEN.test(registration))
    return "it holds a character a spreadsheet lookup cannot match exactly (* ? ~, a control or an invisible character); retype it with letters, digits, spaces and punctuation only";
  return null;
}
