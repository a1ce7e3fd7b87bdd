import { useCallback, useMemo, useRef, useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Result } from "../../domain/problems";
import type { LearnerSheet, WorkbookState } from "../../workbook/port";
import { problemsText } from "../shared/problemsText";
import { usePort } from "../state/PortContext";
import { overviewOf } from "./overview";

/** Where going to a learner's row stands: `what` names the row in words ("Asha Patel's row on the Learners tab"). */
export type Selection =
  | { readonly status: "idle" }
  | { readonly status: "selecting"; readonly what: string }
  | { readonly status: "selected"; readonly what: string }
  | { readonly status: "failed"; readonly what: string; readonly error: string };

export type Refresh =
  | { readonly status: "idle" }
  | { readonly status: "reading" }
  | { readonly status: "failed"; readonly error: string };

/**
 * The Overview's state: the figures of the pane's cohort on the As of date, going to a learner's row in the
 * workbook, and reading the workbook again.
 */
export function useOverview(
  state: WorkbookState,
  catalogue: Catalogue,
  asOf: string,
  reload: () => Promise<Result<void>>,
) {
  const port = usePort();
  const overview = useMemo(() => overviewOf(catalogue, state.cohort, asOf), [catalogue, state, asOf]);
  const [selection, setSelection] = useState<Selection>({ status: "idle" });
  const [refresh, setRefresh] = useState<Refresh>({ status: "idle" });
  const latest = useRef(0);

  const select = useCallback(
    async (sheet: LearnerSheet, registration: string, what: string) => {
      const call = ++latest.current;
      setSelection({ status: "selecting", what });
      const result = await port.select(sheet, registration);
      // Only the last link chosen reports: an earlier answer arriving late would name the wrong row.
      if (call !== latest.current) return;
      setSelection(
        result.ok
          ? { status: "selected", what }
          : { status: "failed", what, error: problemsText(result.problems) },
      );
    },
    [port],
  );

  const readAgain = useCallback(async () => {
    setRefresh({ status: "reading" });
    setSelection({ status: "idle" });
    const result = await reload();
    setRefresh(result.ok ? { status: "idle" } : { status: "failed", error: problemsText(result.problems) });
  }, [reload]);

  return { overview, selection, select, refresh, readAgain };
}

export type OverviewStore = ReturnType<typeof useOverview>;
