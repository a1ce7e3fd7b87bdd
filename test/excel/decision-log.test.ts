import { createExcelPort } from "../../src/excel/port";
import type { WorkbookState } from "../../src/workbook/port";
import { LOG_TABLE } from "../../src/workbook/decision-log";
import type { Learner } from "../../src/domain/cohort/schema";
import { FakeExcel } from "./fake-excel";

const asha: Learner = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben: Learner = { registration: "NF-002", name: "Ben Okafor", qualification: "500/3564/2" };
const state: WorkbookState = {
  cohort: {
    format: "ilm-cohort/1",
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learners: [asha, ben],
  },
  mode: "portable",
  centreCatalogues: [],
};

/** The Decision log's rows in the fake, as [Who, Registration No, What, Field, Before, After, Source]. */
function logRows(fake: FakeExcel): string[][] {
  const t = fake.model.table(LOG_TABLE);
  if (!t) return [];
  const rows: string[][] = [];
  for (let r = 1; r < t.rect.rows; r++) {
    const cells = Array.from({ length: t.rect.cols }, (_, c) =>
      String(t.sheet.valueAt(t.rect.row + r, t.rect.col + c)),
    );
    if (cells.every((v) => v === "")) continue;
    rows.push([cells[1], cells[2], cells[4], cells[5], cells[6], cells[7], cells[8]] as string[]);
  }
  return rows;
}

/** A co-author types a value into a learner's cell under a header of a table, in their own Excel. */
function coAuthorTypes(fake: FakeExcel, table: string, registration: string, header: string, value: number) {
  const t = fake.model.table(table);
  if (!t) throw new Error(`no table ${table}`);
  const col = t.headers().indexOf(header);
  let row = -1;
  for (let r = 1; r < t.rect.rows; r++)
    if (t.sheet.valueAt(t.rect.row + r, t.rect.col) === registration) row = t.rect.row + r;
  if (col < 0 || row < 0) throw new Error(`no cell for ${registration} ${header}`);
  t.sheet.ensure(row, t.rect.col + col).value = value;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the Decision log in the add-in", () => {
  it("logs a task-pane change once, under the name the person declared", async () => {
    const fake = new FakeExcel();
    const port = createExcelPort({ run: fake.run, isSetSupported: fake.isSetSupported });
    port.setWho("Priya Shah");
    expect((await port.generate(state)).ok).toBe(true);
    const outcome = logRows(fake).filter((r) => r[3] === "Outcome");
    expect(outcome).toEqual([["Priya Shah", "NF-001", "D5.01", "Outcome", "", "PASS", "task pane"]]);

    // The write itself is a change Excel tells of: it adds nothing more.
    expect(await port.recordChanges("local")).toEqual({ ok: true, value: 0 });
    expect((await port.generate(state)).ok).toBe(true);
    expect(logRows(fake).filter((r) => r[3] === "Outcome")).toEqual(outcome);
  });

  it("logs a co-author's change it is told of once, as changed outside ilm by unknown", async () => {
    const fake = new FakeExcel();
    const port = createExcelPort({ run: fake.run, isSetSupported: fake.isSetSupported, recordDelay: 5 });
    port.setWho("Priya Shah");
    expect((await port.generate(state)).ok).toBe(true);
    const recorded: number[] = [];
    expect(await port.watchChanges((rows) => recorded.push(rows))).toBe(true);
    const before = logRows(fake);

    coAuthorTypes(fake, "MS_D5_01", "NF-001", "Best practice /40 (min 20)", 10);
    await fake.emitChanged("Remote");
    await fake.emitChanged("Remote");
    await settle(100);
    expect(recorded).toHaveLength(1);
    const added = logRows(fake).slice(before.length);
    expect(added.filter((r) => r[3] === "Outcome")).toEqual([
      ["unknown", "NF-001", "D5.01", "Outcome", "PASS", "REFERRAL", "changed outside ilm"],
    ]);
    expect(logRows(fake).slice(0, before.length)).toEqual(before);

    // Told again (the log's own write is a change too), it finds nothing new.
    await fake.emitChanged("Local");
    await settle(100);
    expect(recorded).toHaveLength(1);
    expect(logRows(fake)).toHaveLength(before.length + added.length);
  });

  it("says the host cannot tell of changes before ExcelApi 1.9", async () => {
    const fake = new FakeExcel("1.8");
    const port = createExcelPort({ run: fake.run, isSetSupported: fake.isSetSupported });
    expect(await port.watchChanges()).toBe(false);
  });
});
