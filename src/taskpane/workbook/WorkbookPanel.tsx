import { Button, Caption1, Divider, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { usePort } from "../state/PortContext";
import type { NextStepProps } from "../shared/NextStep";
import { NextStep } from "../shared/NextStep";
import { usePanelStyles } from "../shared/panel.styles";
import { ChangeSummaryView } from "./ChangeSummaryView";
import { ProtectionPassword } from "./ProtectionPassword";
import { RunProgress } from "./RunProgress";
import { useRun } from "./useRun";

export interface WorkbookPanelProps {
  readonly state: WorkbookState;
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
  /** Told when the mark sheets were written. */
  readonly onGenerated?: () => void;
  /** Where to go once the mark sheets are written. */
  readonly next?: NextStepProps;
}

/** Flows 3 and 4: generate or update the tabs, and convert the workbook to Portable formulas. */
export function WorkbookPanel(props: WorkbookPanelProps) {
  const { state, save, onGenerated, next } = props;
  const port = usePort();
  const panel = usePanelStyles();
  const generation = useRun();
  const conversion = useRun();
  const busy = generation.run.status === "running" || conversion.run.status === "running";
  const count = state.cohort.learners.length;

  const convert = () =>
    void conversion
      .start((onProgress) => port.convertToPortable(onProgress))
      .then(async (result) => {
        if (result?.ok && state.mode !== "portable") await save({ ...state, mode: "portable" });
      });

  return (
    <div className={panel.root}>
      <section className={panel.section} aria-labelledby="generate-title">
        <Subtitle2 as="h2" id="generate-title">
          Mark sheets
        </Subtitle2>
        <Caption1 className={panel.hint}>
          Creates or updates one tab per assessment and the Learners tab for {count}{" "}
          {count === 1 ? "learner" : "learners"}. Marks, comments and dates already typed are kept; learners
          no longer in the cohort are marked withdrawn, never deleted.
        </Caption1>
        <ProtectionPassword />
        <div className={panel.actions}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void generation
                .start((onProgress) => port.generate(state, onProgress))
                .then((result) => {
                  if (result?.ok) onGenerated?.();
                })
            }
          >
            Generate or update mark sheets
          </Button>
        </div>
        <div aria-live="polite" role="status">
          {generation.run.status === "running" && (
            <RunProgress label="Writing the mark sheets" progress={generation.run.progress} />
          )}
          {generation.run.status === "done" && (
            <ChangeSummaryView
              title="Mark sheets are up to date"
              unchangedTitle="Nothing to update"
              unchangedText="The mark sheets already match the set-up and the learners."
              summary={generation.run.summary}
            />
          )}
          {generation.run.status === "failed" && (
            <MessageBar intent="error">
              <MessageBarBody>The mark sheets were not written: {generation.run.error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        {generation.run.status === "done" && next && <NextStep {...next} />}
      </section>
      <Divider />
      <section className={panel.section} aria-labelledby="portable-title">
        <Subtitle2 as="h2" id="portable-title">
          Share without the add-in
        </Subtitle2>
        <Caption1 className={panel.hint}>
          {state.mode === "portable"
            ? "This workbook uses Portable formulas: it calculates in any Excel and in LibreOffice, so there is nothing to convert. (If you chose Portable on Set up after the mark sheets were written, Generate or update mark sheets rewrites them.)"
            : "This workbook uses the ILM functions, which need this add-in: without it (an external verifier, LibreOffice) outcome cells say “needs the ILM add-in”. Converting rewrites every outcome formula with functions that any Excel and LibreOffice calculate, so someone without this add-in sees the same outcomes."}
        </Caption1>
        {state.mode !== "portable" && (
          <div className={panel.actions}>
            <Button disabled={busy} onClick={convert}>
              Convert to Portable formulas
            </Button>
          </div>
        )}
        <div aria-live="polite" role="status">
          {conversion.run.status === "running" && (
            <RunProgress label="Converting formulas" progress={conversion.run.progress} />
          )}
          {conversion.run.status === "done" && (
            <ChangeSummaryView
              title="The workbook now uses Portable formulas"
              summary={conversion.run.summary}
            />
          )}
          {conversion.run.status === "failed" && (
            <MessageBar intent="error">
              <MessageBarBody>Nothing was converted: {conversion.run.error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </section>
    </div>
  );
}
