/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import { memoryStorage, renderPane, typist } from "./renderPane";
import { createTestPort, setUpState } from "./testPort";

jest.setTimeout(30_000);

const learners = [
  { registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2" },
  { registration: "NF-002", name: "Ben Jones", qualification: "500/3564/2" },
];

describe("generating and converting the workbook", () => {
  it("says Nothing to update when the tabs already match, and lists only the tabs a change reaches", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState(learners));
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(await screen.findByRole("button", { name: "Generate or update mark sheets" }));

    // Saving the set-up wrote every tab already: generating changes no cell.
    expect(await screen.findByText("Nothing to update")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "What changed" })).toBeNull();
    expect(screen.queryByText(/^Tabs updated/)).toBeNull();

    // A name corrected on the Learners tab reaches the mark sheets: those tabs are updated, and only those.
    port.workbook.typeAt("Learners", "NF-001", "Learner", "Asha Patel-Reid");
    await user.click(screen.getByRole("button", { name: "Generate or update mark sheets" }));
    const summary = await screen.findByRole("list", { name: "What changed" });
    const updated = within(summary).getByText(/^Tabs updated \(\d\): /).textContent ?? "";
    expect(updated).toMatch(/D5\.01/);
    expect(updated).not.toMatch(/Learners/);
    expect(within(summary).getByText("Tabs created: none")).toBeTruthy();
    expect(screen.queryByText("Nothing to update")).toBeNull();
  });

  it("recreates a deleted mark-sheet tab and says so", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState(learners));
    const deleted = port.workbook.sheets.findIndex((s) => s.name.startsWith("D5.01"));
    const name = port.workbook.sheets[deleted]?.name ?? "";
    port.workbook.sheets.splice(deleted, 1);
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(await screen.findByRole("button", { name: "Generate or update mark sheets" }));

    const summary = await screen.findByRole("list", { name: "What changed" });
    expect(within(summary).getByText(`Tabs created (1): ${name}`)).toBeTruthy();
  });

  it("points to the Overview once the mark sheets are written", async () => {
    const port = createTestPort(setUpState(learners));
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(await screen.findByRole("button", { name: "Generate or update mark sheets" }));
    await screen.findByText("Mark sheets are up to date");
    await user.click(screen.getByRole("button", { name: "Go to Overview" }));
    expect(screen.getByRole("tab", { name: "Overview" }).getAttribute("aria-selected")).toBe("true");
  });

  it("takes a sheet protection password for the session and keeps it out of the workbook and the browser", async () => {
    const port = createTestPort(setUpState(learners));
    const storage = memoryStorage();
    const user = typist();
    const pane = renderPane(port, storage);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.type(screen.getByLabelText("Sheet protection password (optional)"), "s3cret");
    await user.click(screen.getByRole("button", { name: "Generate or update mark sheets" }));
    await screen.findByRole("list", { name: "What changed" });

    expect(port.password).toBe("s3cret");
    expect(JSON.stringify([port.stored, port.saves, port.generated])).not.toContain("s3cret");
    expect([...storage.data.values()].join("")).not.toContain("s3cret");

    pane.unmount();
    renderPane(port, storage);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    expect(screen.getByText(/Given for this session/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Forget the password" }));
    expect(port.password).toBeNull();
    expect(screen.getByText(/Without one, ilm's tabs are protected with no password/)).toBeTruthy();
  });

  it("shows a progress bar with the current step while it runs, and disables the buttons", async () => {
    const port = createTestPort(setUpState(learners));
    port.holdGenerate = true;
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(screen.getByRole("button", { name: "Generate or update mark sheets" }));

    const bar = await screen.findByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("0.5");
    expect(screen.getByText("Writing D5.01 Work-based assignment")).toBeTruthy();
    expect(bar.closest("[aria-live]")).not.toBeNull();
    expect(
      screen.getByRole("button", { name: "Convert to Portable formulas" }).hasAttribute("disabled"),
    ).toBe(true);

    await act(async () => port.release?.());
    expect(await screen.findByText("Mark sheets are up to date")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says plainly why nothing was written", async () => {
    const port = createTestPort(setUpState(learners));
    port.failNext.generate = "Excel 2016 lacks ExcelApi 1.9";
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(screen.getByRole("button", { name: "Generate or update mark sheets" }));
    expect(
      await screen.findByText("The mark sheets were not written: Excel 2016 lacks ExcelApi 1.9"),
    ).toBeTruthy();
  });

  it("converts the workbook to Portable formulas and records the mode in the workbook", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState(learners));
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    await user.click(await screen.findByRole("button", { name: "Convert to Portable formulas" }));

    expect(await screen.findByText("The workbook now uses Portable formulas")).toBeTruthy();
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.mode).toBe("portable");
    expect(await screen.findByText(/This workbook uses Portable formulas/)).toBeTruthy();
    // Nothing is left to convert: the button is no longer offered.
    expect(screen.queryByRole("button", { name: "Convert to Portable formulas" })).toBeNull();
  });

  it("does not offer Convert in a workbook that already uses Portable formulas", async () => {
    const port = createTestPort({ ...setUpState(learners), mode: "portable" });
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    expect(await screen.findByText(/uses Portable formulas: .* nothing to convert/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Convert to Portable formulas" })).toBeNull();
  });

  it("warns when the host lacks what the add-in needs", async () => {
    const port = createMemoryPort({ missing: ["ExcelApi 1.9 (Excel 2019 or Microsoft 365)"] });
    await port.saveState(setUpState(learners));
    renderPane(port);
    expect(await screen.findByText("This version of Excel lacks what the add-in needs")).toBeTruthy();
    expect(screen.getByText("ExcelApi 1.9 (Excel 2019 or Microsoft 365)")).toBeTruthy();
  });

  it("asks for the set-up first in a workbook never set up", async () => {
    const user = typist();
    renderPane(createMemoryPort());
    await user.click(await screen.findByRole("tab", { name: "Workbook" }));
    expect(screen.getByText(/Set up the workbook first/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Generate or update mark sheets" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Go to Set up" }));
    expect(await screen.findByRole("heading", { name: "Set up this workbook" })).toBeTruthy();
  });
});
