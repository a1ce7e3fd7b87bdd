import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TextDecoder as NodeTextDecoder } from "node:util";
import { App } from "../../src/taskpane/app/App";
// The pane fetches each tab's code when first shown (a webpack chunk; in jest a require). Loaded here, with the
// test file, so compiling them never counts against a test's wait for the tab's first heading.
import "../../src/taskpane/app/TabPanels";
import "../../src/taskpane/overview/Overview";
import "../../src/taskpane/setup/Setup";
import "../../src/taskpane/learners/Learners";
import "../../src/taskpane/workbook/WorkbookPanel";
import "../../src/taskpane/catalogue/CataloguePanel";
import "../../src/taskpane/iqa/Iqa";
import type { PreferenceStorage } from "../../src/taskpane/preferences/preferences";
import type { PanePort } from "../../src/app/port";

/** jsdom has no ResizeObserver; Fluent's TabList watches its size with one. Nothing resizes in jsdom. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
}

/**
 * jsdom has no TextDecoder (the Encoding API), which every browser and Office webview has; the CSV import decodes
 * a file's bytes with it (UTF-8, UTF-16, Windows-1252). Node's is the same WHATWG implementation.
 */
if (typeof globalThis.TextDecoder === "undefined") {
  (globalThis as { TextDecoder?: unknown }).TextDecoder = NodeTextDecoder;
}

/** Browser storage for one test. */
export function memoryStorage(
  initial: Record<string, string> = {},
): PreferenceStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

/** The whole task pane on a port, in the light theme; `asOf` fixes the Overview's As of date (YYYY-MM-DD). */
export function renderPane(
  port: PanePort,
  storage: PreferenceStorage = memoryStorage(),
  options: { readonly asOf?: string } = {},
) {
  return render(<App port={port} theme="light" storage={storage} asOf={options.asOf} />);
}

/** A user who types without pauses between keys (Fluent UI in jsdom is slow enough already). */
export function typist() {
  return userEvent.setup({ delay: null });
}
