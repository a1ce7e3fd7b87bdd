/**
 * Readable print-outs (issue 12): the sample cohort's workbook printed to PDF by LibreOffice shows every mark
 * sheet's and the Learners tab's text at 8 pt or more, measured from the PDF's own font sizes, with the page
 * header and footer saying what the sheet is. One mark-sheet page is saved as test/artifacts/marksheet-sample.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { pdftoppm, pdftotext, soffice, sofficePrint, describeWhenInstalled } from "../xlsx/helpers";
import { pageTextSizes, textSizes } from "./pdf-fonts";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(__dirname, "..", "artifacts");
const maybe = describeWhenInstalled(
  {
    "LibreOffice (soffice)": soffice,
    "pdftoppm (poppler-utils)": pdftoppm,
    "pdftotext (poppler-utils)": pdftotext,
  },
  "the print-out test",
);

/** A page's first line: its page header (centre, the tab's name, cohort). */
const headerOf = (page: string) => page.split("\n").find((l) => l.trim() !== "") ?? "";

/** The smallest text on the pages whose header names one of `tabs`. */
function smallest(texts: readonly string[], sizes: readonly number[][], tabs: readonly string[]): number {
  const pages = texts.flatMap((t, i) => (tabs.some((tab) => headerOf(t).includes(tab)) ? [i] : []));
  expect(pages.length).toBeGreaterThan(0);
  return Math.min(...pages.flatMap((i) => sizes[i] ?? []));
}

function samplePlan(): WorkbookPlan {
  const cohort = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;
  const g = generate({ what: "w", file: cohort });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return g.value.plan;
}

describe("font sizes read from a PDF content stream", () => {
  it("are each Tf size times the text matrix's scale", () => {
    expect(
      textSizes("BT 10 20 Td /F1 7.7 Tf[<01>6<02>]TJ ET BT /F2 11 Tf 0.5 0 0 0.5 0 0 Tm <03>Tj ET"),
    ).toEqual([7.7, 5.5]);
  });
});

maybe("the sample workbook printed by LibreOffice", () => {
  it("prints mark sheets and the Learners tab at 8 pt or more, saved as test/artifacts/marksheet-sample.png", async () => {
    if (!soffice || !pdftoppm || !pdftotext)
      throw new Error("CI=true but LibreOffice or poppler-utils is missing");
    const plan = samplePlan();
    const markSheets = plan.sheets.filter((s) => s.kind === "marksheet").map((s) => s.name);
    const first = markSheets[0] as string;
    const { pdf, texts, png } = await sofficePrint(
      await writeXlsx(plan),
      (t) => t.findIndex((page) => headerOf(page).includes(first)) + 1,
    );
    const sizes = pageTextSizes(pdf);
    expect(sizes).toHaveLength(texts.length);
    expect(smallest(texts, sizes, markSheets)).toBeGreaterThanOrEqual(8);
    expect(smallest(texts, sizes, ["Learners"])).toBeGreaterThanOrEqual(8);

    // Every mark-sheet page says the centre, cohort, tab, units, rule, page X of Y; the identity columns repeat.
    for (const page of texts.filter((t) => headerOf(t).includes(first))) {
      for (const words of [
        "Centre: 123456 Northfield Training",
        "Cohort: 2026-A",
        "Unit D5.01",
        "PASS: total 50+",
      ])
        expect(page).toContain(words);
      expect(page).toMatch(/Page \d+ of \d+, printed/);
      expect(page).toContain("Registration No");
      expect(page).toContain("Asha Patel");
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "marksheet-sample.png"), png);
    expect(png.length).toBeGreaterThan(10_000);
  }, 240_000);

  it("would measure text below 8 pt when a mark sheet is squeezed onto one page wide (the check can fail)", async () => {
    if (!soffice || !pdftoppm || !pdftotext)
      throw new Error("CI=true but LibreOffice or poppler-utils is missing");
    const plan = samplePlan();
    const squeezed: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map((s) =>
        s.assessment === "8580-500" ? { ...s, print: { ...s.print, pagesWide: 1 } } : s,
      ),
    };
    const name = plan.sheets.find((s) => s.assessment === "8580-500")?.name as string;
    const { pdf, texts } = await sofficePrint(await writeXlsx(squeezed), () => 1);
    expect(smallest(texts, pageTextSizes(pdf), [name])).toBeLessThan(8);
  }, 240_000);
});
