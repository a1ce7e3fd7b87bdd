/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import { storageKey } from "../../src/taskpane/preferences/preferences";
import { memoryStorage, renderPane, typist } from "./renderPane";
import { setUpState } from "./testPort";

jest.setTimeout(30_000);

const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
  hours: { induction: 1, tutorial: 2, coaching: 12 },
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};

/** A pane on a workbook holding `learners`, opened at the Learners tab. */
async function learnersTab(learners: (typeof asha)[] = [], storage?: Parameters<typeof renderPane>[1]) {
  const port = createMemoryPort();
  await port.saveState(setUpState(learners));
  const user = typist();
  renderPane(port, storage);
  await user.click(await screen.findByRole("tab", { name: "Learners" }));
  return { port, user };
}

async function stored(port: ReturnType<typeof createMemoryPort>) {
  const loaded = await port.loadState();
  return loaded.ok ? (loaded.value?.cohort.learners ?? []) : [];
}

describe("adding or editing one learner", () => {
  it("adds a learner with the cohort's only qualification and my name as assessor filled in", async () => {
    const storage = memoryStorage({
      [storageKey()]: JSON.stringify({ myName: "Priya Shah", role: "assessor" }),
    });
    const { port, user } = await learnersTab([], storage);
    await user.click(screen.getByRole("button", { name: "Add a learner" }));

    expect((screen.getByLabelText(/Qualification/) as HTMLSelectElement).value).toBe("500/3564/2");
    expect((screen.getByLabelText("Assessor") as HTMLInputElement).value).toBe("Priya Shah");
    await user.type(screen.getByLabelText(/Registration No/), "NF-009");
    await user.type(screen.getByLabelText(/Learner name/), "Isla Khan");
    await user.click(screen.getByRole("button", { name: "Add learner" }));

    expect(await screen.findByRole("cell", { name: "NF-009" })).toBeTruthy();
    expect(await stored(port)).toEqual([
      { registration: "NF-009", name: "Isla Khan", qualification: "500/3564/2", assessor: "Priya Shah" },
    ]);
    // The pane moves focus back to "Add a learner" on the next animation frame, once the form has gone.
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Add a learner"));
  });

  it("puts my name in the IQA field when I mark as IQA", async () => {
    const storage = memoryStorage({ [storageKey()]: JSON.stringify({ myName: "Priya Shah", role: "iqa" }) });
    const { user } = await learnersTab([], storage);
    await user.click(screen.getByRole("button", { name: "Add a learner" }));
    expect((screen.getByLabelText("IQA") as HTMLInputElement).value).toBe("Priya Shah");
    expect((screen.getByLabelText("Assessor") as HTMLInputElement).value).toBe("");
  });

  it("shows each problem under its field and writes nothing", async () => {
    const { port, user } = await learnersTab([asha]);
    await user.click(screen.getByRole("button", { name: "Add a learner" }));
    await user.type(screen.getByLabelText(/Registration No/), "NF-001");
    await user.click(screen.getByRole("button", { name: "Add learner" }));

    expect(
      screen.getByText(
        "NF-001 is already in the cohort (Asha Patel): each learner has their own registration number",
      ),
    ).toBeTruthy();
    expect(screen.getByText("Type the learner's name")).toBeTruthy();
    expect(screen.getByLabelText(/Learner name/).getAttribute("aria-invalid")).toBe("true");
    expect(await stored(port)).toEqual([asha]);
  });

  it("edits a learner's details and keeps the hours and marks the form does not show", async () => {
    const { port, user } = await learnersTab([asha]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    const name = screen.getByLabelText(/Learner name/);
    await user.clear(name);
    await user.type(name, "Asha Patel-Khan");
    await user.clear(screen.getByLabelText("Assessor"));
    await user.click(screen.getByRole("button", { name: "Save learner" }));

    await screen.findByRole("cell", { name: "Asha Patel-Khan" });
    expect(await stored(port)).toEqual([
      {
        registration: "NF-001",
        name: "Asha Patel-Khan",
        qualification: "500/3564/2",
        hours: asha.hours,
        assessments: asha.assessments,
      },
    ]);
  });

  it("closes the form with Escape without saving", async () => {
    const { port, user } = await learnersTab([asha]);
    await user.click(screen.getByRole("button", { name: "Edit Asha Patel" }));
    await user.type(screen.getByLabelText(/Learner name/), " changed{Escape}");
    expect(screen.queryByRole("button", { name: "Save learner" })).toBeNull();
    expect(await stored(port)).toEqual([asha]);
  });
});
