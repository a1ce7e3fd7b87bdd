import { Suspense, useEffect, useMemo, useState } from "react";
import type { Result } from "../../domain/problems";
import { publishCentreCatalogues } from "../../functions/workbook-catalogue";
import type { WorkbookState } from "../../workbook/port";
import { NextStep } from "../shared/NextStep";
import { asOfDate } from "../state/asOf";
import { catalogueFor } from "../state/catalogue";
import type { TabName } from "./App.types";
import { useAppStyles } from "./App.styles";
import { PanelLoading } from "./PanelLoading";
import { lazyPanel } from "./lazyPanel";

// Each tab's code is its own chunk, fetched when the tab is first opened or, in the background, once the first
// tab is showing (whichever comes first), so switching tabs later does not wait for the network.
const Overview = lazyPanel(() => import("../overview/Overview.js").then((m) => m.Overview));
const Setup = lazyPanel(() => import("../setup/Setup.js").then((m) => m.Setup));
const Learners = lazyPanel(() => import("../learners/Learners.js").then((m) => m.Learners));
const WorkbookPanel = lazyPanel(() => import("../workbook/WorkbookPanel.js").then((m) => m.WorkbookPanel));
const Iqa = lazyPanel(() => import("../iqa/Iqa.js").then((m) => m.Iqa));
const CataloguePanel = lazyPanel(() =>
  import("../catalogue/CataloguePanel.js").then((m) => m.CataloguePanel),
);

/** Fetches the code of the two tabs the pane can open on (Overview, Set up) while the workbook is read. */
export function preloadFirstTabs(): void {
  for (const panel of [Overview, Setup]) void panel.preload().catch(() => undefined);
}

export interface TabPanelsProps {
  readonly tab: TabName;
  /** The workbook as loaded; null when it was never set up (the shell shows the set-up prompt on other tabs). */
  readonly state: WorkbookState | null;
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
  readonly reload: () => Promise<Result<void>>;
  readonly asOf?: string | undefined;
  readonly goTo: (tab: TabName) => void;
  /** Counts the times changes typed in the cells were recorded in the Decision log (useDecisionLog). */
  readonly logRecorded?: number;
}

/**
 * The chosen tab's panel, and what every panel shares: the catalogue (the ILM one plus the workbook's centre
 * catalogues), which the ILM.* functions running beside the pane answer from too. Loaded after the shell's first
 * screen, so the catalogue and the rules engine are not in the task pane's initial JavaScript.
 */
export function TabPanels(props: TabPanelsProps) {
  const { tab, state, save, reload, goTo } = props;
  const styles = useAppStyles();
  const { catalogue, problems, files } = useMemo(() => catalogueFor(state), [state]);
  useEffect(() => publishCentreCatalogues(files), [files]);
  useEffect(() => {
    for (const panel of [Overview, Setup, Learners, WorkbookPanel, Iqa, CataloguePanel])
      void panel.preload().catch(() => undefined);
  }, []);
  // Learners saved since the mark sheets were last generated: the Learners tab points to the Workbook tab.
  const [learnersChanged, setLearnersChanged] = useState(false);
  const saveLearners = async (next: WorkbookState) => {
    const result = await save(next);
    if (result.ok) setLearnersChanged(true);
    return result;
  };

  return (
    <Suspense fallback={<PanelLoading />}>
      {tab === "overview" && state !== null && (
        <Overview state={state} catalogue={catalogue} asOf={asOfDate(props.asOf)} reload={reload} />
      )}
      {tab === "setup" && (
        <Setup
          state={state}
          catalogue={catalogue}
          save={save}
          next={
            state !== null && state.cohort.learners.length === 0
              ? { text: "Next, add the learners.", action: "Go to Learners", onGo: () => goTo("learners") }
              : {
                  text: "Next, update the mark sheets.",
                  action: "Go to Workbook",
                  onGo: () => goTo("workbook"),
                }
          }
        />
      )}
      {tab === "learners" && state !== null && (
        <>
          <Learners state={state} catalogue={catalogue} save={saveLearners} />
          {learnersChanged && (
            <div className={styles.nextStep}>
              <NextStep
                text="Next, generate the mark sheets so these learners have their rows on every tab."
                action="Go to Workbook"
                onGo={() => goTo("workbook")}
              />
            </div>
          )}
        </>
      )}
      {tab === "workbook" && state !== null && (
        <WorkbookPanel
          state={state}
          save={save}
          onGenerated={() => setLearnersChanged(false)}
          next={{
            text: "Next, mark: type marks, P or R and dates into the mark-sheet tabs. The Overview shows who needs attention.",
            action: "Go to Overview",
            onGo: () => goTo("overview"),
          }}
        />
      )}
      {tab === "iqa" && state !== null && (
        <Iqa state={state} reload={reload} logRecorded={props.logRecorded ?? 0} />
      )}
      {tab === "catalogue" && (
        <CataloguePanel state={state} catalogue={catalogue} storedProblems={problems} save={save} />
      )}
    </Suspense>
  );
}
