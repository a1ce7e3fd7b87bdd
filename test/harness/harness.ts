import type { ThemeName } from "../../src/taskpane/host/host.types";
import { createMemoryPort } from "../../src/app/memory-port";
import type { MemoryWorkbook } from "../../src/workbook/memory";

/**
 * The browser harness: runs before the production task pane script on harness.html and supplies what Excel would,
 * an in-memory workbook behind the same port. The workbook is exposed on window for the end-to-end test.
 * Query: ?theme=light|dark|highContrast, ?delay=<ms> (a pause before each port answer, to watch progress),
 * ?asOf=YYYY-MM-DD (the Overview's As of date, instead of today).
 */
declare global {
  interface Window {
    ilmWorkbook?: MemoryWorkbook;
  }
}

const query = new URLSearchParams(window.location.search);
const theme = query.get("theme");
const delayMs = Number(query.get("delay") ?? "0");
const asOf = query.get("asOf");
const port = createMemoryPort(Number.isFinite(delayMs) && delayMs > 0 ? { delayMs } : {});

window.ilmWorkbook = port.workbook;
window.ilmHarness = {
  port,
  ...(asOf ? { asOf } : {}),
  ...(theme === "light" || theme === "dark" || theme === "highContrast" ? { theme: theme as ThemeName } : {}),
};
