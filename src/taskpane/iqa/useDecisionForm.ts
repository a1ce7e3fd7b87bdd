import { useCallback, useMemo, useState } from "react";
import type { IqaDecisionInput } from "../../app/iqa-decision";
import type { IqaSampleRow } from "../../app/port";
import type { Result } from "../../domain/problems";
import { problemsText } from "../shared/problemsText";
import type { DecisionValues } from "./decisionForm";
import { decisionErrors, decisionInput, decisionValues } from "./decisionForm";

export type DecisionSave =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  | { readonly status: "saved" }
  | { readonly status: "failed"; readonly error: string };

/** One sampled row's decision form: its values, what is wrong with them once tried, and saving them. */
export function useDecisionForm(
  row: IqaSampleRow,
  decide: (input: IqaDecisionInput) => Promise<Result<void>>,
) {
  const [values, setValues] = useState<DecisionValues>(() => decisionValues(row));
  const [tried, setTried] = useState(false);
  const [save, setSave] = useState<DecisionSave>({ status: "idle" });
  const errors = useMemo(() => decisionErrors(values), [values]);

  const change = useCallback(<F extends keyof DecisionValues>(field: F, value: DecisionValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setSave({ status: "idle" });
  }, []);

  const submit = useCallback(async () => {
    setTried(true);
    const input = decisionInput(row, values);
    if (Object.keys(errors).length > 0 || input === null) return;
    setSave({ status: "saving" });
    const result = await decide(input);
    setSave(result.ok ? { status: "saved" } : { status: "failed", error: problemsText(result.problems) });
  }, [row, values, errors, decide]);

  return { values, errors: tried ? errors : {}, save, change, submit };
}
