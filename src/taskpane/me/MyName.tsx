import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
} from "@fluentui/react-components";
import { useState } from "react";
import { usePreferences } from "../preferences/PreferencesContext";
import { usePanelStyles } from "../shared/panel.styles";

/** Flow 6: the user's own name, put in new entries as assessor or IQA. Kept in this browser only. */
export function MyName() {
  const panel = usePanelStyles();
  const { preferences, update } = usePreferences();
  const [name, setName] = useState(preferences.myName);
  const [role, setRole] = useState(preferences.role);
  const [saved, setSaved] = useState<"stored" | "session" | null>(null);

  return (
    <form
      className={panel.root}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(update({ myName: name.trim(), role }) ? "stored" : "session");
      }}
    >
      <Subtitle2 as="h2">My name</Subtitle2>
      <Caption1 className={panel.hint}>
        Kept in this browser for you alone; other people who open the workbook keep their own.
      </Caption1>
      <Field label="Your name" hint="Filled in for you when you add a learner">
        <Input
          value={name}
          onChange={(_, d) => {
            setName(d.value);
            setSaved(null);
          }}
        />
      </Field>
      <Field label="You mark as">
        <RadioGroup
          value={role}
          onChange={(_, d) => {
            setRole(d.value === "iqa" ? "iqa" : "assessor");
            setSaved(null);
          }}
        >
          <Radio value="assessor" label="Assessor" />
          <Radio value="iqa" label="IQA (internal quality assurer)" />
        </RadioGroup>
      </Field>
      <div className={panel.actions}>
        <Button appearance="primary" type="submit">
          Save my name
        </Button>
      </div>
      <div aria-live="polite">
        {saved === "stored" && (
          <MessageBar intent="success">
            <MessageBarBody>Saved for you in this browser.</MessageBarBody>
          </MessageBar>
        )}
        {saved === "session" && (
          <MessageBar intent="warning">
            <MessageBarBody>
              This browser would not store it: it applies until you close the pane.
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
