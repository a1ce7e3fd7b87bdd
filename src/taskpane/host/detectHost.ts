import type { PanePort } from "../../app/port";
import type { Host } from "./host.types";
import { forcedColoursActive, themeFor } from "./officeTheme";

export interface DetectOptions {
  /** Makes the Office.js workbook port (only once Office says the host is Excel). */
  readonly loadExcelPort: () => Promise<PanePort>;
  /** How long to wait for Office.onReady before deciding the page is not in Office. */
  readonly timeoutMs?: number;
}

/**
 * Decides where the pane runs: a harness page that supplies a workbook port, Excel (through office.js), or
 * somewhere else (a plain browser tab, another Office application, or office.js failed to load).
 */
export async function detectHost(win: Window, options: DetectOptions): Promise<Host> {
  const forced = forcedColoursActive(win);
  const harness = win.ilmHarness;
  if (harness)
    return {
      kind: "workbook",
      port: harness.port,
      theme: harness.theme ?? themeFor(undefined, forced),
      ...(harness.asOf ? { asOf: harness.asOf } : {}),
    };

  const office = (win as { Office?: typeof Office }).Office;
  if (office === undefined || typeof office.onReady !== "function") {
    return { kind: "outside", reason: "no-office-js", theme: themeFor(undefined, forced) };
  }
  const info = await Promise.race([
    office.onReady().then((i) => i as { host: Office.HostType | null }),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), options.timeoutMs ?? 5000)),
  ]);
  if (info === null || info.host === null || info.host === undefined) {
    return { kind: "outside", reason: "not-in-office", theme: themeFor(undefined, forced) };
  }
  const theme = themeFor(office.context?.officeTheme, forced);
  if (info.host !== office.HostType.Excel) return { kind: "outside", reason: "other-application", theme };
  const port = await options.loadExcelPort();
  const partitionKey = office.context?.partitionKey;
  return { kind: "workbook", port, theme, ...(partitionKey ? { partitionKey } : {}) };
}
