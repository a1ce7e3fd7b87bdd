import { useCallback, useRef, useState } from "react";
import { problemsText } from "../shared/problemsText";
import type { ChangeSummary } from "../../workbook/plan";
import type { Result } from "../../domain/problems";
import type { Progress } from "../../workbook/port";

export type RunStatus =
  | { readonly status: "idle" }
  | { readonly status: "running"; readonly progress: Progress }
  | { readonly status: "done"; readonly summary: ChangeSummary }
  | { readonly status: "failed"; readonly error: string };

/** Runs one long workbook job at a time (generate, convert), following its progress. */
export function useRun() {
  const [run, setRun] = useState<RunStatus>({ status: "idle" });
  const busy = useRef(false);

  const start = useCallback(
    async (job: (onProgress: (p: Progress) => void) => Promise<Result<ChangeSummary>>) => {
      if (busy.current) return null;
      busy.current = true;
      setRun({ status: "running", progress: { fraction: 0, message: "Starting…" } });
      const result = await job((progress) => setRun({ status: "running", progress }));
      busy.current = false;
      setRun(
        result.ok
          ? { status: "done", summary: result.value }
          : { status: "failed", error: problemsText(result.problems) },
      );
      return result;
    },
    [],
  );

  return { run, start };
}
