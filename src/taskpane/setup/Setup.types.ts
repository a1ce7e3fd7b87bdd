import type { FormulaMode } from "../../workbook/plan";

export interface SetupValues {
  readonly centreNumber: string;
  readonly centreName: string;
  readonly cohortName: string;
  /** Catalogue ids of the qualifications the cohort offers. */
  readonly qualifications: readonly string[];
  /** One assessor name per line. */
  readonly assessors: string;
  readonly mode: FormulaMode;
}

export type SetupField = "centreNumber" | "centreName" | "cohortName" | "qualifications";

export type SetupErrors = Partial<Record<SetupField, string>>;
