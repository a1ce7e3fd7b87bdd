import { useState } from "react";
import { usePreferences } from "../preferences/PreferencesContext";
import type { Preferences } from "../preferences/preferences";
import { problemsText } from "../shared/problemsText";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import type { SetupErrors, SetupValues } from "./Setup.types";
import { applySetup, setupErrors, setupValuesFrom } from "./setupForm";

export type SaveStatus =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  /** `nameKept`: the browser stored "my name" (false: it applies for this session only). */
  | { readonly status: "saved"; readonly nameKept: boolean }
  | { readonly status: "failed"; readonly error: string };

export function useSetup(state: WorkbookState | null, save: (next: WorkbookState) => Promise<Result<void>>) {
  const [values, setValues] = useState<SetupValues>(() => setupValuesFrom(state));
  const [errors, setErrors] = useState<SetupErrors>({});
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ status: "idle" });
  const { preferences, update } = usePreferences();
  const [me, setMe] = useState<Preferences>(preferences);

  const changeMe = (next: Preferences) => {
    setMe(next);
    setSaveStatus({ status: "idle" });
  };

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
    if (!result.ok) {
      setSaveStatus({ status: "failed", error: problemsText(result.problems) });
      return;
    }
    // One save: the set-up into the workbook, then "my name" into this browser.
    const nameKept = update({ myName: me.myName.trim(), role: me.role });
    setSaveStatus({ status: "saved", nameKept });
  };

  return { values, errors, saveStatus, me, change, changeMe, toggleQualification, submit };
}
