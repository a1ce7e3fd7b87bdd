/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import { readPreferences, storageKey } from "../../src/taskpane/preferences/preferences";
import { memoryStorage, renderPane, typist } from "./renderPane";
import { createTestPort, setUpState } from "./testPort";

jest.setTimeout(30_000);

describe("my name", () => {
  it("is saved with the set-up by the one Save button, in the browser and not in the workbook", async () => {
    const port = createTestPort(setUpState());
    const storage = memoryStorage();
    const user = typist();
    renderPane(port, storage);
    await user.click(await screen.findByRole("tab", { name: "Set up" }));
    await user.type(await screen.findByLabelText(/Your name/), "Priya Shah");
    await user.click(screen.getByRole("radio", { name: /IQA/ }));
    expect(screen.queryByRole("button", { name: "Save my name" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save set-up" }));

    expect(
      await screen.findByText("Set-up saved in this workbook. Your name is kept in this browser."),
    ).toBeTruthy();
    expect(readPreferences(storage)).toEqual({ myName: "Priya Shah", role: "iqa" });
    expect(JSON.stringify(port.saves)).not.toContain("Priya");
  });

  it("is not kept when the set-up cannot be saved", async () => {
    const port = createTestPort(setUpState());
    port.failNext.save = "the workbook is read-only";
    const storage = memoryStorage();
    const user = typist();
    renderPane(port, storage);
    await user.click(await screen.findByRole("tab", { name: "Set up" }));
    await user.type(await screen.findByLabelText(/Your name/), "Priya Shah");
    await user.click(screen.getByRole("button", { name: "Save set-up" }));
    await screen.findByText(/The set-up was not saved/);
    expect(readPreferences(storage).myName).toBe("");
  });

  it("still applies for the session when the browser refuses to store it", async () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const user = typist();
    renderPane(createTestPort(setUpState()), storage);
    await user.click(await screen.findByRole("tab", { name: "Set up" }));
    await user.type(await screen.findByLabelText(/Your name/), "Priya");
    await user.click(screen.getByRole("button", { name: "Save set-up" }));
    expect(await screen.findByText(/This browser would not store your name/)).toBeTruthy();
  });

  it("keeps one user's name per Office storage partition", () => {
    const storage = memoryStorage({ [storageKey("p1")]: JSON.stringify({ myName: "A", role: "assessor" }) });
    expect(readPreferences(storage, "p1").myName).toBe("A");
    expect(readPreferences(storage, "p2").myName).toBe("");
    expect(readPreferences(memoryStorage({ [storageKey()]: "not json" })).myName).toBe("");
  });
});
