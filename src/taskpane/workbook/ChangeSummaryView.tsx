import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ChangeSummary } from "../../workbook/plan";

export interface ChangeSummaryViewProps {
  readonly title: string;
  readonly summary: ChangeSummary;
  /** Said instead of the list when the run changed nothing ("Nothing to update"). */
  readonly unchangedTitle?: string;
  readonly unchangedText?: string;
}

/** Whether a run changed nothing: no tab created or updated, no learner added or withdrawn, nothing recovered. */
export function changedNothing(summary: ChangeSummary): boolean {
  return (
    summary.sheetsCreated.length === 0 &&
    summary.sheetsUpdated.length === 0 &&
    summary.learnersAdded.length === 0 &&
    summary.learnersWithdrawn.length === 0 &&
    summary.tablesRecovered.length === 0 &&
    summary.conflictsResolved === 0
  );
}

/** What a run changed, in words an admin reads at a glance. */
export function ChangeSummaryView(props: ChangeSummaryViewProps) {
  const { title, summary, unchangedTitle, unchangedText } = props;
  if (unchangedTitle !== undefined && changedNothing(summary)) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{unchangedTitle}</MessageBarTitle>
          {unchangedText} Entries kept: {summary.entriesKept}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const lines = [
    list("Tabs created", summary.sheetsCreated),
    list("Tabs updated", summary.sheetsUpdated),
    list("Learners added", summary.learnersAdded),
    list("Learners marked withdrawn", summary.learnersWithdrawn),
    `Entries kept: ${summary.entriesKept}`,
  ];
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <ul aria-label="What changed">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function list(label: string, items: readonly string[]): string {
  if (items.length === 0) return `${label}: none`;
  const shown = items.length > 8 ? [...items.slice(0, 8), `and ${items.length - 8} more`] : items;
  return `${label} (${items.length}): ${shown.join(", ")}`;
}
