/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import type { MemoryPort } from "../../src/app/memory-port";
import type { SetupSettings } from "../../src/workbook/settings";
import { renderPane, typist } from "./renderPane";
import { setUpState } from "./testPort";

jest.setTimeout(30_000);

const ROSTER = [
  "ILM number\tFirst name\tSurname\tCourse\tStart date",
  "NF-001\tAsha\tPatel\t500/3564/2\t12/01/2026",
  "NF-002\tBen\tJones\t500/3564/2\t13/01/2026",
].join("\n");

async function setUp() {
  const port = createMemoryPort();
  await port.saveState(setUpState());
  return port;
}

async function stored(port: MemoryPort) {
  const loaded = await port.loadState();
  if (!loaded.ok || loaded.value === null) throw new Error("no state");
  return loaded.value;
}

async function pasteRoster(text: string) {
  const user = typist();
  await user.click(screen.getByLabelText("Rows copied from Excel"));
  await user.paste(text);
  return user;
}

const column = (region: HTMLElement, name: RegExp) =>
  within(region).getByRole("combobox", { name }) as HTMLSelectElement;

describe("a roster with headers of its own", () => {
  it("reads no column by position: recognised headers are proposed, unknown ones wait to be matched", async () => {
    const port = await setUp();
    renderPane(port);
    const user = typist();
    await user.click(await screen.findByRole("tab", { name: "Learners" }));
    await pasteRoster(ROSTER);

    const matching = await screen.findByRole("region", { name: "Match the columns of pasted rows" });
    expect(screen.queryByText(/rows read from pasted rows/)).toBeNull();
    expect(screen.queryByRole("button", { name: /Add \d+ learners/ })).toBeNull();
    expect(column(matching, /Column 1: ILM number/).value).toBe("registration");
    expect(column(matching, /Column 2: First name/).value).toBe("firstName");
    expect(column(matching, /Column 3: Surname/).value).toBe("surname");
    expect(column(matching, /Column 4: Course/).value).toBe("");
    expect(column(matching, /Column 5: Start date/).value).toBe("");
    expect(within(matching).getByText("First value: Patel")).toBeTruthy();

    await user.selectOptions(column(matching, /Column 4: Course/), "Qualification");
    await user.selectOptions(column(matching, /Column 5: Start date/), "Registered (date)");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));

    expect(await screen.findByText("2 rows read from pasted rows: 2 ready.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 2 learners to the cohort" }));
    await screen.findByText(/2 learners added to the cohort\./);

    const state = await stored(port);
    expect(state.cohort.learners).toEqual([
      { registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2", registered: "2026-01-12" },
      { registration: "NF-002", name: "Ben Jones", qualification: "500/3564/2", registered: "2026-01-13" },
    ]);
    const setup = state.setup as SetupSettings;
    expect(setup.qualifications).toEqual(["500/3564/2"]);
    expect(setup.assessors).toEqual(["R. Hughes", "S. Okafor"]);
    expect(setup.rosterColumns).toEqual([
      {
        headers: ["ILM number", "First name", "Surname", "Course", "Start date"],
        fields: ["registration", "firstName", "surname", "qualification", "registered"],
      },
    ]);
  });

  it("offers the matching remembered in the workbook for the same headers next time", async () => {
    const port = await setUp();
    renderPane(port);
    const user = typist();
    await user.click(await screen.findByRole("tab", { name: "Learners" }));
    await pasteRoster(ROSTER);
    let matching = await screen.findByRole("region", { name: "Match the columns of pasted rows" });
    await user.selectOptions(column(matching, /Column 4: Course/), "Qualification");
    await user.selectOptions(column(matching, /Column 5: Start date/), "Leave this column out");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));
    await user.click(await screen.findByRole("button", { name: "Add 2 learners to the cohort" }));
    await screen.findByText(/2 learners added/);

    await pasteRoster(ROSTER.replace("ILM number", "ilm  Number").replace(/NF-00(\d)/g, "NF-01$1"));
    matching = await screen.findByRole("region", { name: "Match the columns of pasted rows" });
    expect(within(matching).getByText(/matched before in this workbook/)).toBeTruthy();
    expect(column(matching, /Column 4: Course/).value).toBe("qualification");
    expect(column(matching, /Column 5: Start date/).value).toBe("ignore");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));
    expect(await screen.findByText("2 rows read from pasted rows: 2 ready.")).toBeTruthy();
  });

  it("will not use a matching that leaves out the registration numbers or gives a field two columns", async () => {
    const port = await setUp();
    renderPane(port);
    const user = typist();
    await user.click(await screen.findByRole("tab", { name: "Learners" }));
    await pasteRoster(ROSTER);
    const matching = await screen.findByRole("region", { name: "Match the columns of pasted rows" });
    await user.selectOptions(column(matching, /Column 1: ILM number/), "Leave this column out");
    await user.selectOptions(column(matching, /Column 4: Course/), "Qualification");
    await user.selectOptions(column(matching, /Column 5: Start date/), "Qualification");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));
    expect(
      within(matching).getByText(
        "Choose the column that holds the registration numbers: ilm finds learners by it.",
      ),
    ).toBeTruthy();
    expect(
      within(matching).getByText(
        'column 4 ("Course") and column 5 ("Start date") are both Qualification: choose one, leave the other out.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/rows read from pasted rows/)).toBeNull();
    await waitFor(async () => expect((await stored(port)).cohort.learners).toEqual([]));
  });
});

describe("problems in a pasted roster", () => {
  it("reports a repeated registration number together with the row's other problems", async () => {
    const port = await setUp();
    renderPane(port);
    const user = typist();
    await user.click(await screen.findByRole("tab", { name: "Learners" }));
    await pasteRoster(
      [
        "Registration No\tLearner\tQualification\tCoaching hours\tRegistered",
        "NF-001\tAsha Patel\t500/3564/2\t3\t12/01/2026",
        "NF-001\tBen Jones\t500/3564/2\t-2\t13/01/2026",
        "NF-001\tChloe Khan\t500/3564/2\t4\t31/04/2026",
      ].join("\n"),
    );
    const ben = await screen.findByRole("group", { name: /^Row 3: NF-001 Ben Jones/ });
    expect(within(ben).getByText("2 problems")).toBeTruthy();
    expect(
      within(ben).getByText(
        "NF-001 is already used in row 2: each learner's registration number goes in one row only",
      ),
    ).toBeTruthy();
    expect(within(ben).getByText("Coaching hours can't be negative: type 0 or more")).toBeTruthy();
    const chloe = screen.getByRole("group", { name: /^Row 4: NF-001 Chloe Khan/ });
    expect(within(chloe).getByText("2 problems")).toBeTruthy();
    expect(within(chloe).getByText("31/04/2026 is not a date: April has 30 days")).toBeTruthy();
  });
});
