import {
  Caption1,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { ProblemList } from "../shared/ProblemList";
import { usePanelStyles } from "../shared/panel.styles";
import { useIqaStyles } from "./Iqa.styles";
import type { StrategyValues } from "./strategyForm";
import { STRATEGY_LABELS } from "./strategyForm";
import type { IqaStore } from "./useIqa";

export type StrategyEditorProps = Pick<
  IqaStore,
  | "load"
  | "values"
  | "check"
  | "showErrors"
  | "assessors"
  | "presets"
  | "preset"
  | "presetUnchanged"
  | "change"
  | "choosePreset"
>;

/** The sampling strategy: a preset to start from, every figure to edit, each with what is wrong with it. */
export function StrategyEditor(props: StrategyEditorProps) {
  const { load, values, check, showErrors, assessors, presets, preset, presetUnchanged, change } = props;
  const panel = usePanelStyles();
  const styles = useIqaStyles();
  const error = (field: keyof StrategyValues) => (showErrors ? check.errors[field] : undefined);
  const kept = load.status === "ready" && load.kept;
  const figure = (field: keyof StrategyValues, hint?: string) => (
    <Field label={STRATEGY_LABELS[field]} validationMessage={error(field)} hint={hint}>
      <Input
        inputMode={field === "perAssessorAssessment" ? "numeric" : "decimal"}
        value={values[field] as string}
        onChange={(_, d) => change(field, d.value)}
      />
    </Field>
  );

  return (
    <section className={panel.section} aria-labelledby="iqa-strategy-title">
      <Subtitle2 as="h2" id="iqa-strategy-title">
        Sampling strategy
      </Subtitle2>
      <Caption1 className={panel.hint}>
        {kept
          ? "The strategy this workbook keeps. Change it here: drawing keeps the strategy shown."
          : "This workbook keeps no sampling strategy yet. Start from a preset or fill in every field: ILM's specifications set no sample size, so the figures are your centre's choice."}
      </Caption1>
      {load.status === "ready" && load.problems.length > 0 && (
        <ProblemList
          title="The workbook's sampling strategy or cells cannot be used"
          problems={load.problems}
        />
      )}
      <Field
        className={styles.narrowField}
        label="Start from a preset"
        hint={
          preset
            ? `${preset.description}${presetUnchanged ? "" : " (You have changed its figures below.)"}`
            : "A preset fills in the fields below. Nothing is drawn until you choose to draw."
        }
      >
        <Select
          className={styles.narrowSelect}
          select={{ className: styles.narrowSelectElement }}
          value={preset?.id ?? ""}
          onChange={(_, d) => props.choosePreset(d.value)}
        >
          <option value="">Choose a preset…</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              Preset: {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Name (optional)" hint="Shown in reports, for example 2026 plan, agreed with the EQA.">
        <Input value={values.name} onChange={(_, d) => change("name", d.value)} />
      </Field>
      <Field label={STRATEGY_LABELS.stage} validationMessage={error("stage")}>
        <RadioGroup
          value={values.stage}
          onChange={(_, d) => change("stage", d.value as StrategyValues["stage"])}
        >
          <Radio value="summative" label="Summative: decided work (PASS or REFERRAL)" />
          <Radio value="interim" label="Interim: any marked work, decided or not" />
        </RadioGroup>
      </Field>
      {figure("minimumPercent", "At least this share of each assessor's eligible rows, rounded up.")}
      {figure("perAssessorAssessment", "At least this many of each assessor's rows on each assessment.")}
      <fieldset className={styles.fieldset}>
        <legend>
          <Text weight="semibold">{STRATEGY_LABELS.newAssessors}</Text>
        </legend>
        <Caption1 className={panel.hint}>Sampled at the share below instead of the minimum.</Caption1>
        {assessors.length === 0 ? (
          <Caption1>No assessors are named in the workbook yet.</Caption1>
        ) : (
          assessors.map((name) => (
            <Checkbox
              key={name}
              label={name}
              checked={values.newAssessors.includes(name)}
              onChange={(_, d) =>
                change(
                  "newAssessors",
                  d.checked === true
                    ? [...values.newAssessors, name]
                    : values.newAssessors.filter((n) => n !== name),
                )
              }
            />
          ))
        )}
        {error("newAssessors") && (
          <Caption1 className={styles.notCompliant}>{error("newAssessors")}</Caption1>
        )}
      </fieldset>
      {figure("newAssessorPercent")}
      <Field label={STRATEGY_LABELS.referrals} validationMessage={error("referrals")}>
        <RadioGroup
          value={values.referrals}
          onChange={(_, d) => change("referrals", d.value as StrategyValues["referrals"])}
        >
          <Radio value="all" label="Every REFERRAL" />
          <Radio value="none" label="No rule of their own" />
          <Radio value="percent" label="A share of each assessor's referrals" />
        </RadioGroup>
      </Field>
      {values.referrals === "percent" && figure("referralsPercent")}
      {figure(
        "markTolerance",
        "The largest difference between the assessor's and the IQA's section mark that is not a disagreement.",
      )}
      {showErrors && check.general.length > 0 && (
        <ul aria-label="Other problems with the strategy">
          {check.general.map((m) => (
            <li key={m}>
              <Caption1 className={styles.notCompliant}>{m}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
