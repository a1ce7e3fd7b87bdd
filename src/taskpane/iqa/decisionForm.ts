import type { IqaDecision, IqaDecisionInput } from "../../app/iqa-decision";
import type { IqaSampleRow } from "../../app/port";

/** An IQA decision as the row's form holds it. */
export interface DecisionValues {
  readonly decision: IqaDecision | "";
  readonly action: string;
  /** YYYY-MM-DD, or "". */
  readonly due: string;
  /** YYYY-MM-DD, or "". */
  readonly closed: string;
}

export type DecisionErrors = Partial<Record<keyof DecisionValues, string>>;

/** The form's starting values: what the row's cells hold. */
export function decisionValues(row: IqaSampleRow): DecisionValues {
  return {
    decision: row.decision ?? "",
    action: row.action ?? "",
    due: row.due ?? "",
    closed: row.closed ?? "",
  };
}

/** What must be put right before the decision can be saved. */
export function decisionErrors(values: DecisionValues): DecisionErrors {
  const errors: DecisionErrors = {};
  if (values.decision === "") errors.decision = "Choose Agree or Action required.";
  if (values.decision === "Action required" && values.action.trim() === "")
    errors.action = "Say what the assessor is to do.";
  return errors;
}

/** The port's request for the row: only the fields given. */
export function decisionInput(row: IqaSampleRow, values: DecisionValues): IqaDecisionInput | null {
  if (values.decision === "") return null;
  return {
    registration: row.registration,
    assessment: row.assessment,
    decision: values.decision,
    ...(values.action.trim() !== "" ? { action: values.action.trim() } : {}),
    ...(values.due !== "" ? { due: values.due } : {}),
    ...(values.closed !== "" ? { closed: values.closed } : {}),
  };
}
