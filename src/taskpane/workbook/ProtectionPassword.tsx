import { Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { usePort } from "../state/PortContext";
import { usePanelStyles } from "../shared/panel.styles";

/**
 * The sheet protection password for this session: given to the port, which keeps it in memory only. It is never
 * saved with the workbook's settings or in this browser.
 */
export function ProtectionPassword() {
  const port = usePort();
  const panel = usePanelStyles();
  const [value, setValue] = useState("");
  const [given, setGiven] = useState(() => port.hasProtectionPassword());

  const give = (password: string) => {
    setValue(password);
    port.setProtectionPassword(password === "" ? null : password);
    setGiven(password !== "");
  };

  return (
    <Field
      label="Sheet protection password (optional)"
      hint={
        given
          ? "Given for this session: ilm unprotects its tabs with it and protects them with it again. It is not stored."
          : "Without one, ilm's tabs are protected with no password. Give the password when the tabs have one; it is kept for this session only, never in the workbook."
      }
    >
      <div className={panel.actions}>
        <Input type="password" autoComplete="off" value={value} onChange={(_, d) => give(d.value)} />
        {given && value === "" && <Button onClick={() => give("")}>Forget the password</Button>}
      </div>
    </Field>
  );
}
