import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ChangeSummary } from "../../workbook/plan";

/** What a run changed, in words an admin reads at a glance. */
export function ChangeSummaryView(props: { title: string; summary: ChangeSummary }) {
  const { title, summary } = props;
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
