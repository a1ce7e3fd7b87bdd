import type { ThemeName } from "./host.types";

/** The subset of Office.context.officeTheme the pane reads. */
export interface OfficeThemeColours {
  readonly bodyBackgroundColor?: string;
}

/**
 * Maps the Office theme to one of the pane's three looks. Windows high contrast wins (the browser reports it as
 * forced colours); otherwise a dark Office body background means the dark theme.
 */
export function themeFor(officeTheme: OfficeThemeColours | undefined, forcedColours: boolean): ThemeName {
  if (forcedColours) return "highContrast";
  const background = officeTheme?.bodyBackgroundColor;
  if (background !== undefined && isDark(background)) return "dark";
  return "light";
}

/** True for a colour "#rrggbb" (or "#rgb") whose relative luminance is below the middle grey. */
export function isDark(colour: string): boolean {
  const hex = colour.trim().replace(/^#/, "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return false;
  const channel = (i: number) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance < 0.18;
}

/** Whether the system forces colours (Windows high contrast). */
export function forcedColoursActive(win: Window): boolean {
  return typeof win.matchMedia === "function" && win.matchMedia("(forced-colors: active)").matches;
}
