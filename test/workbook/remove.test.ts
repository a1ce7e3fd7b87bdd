import { generate } from "../../src/app/generate";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { cohortOf } from "./helpers";

const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben = {
  registration: "NF-002",
  name: "Ben Okafor",
  qualification: "500/3564/2",
  assessor: "R. Hughes",
};

function made(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const g = generate({ what: "the workbook", file: cohortOf([asha, ben]) });
  if (!g.ok) throw new Error(JSON.stringify(g.problems));
  wb.apply(g.value.plan);
  return wb;
}

const visibleCells = (wb: MemoryWorkbook) =>
  JSON.stringify(wb.sheets.filter((s) => s.visibility === "visible").map((s) => s.grid));

describe("removing a learner", () => {
  it("takes a learner the workbook holds nothing for off every tab", () => {
    const wb = made();
    expect(visibleCells(wb)).toContain("NF-002");
    const g = generate({ what: "the workbook", contents: wb.contents(), remove: ["nf-002"] });
    if (!g.ok) throw new Error(JSON.stringify(g.problems));
    wb.apply(g.value.plan);
    expect(visibleCells(wb)).not.toContain("NF-002");
    expect(wb.valueAt("D5.01 Assignment", "NF-001", "Best practice /40 (min 20)")).toBe(24);
  });

  it("refuses a learner with marks, naming them, and says to withdraw instead", () => {
    const wb = made();
    const g = generate({ what: "the workbook", contents: wb.contents(), remove: ["NF-001"] });
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.problems.map((p) => [p.code, p.registration])).toEqual([["remove-has-entries", "NF-001"]]);
    expect(g.problems[0]?.message).toMatch(/holds D5\.01 entries .*Withdraw them instead/);
  });

  it("refuses a learner with something typed in a person's own column", () => {
    const wb = made();
    const column = wb.addColumn("Learners", "Mentor");
    wb.setCell("Learners", wb.row("Learners", "NF-002"), column, { t: "text", v: "J. Smith" });
    const g = generate({ what: "the workbook", contents: wb.contents(), remove: ["NF-002"] });
    expect(g.ok ? [] : g.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"Mentor" on Learners'),
    ]);
  });
});
