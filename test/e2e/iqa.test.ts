import type { Page } from "playwright-core";
import type { Harness } from "./harness";
import { describeWithChromium, overflow, seriousViolations, shot, startHarness } from "./harness";
import { HEADER } from "./cohortRows";

/**
 * End to end, at the narrowest task pane (320 px): six learners' assignments marked, the IQA tab picks a preset,
 * draws the sample into the mark sheets and shows its compliance; axe finds nothing serious on the way. The
 * production task pane on the in-memory workbook harness, in Debian's Chromium (as taskpane.test.ts).
 */
const WIDTH = 320;

const describeBrowser = describeWithChromium("the IQA tab end-to-end test");

jest.setTimeout(240_000);

/** Six learners, three each for two assessors. */
const LEARNERS = ["Asha Patel", "Ben Jones", "Chloe O'Neill", "Dev Williams", "Ellie Khan", "Farid Shah"].map(
  (name, i) => ({
    registration: `NF-${String(i + 1).padStart(3, "0")}`,
    name,
    assessor: i % 2 === 0 ? "R. Hughes" : "S. Okafor",
  }),
);

const PASTED = [
  HEADER,
  ...LEARNERS.map((l, i) => [l.registration, l.name, "500/3564/2", l.assessor, `${10 + i}/01/2026`]),
]
  .map((row) => row.join("\t"))
  .join("\n");

describeBrowser("the IQA tab in Chromium at 320 px", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness("iqa");
  });

  afterAll(async () => {
    await harness?.close();
  });

  const openPage = () => harness.open("harness.html", { width: WIDTH, height: 900 });

  /** A table's rows as their cells' text. */
  const tableText = (page: Page, name: string) =>
    page
      .getByRole("table", { name, exact: true })
      .evaluate((table) =>
        Array.from(table.querySelectorAll("tr")).map((tr) =>
          Array.from(tr.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim()),
        ),
      );

  it("picks a preset, draws the sample into the mark sheets and shows its compliance", async () => {
    const { page, errors } = await openPage();
    await page.getByRole("heading", { name: "Set up this workbook" }).waitFor();
    await page.getByLabel("Centre number").fill("123456");
    await page.getByLabel("Centre name").fill("Northfield Training");
    await page.getByLabel("Cohort name").fill("2026-A");
    await page.getByRole("checkbox", { name: /in Management \(QCF\)/ }).check();
    await page.getByLabel("Assessors").fill("R. Hughes\nS. Okafor");
    await page.getByRole("button", { name: "Save set-up" }).click();
    await page.getByText("Set-up saved in this workbook.").waitFor();

    await page.getByRole("tab", { name: "Learners" }).click();
    await page.getByLabel("Rows copied from Excel").fill(PASTED);
    await page.getByText("6 rows read from pasted rows: 6 ready.").waitFor();
    await page.getByRole("button", { name: "Add 6 learners to the cohort" }).click();
    await page.getByText(/6 learners added to the cohort/).waitFor();
    await page.getByRole("tab", { name: "Workbook" }).click();
    await page.getByRole("button", { name: "Generate or update mark sheets" }).click();
    await page
      .getByText(/^(Mark sheets are up to date|Nothing to update|Mark sheets (created|updated))/)
      .first()
      .waitFor();

    // The assessors mark every assignment a PASS, in the cells.
    await page.evaluate(
      (registrations) => {
        const marks: [string, number][] = [
          ["Context /4 (min 2)", 3],
          ["Best practice /40 (min 20)", 24],
          ["Barriers /16 (min 8)", 9],
          ["Business case /40 (min 20)", 21],
        ];
        for (const registration of registrations)
          for (const [header, mark] of marks)
            window.ilmWorkbook?.typeAt("D5.01 Assignment", registration, header, mark);
      },
      LEARNERS.map((l) => l.registration),
    );

    await page.getByRole("tab", { name: "IQA" }).click();
    await page.getByRole("heading", { name: "Sampling strategy" }).waitFor();
    await page.getByText(/keeps no sampling strategy yet/).waitFor();
    expect(await page.getByRole("textbox", { name: /Minimum %/ }).inputValue()).toBe("");
    await page
      .getByRole("combobox", { name: "Start from a preset" })
      .selectOption({ label: "Preset: ILM's older 10% minimum for lowest-risk centres" });
    expect(await page.getByRole("textbox", { name: /Minimum %/ }).inputValue()).toBe("10");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "iqa-1-preset-320");

    await page.getByRole("button", { name: "Draw sample" }).click();
    await page.getByText(/^2 rows drawn/).waitFor();
    expect(await tableText(page, "Compliance by assessor and assessment")).toEqual([
      ["Assessor", "Assessment", "Eligible", "Required", "Sampled", "QA done", "Disagreements", "Compliant"],
      ["R. Hughes", "D5.01", "3", "1", "1", "0", "0", "Yes"],
      ["S. Okafor", "D5.01", "3", "1", "1", "0", "0", "Yes"],
    ]);
    expect((await tableText(page, "Compliance by assessor")).map((r) => r[0])).toEqual([
      "Assessor",
      "R. Hughes",
      "S. Okafor",
    ]);
    await page.getByText("2 rows to re-mark", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Top up sample" }).waitFor();

    // Each drawn row's IQA sample cell says why.
    const reasons = await page.evaluate(() => {
      const sheet = window.ilmWorkbook?.sheet("D5.01 Assignment");
      if (!sheet) return [];
      const header = (sheet.grid[0] ?? []).map((c) => (c && "v" in c ? c.v : null));
      const column = header.indexOf("IQA sample");
      return sheet.grid
        .slice(1)
        .map((row) => row[column])
        .filter((c) => c && "v" in c && c.v !== "")
        .map((c) => (c && "v" in c ? c.v : null));
    });
    expect(reasons).toEqual(["1 per assessment; minimum 10%", "1 per assessment; minimum 10%"]);

    const sample = page.getByRole("list", { name: "Sample (2)" });
    await sample
      .getByRole("button", { name: /^Go to row of .*, D5\.01$/ })
      .first()
      .click();
    await page.getByText(/row on the D5\.01 mark sheet is selected in the workbook\.$/).waitFor();
    expect(await page.evaluate(() => window.ilmWorkbook?.selection?.sheet)).toBe("D5.01 Assignment");

    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "iqa-2-compliance-320");
    expect(errors).toEqual([]);
    await page.close();
  });
});
