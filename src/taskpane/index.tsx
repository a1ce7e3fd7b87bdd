import { FluentProvider } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { fluentTheme } from "./app/themes";
import { detectHost } from "./host/detectHost";
import { OutsideExcel } from "./outside/OutsideExcel";

/**
 * The task pane's entry: decides whether it runs in Excel (or on a harness page that supplies a workbook port)
 * and shows the pane, or explains how to add it to Excel. The page's static text stays until this replaces it,
 * so a failure to load never leaves a blank page.
 */
async function start(container: HTMLElement): Promise<void> {
  const host = await detectHost(window, {
    // The Excel adapter and the use cases are fetched only in Excel (their own chunk): not on the harness page,
    // and not in a plain browser tab.
    loadExcelPort: () => import("./host/excelPort.js").then((m) => m.loadExcelPort()),
  });
  const root = createRoot(container);
  if (host.kind === "outside") {
    root.render(
      <FluentProvider theme={fluentTheme(host.theme)} lang="en-GB">
        <OutsideExcel reason={host.reason} />
      </FluentProvider>,
    );
    return;
  }
  root.render(
    <App
      port={host.port}
      theme={host.theme}
      storage={storage()}
      partitionKey={host.partitionKey}
      asOf={host.asOf}
    />,
  );
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const container = document.getElementById("root");
if (container) void start(container);
