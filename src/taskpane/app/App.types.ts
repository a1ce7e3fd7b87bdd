import type { PanePort } from "../../app/port";
import type { ThemeName } from "../host/host.types";
import type { PreferenceStorage } from "../preferences/preferences";

export interface AppProps {
  readonly port: PanePort;
  readonly theme: ThemeName;
  /** Where per-user preferences live (the browser's localStorage in the add-in). */
  readonly storage: PreferenceStorage | undefined;
  readonly partitionKey?: string | undefined;
  /** A fixed As of date for the Overview (YYYY-MM-DD), from the browser harness or a test; today otherwise. */
  readonly asOf?: string | undefined;
}

export type TabName = "overview" | "setup" | "learners" | "workbook" | "iqa" | "catalogue";
