/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { Learner } from "../../src/domain/cohort/schema";
import { createMemoryPort } from "../../src/app/memory-port";
import type { WorkbookState } from "../../src/workbook/port";
import { renderPane, typist } from "./renderPane";
import type { TestPort } from "./testPort";
import { createTestPort, setUpState } from "./testPort";

jest.setTimeout(30_000);

const asha: Learner = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  hours: { induction: 1, coaching: 12 },
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben: Learner = { registration: "NF-002", name: "Ben Jones", qualification: "500/3564/2" };

/** The workbook's state as the port reads it back. */
async function stateOf(port: ReturnType<typeof createMemoryPort>): Promise<WorkbookState | null> {
  const loaded = await port.loadState();
  return loaded.ok ? loaded.value : null;
}
const chloe: Learner = {
  registration: "NF-003",
  name: "Chloe Khan",
  qualification: "500/3564/2",
  withdrawn: true,
};

/** A pane on the test port (which keeps the state exactly as saved), opened at the Learners tab. */
async function learnersTab(learners: Learner[]) {
  const port = createTestPort(setUpState(learners));
  const user = typist();
  renderPane(port);
  await user.click(await screen.findByRole("tab", { name: "Learners" }));
  return { port, user };
}

const lastSaved = (port: TestPort) => port.saves.at(-1)?.cohort.learners;
const listed = () =>
  within(screen.getByRole("table", { name: "Learners in the cohort" }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0]?.textContent);

describe("hours and notes in the learner form", () => {
  it("edits induction, tutorial and coaching hours and notes, keeping the marks", async () => {
    const { port, user } = await learnersTab([asha]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    expect((screen.getByLabelText("Coaching hours") as HTMLInputElement).value).toBe("12");
    await user.type(screen.getByLabelText("Tutorial hours"), "2.5");
    await user.clear(screen.getByLabelText("Induction hours"));
    await user.type(screen.getByLabelText("Notes"), "Changed employer in March");
    await user.click(screen.getByRole("button", { name: "Save learner" }));

    await waitFor(() =>
      expect(lastSaved(port)).toEqual([
        {
          registration: "NF-001",
          name: "Asha Patel",
          qualification: "500/3564/2",
          hours: { tutorial: 2.5, coaching: 12 },
          notes: "Changed employer in March",
          assessments: asha.assessments,
        },
      ]),
    );
  });

  it("says in plain words what is wrong with hours, every problem at once, and writes nothing", async () => {
    const { port, user } = await learnersTab([asha, ben]);
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    const registration = screen.getByLabelText(/Registration No/);
    await user.clear(registration);
    await user.type(registration, "NF-001");
    await user.type(screen.getByLabelText("Coaching hours"), "-3");
    await user.type(screen.getByLabelText("Tutorial hours"), "two");
    await user.click(screen.getByRole("button", { name: "Save learner" }));

    expect(await screen.findByText("Coaching hours can't be negative: type 0 or more")).toBeTruthy();
    expect(
      screen.getByText('Tutorial hours must be a number: "two" is not one (type hours as 12 or 1.5)'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        "NF-001 is already in the cohort (Asha Patel): each learner has their own registration number",
      ),
    ).toBeTruthy();
    expect(port.saves).toEqual([]);
  });
});

describe("withdrawing, reinstating and removing a learner", () => {
  it("withdraws an active learner and reinstates a withdrawn one", async () => {
    const { port, user } = await learnersTab([ben, chloe]);
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    await user.click(screen.getByRole("button", { name: "Withdraw learner" }));
    await waitFor(() => expect(lastSaved(port)?.[0]).toEqual({ ...ben, withdrawn: true }));
    expect(await screen.findByText("2 learners in the cohort (2 withdrawn).")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Edit Chloe Khan" }));
    await user.click(screen.getByRole("button", { name: "Reinstate learner" }));
    await waitFor(() => expect(lastSaved(port)?.[1]).toEqual({ ...ben, ...chloe, withdrawn: undefined }));
  });

  it("removes a learner with nothing in the workbook once confirmed", async () => {
    const { port, user } = await learnersTab([asha, ben]);
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    await user.click(screen.getByRole("button", { name: "Remove from the cohort" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Remove Ben Jones?" });
    await user.click(within(dialog).getByRole("button", { name: "Keep them" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(port.saves).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Remove from the cohort" }));
    await user.click(
      within(await screen.findByRole("alertdialog", { name: "Remove Ben Jones?" })).getByRole("button", {
        name: "Remove",
      }),
    );
    await waitFor(() => expect(lastSaved(port)).toEqual([asha]));
    expect(await screen.findByText("NF-002 was removed from the cohort.")).toBeTruthy();
  });

  it("takes a removed learner off every tab of the workbook", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState([asha, ben]));
    await port.generate((await stateOf(port)) as WorkbookState);
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Learners" }));
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    await user.click(screen.getByRole("button", { name: "Remove from the cohort" }));
    await user.click(
      within(await screen.findByRole("alertdialog", { name: "Remove Ben Jones?" })).getByRole("button", {
        name: "Remove",
      }),
    );
    expect(await screen.findByText("NF-002 was removed from the cohort.")).toBeTruthy();
    expect((await stateOf(port))?.cohort.learners.map((l) => l.registration)).toEqual(["NF-001"]);
    const cells = JSON.stringify(
      port.workbook.sheets.filter((s) => s.visibility === "visible").map((s) => s.grid),
    );
    expect(cells).not.toContain("NF-002");
  });

  it("will not remove a learner with marks or hours in the workbook: it says why and offers to withdraw", async () => {
    const { port, user } = await learnersTab([asha]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    await user.click(screen.getByRole("button", { name: "Remove from the cohort" }));
    expect(
      screen.getByText(/Asha Patel can't be removed: the workbook holds D5\.01 entries, hours for them/),
    ).toBeTruthy();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Withdraw instead" }));
    await waitFor(() => expect(lastSaved(port)).toEqual([{ ...asha, withdrawn: true }]));
  });
});

describe("finding a learner in the list", () => {
  it("searches registration numbers and names whatever the capitals, and filters by status", async () => {
    const { user } = await learnersTab([asha, ben, chloe]);
    expect(listed()).toEqual(["NF-001", "NF-002", "NF-003"]);
    await user.type(screen.getByLabelText("Find a learner"), "KHAN");
    expect(listed()).toEqual(["NF-003"]);
    expect(screen.getByText("Showing 1 of 3 learners.")).toBeTruthy();
    await user.clear(screen.getByLabelText("Find a learner"));
    await user.type(screen.getByLabelText("Find a learner"), "nf-00");
    expect(listed()).toEqual(["NF-001", "NF-002", "NF-003"]);

    await user.selectOptions(screen.getByLabelText("Show"), "Withdrawn");
    expect(listed()).toEqual(["NF-003"]);
    await user.selectOptions(screen.getByLabelText("Show"), "Active");
    expect(listed()).toEqual(["NF-001", "NF-002"]);
    await user.type(screen.getByLabelText("Find a learner"), "3");
    expect(screen.queryByRole("table", { name: "Learners in the cohort" })).toBeNull();
    expect(screen.getByText('No learner matches "nf-003" among the active learners.')).toBeTruthy();
  });
});

describe("unsaved edits", () => {
  it("asks before editing another learner discards a half-filled form, and keeps it when told to", async () => {
    const { user } = await learnersTab([asha, ben]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    await user.type(screen.getByLabelText("Notes"), "half a thought");
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Discard your changes?" });
    await user.click(within(dialog).getByRole("button", { name: "Keep editing" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(screen.getByRole("heading", { name: "Edit Asha Patel" })).toBeTruthy();
    expect((screen.getByLabelText("Notes") as HTMLTextAreaElement).value).toBe("half a thought");

    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    await user.click(
      within(await screen.findByRole("alertdialog", { name: "Discard your changes?" })).getByRole("button", {
        name: "Discard changes",
      }),
    );
    expect(await screen.findByRole("heading", { name: "Edit Ben Jones" })).toBeTruthy();
  });

  it("switches learners without asking when the form has no edits", async () => {
    const { user } = await learnersTab([asha, ben]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    await user.click(screen.getByRole("button", { name: "Edit Ben Jones" }));
    expect(await screen.findByRole("heading", { name: "Edit Ben Jones" })).toBeTruthy();
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});
