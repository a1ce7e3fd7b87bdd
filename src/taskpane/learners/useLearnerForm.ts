import { useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import type { LearnerField, LearnerFields } from "./learnerForm";
import { checkLearnerForm, EMPTY_FIELDS, fieldsChanged, fieldsOf } from "./learnerForm";

export interface LearnerFormOptions {
  /** The learner being edited, or null to add one. */
  readonly original: Learner | null;
  /** Every other learner in the cohort (registration numbers must stay unique). */
  readonly others: readonly Learner[];
  readonly catalogue: Catalogue;
  /** Starting values for a new learner (the only qualification, my name as assessor or IQA). */
  readonly defaults: Partial<LearnerFields>;
  readonly onSave: (learner: Learner) => Promise<string | null>;
}

export function useLearnerForm(options: LearnerFormOptions) {
  const { original, others, catalogue, defaults, onSave } = options;
  const [initial] = useState<LearnerFields>(() =>
    original ? fieldsOf(original) : { ...EMPTY_FIELDS, ...defaults },
  );
  const [fields, setFields] = useState<LearnerFields>(initial);
  const [errors, setErrors] = useState<Partial<Record<LearnerField, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const change = (field: LearnerField, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  /** Checks and saves (with the withdrawn status given, when given); true when saved. */
  const submit = async (withdrawn?: boolean): Promise<boolean> => {
    const checked = checkLearnerForm(
      withdrawn === undefined ? fields : { ...fields, withdrawn: withdrawn ? "yes" : "" },
      original,
      others,
      catalogue,
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      setOther(checked.other);
      return false;
    }
    setErrors({});
    setOther([]);
    setSaving(true);
    const error = await onSave(checked.learner);
    setSaving(false);
    setFailure(error);
    return error === null;
  };

  const dirty = fieldsChanged(fields, initial);
  return { fields, errors, other, saving, failure, dirty, change, submit };
}
