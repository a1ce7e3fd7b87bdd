import { createExcelPort } from "../../src/excel/port";
import { iqaState, olderPreset } from "../app/iqaFixture";
import { FakeExcel } from "./fake-excel";

async function markedExcel() {
  const fake = new FakeExcel();
  const port = createExcelPort({ run: fake.run, isSetSupported: fake.isSetSupported });
  port.setWho("Priya Shah");
  const generated = await port.generate(iqaState());
  if (!generated.ok) throw new Error(JSON.stringify(generated.problems));
  return { fake, port };
}

/** A mark-sheet cell's value in the fake, by registration number and header. */
function cellOf(fake: FakeExcel, registration: string, header: string): unknown {
  const t = fake.model.table("MS_D5_01");
  if (!t) throw new Error("no MS_D5_01");
  const col = t.headers().indexOf(header);
  for (let r = 1; r < t.rect.rows; r++)
    if (t.sheet.valueAt(t.rect.row + r, t.rect.col) === registration)
      return t.sheet.valueAt(t.rect.row + r, t.rect.col + col);
  throw new Error(`no row ${registration}`);
}

describe("the IQA tab's calls in the add-in", () => {
  it("goes to a sampled row's cell in one sync: activates its tab and selects the cell", async () => {
    const { fake, port } = await markedExcel();
    const sample = await port.sample(olderPreset());
    if (!sample.ok) throw new Error(JSON.stringify(sample.problems));
    const place = sample.value.draw.sample[0]?.place;
    if (!place) throw new Error("no place");
    const before = fake.syncs;
    expect(await port.goTo(place.sheet, place.cell)).toEqual({ ok: true, value: undefined });
    expect(fake.syncs - before).toBe(1);
    expect(fake.model.active).toBe("D5.01 Assignment");
    const t = fake.model.table("MS_D5_01");
    const column = t?.headers().indexOf("IQA decision") ?? -1;
    expect(fake.model.selection?.sheet).toBe("D5.01 Assignment");
    expect(fake.model.selection?.rect).toMatchObject({ col: (t?.rect.col ?? 0) + column, rows: 1, cols: 1 });
  });

  it("records a sample and a decision through Office.js", async () => {
    const { fake, port } = await markedExcel();
    const recorded = await port.recordSample(olderPreset(), "fixed seed");
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.problems));
    const [row] = recorded.value.draw.sample;
    if (!row) throw new Error("no row");
    expect(cellOf(fake, row.registration, "IQA sample")).toBe("1 per assessment; minimum 10%");
    const decided = await port.recordIqaDecision({
      registration: row.registration,
      assessment: "D5.01",
      decision: "Action required",
      action: "Add feedback on Best practice",
    });
    expect(decided).toEqual({ ok: true, value: undefined });
    expect(cellOf(fake, row.registration, "IQA decision")).toBe("Action required");
    expect(cellOf(fake, row.registration, "IQA action")).toBe("Add feedback on Best practice");
  });
});
