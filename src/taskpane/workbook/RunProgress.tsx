import { Field, ProgressBar } from "@fluentui/react-components";
import type { Progress } from "../../workbook/port";

/** A progress bar whose message screen readers hear as it changes. */
export function RunProgress(props: { label: string; progress: Progress }) {
  const { label, progress } = props;
  return (
    <Field label={label} validationMessage={progress.message} validationState="none">
      <ProgressBar value={Math.min(1, Math.max(0, progress.fraction))} max={1} thickness="large" />
    </Field>
  );
}
