import type { Theme } from "@fluentui/react-components";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { ThemeName } from "../host/host.types";

/** The Fluent UI theme for each of the pane's looks. */
export function fluentTheme(name: ThemeName): Theme {
  switch (name) {
    case "dark":
      return webDarkTheme;
    case "highContrast":
      return teamsHighContrastTheme;
    case "light":
      return webLightTheme;
  }
}
