import { useEffect, useRef, useState } from "react";
import type { WorkbookPort } from "../../workbook/port";
import { usePreferences } from "../preferences/PreferencesContext";

/**
 * Keeps the Decision log honest from the task pane: what this session changes is recorded under the person's
 * declared name (or "unknown"), and once the workbook is set up, changes typed here or by co-authors are
 * recorded a moment after the typing stops (where the host tells of them). Returns how many times rows were
 * recorded so (the IQA tab's Decision log viewer reads the log again each time).
 */
export function useDecisionLog(port: WorkbookPort, setUp: boolean): number {
  const { preferences } = usePreferences();
  useEffect(() => port.setWho(preferences.myName), [port, preferences.myName]);
  const watching = useRef(false);
  const [recorded, setRecorded] = useState(0);
  useEffect(() => {
    if (!setUp || watching.current) return;
    watching.current = true;
    void port.watchChanges(() => setRecorded((n) => n + 1));
  }, [port, setUp]);
  return recorded;
}
