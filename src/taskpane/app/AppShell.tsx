import {
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Title3,
} from "@fluentui/react-components";
import { Suspense, useEffect, useState } from "react";
import { NextStep } from "../shared/NextStep";
import { usePort } from "../state/PortContext";
import { useDecisionLog } from "../state/useDecisionLog";
import { useWorkbookState } from "../state/useWorkbookState";
import type { TabName } from "./App.types";
import { useAppStyles } from "./App.styles";
import { PanelLoading } from "./PanelLoading";
import { lazyPanel } from "./lazyPanel";

/** The panels, the catalogue and the rules engine: fetched after the shell's first screen (see docs/decisions.md). */
const TabPanels = lazyPanel(() =>
  import("./TabPanels.js").then((m) => {
    m.preloadFirstTabs();
    return m.TabPanels;
  }),
);

const TABS: readonly { value: TabName; label: string }[] = [
  { value: "overview", label: "Overview" },
  { value: "setup", label: "Set up" },
  { value: "learners", label: "Learners" },
  { value: "workbook", label: "Workbook" },
  { value: "iqa", label: "IQA" },
  { value: "catalogue", label: "Catalogue" },
];

export interface AppShellProps {
  /** The As of date of the Overview's figures (YYYY-MM-DD); today when not given. */
  readonly asOf?: string | undefined;
}

/** The header, the tabs and the panel of the chosen flow. */
export function AppShell(props: AppShellProps) {
  const styles = useAppStyles();
  const port = usePort();
  const store = useWorkbookState(port);
  const state = store.status === "ready" ? store.state : null;
  const logRecorded = useDecisionLog(port, state !== null);
  const [chosen, setChosen] = useState<TabName | null>(null);
  // The panels' code is fetched while the workbook is read, not after.
  useEffect(() => void TabPanels.preload().catch(() => undefined), []);
  // The first tab follows the workbook as loaded (Set up when it never was), then stays where the user puts it.
  if (chosen === null && store.status === "ready") setChosen(state === null ? "setup" : "overview");
  const tab: TabName = chosen ?? "setup";

  if (store.status === "loading") {
    return (
      <main className={styles.centred}>
        <Spinner label="Reading the workbook…" />
      </main>
    );
  }
  if (store.status === "failed") {
    return (
      <main className={styles.centred}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The workbook could not be read</MessageBarTitle>
            {store.error}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }

  const needsSetup = state === null && tab !== "setup" && tab !== "catalogue";

  return (
    <>
      <header className={styles.header}>
        <Title3 as="h1">ILM Markbook</Title3>
        <Caption1 className={styles.subtitle}>
          {state === null
            ? "This workbook is not set up yet."
            : `${state.cohort.centre.name} (${state.cohort.centre.number}) · cohort ${state.cohort.cohort}`}
        </Caption1>
      </header>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => setChosen(d.value as TabName)}
        aria-label="Task pane sections"
      >
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value} id={`tab-${t.value}`} aria-controls={`panel-${t.value}`}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <main className={styles.main}>
        {store.missing.length > 0 && (
          <div className={styles.centred}>
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>This version of Excel lacks what the add-in needs</MessageBarTitle>
                {store.missing.join("; ")}
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {needsSetup ? (
            <div className={styles.centred}>
              <NextStep
                text="Set up the workbook first, on the Set up tab."
                action="Go to Set up"
                onGo={() => setChosen("setup")}
              />
            </div>
          ) : (
            <Suspense fallback={<PanelLoading />}>
              <TabPanels
                tab={tab}
                state={state}
                save={store.save}
                reload={store.reload}
                asOf={props.asOf}
                goTo={setChosen}
                logRecorded={logRecorded}
              />
            </Suspense>
          )}
        </div>
      </main>
    </>
  );
}
