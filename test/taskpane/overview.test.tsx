/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import type { Learner } from "../../src/domain/cohort/schema";
import { valueOf } from "../../src/workbook/memory";
import type { Cell } from "../../src/workbook/plan";
import { renderPane, memoryStorage, typist } from "./renderPane";
import { createTestPort, setUpState } from "./testPort";

jest.setTimeout(30_000);

const AS_OF = "2026-12-02";
const Q = "500/3564/2";
const PASS_501 = { marks: [3, 24, 9, 21] };
const PASS_502 = { marks: [24, 21, 26] };

/**
 * Six learners of the Level 5 Certificate in Management on 2 December 2026 (deadlines are 36 months after
 * registration): Asha overdue with nothing marked, Ben due in 44 days with a referred diary, Chloe on track with a
 * referred assignment, Dev achieved and ready to claim, Ellie withdrawn (her deadline long past), Farid achieved
 * with coaching hours short.
 */
const cohort: Learner[] = [
  { registration: "NF-001", name: "Asha Patel", qualification: Q, registered: "2023-11-01" },
  {
    registration: "NF-002",
    name: "Ben Jones",
    qualification: Q,
    registered: "2024-01-15",
    assessments: { "D5.01": PASS_501, "D5.02+D5.03": { marks: [24, 10, 26] } },
  },
  {
    registration: "NF-003",
    name: "Chloe O'Neill",
    qualification: Q,
    registered: "2026-01-12",
    assessments: { "D5.01": { marks: [3, 10, 9, 21] } },
  },
  {
    registration: "NF-004",
    name: "Dev Williams",
    qualification: Q,
    registered: "2024-01-01",
    hours: { induction: 1, tutorial: 2, coaching: 12 },
    assessments: { "D5.01": PASS_501, "D5.02+D5.03": PASS_502 },
  },
  {
    registration: "NF-005",
    name: "Ellie Khan",
    qualification: Q,
    registered: "2023-06-01",
    withdrawn: true,
  },
  {
    registration: "NF-006",
    name: "Farid Shah",
    qualification: Q,
    registered: "2026-02-01",
    hours: { induction: 1, tutorial: 2, coaching: 6 },
    assessments: { "D5.01": PASS_501, "D5.02+D5.03": PASS_502 },
  },
];

async function paneOn(learners: Learner[], asOf = AS_OF) {
  const port = createMemoryPort();
  const saved = await port.saveState(setUpState(learners));
  expect(saved.ok).toBe(true);
  renderPane(port, memoryStorage(), { asOf });
  await screen.findByRole("heading", { name: "Headline figures" });
  return port;
}

/** The headline figures as the pane shows them, label → number. */
function figures(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const term of screen.getAllByRole("term"))
    out[term.textContent ?? ""] = Number(term.nextElementSibling?.textContent);
  return out;
}

const watchItems = () =>
  within(screen.getByRole("list", { name: /^Deadline passed or within 90 days/ })).getAllByRole("listitem");

describe("the Overview tab", () => {
  it("opens first for a workbook that is set up, with the engine's headline figures as of the date given", async () => {
    await paneOn(cohort);
    expect(screen.getByRole("tab", { name: "Overview" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getAllByRole("tab").map((t) => t.getAttribute("value"))).toEqual([
      "overview",
      "setup",
      "learners",
      "workbook",
      "iqa",
      "catalogue",
    ]);
    expect(screen.getByText(/^As of 2 December 2026/)).toBeTruthy();
    expect(figures()).toEqual({
      Learners: 5,
      Withdrawn: 1,
      Achieved: 2,
      "Ready to claim": 1,
      "Referrals outstanding": 2,
      "Not yet marked": 3,
      "Past deadline": 1,
      "Due within 90 days": 1,
    });
  });

  it("lists the overdue learner first, then the one due soon, each with their deadline and what they still need", async () => {
    await paneOn(cohort);
    const items = watchItems();
    expect(items).toHaveLength(2);
    const [asha, ben] = items as [HTMLElement, HTMLElement];
    expect(within(asha).getByRole("button", { name: "Asha Patel NF-001" })).toBeTruthy();
    expect(within(asha).getByText("Overdue")).toBeTruthy();
    expect(within(asha).getByText("Deadline 1 November 2026, 31 days ago")).toBeTruthy();
    expect(asha.textContent).toMatch(/Needs D5\.01 \([^)]+\); D5\.02 and D5\.03 \(/);
    expect(within(ben).getByText("Due soon")).toBeTruthy();
    expect(within(ben).getByText("Deadline 15 January 2027, in 44 days")).toBeTruthy();
    expect(ben.textContent).toMatch(/Needs D5\.02 and D5\.03 \(/);
    expect(ben.textContent).not.toMatch(/D5\.01/);
    // Achieved, on track and withdrawn learners are not watched.
    for (const name of ["Chloe O'Neill", "Dev Williams", "Ellie Khan", "Farid Shah"])
      expect(within(screen.getByRole("list", { name: /^Deadline passed/ })).queryByText(name)).toBeNull();
  });

  it("watches a learner who has achieved but is not ready to claim near their deadline, with the hours short", async () => {
    // 20 January 2029: Farid (deadline 1 February 2029) has achieved with coaching hours short; Dev is ready to claim.
    await paneOn(cohort, "2029-01-20");
    const farid = watchItems().find((li) => within(li).queryByRole("button", { name: "Farid Shah NF-006" }));
    expect(farid).toBeDefined();
    expect(within(farid as HTMLElement).getByText("Due soon")).toBeTruthy();
    expect(within(farid as HTMLElement).getByText("Deadline 1 February 2029, in 12 days")).toBeTruthy();
    expect(
      within(farid as HTMLElement).getByText("Achieved; to be claimed needs coaching 6 of 12 h"),
    ).toBeTruthy();
    expect(watchItems().map((li) => within(li).getAllByRole("button")[0]?.textContent)).toEqual([
      "Asha Patel NF-001",
      "Ben Jones NF-002",
      "Chloe O'Neill NF-003",
      "Farid Shah NF-006",
    ]);
    expect(figures()["Ready to claim"]).toBe(1);
  });

  it("lists the learners with referrals outstanding and the assessments referred", async () => {
    await paneOn(cohort);
    const list = screen.getByRole("list", { name: /^Learners with referrals outstanding \(2\)/ });
    const learners = within(list)
      .getAllByRole("listitem")
      .filter((li) => li.parentElement === list);
    expect(learners).toHaveLength(2);
    const [ben, chloe] = learners as [HTMLElement, HTMLElement];
    expect(within(ben).getByRole("button", { name: "Ben Jones NF-002" })).toBeTruthy();
    expect(ben.textContent).toContain("D5.02+D5.03 referred: Sessions");
    expect(within(chloe).getByRole("button", { name: "Chloe O'Neill NF-003" })).toBeTruthy();
    expect(chloe.textContent).toContain("D5.01 referred: Best practice");
    expect(
      within(chloe).getByRole("button", { name: "D5.01, Chloe O'Neill's row on the D5.01 mark sheet" }),
    ).toBeTruthy();
  });

  it("selects a learner's row on the Learners tab, and on a mark sheet, when their link is chosen", async () => {
    const port = await paneOn(cohort);
    const user = typist();
    await user.click(screen.getAllByRole("button", { name: "Ben Jones NF-002" })[0] as HTMLElement);
    expect(
      await screen.findByText("Ben Jones's row on the Learners tab is selected in the workbook."),
    ).toBeTruthy();
    const learners = port.workbook.sheet("Learners");
    const area = learners?.tables[0]?.area;
    const row = port.workbook.row("Learners", "NF-002");
    expect(port.workbook.selection?.sheet).toBe("Learners");
    expect(port.workbook.selection?.address).toMatch(new RegExp(`^[A-Z]+${row + 1}:[A-Z]+${row + 1}$`));
    expect(area?.column).toBe(0);

    await user.click(
      screen.getByRole("button", { name: "D5.01, Chloe O'Neill's row on the D5.01 mark sheet" }),
    );
    await screen.findByText("Chloe O'Neill's row on the D5.01 mark sheet is selected in the workbook.");
    const sheet = port.workbook.sheets.find((s) => s.name.startsWith("D5.01"));
    expect(sheet).toBeDefined();
    const markRow = port.workbook.row(sheet?.name ?? "", "NF-003");
    expect(port.workbook.selection).toEqual({
      sheet: sheet?.name,
      address: expect.stringMatching(new RegExp(`^A${markRow + 1}:[A-Z]+${markRow + 1}$`)),
    });
  });

  it("finds the row wherever it is now, after the table was sorted", async () => {
    const port = await paneOn(cohort);
    const before = port.workbook.row("Learners", "NF-001");
    const key = (row: Cell[]) => String(valueOf(row[0] ?? null));
    port.workbook.sortRows("Learners", (a, b) => key(b).localeCompare(key(a)));
    expect(port.workbook.row("Learners", "NF-001")).not.toBe(before);
    const user = typist();
    await user.click(screen.getByRole("button", { name: "Asha Patel NF-001" }));
    await screen.findByText(/is selected in the workbook/);
    const row = port.workbook.row("Learners", "NF-001");
    expect(port.workbook.selection?.address).toMatch(new RegExp(`^A${row + 1}:[A-Z]+${row + 1}$`));
  });

  it("says plainly when the row cannot be selected", async () => {
    const port = createTestPort(setUpState(cohort));
    port.failNext.select = "NF-001 has no row on the Learners tab.";
    const user = typist();
    renderPane(port, memoryStorage(), { asOf: AS_OF });
    await user.click(await screen.findByRole("button", { name: "Asha Patel NF-001" }));
    expect(
      await screen.findByText(
        "Could not go to Asha Patel's row on the Learners tab: NF-001 has no row on the Learners tab.",
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Asha Patel NF-001" }));
    expect(port.selections).toEqual([{ sheet: "learners", registration: "NF-001" }]);
  });

  it("reads the workbook again: marks typed since count", async () => {
    const port = await paneOn(cohort);
    const user = typist();
    const sheet = port.workbook.sheets.find((s) => s.name.startsWith("D5.01"))?.name ?? "";
    const header = port.workbook.sheet(sheet)?.grid[0]?.map((c) => (c && "v" in c ? String(c.v) : "")) ?? [];
    const bestPractice = header.find((h) => /^Best practice/.test(h)) ?? "";
    port.workbook.typeAt(sheet, "NF-003", bestPractice, 24);
    expect(figures()["Referrals outstanding"]).toBe(2);
    await user.click(screen.getByRole("button", { name: "Read the workbook again" }));
    await act(async () => {});
    expect(figures()["Referrals outstanding"]).toBe(1);
    expect(screen.queryByRole("button", { name: "Chloe O'Neill NF-003" })).toBeNull();
  });

  it("says so plainly when nobody needs watching", async () => {
    await paneOn([cohort[3] as Learner, cohort[4] as Learner]);
    expect(
      screen.getByText(
        "Nobody to watch: every learner is ready to claim or more than 90 days from their deadline, and no referral is outstanding.",
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("list", { name: /^Deadline passed/ })).toBeNull();
  });

  it("says when the cohort has no learners yet", async () => {
    await paneOn([]);
    expect(figures().Learners).toBe(0);
    expect(
      screen.getByText("There are no learners in the cohort yet: add them on the Learners tab."),
    ).toBeTruthy();
  });

  it("shows the set-up prompt for a workbook that is not set up", async () => {
    const user = typist();
    renderPane(createMemoryPort(), memoryStorage(), { asOf: AS_OF });
    await user.click(await screen.findByRole("tab", { name: "Overview" }));
    expect(screen.getByText("Set up the workbook first, on the Set up tab.")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Headline figures" })).toBeNull();
  });
});
