import type { Harness } from "./harness";
import { describeWithChromium, overflow, seriousViolations, shot, startHarness } from "./harness";

/**
 * End to end, at the narrowest task pane (320 px): a roster pasted with headers ilm does not know is matched column
 * by column, added, and found again with the learner list's search; axe finds nothing serious on the way.
 * The production task pane on the in-memory workbook harness, in Debian's Chromium (as taskpane.test.ts).
 */
const WIDTH = 320;

const describeBrowser = describeWithChromium("the roster-mapping end-to-end test");

jest.setTimeout(240_000);

/** A roster as a centre's own spreadsheet heads it: no header ilm knows by that name except the names. */
const ROSTER = [
  ["Candidate ref", "First name", "Surname", "Programme", "Start", "Shoe size"],
  ["NF-101", "Asha", "Patel", "500/3564/2", "12/01/2026", "5"],
  ["NF-102", "Ben", "Jones", "500/3564/2", "13/01/2026", "9"],
  ["NF-103", "Chloe", "O'Neill", "500/3564/2", "14/01/2026", "6"],
]
  .map((row) => row.join("\t"))
  .join("\n");

describeBrowser("roster column matching in Chromium at 320 px", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness("roster");
  });

  afterAll(async () => {
    await harness?.close();
  });

  const openPage = () => harness.open("harness.html", { width: WIDTH, height: 900 });

  it("pastes a roster with unknown headers, matches its columns and adds the learners", async () => {
    const { page, errors } = await openPage();
    await page.getByRole("heading", { name: "Set up this workbook" }).waitFor();
    await page.getByLabel("Centre number").fill("123456");
    await page.getByLabel("Centre name").fill("Northfield Training");
    await page.getByLabel("Cohort name").fill("2026-B");
    await page.getByRole("checkbox", { name: /in Management \(QCF\)/ }).check();
    await page.getByRole("button", { name: "Save set-up" }).click();
    await page.getByText("Set-up saved in this workbook.").waitFor();

    await page.getByRole("tab", { name: "Learners" }).click();
    await page.getByLabel("Rows copied from Excel").fill(ROSTER);
    const matching = page.getByRole("region", { name: "Match the columns of pasted rows" });
    await matching.waitFor();
    expect(await page.getByText(/rows? read from pasted rows/).count()).toBe(0);
    const column = (name: RegExp) => matching.getByRole("combobox", { name });
    expect(await column(/Column 1: Candidate ref/).inputValue()).toBe("");
    expect(await column(/Column 2: First name/).inputValue()).toBe("firstName");
    expect(await column(/Column 3: Surname/).inputValue()).toBe("surname");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "roster-1-matching-320");

    await column(/Column 1: Candidate ref/).selectOption("registration");
    await column(/Column 4: Programme/).selectOption("qualification");
    await column(/Column 5: Start/).selectOption("registered");
    await column(/Column 6: Shoe size/).selectOption("ignore");
    await matching.getByRole("button", { name: "Use these columns" }).click();
    await page.getByText("3 rows read from pasted rows: 3 ready.").waitFor();
    await page.getByRole("button", { name: "Add 3 learners to the cohort" }).click();
    await page.getByText(/3 learners added to the cohort\./).waitFor();

    const learners = page.getByRole("table", { name: "Learners in the cohort" });
    await learners.getByRole("cell", { name: "Chloe O'Neill", exact: true }).waitFor();
    expect(await learners.getByRole("cell", { name: "Asha Patel", exact: true }).count()).toBe(1);
    const state = await page.evaluate(() => window.ilmHarness?.port.loadState());
    const stored = state?.ok ? state.value : null;
    expect(
      stored?.cohort.learners.map((l) => [l.registration, l.name, l.qualification, l.registered]),
    ).toEqual([
      ["NF-101", "Asha Patel", "500/3564/2", "2026-01-12"],
      ["NF-102", "Ben Jones", "500/3564/2", "2026-01-13"],
      ["NF-103", "Chloe O'Neill", "500/3564/2", "2026-01-14"],
    ]);

    await page.getByLabel("Find a learner").fill("jones");
    await page.getByText("Showing 1 of 3 learners.").waitFor();
    await learners.getByRole("button", { name: "Edit Ben Jones" }).click();
    await page.getByRole("heading", { name: "Edit Ben Jones" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "roster-2-learner-form-320");
    expect(errors).toEqual([]);
    await page.close();
  });
});
