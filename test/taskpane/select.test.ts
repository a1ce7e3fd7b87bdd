import { createMemoryPort } from "../../src/app/memory-port";
import type { XContext, XRun } from "../../src/excel/api";
import { createExcelAccess } from "../../src/excel/port";
import { setUpState } from "./testPort";

const learners = [
  { registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2" },
  { registration: "NF-002", name: "Ben Jones", qualification: "500/3564/2" },
];

async function setUp() {
  const port = createMemoryPort();
  expect((await port.saveState(setUpState(learners))).ok).toBe(true);
  return port;
}

describe("WorkbookPort.select: a learner's row, found in the cells", () => {
  it("selects the row across ilm's table on the Learners tab, matching the registration as ilm does", async () => {
    const port = await setUp();
    const row = port.workbook.row("Learners", "NF-002");
    const { column, columns } = port.workbook.tableArea("Learners");
    expect(await port.select("learners", " nf-002 ")).toEqual({ ok: true, value: undefined });
    const last = String.fromCharCode(65 + column + columns - 1);
    expect(port.workbook.selection).toEqual({
      sheet: "Learners",
      address: `${String.fromCharCode(65 + column)}${row + 1}:${last}${row + 1}`,
    });
  });

  it("selects the row on an assessment's mark sheet", async () => {
    const port = await setUp();
    expect((await port.select({ assessment: "D5.02+D5.03" }, "NF-001")).ok).toBe(true);
    const sheet = port.workbook.selection?.sheet ?? "";
    expect(sheet).toMatch(/^D5\.02\+D5\.03 /);
    expect(port.workbook.selection?.address).toMatch(
      new RegExp(`^A${port.workbook.row(sheet, "NF-001") + 1}:`),
    );
  });

  it("says what is wrong, and selects nothing, for an unknown learner, a tab the workbook lacks, a workbook not set up", async () => {
    const port = await setUp();
    const unknown = await port.select("learners", "NF-999");
    expect(unknown.ok || unknown.problems[0]).toMatchObject({
      code: "row-missing",
      registration: "NF-999",
      message: expect.stringMatching(/^NF-999 has no row on the Learners tab \("Learners"\)/),
    });
    const noSheet = await port.select({ assessment: "D7.01" }, "NF-001");
    expect(noSheet.ok || noSheet.problems[0]?.code).toBe("sheet-missing");
    const fresh = await createMemoryPort().select("learners", "NF-001");
    expect(fresh.ok || fresh.problems[0]?.code).toBe("not-set-up");
    expect(port.workbook.selection).toBeNull();
  });
});

describe("the Office.js adapter's select", () => {
  function fakeExcel(fail?: Error) {
    const calls: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => {
            calls.push(`getItem ${name}`);
            return {
              activate: () => calls.push("activate"),
              getRange: (address: string) => {
                calls.push(`getRange ${address}`);
                return { select: () => calls.push("select") };
              },
            };
          },
        },
      },
      sync: async () => {
        calls.push("sync");
        if (fail) throw fail;
      },
    } as unknown as XContext;
    const run: XRun = (batch) => batch(context);
    return { calls, access: createExcelAccess({ run, isSetSupported: () => true }) };
  }

  it("activates the tab and selects the range in one sync", async () => {
    const { calls, access } = fakeExcel();
    expect(await access.select("Learners", "A3:M3")).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual(["getItem Learners", "activate", "getRange A3:M3", "select", "sync"]);
  });

  it("turns Excel's refusal into a problem", async () => {
    const { access } = fakeExcel(
      Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" }),
    );
    const result = await access.select("Gone", "A2:C2");
    expect(result.ok || result.problems[0]).toMatchObject({
      code: "excel-error",
      message: expect.stringContaining("The requested resource doesn't exist."),
    });
  });
});
