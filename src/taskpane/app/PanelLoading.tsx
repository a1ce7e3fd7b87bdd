import { Spinner } from "@fluentui/react-components";
import { useAppStyles } from "./App.styles";

/** Shown while a tab's code is fetched the first time the tab is opened. */
export function PanelLoading() {
  const styles = useAppStyles();
  return (
    <div className={styles.centred}>
      <Spinner size="small" label="Opening…" />
    </div>
  );
}
