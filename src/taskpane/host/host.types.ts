import type { PanePort } from "../../app/port";

/** The three looks the pane follows, after the Office theme. */
export type ThemeName = "light" | "dark" | "highContrast";

/**
 * What a page that hosts the production task pane without Office supplies (the end-to-end harness): a workbook
 * port and, optionally, a theme. Set on `window.ilmHarness` before the task pane's script runs.
 */
export interface PaneHarness {
  readonly port: PanePort;
  readonly theme?: ThemeName;
  /** A fixed As of date for the Overview (YYYY-MM-DD), so that its figures do not depend on the day it runs. */
  readonly asOf?: string;
}

/** Where the pane finds itself once started. */
export type Host =
  | {
      readonly kind: "workbook";
      readonly port: PanePort;
      readonly theme: ThemeName;
      /** Office's storage partition key (Excel on the web), so preferences stay per user and per add-in. */
      readonly partitionKey?: string;
      /** The harness's fixed As of date (never set in Excel: the Overview counts from today there). */
      readonly asOf?: string;
    }
  /** Opened in a browser, in another Office application, or office.js could not load. */
  | { readonly kind: "outside"; readonly reason: OutsideReason; readonly theme: ThemeName };

export type OutsideReason = "no-office-js" | "not-in-office" | "other-application";

declare global {
  interface Window {
    ilmHarness?: PaneHarness;
  }
}
