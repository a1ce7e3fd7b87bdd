import { useState } from "react";
import { problemsText } from "../shared/problemsText";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import type { SetupErrors, SetupValues } from "./Setup.types";
import { applySetup, setupErrors, setupValuesFrom } from "./setupForm";

export type SaveStatus =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  | { readonly status: "saved" }
  | { readonly status: "failed"; readonly error: string };

export function useSetup(state: WorkbookState | null, save: (next: WorkbookState) => Promise<Result<void>>) {
  const [values, setValues] = useState<SetupValues>(() => setupValuesFrom(state));
  const [errors, setErrors] = useState<SetupErrors>({});
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ status: "idle" });

  const change = <K extends keyof SetupValues>(key: K, value: SetupValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaveStatus({ status: "idle" });
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const toggleQualification = (id: string, on: boolean) =>
    change(
      "qualifications",
      on ? [...values.qualifications, id] : values.qualifications.filter((q) => q !== id),
    );

  const submit = async () => {
    const found = setupErrors(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaveStatus({ status: "saving" });
    const result = await save(applySetup(state, values));
    setSaveStatus(
      result.ok ? { status: "saved" } : { status: "failed", error: problemsText(result.problems) },
    );
  };

  return { values, errors, saveStatus, change, toggleQualification, submit };
}
