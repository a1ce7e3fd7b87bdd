import { recordIqaDecision } from "../../src/app/iqa-decision";
import { cellText, cellsOf, changedCells, markedWorkbook } from "./iqaFixture";

const recording = { who: "Priya Shah", source: "task pane" as const, when: "2026-03-02T10:00" };

describe("recording an IQA decision on one mark-sheet row", () => {
  it("writes that row's IQA decision, IQA action and Action due cells and no other entry", async () => {
    const port = await markedWorkbook();
    const before = cellsOf(port);
    const result = await port.recordIqaDecision({
      registration: "NF-003",
      assessment: "D5.01",
      decision: "Action required",
      action: "Re-mark Best practice against the criteria",
      due: "2026-03-16",
    });
    expect(result).toEqual({ ok: true, value: undefined });
    expect(cellText(port, "NF-003", "IQA decision")).toBe("Action required");
    expect(cellText(port, "NF-003", "IQA action")).toBe("Re-mark Best practice against the criteria");
    expect(cellText(port, "NF-003", "Action due")).not.toBeNull();
    expect(cellText(port, "NF-004", "IQA decision")).toBeNull();
    const changed = changedCells(before, cellsOf(port));
    // Three cells of NF-003's row, and the settings' revision.
    expect(changed.filter((k) => k.startsWith("D5.01 Assignment!"))).toHaveLength(3);
    expect(new Set(changed.map((k) => k.split("!")[0]))).toEqual(new Set(["D5.01 Assignment", "ILM state"]));
    expect(new Set(changed.filter((k) => k.startsWith("D5.01")).map((k) => k.split(/[!,]/)[1]))).toEqual(
      new Set(["3"]),
    );
  });

  it("leaves the action cells as they are when an Agree gives none, and the pane can still save afterwards", async () => {
    const port = await markedWorkbook();
    await port.recordIqaDecision({
      registration: "NF-002",
      assessment: "D5.01",
      decision: "Action required",
      action: "Add feedback",
    });
    expect(
      (
        await port.recordIqaDecision({
          registration: "nf-002",
          assessment: "D5.01",
          decision: "Agree",
          closed: "2026-03-20",
        })
      ).ok,
    ).toBe(true);
    expect(cellText(port, "NF-002", "IQA decision")).toBe("Agree");
    expect(cellText(port, "NF-002", "IQA action")).toBe("Add feedback");
    expect(cellText(port, "NF-002", "Action closed")).not.toBeNull();
    // The port counts the settings' revision its own writes make: a later save is not taken for a co-author's.
    const state = await port.loadState();
    if (!state.ok || !state.value) throw new Error("not loaded");
    const [first, ...rest] = state.value.cohort.learners;
    if (!first) throw new Error("no learners");
    const saved = await port.saveState({
      ...state.value,
      cohort: { ...state.value.cohort, learners: [{ ...first, name: "Asha Patel" }, ...rest] },
    });
    expect(saved).toEqual({ ok: true, value: undefined });
    expect(cellText(port, "NF-002", "IQA decision")).toBe("Agree");
  });

  it.each([
    ["a registration number the workbook does not hold", "NF-999", "D5.01"],
    ["an assessment without a mark sheet", "NF-001", "D9.99"],
  ])("refuses %s, writing nothing", async (_, registration, assessment) => {
    const port = await markedWorkbook();
    const before = cellsOf(port);
    const result = await port.recordIqaDecision({ registration, assessment, decision: "Agree" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "row-missing",
        registration,
        message: expect.stringContaining(`has no row for ${registration} on the mark sheet of ${assessment}`),
      }),
    ]);
    expect(changedCells(before, cellsOf(port))).toEqual([]);
  });

  it("refuses Action required without the action, writing nothing", async () => {
    const port = await markedWorkbook();
    const before = cellsOf(port);
    const result = await port.recordIqaDecision({
      registration: "NF-001",
      assessment: "D5.01",
      decision: "Action required",
      action: "  ",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.code).toBe("iqa-action-missing");
    expect(changedCells(before, cellsOf(port))).toEqual([]);
  });

  it("plans the write in the use case, recorded as the person asked", async () => {
    const port = await markedWorkbook();
    const contents = port.workbook.contents();
    const planned = recordIqaDecision({
      contents,
      what: "This workbook",
      registration: "NF-001",
      assessment: "D5.01",
      decision: "Agree",
      recording,
    });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    // An IQA decision is not one of the fields the Decision log follows: nothing is logged for it.
    expect(planned.value.logged).toEqual([]);
    // The file wins over what the cell held (blank here): only the IQA decision cell is settled.
    expect(planned.value.conflicts.map((c) => c.column)).toEqual(["IQA decision"]);
  });
});
