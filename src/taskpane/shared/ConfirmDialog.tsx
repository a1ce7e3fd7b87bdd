import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useEffect, useId, useRef } from "react";

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  /** The button that goes ahead ("Discard changes", "Remove"). */
  readonly confirm: string;
  /** The button that goes back ("Keep editing", "Keep them"). */
  readonly cancel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
});

/**
 * Asks before something that loses what was typed or cannot be undone from the pane, in place (the pane is too
 * narrow for an overlay): focus moves to the safe answer; Escape goes back.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirm, cancel, onConfirm, onCancel } = props;
  const styles = useStyles();
  const titleId = useId();
  const bodyId = useId();
  const safe = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) safe.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className={styles.root}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.stopPropagation();
        onCancel();
      }}
    >
      <Text weight="semibold" id={titleId}>
        {title}
      </Text>
      <Text id={bodyId}>{children}</Text>
      <div className={styles.actions}>
        <Button ref={safe} onClick={onCancel}>
          {cancel}
        </Button>
        <Button appearance="primary" onClick={onConfirm}>
          {confirm}
        </Button>
      </div>
    </div>
  );
}
