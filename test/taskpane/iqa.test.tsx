/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import { markedWorkbook, olderPreset } from "../app/iqaFixture";
import { renderPane, typist } from "./renderPane";

jest.setTimeout(30_000);

/** A table's rows as their cells' text. */
function tableText(name: string): string[][] {
  const table = screen.getByRole("table", { name });
  return within(table)
    .getAllByRole("row")
    .map((row) => Array.from(row.querySelectorAll("th, td")).map((c) => c.textContent ?? ""));
}

async function openIqa() {
  const port = await markedWorkbook();
  const user = typist();
  renderPane(port);
  await user.click(await screen.findByRole("tab", { name: "IQA" }));
  await screen.findByRole("heading", { name: "Sampling strategy" });
  return { port, user };
}

describe("the IQA tab", () => {
  it("starts from a preset only when one is picked, draws the sample and shows its compliance", async () => {
    const { port, user } = await openIqa();
    expect(screen.getByText(/keeps no sampling strategy yet/)).toBeTruthy();
    // Nothing is filled in for the centre: every figure is its choice.
    expect((screen.getByRole("textbox", { name: /Minimum %/ }) as HTMLInputElement).value).toBe("");

    // Drawing with nothing chosen says what is missing, in plain words, and writes nothing.
    await user.click(screen.getByRole("button", { name: "Draw sample" }));
    expect(await screen.findByText(/Minimum % of each assessor's rows is missing/)).toBeTruthy();
    expect((await port.sample()).ok).toBe(false);

    await user.selectOptions(
      screen.getByRole("combobox", { name: "Start from a preset" }),
      "Preset: ILM's older 10% minimum for lowest-risk centres",
    );
    expect((screen.getByRole("textbox", { name: /Minimum %/ }) as HTMLInputElement).value).toBe("10");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));
    await screen.findByText(/2 rows drawn/);

    expect(tableText("Compliance by assessor and assessment")).toEqual([
      ["Assessor", "Assessment", "Eligible", "Required", "Sampled", "QA done", "Disagreements", "Compliant"],
      ["R. Hughes", "D5.01", "6", "1", "1", "0", "0", "Yes"],
      ["S. Okafor", "D5.01", "6", "1", "1", "0", "0", "Yes"],
    ]);
    expect(tableText("Compliance by assessor")[1]).toEqual([
      "R. Hughes",
      "6",
      "10%",
      "1",
      "1",
      "0",
      "0 of 0",
      "Yes",
    ]);
    expect(screen.getByText("2 rows to re-mark")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Sample (2)" })).toBeTruthy();
    // The workbook keeps the strategy; the button now tops up.
    const kept = await port.sample();
    expect(kept.ok && kept.value.strategy).toEqual(olderPreset());
    expect(screen.getByRole("button", { name: "Top up sample" })).toBeTruthy();
  });

  it("shows a field's problem as typed, and loads the strategy the workbook keeps", async () => {
    const port = await markedWorkbook();
    await port.recordSample({ ...olderPreset(), newAssessors: ["S. Okafor"] });
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "IQA" }));
    const minimum = (await screen.findByRole("textbox", { name: /Minimum %/ })) as HTMLInputElement;
    expect(minimum.value).toBe("10");
    expect((screen.getByRole("checkbox", { name: "S. Okafor" }) as HTMLInputElement).checked).toBe(true);
    // S. Okafor named as new: no longer the preset's strategy exactly, so no preset is named.
    expect((screen.getByRole("combobox", { name: "Start from a preset" }) as HTMLSelectElement).value).toBe(
      "",
    );
    expect(screen.getByRole("button", { name: "Top up sample" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Compliance by assessor" })).toBeTruthy();

    await user.clear(minimum);
    await user.type(minimum, "120");
    expect(
      await screen.findByText(
        "Minimum % of each assessor's rows must be a percentage from 0 to 100, not 120",
      ),
    ).toBeTruthy();
  });

  it("names the preset the kept strategy is exactly, and offers to top up", async () => {
    const port = await markedWorkbook();
    await port.recordSample(olderPreset());
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "IQA" }));
    await screen.findByRole("button", { name: "Top up sample" });
    expect((screen.getByRole("combobox", { name: "Start from a preset" }) as HTMLSelectElement).value).toBe(
      "ilm-older-10-percent",
    );
    expect(screen.getByText("2 rows to re-mark")).toBeTruthy();
    // Topping up a complete sample adds nothing, and says so.
    await user.click(screen.getByRole("button", { name: "Top up sample" }));
    await screen.findByText(/^Nothing to add: the sample already meets this strategy\./);
  });

  it("goes to a sampled row and records a decision on it", async () => {
    const { port, user } = await openIqa();
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Start from a preset" }),
      "Preset: ILM's older 10% minimum for lowest-risk centres",
    );
    await user.click(screen.getByRole("button", { name: "Draw sample" }));
    const list = await screen.findByRole("list", { name: "Sample (2)" });
    const [first] = within(list).getAllByRole("listitem");
    if (!first) throw new Error("no sampled row");
    await user.click(within(first).getByRole("button", { name: /^Go to row of .*, D5\.01$/ }));
    await screen.findByText(/row on the D5\.01 mark sheet is selected in the workbook\./);
    expect(port.workbook.selection?.sheet).toBe("D5.01 Assignment");

    await user.click(within(first).getByRole("button", { name: /^Record decision for / }));
    await user.click(within(first).getByRole("radio", { name: "Action required" }));
    await user.click(within(first).getByRole("button", { name: "Save decision" }));
    expect(await within(first).findByText("Say what the assessor is to do.")).toBeTruthy();
    await user.type(within(first).getByRole("textbox", { name: /IQA action/ }), "Feedback on Best practice");
    await user.click(within(first).getByRole("button", { name: "Save decision" }));
    await within(first).findByText("Decision saved in the mark sheet.");
    await within(first).findByText(/IQA decision: Action required \(Feedback on Best practice\)/);
    const sample = await port.sample();
    expect(
      sample.ok && sample.value.draw.sample.filter((r) => r.decision === "Action required"),
    ).toHaveLength(1);
  });

  it("lists the Decision log newest first, filtered by learner and field", async () => {
    const { user } = await openIqa();
    const log = await screen.findByRole("list", { name: "Decision log" });
    expect(within(log).getAllByRole("listitem").length).toBeGreaterThan(12);
    await user.type(screen.getByRole("searchbox", { name: "Learner, registration or assessment" }), "nf-003");
    await user.selectOptions(screen.getByRole("combobox", { name: "Field" }), "Outcome");
    const rows = within(screen.getByRole("list", { name: "Decision log" })).getAllByRole("listitem");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("NF-003");
    expect(rows[0]?.textContent).toContain("→ PASS");
    expect(rows[0]?.textContent).toContain("Priya Shah");
  });

  it("reads the Decision log again when changes typed in the cells are recorded", async () => {
    const port = await markedWorkbook();
    let told: ((rows: number) => void) | undefined;
    // The host tells of a change (Excel does; the memory workbook does not): the pane records it, then says so.
    const watched = {
      ...port,
      watchChanges: async (onRecorded?: (rows: number) => void) => ((told = onRecorded), true),
    };
    const user = typist();
    renderPane(watched);
    await user.click(await screen.findByRole("tab", { name: "IQA" }));
    const count = async () =>
      within(await screen.findByRole("list", { name: "Decision log" })).getAllByRole("listitem").length;
    const before = await count();
    port.workbook.typeAt("D5.01 Assignment", "NF-005", "Best practice /40 (min 20)", 10);
    const recorded = await port.recordChanges("local");
    expect(recorded.ok && recorded.value).toBeGreaterThan(0);
    await act(async () => told?.(recorded.ok ? recorded.value : 0));
    await screen.findByText(`${before + (recorded.ok ? recorded.value : 0)} rows`);
    expect(await count()).toBeGreaterThan(before);
  });
});
