import {
  Body1,
  Button,
  Caption1,
  Divider,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Body1Strong,
} from "@fluentui/react-components";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { ProblemList } from "../shared/ProblemList";
import { usePanelStyles } from "../shared/panel.styles";
import { longDate } from "../../domain/engine/dates";
import { HeadlineFigures } from "./HeadlineFigures";
import type { SelectRow } from "./LearnerLink";
import { ReferralList } from "./ReferralList";
import { SelectionStatus } from "./SelectionStatus";
import { useOverview } from "./useOverview";
import { WatchList } from "./WatchList";

export interface OverviewProps {
  readonly state: WorkbookState;
  readonly catalogue: Catalogue;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly reload: () => Promise<Result<void>>;
}

/** The cohort at a glance: the headline figures and the learners to watch, each a way to their row. */
export function Overview(props: OverviewProps) {
  const { state, catalogue, asOf, reload } = props;
  const panel = usePanelStyles();
  const { overview, selection, select, refresh, readAgain } = useOverview(state, catalogue, asOf, reload);
  const onSelect: SelectRow = (sheet, registration, what) => void select(sheet, registration, what);

  return (
    <div className={panel.root}>
      <section className={panel.section} aria-labelledby="figures-title">
        <Subtitle2 as="h2" id="figures-title">
          Headline figures
        </Subtitle2>
        <Caption1 className={panel.hint}>
          As of {longDate(asOf)}, from the workbook&apos;s cells as the pane last read them.
        </Caption1>
        {overview.ok ? (
          <HeadlineFigures figures={overview.value.headline} />
        ) : (
          <ProblemList
            title="The figures cannot be worked out from the workbook's cells"
            problems={overview.problems}
          />
        )}
        <div className={panel.actions}>
          <Button disabled={refresh.status === "reading"} onClick={() => void readAgain()}>
            Read the workbook again
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {refresh.status === "reading" && <Caption1>Reading the workbook…</Caption1>}
          {refresh.status === "failed" && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>The workbook could not be read again: {refresh.error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </section>
      {overview.ok && (
        <>
          <Divider />
          <section className={panel.section} aria-labelledby="watch-title">
            <Subtitle2 as="h2" id="watch-title">
              Watch list
            </Subtitle2>
            {overview.value.learners === 0 ? (
              <Body1>There are no learners in the cohort yet: add them on the Learners tab.</Body1>
            ) : overview.value.watch.length === 0 && overview.value.referrals.length === 0 ? (
              <Body1>
                Nobody to watch: every learner is ready to claim or more than 90 days from their deadline, and
                no referral is outstanding.
              </Body1>
            ) : (
              <>
                <Caption1 className={panel.hint}>
                  Choose a learner to select their row in the workbook.
                </Caption1>
                <SelectionStatus selection={selection} />
                <Body1Strong as="h3" id="watch-due-title">
                  Deadline passed or within 90 days ({overview.value.watch.length})
                </Body1Strong>
                {overview.value.watch.length === 0 ? (
                  <Body1>No learner&apos;s deadline has passed or is within 90 days.</Body1>
                ) : (
                  <WatchList
                    learners={overview.value.watch}
                    labelledBy="watch-due-title"
                    onSelect={onSelect}
                  />
                )}
                <Body1Strong as="h3" id="watch-referrals-title">
                  Learners with referrals outstanding ({overview.value.referrals.length})
                </Body1Strong>
                {overview.value.referrals.length === 0 ? (
                  <Body1>No referral is outstanding.</Body1>
                ) : (
                  <ReferralList
                    learners={overview.value.referrals}
                    labelledBy="watch-referrals-title"
                    onSelect={onSelect}
                  />
                )}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
