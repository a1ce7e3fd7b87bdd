import { useCallback, useEffect, useMemo, useState } from "react";
import type { LogEntry } from "../../domain/decisions/log";
import { problemsText } from "../shared/problemsText";
import { usePort } from "../state/PortContext";
import type { LogFilter } from "./logFilter";
import { filterLog, logFields } from "./logFilter";

const NONE: readonly LogEntry[] = [];

export type LogRead =
  | { readonly status: "reading" }
  | { readonly status: "read"; readonly entries: readonly LogEntry[] }
  | { readonly status: "failed"; readonly error: string };

/**
 * The Decision log viewer's state: the log's rows as the workbook holds them (read again whenever `writes`
 * changes, and on request), the filter, and the rows it shows, newest first. What this session writes is recorded
 * by useDecisionLog (the person's declared name, "task pane").
 */
export function useLogView(writes: number) {
  const port = usePort();
  const [read, setRead] = useState<LogRead>({ status: "reading" });
  const [filter, setFilter] = useState<LogFilter>({ text: "", field: "" });
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    setRead({ status: "reading" });
    void port.decisionLog().then((log) => {
      if (!live) return;
      setRead(
        log.ok
          ? { status: "read", entries: log.value }
          : { status: "failed", error: problemsText(log.problems) },
      );
    });
    return () => {
      live = false;
    };
  }, [port, writes, asked]);

  const entries = read.status === "read" ? read.entries : NONE;
  const shown = useMemo(() => filterLog(entries, filter), [entries, filter]);
  const fields = useMemo(() => logFields(entries), [entries]);
  const setText = useCallback((text: string) => setFilter((f) => ({ ...f, text })), []);
  const setField = useCallback((field: string) => setFilter((f) => ({ ...f, field })), []);
  const readAgain = useCallback(() => setAsked((n) => n + 1), []);

  return { read, filter, shown, total: entries.length, fields, setText, setField, readAgain };
}

export type LogView = ReturnType<typeof useLogView>;
