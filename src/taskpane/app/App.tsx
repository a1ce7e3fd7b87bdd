import { FluentProvider } from "@fluentui/react-components";
import { PreferencesProvider } from "../preferences/PreferencesContext";
import { PortProvider } from "../state/PortContext";
import type { AppProps } from "./App.types";
import { useAppStyles } from "./App.styles";
import { AppShell } from "./AppShell";
import { fluentTheme } from "./themes";

/** The task pane: Fluent UI in the Office theme, the workbook port and the user's preferences for every flow. */
export function App(props: AppProps) {
  const { port, theme, storage, partitionKey, asOf } = props;
  const styles = useAppStyles();
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.provider} lang="en-GB">
      <PortProvider value={port}>
        <PreferencesProvider storage={storage} partitionKey={partitionKey}>
          <AppShell asOf={asOf} />
        </PreferencesProvider>
      </PortProvider>
    </FluentProvider>
  );
}
