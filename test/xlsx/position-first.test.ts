/**
 * SheetPlan.position "first": a sheet the writer creates goes before every other tab, becomes the active tab, and
 * every sheet-level defined name (print titles, a person's own names) keeps pointing at its sheet; an existing
 * sheet is never moved.
 */
import { existsSync } from "node:fs";
import { XlsxPackage } from "../../src/xlsx/package";
import { readContentsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import { dashboardPlan, dashboardSheet } from "./dashboard-plans";
import { VALIDATE, partText, schemaErrors, toolOrSkip } from "./helpers";
import { basePlan } from "./plans";

// Schema validation (xmllint over every part) takes a few seconds per workbook.
jest.setTimeout(60_000);

const canValidate = toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE));

/** Every sheet-level defined name: its name, the tab it belongs to (by localSheetId) and its formula. */
function localNames(bytes: Uint8Array): { name: string; tab: string | undefined; formula: string }[] {
  const workbook = partText(bytes, "xl/workbook.xml");
  const tabs = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  return [...workbook.matchAll(/<definedName name="([^"]*)" localSheetId="(\d+)"[^>]*>([^<]*)</g)].map(
    (m) => ({
      name: m[1] as string,
      tab: tabs[Number(m[2])],
      formula: (m[3] as string).replace(/&apos;/g, "'"),
    }),
  );
}

describe("a sheet created first", () => {
  it("goes before every other tab of a new workbook, though the plan lists it last", async () => {
    const bytes = writeXlsxSync(dashboardPlan());
    expect(readContentsSync(bytes).sheets.map((s) => s.name)).toEqual([
      "Dashboard",
      "D5.01 Assignment",
      "Learners",
      "ILM state",
    ]);
    const workbook = partText(bytes, "xl/workbook.xml");
    expect(workbook).toContain("<bookViews><workbookView/></bookViews>"); // activeTab 0: the Dashboard
    for (const n of localNames(bytes)) expect(n.formula.startsWith(`'${n.tab}'!`)).toBe(true);
    expect(localNames(bytes).map((n) => n.tab)).toEqual(["D5.01 Assignment", "Learners", "ILM state"]);
    if (canValidate) expect(await schemaErrors(bytes)).toEqual([]);
  }, 60_000);

  it("in an existing workbook: becomes the active tab, and print titles and a person's local names follow their sheets", async () => {
    const pkg = XlsxPackage.fromBytes(writeXlsxSync(basePlan()));
    // A person's name local to Learners (index 1), another local to the state sheet (index 2); Learners active
    // and selected, the tab bar scrolled to it.
    pkg.setText(
      "xl/workbook.xml",
      (pkg.text("xl/workbook.xml") ?? "")
        .replace("<workbookView/>", '<workbookView firstSheet="1" activeTab="1"/>')
        .replace(
          "<definedNames>",
          `<definedNames><definedName name="Cohort_start" localSheetId="1">'Learners'!$D$2</definedName>` +
            `<definedName name="Z_state" localSheetId="2">'ILM state'!$A$1</definedName>`,
        ),
    );
    const learners = "xl/worksheets/sheet2.xml";
    pkg.setText(
      learners,
      (pkg.text(learners) ?? "").replace(
        '<sheetView workbookViewId="0">',
        '<sheetView tabSelected="1" workbookViewId="0">',
      ),
    );
    const before = pkg.toBytes();
    const bytes = writeXlsxSync(dashboardPlan(), before);

    expect(readContentsSync(bytes).sheets.map((s) => s.name)).toEqual([
      "Dashboard",
      "D5.01 Assignment",
      "Learners",
      "ILM state",
    ]);
    const workbook = partText(bytes, "xl/workbook.xml");
    expect(workbook).toContain("<bookViews><workbookView/></bookViews>");
    expect(partText(bytes, learners)).not.toContain("tabSelected");
    const names = localNames(bytes);
    for (const n of names) expect(n.formula.startsWith(`'${n.tab}'!`)).toBe(true);
    expect(names.map((n) => `${n.name} ${n.tab}`).sort()).toEqual([
      "Cohort_start Learners",
      "Z_state ILM state",
      "_xlnm.Print_Titles D5.01 Assignment",
      "_xlnm.Print_Titles ILM state",
      "_xlnm.Print_Titles Learners",
    ]);
    if (canValidate) expect(await schemaErrors(bytes)).toEqual([]);
  }, 60_000);

  it("is never moved once it exists, and a sheet created without a position goes last", async () => {
    const pkg = XlsxPackage.fromBytes(writeXlsxSync(dashboardPlan()));
    // A person drags the Dashboard to the end.
    const workbook = pkg.text("xl/workbook.xml") ?? "";
    const dash = /<sheet name="Dashboard"[^>]*\/>/.exec(workbook)?.[0] ?? "";
    pkg.setText("xl/workbook.xml", workbook.replace(dash, "").replace("</sheets>", `${dash}</sheets>`));
    const again = writeXlsxSync(dashboardPlan(), pkg.toBytes());
    if (canValidate) expect(await schemaErrors(again)).toEqual([]);
    expect(readContentsSync(again).sheets.map((s) => s.name)).toEqual([
      "D5.01 Assignment",
      "Learners",
      "ILM state",
      "Dashboard",
    ]);
    const last = writeXlsxSync({
      mode: "portable",
      sheets: [...basePlan().sheets, dashboardSheet({ position: undefined })],
    });
    expect(readContentsSync(last).sheets.map((s) => s.name)[3]).toBe("Dashboard");
  });
});
