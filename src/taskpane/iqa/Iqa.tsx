import {
  Body1,
  Button,
  Caption1,
  Divider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { SelectionStatus } from "../overview/SelectionStatus";
import { ProblemList } from "../shared/ProblemList";
import { usePanelStyles } from "../shared/panel.styles";
import { ComplianceTables } from "./ComplianceTables";
import { DecisionLogView } from "./DecisionLogView";
import { useIqaStyles } from "./Iqa.styles";
import { SampleList } from "./SampleList";
import { StrategyEditor } from "./StrategyEditor";
import { useIqa } from "./useIqa";

export interface IqaProps {
  readonly state: WorkbookState;
  /** Reads the pane's state again (after a write here, so no other tab saves over it). */
  readonly reload: () => Promise<Result<void>>;
  /** Counts the times changes typed in the cells were recorded in the Decision log (the viewer reads it again). */
  readonly logRecorded: number;
}

/**
 * Internal quality assurance: the sampling strategy, drawing the sample into the mark sheets, its coverage by
 * assessor and assessment, each sampled row's decision, and the Decision log.
 */
export function Iqa(props: IqaProps) {
  const panel = usePanelStyles();
  const styles = useIqaStyles();
  const iqa = useIqa(props.state, props.reload);
  const { load, standing, sample, drawing } = iqa;

  if (load.status === "loading")
    return (
      <div className={panel.root}>
        <Spinner label="Reading the IQA sample…" />
      </div>
    );

  return (
    <div className={panel.root}>
      <StrategyEditor {...iqa} />
      <div className={panel.actions}>
        <Button appearance="primary" disabled={drawing.status === "drawing"} onClick={() => void iqa.draw()}>
          {iqa.drawLabel}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {drawing.status === "drawing" && <Caption1>Drawing the sample and recording it…</Caption1>}
        {drawing.status === "drawn" && <Caption1>{drawing.message}</Caption1>}
        {iqa.showErrors && !iqa.check.strategy && drawing.status !== "drawing" && (
          <Caption1 className={styles.notCompliant}>
            Put the strategy right (see above) to draw the sample.
          </Caption1>
        )}
      </div>
      {drawing.status === "failed" && (
        <ProblemList title="The sample was not drawn: nothing was written" problems={drawing.problems} />
      )}
      {sample && standing && (
        <>
          <Divider />
          <section className={panel.section} aria-labelledby="iqa-compliance-title">
            <Subtitle2 as="h2" id="iqa-compliance-title">
              Compliance
            </Subtitle2>
            <Text className={standing.compliant ? styles.compliant : styles.summary} role="note">
              {standing.summary}
            </Text>
            {sample.unreadable.length > 0 && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  {sample.unreadable.length} {sample.unreadable.length === 1 ? "cell" : "cells"} could not be
                  read and {sample.unreadable.length === 1 ? "is" : "are"} left out of the sample.
                </MessageBarBody>
              </MessageBar>
            )}
            {standing.tablesShown && sample.draw.coverage.length > 0 && (
              <ComplianceTables coverage={sample.draw.coverage} assessors={sample.draw.assessors} />
            )}
          </section>
          <Divider />
          <section className={panel.section} aria-labelledby="iqa-sample-title">
            <Subtitle2 as="h2" id="iqa-sample-title">
              Sample ({standing.recorded.length})
            </Subtitle2>
            {standing.recorded.length === 0 ? (
              <Body1>No row is in the sample yet.</Body1>
            ) : (
              <>
                <Caption1 className={panel.hint}>
                  Go to a row to re-mark it in the QA columns, then record your decision here.
                </Caption1>
                <SelectionStatus selection={iqa.selection} />
                <SampleList
                  rows={standing.recorded}
                  labelledBy="iqa-sample-title"
                  goTo={(row) => void iqa.goTo(row)}
                  decide={iqa.decide}
                />
              </>
            )}
          </section>
        </>
      )}
      <Divider />
      <DecisionLogView writes={iqa.writes + props.logRecorded} />
    </div>
  );
}
