import { useCallback, useEffect, useState } from "react";
import { problemsText } from "../shared/problemsText";
import type { WorkbookPort, WorkbookState } from "../../workbook/port";
import type { StateStatus, WorkbookStore } from "./workbookState.types";

/** Loads the workbook-level state through the port once, and saves changes back through it. */
export function useWorkbookState(port: WorkbookPort): WorkbookStore {
  const [status, setStatus] = useState<StateStatus>({ status: "loading" });
  const [missing, setMissing] = useState<readonly string[]>([]);

  useEffect(() => {
    let live = true;
    void Promise.all([port.capabilities(), port.loadState()]).then(([capabilities, loaded]) => {
      if (!live) return;
      setMissing(capabilities.ok ? [] : capabilities.missing);
      setStatus(
        loaded.ok
          ? { status: "ready", state: loaded.value }
          : { status: "failed", error: problemsText(loaded.problems) },
      );
    });
    return () => {
      live = false;
    };
  }, [port]);

  const reload = useCallback(async () => {
    const loaded = await port.loadState();
    if (loaded.ok) setStatus({ status: "ready", state: loaded.value });
    return loaded.ok ? { ok: true as const, value: undefined } : loaded;
  }, [port]);

  const save = useCallback(
    async (next: WorkbookState) => {
      const result = await port.saveState(next);
      if (result.ok) setStatus({ status: "ready", state: next });
      return result;
    },
    [port],
  );

  return { ...status, save, reload, missing };
}
