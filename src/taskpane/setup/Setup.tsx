import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useId } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import type { FormulaMode } from "../../workbook/plan";
import { MyName } from "../me/MyName";
import type { NextStepProps } from "../shared/NextStep";
import { NextStep } from "../shared/NextStep";
import { usePanelStyles } from "../shared/panel.styles";
import { useSetupStyles } from "./Setup.styles";
import { useSetup } from "./useSetup";

export interface SetupProps {
  readonly state: WorkbookState | null;
  readonly catalogue: Catalogue;
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
  /** Where to go once the set-up is saved. */
  readonly next?: NextStepProps;
}

/**
 * Flow 1: the centre, the cohort, the qualifications offered, the assessors and the formula mode (into the
 * workbook), and "my name" (into this browser), saved together.
 */
export function Setup(props: SetupProps) {
  const { state, catalogue, save, next } = props;
  const panel = usePanelStyles();
  const styles = useSetupStyles();
  const errorId = useId();
  const { values, errors, saveStatus, me, change, changeMe, toggleQualification, submit } = useSetup(
    state,
    save,
  );

  return (
    <form
      className={panel.root}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Subtitle2 as="h2">{state === null ? "Set up this workbook" : "Cohort set-up"}</Subtitle2>
      <Caption1 className={panel.hint}>
        Stored in the workbook, so everyone who opens it sees the same set-up.
      </Caption1>
      <Field label="Centre number" required validationMessage={errors.centreNumber}>
        <Input value={values.centreNumber} onChange={(_, d) => change("centreNumber", d.value)} />
      </Field>
      <Field label="Centre name" required validationMessage={errors.centreName}>
        <Input value={values.centreName} onChange={(_, d) => change("centreName", d.value)} />
      </Field>
      <Field label="Cohort name" required validationMessage={errors.cohortName} hint="For example 2026-A">
        <Input value={values.cohortName} onChange={(_, d) => change("cohortName", d.value)} />
      </Field>
      <fieldset className={styles.group} aria-describedby={errors.qualifications ? errorId : undefined}>
        <legend className={styles.legend}>
          <Text weight="semibold">Qualifications</Text>
          <span className={styles.required} aria-hidden="true">
            {" "}
            *
          </span>
        </legend>
        {[...catalogue.qualifications.values()].map((q) => (
          <Checkbox
            key={q.id}
            checked={values.qualifications.includes(q.id)}
            onChange={(_, d) => toggleQualification(q.id, d.checked === true)}
            label={
              <>
                {q.title} <span className={styles.qualificationId}>({q.id})</span>
              </>
            }
          />
        ))}
        {errors.qualifications && (
          <Text id={errorId} size={200} className={styles.error}>
            {errors.qualifications}
          </Text>
        )}
      </fieldset>
      <Field label="Assessors" hint="One name per line. Offered when you add learners.">
        <Textarea
          resize="vertical"
          value={values.assessors}
          onChange={(_, d) => change("assessors", d.value)}
        />
      </Field>
      <Field label="Formulas in the mark sheets">
        <RadioGroup value={values.mode} onChange={(_, d) => change("mode", d.value as FormulaMode)}>
          <Radio value="ilm" label="ILM functions (needs this add-in to calculate)" />
          <Radio value="portable" label="Portable (any Excel, Excel on the web and LibreOffice)" />
        </RadioGroup>
      </Field>
      <MyName value={me} onChange={changeMe} />
      <div className={panel.actions}>
        <Button appearance="primary" type="submit" disabled={saveStatus.status === "saving"}>
          Save set-up
        </Button>
        {saveStatus.status === "saving" && <Spinner size="tiny" label="Saving" />}
      </div>
      <div aria-live="polite">
        {saveStatus.status === "saved" && (
          <MessageBar intent={saveStatus.nameKept ? "success" : "warning"} layout="multiline">
            <MessageBarBody>
              Set-up saved in this workbook.{" "}
              {saveStatus.nameKept
                ? "Your name is kept in this browser."
                : "This browser would not store your name: it applies until you close the pane."}
            </MessageBarBody>
          </MessageBar>
        )}
        {saveStatus.status === "failed" && (
          <MessageBar intent="error">
            <MessageBarBody>The set-up was not saved: {saveStatus.error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {saveStatus.status === "saved" && next && <NextStep {...next} />}
    </form>
  );
}
