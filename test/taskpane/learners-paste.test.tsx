/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import type { MemoryPort } from "../../src/app/memory-port";
import { renderPane, typist } from "./renderPane";
import { setUpState } from "./testPort";

jest.setTimeout(30_000);

const HEADER = "Registration No\tLearner\tQualification\tAssessor\tRegistered";
const rows = (...lines: string[]) => [HEADER, ...lines].join("\n");

async function learnersTab(port: MemoryPort) {
  const user = typist();
  renderPane(port);
  await user.click(await screen.findByRole("tab", { name: "Learners" }));
  return user;
}

async function storedLearners(port: MemoryPort) {
  const loaded = await port.loadState();
  return loaded.ok ? (loaded.value?.cohort.learners ?? []) : [];
}

async function setUp(learners = setUpState().cohort.learners) {
  const port = createMemoryPort();
  await port.saveState(setUpState(learners));
  return port;
}

describe("bringing learners in from rows pasted from Excel", () => {
  it("shows each bad row's problem under its field and writes nothing until the row is fixed", async () => {
    const port = await setUp();
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(
      rows(
        "NF-001\tAsha Patel\t500/3564/2\tR. Hughes\t12/01/2026",
        "NF-002\tBen Jones\t500/3564/2\tR. Hughes\t31/02/2026",
        "NF-003\tChloe Khan\t500/3564/2\tS. Okafor\t14/01/2026",
      ),
    );

    expect(screen.getByText("3 rows read from pasted rows: 2 ready, 1 needs attention.")).toBeTruthy();
    const card = screen.getByRole("group", { name: /^Row 3: NF-002 Ben Jones/ });
    const registered = within(card).getByLabelText("Registered");
    expect(registered.getAttribute("aria-invalid")).toBe("true");
    expect(within(card).getByText("31/02/2026 is not a date: February has 28 or 29 days")).toBeTruthy();
    const add = screen.getByRole("button", { name: "Add 2 learners to the cohort" });
    expect(add.hasAttribute("disabled") || add.getAttribute("aria-disabled") === "true").toBe(true);
    expect(await storedLearners(port)).toEqual([]);

    await user.clear(registered);
    await user.type(registered, "28/02/2026");
    expect(within(card).getByText("Fixed")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 3 learners to the cohort" }));

    expect(await screen.findByText(/3 learners added to the cohort\./)).toBeTruthy();
    expect(await storedLearners(port)).toEqual([
      {
        registration: "NF-001",
        name: "Asha Patel",
        qualification: "500/3564/2",
        assessor: "R. Hughes",
        registered: "2026-01-12",
      },
      {
        registration: "NF-002",
        name: "Ben Jones",
        qualification: "500/3564/2",
        assessor: "R. Hughes",
        registered: "2026-02-28",
      },
      {
        registration: "NF-003",
        name: "Chloe Khan",
        qualification: "500/3564/2",
        assessor: "S. Okafor",
        registered: "2026-01-14",
      },
    ]);
    expect(screen.getByRole("table", { name: "Learners in the cohort" })).toBeTruthy();
  });

  it("writes only the good rows when a bad row is left out on purpose, and says how many were left out", async () => {
    const port = await setUp();
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(
      rows(
        "NF-001\tAsha Patel\t500/3564/2\t\t",
        "NF-002\t\t600/9999/9\t\t",
        "NF-003\tChloe Khan\t500/3564/2\t\t",
      ),
    );
    const card = screen.getByRole("group", { name: /^Row 3: NF-002/ });
    expect(within(card).getByText("Type the learner's name")).toBeTruthy();

    await user.click(within(card).getByRole("checkbox", { name: "Leave this row out" }));
    await user.click(screen.getByRole("button", { name: "Add 2 learners to the cohort" }));

    expect(await screen.findByText(/2 learners added to the cohort \(1 left out\)/)).toBeTruthy();
    expect((await storedLearners(port)).map((l) => l.registration)).toEqual(["NF-001", "NF-003"]);
  });

  it("refuses a registration number used twice within the pasted rows, even one already in the cohort", async () => {
    const port = await setUp([{ registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2" }]);
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(
      rows(
        "NF-001\tAsha Patel\t500/3564/2\tR. Hughes\t",
        "NF-001\tAsha Again\t500/3564/2\t\t",
        "NF-002\tBen\t500/3564/2\t\t",
        "NF-002\tBen Twice\t500/3564/2\t\t",
      ),
    );

    expect(
      within(screen.getByRole("group", { name: /^Row 3:/ })).getByText(
        "NF-001 is already used in row 2: each learner's registration number goes in one row only",
      ),
    ).toBeTruthy();
    expect(
      within(screen.getByRole("group", { name: /^Row 5:/ })).getByText(
        "NF-002 is already used in row 4: each learner's registration number goes in one row only",
      ),
    ).toBeTruthy();
    expect(
      screen.getByText("4 rows read from pasted rows: 1 to add, 1 to update, 2 need attention."),
    ).toBeTruthy();
    const commit = screen.getByRole("button", { name: "Add 1 learner and update 1" });
    expect(commit.hasAttribute("disabled") || commit.getAttribute("aria-disabled") === "true").toBe(true);
  });

  it("reads rows without a header in the usual column order and fills in the cohort's only qualification", async () => {
    const port = await setUp();
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste("NF-010\tDev Williams\nNF-011\tEllie Khan");
    expect(screen.getByText("2 rows read from pasted rows: 2 ready.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 2 learners to the cohort" }));
    await screen.findByText(/2 learners added/);
    expect((await storedLearners(port)).map((l) => [l.registration, l.qualification])).toEqual([
      ["NF-010", "500/3564/2"],
      ["NF-011", "500/3564/2"],
    ]);
  });

  it("imports a CSV file and reads a column it does not know only once it is matched or left out", async () => {
    const port = await setUp();
    const user = await learnersTab(port);
    const input = screen.getByLabelText("CSV file of learners");
    await user.upload(
      input,
      new File(["Registration No,Learner,Shoe size\nNF-001,Asha,5\n"], "cohort.csv", { type: "text/csv" }),
    );
    const matching = await screen.findByRole("region", { name: "Match the columns of cohort.csv" });
    expect(screen.queryByText(/rows? read from cohort\.csv/)).toBeNull();
    const shoe = within(matching).getByRole("combobox", { name: /Column 3: Shoe size/ });
    expect((shoe as HTMLSelectElement).value).toBe("");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));
    expect(
      within(matching).getByText('Choose what column 3 ("Shoe size") holds, or leave it out.'),
    ).toBeTruthy();
    await user.selectOptions(shoe, "Leave this column out");
    await user.click(within(matching).getByRole("button", { name: "Use these columns" }));
    expect(await screen.findByText("1 row read from cohort.csv: 1 ready.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear" }));

    await user.upload(
      input,
      new File(['Registration No,Learner,Qualification\nNF-001,"Patel, Asha",500/3564/2\n'], "good.csv", {
        type: "text/csv",
      }),
    );
    expect(await screen.findByText("1 row read from good.csv: 1 ready.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 1 learner to the cohort" }));
    await screen.findByText(/1 learner added/);
    expect((await storedLearners(port))[0]?.name).toBe("Patel, Asha");
  });

  it("keeps a name that starts with = as text", async () => {
    const port = await setUp();
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(rows('NF-001\t=HYPERLINK("x")\t500/3564/2\t\t'));
    await user.click(screen.getByRole("button", { name: "Add 1 learner to the cohort" }));
    await screen.findByText(/1 learner added/);
    expect((await storedLearners(port))[0]?.name).toBe('=HYPERLINK("x")');
  });
});

describe("re-pasting or re-importing a roster with learners already in the cohort", () => {
  const asha = {
    registration: "NF-001",
    name: "Asha Patel",
    qualification: "500/3564/2",
    assessor: "R. Hughes",
    email: "asha@example.org",
    registered: "2026-01-12",
    hours: { induction: 2, coaching: 12 },
    assessments: { "D5.01": { marks: [3, 12, 20, 10], assessed: "2026-03-01" } },
    units: { "D5.03": "PENDING" as const },
  };
  const chloe = {
    registration: "NF-003",
    name: "Chloe Khan",
    qualification: "500/3564/2",
    assessor: "S. Okafor",
  };
  const UPDATE_HEADER = "Registration No\tLearner\tQualification\tAssessor\tCoaching hours";

  it("turns a row for a learner already in the cohort into an update that says what changes", async () => {
    const port = await setUp([asha, chloe]);
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(
      [
        UPDATE_HEADER,
        "NF-001\tAsha Patel\t500/3564/2\tS. Okafor\t15",
        "NF-002\tBen Jones\t500/3564/2\tR. Hughes\t",
        "NF-003\tChloe Khan\t500/3564/2\tS. Okafor\t",
      ].join("\n"),
    );

    expect(
      screen.getByText("3 rows read from pasted rows: 1 to add, 1 to update, 1 unchanged."),
    ).toBeTruthy();
    const update = screen.getByRole("group", { name: /^Row 2: NF-001 Asha Patel Update/ });
    expect(
      within(update).getByText(/This will update NF-001 Asha Patel, who is already in the cohort/),
    ).toBeTruthy();
    expect(
      within(update)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Assessor R. Hughes → S. Okafor", "Coaching hours 12 → 15"]);
    const same = screen.getByRole("group", { name: /^Row 4: NF-003 Chloe Khan No change/ });
    expect(within(same).getByText(/nothing will change/)).toBeTruthy();
    expect(screen.queryByRole("group", { name: /^Row 3:/ })).toBeNull();
    expect(await storedLearners(port)).toEqual([asha, chloe]);

    await user.click(screen.getByRole("button", { name: "Add 1 learner and update 1" }));

    expect(await screen.findByText(/1 learner added to the cohort and 1 updated\./)).toBeTruthy();
    expect(await storedLearners(port)).toEqual([
      { ...asha, assessor: "S. Okafor", hours: { induction: 2, coaching: 15 } },
      chloe,
      { registration: "NF-002", name: "Ben Jones", qualification: "500/3564/2", assessor: "R. Hughes" },
    ]);
  });

  it("keeps what a blank cell or a missing column does not give, and writes nothing for a row left out", async () => {
    const port = await setUp([asha, chloe]);
    const user = await learnersTab(port);
    await user.click(screen.getByLabelText("Rows copied from Excel"));
    await user.paste(
      [
        "Registration No\tLearner\tAssessor",
        "NF-001\tAsha Patel-Jones\t",
        "NF-003\tChloe Khan\tR. Hughes",
      ].join("\n"),
    );

    const asha2 = screen.getByRole("group", { name: /^Row 2:/ });
    expect(
      within(asha2)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Name Asha Patel → Asha Patel-Jones"]);
    await user.click(
      within(screen.getByRole("group", { name: /^Row 3:/ })).getByRole("checkbox", {
        name: "Leave this row out",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Update 1 learner" }));

    expect(await screen.findByText(/1 learner updated \(1 left out\)\./)).toBeTruthy();
    expect(await storedLearners(port)).toEqual([{ ...asha, name: "Asha Patel-Jones" }, chloe]);
  });

  it("re-imports an updated CSV roster, counting only the rows that change something", async () => {
    const port = await setUp([asha, chloe]);
    const user = await learnersTab(port);
    await user.upload(
      screen.getByLabelText("CSV file of learners"),
      new File(
        [
          "Registration No,Learner,Registered,Coaching hours\n" +
            "NF-001,Asha Patel,12/01/2026,12\n" +
            "NF-003,Chloe Khan,,4\n" +
            "NF-004,Dev Williams,,\n",
        ],
        "roster.csv",
        { type: "text/csv" },
      ),
    );

    expect(
      await screen.findByText("3 rows read from roster.csv: 1 to add, 1 to update, 1 unchanged."),
    ).toBeTruthy();
    expect(screen.getByRole("group", { name: /^Row 2: NF-001 Asha Patel No change/ })).toBeTruthy();
    expect(
      within(screen.getByRole("group", { name: /^Row 3: NF-003/ })).getByText("Coaching hours added: 4"),
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 1 learner and update 1" }));

    await screen.findByText(/1 learner added to the cohort and 1 updated\./);
    expect(await storedLearners(port)).toEqual([
      asha,
      { ...chloe, hours: { coaching: 4 } },
      { registration: "NF-004", name: "Dev Williams", qualification: "500/3564/2" },
    ]);
  });

  it("writes a mark a row gives over the stored one and keeps a stored mark where the row's cell is blank", async () => {
    const port = await setUp([asha]);
    const user = await learnersTab(port);
    await user.upload(
      screen.getByLabelText("CSV file of learners"),
      new File(
        ["Registration No,Learner,D5.01 S1,D5.01 S2,D5.01 S3,D5.01 S4\nNF-001,Asha Patel,4,,20,10\n"],
        "marks.csv",
        { type: "text/csv" },
      ),
    );

    const card = await screen.findByRole("group", { name: /^Row 2: NF-001 Asha Patel Update/ });
    expect(
      within(card)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["D5.01 S1 3 → 4"]);
    await user.click(screen.getByRole("button", { name: "Update 1 learner" }));

    await screen.findByText(/1 learner updated\./);
    expect((await storedLearners(port))[0]?.assessments).toEqual({
      "D5.01": { marks: [4, 12, 20, 10], assessed: "2026-03-01" },
    });
  });
});
