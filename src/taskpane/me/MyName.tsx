import { Caption1, Field, Input, Radio, RadioGroup, Subtitle2 } from "@fluentui/react-components";
import type { Preferences } from "../preferences/preferences";
import { usePanelStyles } from "../shared/panel.styles";

export interface MyNameProps {
  readonly value: Preferences;
  readonly onChange: (next: Preferences) => void;
}

/**
 * Flow 6: the user's own name, put in new entries as assessor or IQA. Part of the Set up form (one save), but kept
 * in this browser only, never in the workbook.
 */
export function MyName(props: MyNameProps) {
  const panel = usePanelStyles();
  const { value, onChange } = props;
  return (
    <section className={panel.section} aria-labelledby="my-name-title">
      <Subtitle2 as="h2" id="my-name-title">
        My name
      </Subtitle2>
      <Caption1 className={panel.hint}>
        Kept in this browser for you alone; other people who open the workbook keep their own.
      </Caption1>
      <Field label="Your name" hint="Filled in for you when you add a learner">
        <Input value={value.myName} onChange={(_, d) => onChange({ ...value, myName: d.value })} />
      </Field>
      <Field label="You mark as">
        <RadioGroup
          value={value.role}
          onChange={(_, d) => onChange({ ...value, role: d.value === "iqa" ? "iqa" : "assessor" })}
        >
          <Radio value="assessor" label="Assessor" />
          <Radio value="iqa" label="IQA (internal quality assurer)" />
        </RadioGroup>
      </Field>
    </section>
  );
}
