import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import { validateLearner } from "../../domain/cohort/validate";
import { registrationKey, trimRegistration } from "../../domain/cohort/registration";
import type { PathSegment } from "../../domain/problems";
import { formatPath } from "../../domain/problems";
import { plainFieldMessage } from "../shared/plainWords";

/** The fields of one learner the form edits, as typed. */
export interface LearnerFields {
  readonly registration: string;
  readonly name: string;
  readonly qualification: string;
  readonly assessor: string;
  readonly iqa: string;
  readonly registered: string;
  readonly email: string;
  readonly induction: string;
  readonly tutorial: string;
  readonly coaching: string;
  readonly notes: string;
  /** "yes" when the learner is withdrawn, "" when active. */
  readonly withdrawn: string;
}

export type LearnerField = keyof LearnerFields;

export const FIELD_LABELS: Readonly<Record<LearnerField, string>> = {
  registration: "Registration No",
  name: "Learner name",
  qualification: "Qualification",
  assessor: "Assessor",
  iqa: "IQA",
  registered: "Registered",
  email: "Email",
  induction: "Induction hours",
  tutorial: "Tutorial hours",
  coaching: "Coaching hours",
  notes: "Notes",
  withdrawn: "Withdrawn",
};

export const EMPTY_FIELDS: LearnerFields = {
  registration: "",
  name: "",
  qualification: "",
  assessor: "",
  iqa: "",
  registered: "",
  email: "",
  induction: "",
  tutorial: "",
  coaching: "",
  notes: "",
  withdrawn: "",
};

const HOURS = ["induction", "tutorial", "coaching"] as const;
const OPTIONAL = ["assessor", "iqa", "registered", "email", "notes"] as const;

function isFormField(key: string): key is LearnerField {
  return Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);
}

export function fieldsOf(learner: Learner): LearnerFields {
  const hours = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    registration: learner.registration,
    name: learner.name,
    qualification: learner.qualification,
    assessor: learner.assessor ?? "",
    iqa: learner.iqa ?? "",
    registered: learner.registered ?? "",
    email: learner.email ?? "",
    induction: hours(learner.hours?.induction),
    tutorial: hours(learner.hours?.tutorial),
    coaching: hours(learner.hours?.coaching),
    notes: learner.notes ?? "",
    withdrawn: learner.withdrawn === true ? "yes" : "",
  };
}

/** True when the form holds something other than what it started with (edits not saved yet). */
export function fieldsChanged(a: LearnerFields, b: LearnerFields): boolean {
  return (Object.keys(a) as LearnerField[]).some((k) => a[k].trim() !== b[k].trim());
}

export type FormCheck =
  | { readonly ok: true; readonly learner: Learner }
  | { readonly ok: false; readonly errors: Partial<Record<LearnerField, string>>; readonly other: string[] };

/** The form field a learner problem's path is about: ["hours", "coaching"] is the coaching hours box. */
function fieldOfPath(path: readonly PathSegment[]): LearnerField | null {
  const [first, second] = path;
  if (first === "hours" && typeof second === "string" && isFormField(second)) return second;
  return typeof first === "string" && isFormField(first) && first !== "withdrawn" ? first : null;
}

/**
 * The learner the form describes, checked with the cohort schema and the catalogue, every problem at once (a
 * registration number already in the cohort with the rest). Editing keeps everything the form does not show
 * (marks, unit outcomes); a blank optional field or hours box is removed.
 */
export function checkLearnerForm(
  fields: LearnerFields,
  original: Learner | null,
  others: readonly Learner[],
  catalogue: Catalogue,
): FormCheck {
  const formKeys = new Set<string>([...OPTIONAL, "hours", "withdrawn"]);
  const kept = Object.fromEntries(Object.entries(original ?? {}).filter(([key]) => !formKeys.has(key)));
  const optional = Object.fromEntries(
    OPTIONAL.map((key) => [key, key === "notes" ? fields[key] : fields[key].trim()] as const).filter(
      ([, value]) => value.trim() !== "",
    ),
  );
  const errors: Partial<Record<LearnerField, string>> = {};
  const hours: Record<string, number> = {};
  for (const key of HOURS) {
    const typed = fields[key].trim();
    if (typed === "") continue;
    const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(typed) ? Number(typed) : null;
    if (n === null)
      errors[key] = plainFieldMessage(FIELD_LABELS[key], { code: "not-a-number", message: "" }, typed);
    else hours[key] = n;
  }
  const candidate = {
    ...kept,
    registration: trimRegistration(fields.registration),
    name: fields.name.trim(),
    qualification: fields.qualification.trim(),
    ...optional,
    ...(Object.keys(hours).length > 0 ? { hours } : {}),
    ...(fields.withdrawn === "yes" ? { withdrawn: true } : {}),
  };
  const result = validateLearner(candidate, catalogue);
  const other: string[] = [];
  if (!result.ok) {
    for (const p of result.problems) {
      const field = fieldOfPath(p.path);
      if (field !== null && errors[field] === undefined)
        errors[field] = plainFieldMessage(FIELD_LABELS[field], p, fields[field]);
      else if (field === null) other.push(`${formatPath(p.path)}: ${p.message}`);
    }
  }
  const registration = trimRegistration(fields.registration);
  const same = others.find((l) => registrationKey(l.registration) === registrationKey(registration));
  if (errors.registration === undefined && same !== undefined && registration !== "") {
    errors.registration =
      same.registration === registration
        ? `${registration} is already in the cohort (${same.name}): each learner has their own registration number`
        : `${registration} is already in the cohort as ${same.registration} (capitals do not tell learners apart)`;
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors, other };
  return { ok: true, learner: result.value };
}

/** What the workbook holds for a learner that removing them would lose: marks, outcomes, dates, comments, hours. */
export function entriesOf(learner: Learner): string[] {
  const found: string[] = [];
  const given = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(given)
      : typeof v === "object" && v !== null
        ? Object.values(v).some(given)
        : v !== null && v !== undefined && v !== "";
  for (const [id, entry] of Object.entries(learner.assessments ?? {}))
    if (given(entry)) found.push(`${id} entries`);
  const units = Object.entries(learner.units ?? {})
    .filter(([, v]) => v !== null)
    .map(([u]) => u);
  if (units.length > 0) found.push(`outcomes for ${units.join(", ")}`);
  if (given(learner.hours)) found.push("hours");
  return found;
}
