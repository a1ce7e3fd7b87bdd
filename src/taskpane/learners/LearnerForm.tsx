import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Subtitle2,
  Textarea,
} from "@fluentui/react-components";
import { useEffect, useId, useState } from "react";
import type { Learner } from "../../domain/cohort/schema";
import { ConfirmDialog } from "../shared/ConfirmDialog";
import { usePanelStyles } from "../shared/panel.styles";
import type { LearnerFormOptions } from "./useLearnerForm";
import { useLearnerForm } from "./useLearnerForm";
import { entriesOf } from "./learnerForm";
import { useLearnersStyles } from "./Learners.styles";

export interface LearnerFormProps extends LearnerFormOptions {
  /** Qualifications offered (catalogue id and title). */
  readonly qualifications: readonly { readonly id: string; readonly title: string }[];
  readonly assessors: readonly string[];
  readonly onClose: () => void;
  /** Told whether the form holds edits not saved yet (to ask before they are discarded). */
  readonly onDirtyChange?: (dirty: boolean) => void;
  /** Removes the learner from the cohort (only offered for one with nothing in the workbook); an error or null. */
  readonly onRemove?: (learner: Learner) => Promise<string | null>;
}

/** Flow 2, one learner: add a learner or edit one (hours and notes too), checked like every imported row. */
export function LearnerForm(props: LearnerFormProps) {
  const { qualifications, assessors, onClose, original, onDirtyChange, onRemove } = props;
  const styles = useLearnersStyles();
  const panel = usePanelStyles();
  const listId = useId();
  const titleId = useId();
  const { fields, errors, other, saving, failure, dirty, change, submit } = useLearnerForm(props);
  const [removing, setRemoving] = useState<"ask" | "refused" | null>(null);
  const [removeFailure, setRemoveFailure] = useState<string | null>(null);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const save = (withdrawn?: boolean) => void submit(withdrawn).then((saved) => saved && onClose());
  const entries = original ? entriesOf(original) : [];
  const withdrawn = original?.withdrawn === true;

  const remove = async () => {
    if (!original || !onRemove) return;
    setRemoving(null);
    const error = await onRemove(original);
    setRemoveFailure(error);
    if (error === null) onClose();
  };

  return (
    <form
      className={styles.form}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && removing !== "ask") onClose();
      }}
    >
      <Subtitle2 as="h3" id={titleId}>
        {original ? `Edit ${original.name}` : "Add a learner"}
      </Subtitle2>
      {withdrawn && <Caption1>Withdrawn: kept in the workbook, counted only as withdrawn.</Caption1>}
      <Field label="Registration No" required validationMessage={errors.registration}>
        <Input autoFocus value={fields.registration} onChange={(_, d) => change("registration", d.value)} />
      </Field>
      <Field label="Learner name" required validationMessage={errors.name}>
        <Input value={fields.name} onChange={(_, d) => change("name", d.value)} />
      </Field>
      <Field label="Qualification" required validationMessage={errors.qualification}>
        <Select
          className={styles.select}
          value={fields.qualification}
          onChange={(_, d) => change("qualification", d.value)}
        >
          <option value="">Choose a qualification</option>
          {qualifications.map((q) => (
            <option key={q.id} value={q.id}>
              {q.id}: {q.title}
            </option>
          ))}
        </Select>
      </Field>
      <datalist id={listId}>
        {assessors.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Field label="Assessor" validationMessage={errors.assessor}>
        <Input list={listId} value={fields.assessor} onChange={(_, d) => change("assessor", d.value)} />
      </Field>
      <Field label="IQA" validationMessage={errors.iqa}>
        <Input list={listId} value={fields.iqa} onChange={(_, d) => change("iqa", d.value)} />
      </Field>
      <Field
        label="Registered"
        validationMessage={errors.registered}
        hint="The date ILM registered the learner"
      >
        <Input type="date" value={fields.registered} onChange={(_, d) => change("registered", d.value)} />
      </Field>
      <Field label="Email" validationMessage={errors.email}>
        <Input type="email" value={fields.email} onChange={(_, d) => change("email", d.value)} />
      </Field>
      <div className={styles.hours} role="group" aria-label="Hours">
        {(["induction", "tutorial", "coaching"] as const).map((key) => (
          <Field
            key={key}
            label={`${key.charAt(0).toUpperCase()}${key.slice(1)} hours`}
            validationMessage={errors[key]}
          >
            <Input inputMode="decimal" value={fields[key]} onChange={(_, d) => change(key, d.value)} />
          </Field>
        ))}
      </div>
      <Field label="Notes" validationMessage={errors.notes}>
        <Textarea resize="vertical" value={fields.notes} onChange={(_, d) => change("notes", d.value)} />
      </Field>
      {other.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{other.join("; ")}</MessageBarBody>
        </MessageBar>
      )}
      {failure !== null && (
        <MessageBar intent="error">
          <MessageBarBody>Not saved: {failure}</MessageBarBody>
        </MessageBar>
      )}
      <div className={panel.actions}>
        <Button appearance="primary" type="submit" disabled={saving}>
          {original ? "Save learner" : "Add learner"}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
      {original && (
        <div className={panel.actions}>
          <Button disabled={saving} onClick={() => save(!withdrawn)}>
            {withdrawn ? "Reinstate learner" : "Withdraw learner"}
          </Button>
          {onRemove && (
            <Button
              appearance="subtle"
              disabled={saving}
              onClick={() => setRemoving(entries.length > 0 ? "refused" : "ask")}
            >
              Remove from the cohort
            </Button>
          )}
        </div>
      )}
      {original && removing === "refused" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {original.name} can&apos;t be removed: the workbook holds {entries.join(", ")} for them, which
            removing would lose.{" "}
            {withdrawn
              ? "They are withdrawn already, which keeps them out of the active figures."
              : "Withdraw them instead: they stay in the workbook, counted only as withdrawn."}
          </MessageBarBody>
          {!withdrawn && (
            <MessageBarActions>
              <Button onClick={() => save(true)}>Withdraw instead</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {removeFailure !== null && (
        <MessageBar intent="error">
          <MessageBarBody>Not removed: {removeFailure}</MessageBarBody>
        </MessageBar>
      )}
      {original && (
        <ConfirmDialog
          open={removing === "ask"}
          title={`Remove ${original.name}?`}
          confirm="Remove"
          cancel="Keep them"
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(null)}
        >
          {original.registration} {original.name} has no marks, outcomes or hours in the workbook.
          {dirty ? " The changes in the form are discarded too." : ""}
        </ConfirmDialog>
      )}
    </form>
  );
}
