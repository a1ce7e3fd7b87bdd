/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { detectHost } from "../../src/taskpane/host/detectHost";
import { isDark, themeFor } from "../../src/taskpane/host/officeTheme";
import { OutsideExcel } from "../../src/taskpane/outside/OutsideExcel";
import { createMemoryPort } from "../../src/app/memory-port";
import "./renderPane";

type FakeWindow = Window & { Office?: unknown };

function fakeWindow(extra: Record<string, unknown> = {}): FakeWindow {
  return { matchMedia: () => ({ matches: false }), ...extra } as unknown as FakeWindow;
}

function fakeOffice(host: string | null, background = "#ffffff", partitionKey?: string) {
  return {
    HostType: { Excel: "Excel", Word: "Word" },
    onReady: () => Promise.resolve({ host }),
    context: { officeTheme: { bodyBackgroundColor: background }, partitionKey },
  };
}

const noExcel = () => Promise.reject(new Error("not expected"));

describe("where the pane runs", () => {
  it("uses the harness's workbook port and theme when a harness page supplies them", async () => {
    const port = createMemoryPort();
    const host = await detectHost(fakeWindow({ ilmHarness: { port, theme: "dark" } }), {
      loadExcelPort: noExcel,
    });
    expect(host).toEqual({ kind: "workbook", port, theme: "dark" });
  });

  it("says office.js did not load when there is no Office object", async () => {
    expect(await detectHost(fakeWindow(), { loadExcelPort: noExcel })).toEqual({
      kind: "outside",
      reason: "no-office-js",
      theme: "light",
    });
  });

  it("opens the workbook through the Excel port in Excel, in the Office theme, with the storage partition", async () => {
    const port = createMemoryPort();
    const host = await detectHost(fakeWindow({ Office: fakeOffice("Excel", "#1f1f1f", "pk-") }), {
      loadExcelPort: async () => port,
    });
    expect(host).toEqual({ kind: "workbook", port, theme: "dark", partitionKey: "pk-" });
  });

  it("tells a plain browser tab and another Office application apart", async () => {
    expect(
      await detectHost(fakeWindow({ Office: fakeOffice(null) }), { loadExcelPort: noExcel }),
    ).toMatchObject({
      reason: "not-in-office",
    });
    expect(
      await detectHost(fakeWindow({ Office: fakeOffice("Word") }), { loadExcelPort: noExcel }),
    ).toMatchObject({
      reason: "other-application",
    });
  });

  it("gives up waiting for Office.onReady after the timeout", async () => {
    const office = { ...fakeOffice("Excel"), onReady: () => new Promise(() => undefined) };
    const host = await detectHost(fakeWindow({ Office: office }), { loadExcelPort: noExcel, timeoutMs: 10 });
    expect(host).toMatchObject({ kind: "outside", reason: "not-in-office" });
  });
});

describe("the Office theme", () => {
  it("maps forced colours to high contrast, a dark body to dark and anything else to light", () => {
    expect(themeFor({ bodyBackgroundColor: "#ffffff" }, true)).toBe("highContrast");
    expect(themeFor({ bodyBackgroundColor: "#262626" }, false)).toBe("dark");
    expect(themeFor({ bodyBackgroundColor: "#fff" }, false)).toBe("light");
    expect(themeFor(undefined, false)).toBe("light");
    expect(isDark("not a colour")).toBe(false);
    expect(isDark("#000")).toBe(true);
  });
});

describe("outside Excel", () => {
  it("says the add-in runs inside Excel and how to add it on the web and on the desktop", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <OutsideExcel reason="not-in-office" />
      </FluentProvider>,
    );
    expect(screen.getByRole("heading", { name: "The ILM Markbook runs inside Excel" })).toBeTruthy();
    expect(screen.getByText("This page was opened in a web browser, not inside Excel.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Excel on the web" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Excel on Windows or Mac" })).toBeTruthy();
    expect(screen.getByText(/Upload My Add-in/)).toBeTruthy();
  });
});
