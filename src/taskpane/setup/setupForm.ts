import { COHORT_FORMAT } from "../../domain/cohort/schema";
import type { WorkbookState } from "../../workbook/port";
import type { SetupErrors, SetupValues } from "./Setup.types";

/** The form's starting values: the workbook's set-up, or blanks for a workbook never set up. */
export function setupValuesFrom(state: WorkbookState | null): SetupValues {
  if (state === null) {
    return {
      centreNumber: "",
      centreName: "",
      cohortName: "",
      qualifications: [],
      assessors: "",
      mode: "ilm",
    };
  }
  const inCohort = [...new Set(state.cohort.learners.map((l) => l.qualification))];
  return {
    centreNumber: state.cohort.centre.number,
    centreName: state.cohort.centre.name,
    cohortName: state.cohort.cohort,
    qualifications: state.setup?.qualifications ?? inCohort,
    assessors: (state.setup?.assessors ?? []).join("\n"),
    mode: state.mode,
  };
}

/** What must be put right before the set-up can be saved. */
export function setupErrors(values: SetupValues): SetupErrors {
  const errors: SetupErrors = {};
  if (values.centreNumber.trim() === "") errors.centreNumber = "Enter the centre number.";
  if (values.centreName.trim() === "") errors.centreName = "Enter the centre name.";
  if (values.cohortName.trim() === "") errors.cohortName = "Enter a name for the cohort, such as 2026-A.";
  if (values.qualifications.length === 0) errors.qualifications = "Choose at least one qualification.";
  return errors;
}

/** The assessor names typed one per line, trimmed, blanks and repeats dropped. */
export function assessorNames(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((s) => s.trim()))].filter((s) => s !== "");
}

/** The workbook state after saving the set-up; learners, centre catalogues and remembered roster columns are kept. */
export function applySetup(state: WorkbookState | null, values: SetupValues): WorkbookState {
  return {
    cohort: {
      format: COHORT_FORMAT,
      centre: { number: values.centreNumber.trim(), name: values.centreName.trim() },
      cohort: values.cohortName.trim(),
      learners: state?.cohort.learners ?? [],
    },
    mode: values.mode,
    centreCatalogues: state?.centreCatalogues ?? [],
    setup: {
      ...state?.setup,
      qualifications: [...values.qualifications],
      assessors: assessorNames(values.assessors),
    },
  };
}
