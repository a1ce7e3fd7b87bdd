import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
} from "@fluentui/react-components";
import type { IqaDecisionInput } from "../../app/iqa-decision";
import type { IqaSampleRow } from "../../app/port";
import type { Result } from "../../domain/problems";
import { usePanelStyles } from "../shared/panel.styles";
import type { DecisionValues } from "./decisionForm";
import { useIqaStyles } from "./Iqa.styles";
import { useDecisionForm } from "./useDecisionForm";

export interface DecisionFormProps {
  readonly row: IqaSampleRow;
  readonly decide: (input: IqaDecisionInput) => Promise<Result<void>>;
}

/** Records the IQA's decision on one sampled row: Agree, or Action required with what to do and by when. */
export function DecisionForm(props: DecisionFormProps) {
  const { row } = props;
  const panel = usePanelStyles();
  const styles = useIqaStyles();
  const { values, errors, save, change, submit } = useDecisionForm(row, props.decide);

  return (
    <form
      className={styles.decisionForm}
      aria-label={`IQA decision for ${row.learner}, ${row.assessment}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="IQA decision" validationMessage={errors.decision}>
        <RadioGroup
          layout="horizontal"
          value={values.decision}
          onChange={(_, d) => change("decision", d.value as DecisionValues["decision"])}
        >
          <Radio value="Agree" label="Agree" />
          <Radio value="Action required" label="Action required" />
        </RadioGroup>
      </Field>
      {values.decision === "Action required" && (
        <>
          <Field label="IQA action" hint="What the assessor is to do." validationMessage={errors.action}>
            <Textarea
              resize="vertical"
              value={values.action}
              onChange={(_, d) => change("action", d.value)}
            />
          </Field>
          <Field label="Action due">
            <Input type="date" value={values.due} onChange={(_, d) => change("due", d.value)} />
          </Field>
        </>
      )}
      {(values.decision === "Action required" || values.closed !== "") && (
        <Field label="Action closed" hint="When the action was done.">
          <Input type="date" value={values.closed} onChange={(_, d) => change("closed", d.value)} />
        </Field>
      )}
      <div className={panel.actions}>
        <Button type="submit" appearance="primary" disabled={save.status === "saving"}>
          Save decision
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {save.status === "saving" && <Caption1>Saving the decision…</Caption1>}
        {save.status === "saved" && <Caption1>Decision saved in the mark sheet.</Caption1>}
        {save.status === "failed" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>The decision was not saved: {save.error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
