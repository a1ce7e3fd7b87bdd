import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { useId } from "react";
import { usePanelStyles } from "../shared/panel.styles";
import type { LearnerFormOptions } from "./useLearnerForm";
import { useLearnerForm } from "./useLearnerForm";
import { useLearnersStyles } from "./Learners.styles";

export interface LearnerFormProps extends LearnerFormOptions {
  /** Qualifications offered (catalogue id and title). */
  readonly qualifications: readonly { readonly id: string; readonly title: string }[];
  readonly assessors: readonly string[];
  readonly onClose: () => void;
}

/** Flow 2, one learner: add a learner or edit one, checked like every imported row. */
export function LearnerForm(props: LearnerFormProps) {
  const { qualifications, assessors, onClose, original } = props;
  const styles = useLearnersStyles();
  const panel = usePanelStyles();
  const listId = useId();
  const titleId = useId();
  const { fields, errors, other, saving, failure, change, submit } = useLearnerForm(props);

  return (
    <form
      className={styles.form}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit().then((saved) => saved && onClose());
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <Subtitle2 as="h3" id={titleId}>
        {original ? `Edit ${original.name}` : "Add a learner"}
      </Subtitle2>
      <Field label="Registration No" required validationMessage={errors.registration}>
        <Input autoFocus value={fields.registration} onChange={(_, d) => change("registration", d.value)} />
      </Field>
      <Field label="Learner name" required validationMessage={errors.name}>
        <Input value={fields.name} onChange={(_, d) => change("name", d.value)} />
      </Field>
      <Field label="Qualification" required validationMessage={errors.qualification}>
        <Select value={fields.qualification} onChange={(_, d) => change("qualification", d.value)}>
          <option value="">Choose a qualification</option>
          {qualifications.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title} ({q.id})
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
    </form>
  );
}
