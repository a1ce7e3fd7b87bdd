import { Button, makeStyles } from "@fluentui/react-components";
import { useRef } from "react";

export interface FilePickerButtonProps {
  /** The button's text ("Import a CSV file…"). */
  readonly label: string;
  /** The file input's accessible name. */
  readonly inputLabel: string;
  /** File types offered, as the input's accept attribute. */
  readonly accept: string;
  readonly onFile: (file: File) => void;
}

const useStyles = makeStyles({ input: { display: "none" } });

/** A button that opens the browser's file chooser; the same file can be chosen again. */
export function FilePickerButton({ label, inputLabel, accept, onFile }: FilePickerButtonProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button onClick={() => input.current?.click()}>{label}</Button>
      <input
        ref={input}
        className={styles.input}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
