import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import { validateLearner } from "../../domain/cohort/validate";
import { registrationKey, trimRegistration } from "../../domain/cohort/registration";
import { formatPath } from "../../domain/problems";

/** The fields of one learner the form edits, as typed. */
export interface LearnerFields {
  readonly registration: string;
  readonly name: string;
  readonly qualification: string;
  readonly assessor: string;
  readonly iqa: string;
  readonly registered: string;
  readonly email: string;
}

export type LearnerField = keyof LearnerFields;

export const FIELD_LABELS: Readonly<Record<LearnerField, string>> = {
  registration: "Registration No",
  name: "Learner",
  qualification: "Qualification",
  assessor: "Assessor",
  iqa: "IQA",
  registered: "Registered",
  email: "Email",
};

function isFormField(key: string): key is LearnerField {
  return Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);
}

export function fieldsOf(learner: Learner): LearnerFields {
  return {
    registration: learner.registration,
    name: learner.name,
    qualification: learner.qualification,
    assessor: learner.assessor ?? "",
    iqa: learner.iqa ?? "",
    registered: learner.registered ?? "",
    email: learner.email ?? "",
  };
}

export type FormCheck =
  | { readonly ok: true; readonly learner: Learner }
  | { readonly ok: false; readonly errors: Partial<Record<LearnerField, string>>; readonly other: string[] };

/**
 * The learner the form describes, checked with the cohort schema and the catalogue. Editing keeps everything the
 * form does not show (hours, entries, notes); a blank optional field is removed.
 */
export function checkLearnerForm(
  fields: LearnerFields,
  original: Learner | null,
  others: readonly Learner[],
  catalogue: Catalogue,
): FormCheck {
  const formKeys = new Set<string>(["assessor", "iqa", "registered", "email"]);
  const kept = Object.fromEntries(Object.entries(original ?? {}).filter(([key]) => !formKeys.has(key)));
  const optional = Object.fromEntries(
    (["assessor", "iqa", "registered", "email"] as const)
      .map((key) => [key, fields[key].trim()] as const)
      .filter(([, value]) => value !== ""),
  );
  const candidate = {
    ...kept,
    registration: trimRegistration(fields.registration),
    name: fields.name.trim(),
    qualification: fields.qualification.trim(),
    ...optional,
  };
  const result = validateLearner(candidate, catalogue);
  const errors: Partial<Record<LearnerField, string>> = {};
  const other: string[] = [];
  if (!result.ok) {
    for (const p of result.problems) {
      const field = p.path[0];
      if (typeof field === "string" && isFormField(field) && errors[field] === undefined)
        errors[field] = p.message;
      else other.push(`${formatPath(p.path)}: ${p.message}`);
    }
  }
  const registration = trimRegistration(fields.registration);
  const same = others.find((l) => registrationKey(l.registration) === registrationKey(registration));
  if (errors.registration === undefined && same !== undefined) {
    errors.registration =
      same.registration === registration
        ? `${registration} is already in the cohort`
        : `${registration} is already in the cohort as ${same.registration} (capitals do not tell learners apart)`;
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors, other };
  return { ok: true, learner: result.value };
}
