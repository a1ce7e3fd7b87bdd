import { Caption1, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Selection } from "./useOverview";

/** What became of the last link chosen, announced as it changes. */
export function SelectionStatus(props: { readonly selection: Selection }) {
  const { selection } = props;
  return (
    <div role="status" aria-live="polite">
      {selection.status === "selecting" && <Caption1>Going to {selection.what}…</Caption1>}
      {selection.status === "selected" && <Caption1>{selection.what} is selected in the workbook.</Caption1>}
      {selection.status === "failed" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            Could not go to {selection.what}: {selection.error}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
