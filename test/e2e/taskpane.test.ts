import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Harness } from "./harness";
import { describeWithChromium, seriousViolations, shot, startHarness } from "./harness";
import { gzipSync } from "node:zlib";
import { BAD_DATE_ROW, BAD_QUALIFICATION_ROW, learners, pastedText } from "./cohortRows";

/**
 * End to end: the production task pane (webpack --mode production) on a localhost harness page that supplies the
 * in-memory workbook port, driven in Debian's Chromium. Screenshots go to test/artifacts/e2e/ (git-ignored).
 */
/** Initial JavaScript budgets, gzip: the task pane page, and the custom-functions bundle. */
const TASKPANE_BUDGET = 160 * 1024;
const FUNCTIONS_BUDGET = 60 * 1024;

const describeBrowser = describeWithChromium("the task pane end-to-end test");

jest.setTimeout(240_000);

describeBrowser("task pane in Chromium on the in-memory workbook", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness("taskpane");
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** A task-pane-sized page that may reach only the local server (no network at run time). */
  /** A task-pane-sized page that may reach only the local server (no network at run time). */
  const openPage = (pathAndQuery: string) => harness.open(pathAndQuery);

  it("keeps the task pane page's initial JavaScript within 160 KB gzip and the functions within 60 KB", () => {
    const html = readFileSync(path.join(harness.build, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
      .map((m) => m[1] as string)
      .filter((src) => !/^https?:/.test(src));
    expect(scripts).toContain("taskpane.js");
    const gz = (file: string) => gzipSync(readFileSync(path.join(harness.build, file)), { level: 9 }).length;
    const initial = scripts.reduce((sum, file) => sum + gz(file), 0);
    const functions = gz("functions.js");
    console.log(
      `task pane initial JS (${scripts.join(" + ")}): ${(initial / 1024).toFixed(1)} KB gzip ` +
        `(budget 160 KB); functions.js: ${(functions / 1024).toFixed(1)} KB gzip (budget 60 KB)`,
    );
    expect(initial).toBeLessThanOrEqual(TASKPANE_BUDGET);
    expect(functions).toBeLessThanOrEqual(FUNCTIONS_BUDGET);
  });

  it("sets up a cohort, pastes 30 learners, fixes the two bad rows, generates the mark sheets and opens the Overview", async () => {
    // As of 15 January 2029: the learners registered from 1 to 14 January 2026 are past their 36-month deadline.
    const { page, errors } = await openPage(`harness.html?asOf=${AS_OF}`);
    await page.getByRole("heading", { name: "Set up this workbook" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Centre number").fill("123456");
    await page.getByLabel("Centre name").fill("Northfield Training");
    await page.getByLabel("Cohort name").fill("2026-A");
    await page.getByRole("checkbox", { name: /in Management \(QCF\)/ }).check();
    await page.getByLabel("Assessors").fill("R. Hughes\nS. Okafor");
    await page.getByRole("button", { name: "Save set-up" }).click();
    await page.getByText("Set-up saved in this workbook.").waitFor();
    await shot(page, "1-set-up");

    await page.getByRole("tab", { name: "Learners" }).click();
    await page.getByLabel("Rows copied from Excel").fill(pastedText());
    await page.getByText("30 rows read from pasted rows: 28 ready, 2 need attention.").waitFor();
    const dateRow = page.getByRole("group", { name: new RegExp(`^Row ${BAD_DATE_ROW}:`) });
    const qualificationRow = page.getByRole("group", { name: new RegExp(`^Row ${BAD_QUALIFICATION_ROW}:`) });
    await expectText(dateRow, "31/02/2026 is not a date: February has 28 or 29 days");
    await expectText(qualificationRow, 'unknown qualification "600/9999/9"');
    expect(await page.getByRole("button", { name: /to the cohort/ }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "2-row-errors");

    await dateRow.getByLabel("Registered").fill("28/02/2026");
    await qualificationRow.getByLabel("Qualification").fill("500/3564/2");
    await page.getByText("30 rows read from pasted rows: 30 ready.").waitFor();
    await shot(page, "3-rows-fixed");
    await page.getByRole("button", { name: "Add 30 learners to the cohort" }).click();
    await page.getByText(/30 learners added to the cohort/).waitFor();

    await page.getByRole("tab", { name: "Workbook" }).click();
    await page.getByRole("button", { name: "Generate or update mark sheets" }).click();
    // The learners were saved into the tabs already: generating may change nothing, and says so.
    await page
      .getByText(/^(Mark sheets are up to date|Nothing to update)$/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "4-generated");

    const workbook = await page.evaluate(() => {
      const wb = window.ilmWorkbook;
      if (!wb) return null;
      return wb.sheets.map((s) => {
        // The main table's rows only (a mark sheet's colour key sits below them).
        const rows = s.grid.slice(1, s.tables[0]?.area.rows ?? s.grid.length);
        return {
          name: s.name,
          kind: s.plan?.kind,
          visibility: s.visibility,
          header: (s.grid[0] ?? []).map((c) => (c && "v" in c ? c.v : null)),
          keys: rows.map((r) => (r[0] && "v" in r[0] ? r[0].v : null)),
          learners: rows.map((r) => (r[1] && "v" in r[1] ? r[1].v : null)),
        };
      });
    });
    expect(workbook).not.toBeNull();
    const sheets = workbook ?? [];
    const expected = learners();
    const registrations = expected.map((l) => l.registration);

    const learnersTab = sheets.find((s) => s.kind === "learners");
    expect(learnersTab?.name).toBe("Learners");
    expect(learnersTab?.header).toEqual(
      expect.arrayContaining([
        "Registration No",
        "Learner",
        "Qualification",
        "Deadline",
        "Credits",
        "Achieved",
        "Ready to claim",
      ]),
    );
    expect(learnersTab?.keys).toEqual(registrations);
    expect(learnersTab?.learners).toEqual(expected.map((l) => l.name));

    const markSheets = sheets.filter((s) => s.kind === "marksheet");
    expect(markSheets.map((s) => s.name.split(" ")[0]).sort()).toEqual(["D5.01", "D5.02+D5.03"]);
    for (const sheet of markSheets) {
      expect(sheet.header).toEqual(
        expect.arrayContaining(["Registration No", "Learner", "Outcome", "Referred sections", "QA Outcome"]),
      );
      expect(sheet.keys).toEqual(registrations);
    }
    expect(sheets.find((s) => s.kind === "state")?.visibility).not.toBe("visible");

    // The Overview: the engine's figures for the cohort as the cells hold it, and the watch list.
    await page.getByRole("tab", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Headline figures" }).waitFor();
    await page.getByText("As of 15 January 2029", { exact: false }).waitFor();
    const registered = expected.map((l, i) => (i + 2 === BAD_DATE_ROW ? "28/02/2026" : l.registered));
    const past = registered.filter((r) => deadline(r) < AS_OF).length;
    expect(past).toBe(16);
    expect(await headline(page)).toEqual({
      Learners: 30,
      Withdrawn: 0,
      Achieved: 0,
      "Ready to claim": 0,
      "Referrals outstanding": 0,
      "Not yet marked": 60,
      "Past deadline": past,
      "Due within 90 days": 30 - past,
    });
    const watch = page.getByRole("list", { name: /^Deadline passed or within 90 days \(30\)/ });
    expect(await watch.getByRole("listitem").count()).toBe(30);

    // An assessor marks NF-002's assignment below the minimum in Best practice; the pane reads the cells again.
    await page.evaluate(() => {
      const marks: [string, number][] = [
        ["Context /4 (min 2)", 3],
        ["Best practice /40 (min 20)", 10],
        ["Barriers /16 (min 8)", 9],
        ["Business case /40 (min 20)", 21],
      ];
      for (const [header, mark] of marks)
        window.ilmWorkbook?.typeAt("D5.01 Assignment", "NF-002", header, mark);
    });
    await page.getByRole("button", { name: "Read the workbook again" }).click();
    const referrals = page.getByRole("list", { name: /^Learners with referrals outstanding \(1\)/ });
    await referrals.waitFor();
    expect(await headline(page)).toMatchObject({ "Referrals outstanding": 1, "Not yet marked": 59 });
    await expectText(referrals, "D5.01 referred: Best practice");
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "8-overview");

    const first = expected[0] as (typeof expected)[number];
    await watch.getByRole("button", { name: `${first.name} ${first.registration}` }).click();
    await page.getByText(`${first.name}'s row on the Learners tab is selected in the workbook.`).waitFor();
    expect(await page.evaluate(() => window.ilmWorkbook?.selection)).toEqual({
      sheet: "Learners",
      address: expect.stringMatching(/^A2:[A-Z]+2$/),
    });
    await referrals.getByRole("button", { name: /^D5\.01, / }).click();
    await page.getByText(/row on the D5\.01 mark sheet is selected in the workbook\.$/).waitFor();
    expect(await page.evaluate(() => window.ilmWorkbook?.selection)).toEqual({
      sheet: "D5.01 Assignment",
      address: expect.stringMatching(/^A3:[A-Z]+3$/),
    });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("browses the catalogue without accessibility violations, in the dark and high-contrast themes too", async () => {
    for (const theme of ["light", "dark", "highContrast"]) {
      const { page, errors } = await openPage(`harness.html?theme=${theme}`);
      await page.getByRole("tab", { name: "Catalogue" }).click();
      await page.getByRole("button", { name: /Certificate in Coaching and Mentoring in Management/ }).click();
      await page.getByRole("table", { name: "D5.01 sections" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `5-catalogue-${theme}`);
      await page.getByRole("tab", { name: "Set up" }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `6-set-up-${theme}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("explains how to add the add-in when the page is opened outside Excel and office.js cannot load", async () => {
    const { page } = await openPage("taskpane.html");
    await page.getByRole("heading", { name: "The ILM Markbook runs inside Excel" }).waitFor();
    expect(await page.getByText(/office\.js did not load/).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Excel on the web" }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "7-outside-excel");
    await page.close();
  });
});

/** The Overview's As of date in the end-to-end run. */
const AS_OF = "2029-01-15";

/** A learner's deadline (YYYY-MM-DD) from a UK registration date: 36 months on, the Level 5 Certificate's limit. */
function deadline(registered: string): string {
  const [day, month, year] = registered.split("/");
  return `${Number(year) + 3}-${month}-${day}`;
}

/** The headline figures as the Overview shows them, label → number. */
async function headline(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const dt of Array.from(document.querySelectorAll("dt")))
      out[dt.textContent ?? ""] = Number(dt.nextElementSibling?.textContent);
    return out;
  });
}

async function expectText(locator: ReturnType<Page["getByRole"]>, text: string): Promise<void> {
  await locator.getByText(text, { exact: false }).first().waitFor();
}
