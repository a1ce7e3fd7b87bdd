/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import { readPreferences, storageKey } from "../../src/taskpane/preferences/preferences";
import { memoryStorage, renderPane, typist } from "./renderPane";

jest.setTimeout(30_000);

describe("my name", () => {
  it("is kept in the browser, not in the workbook", async () => {
    const port = createMemoryPort();
    const storage = memoryStorage();
    const user = typist();
    renderPane(port, storage);
    await user.type(await screen.findByLabelText(/Your name/), "Priya Shah");
    await user.click(screen.getByRole("radio", { name: /IQA/ }));
    await user.click(screen.getByRole("button", { name: "Save my name" }));

    expect(screen.getByText("Saved for you in this browser.")).toBeTruthy();
    expect(readPreferences(storage)).toEqual({ myName: "Priya Shah", role: "iqa" });
    expect(port.workbook.sheets).toEqual([]);
  });

  it("still applies for the session when the browser refuses to store it", async () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const user = typist();
    renderPane(createMemoryPort(), storage);
    await user.type(await screen.findByLabelText(/Your name/), "Priya");
    await user.click(screen.getByRole("button", { name: "Save my name" }));
    expect(screen.getByText(/This browser would not store it/)).toBeTruthy();
  });

  it("keeps one user's name per Office storage partition", () => {
    const storage = memoryStorage({ [storageKey("p1")]: JSON.stringify({ myName: "A", role: "assessor" }) });
    expect(readPreferences(storage, "p1").myName).toBe("A");
    expect(readPreferences(storage, "p2").myName).toBe("");
    expect(readPreferences(memoryStorage({ [storageKey()]: "not json" })).myName).toBe("");
  });
});
