import { cellText, markedWorkbook, olderPreset } from "./iqaFixture";

describe("the task pane port's IQA sampling", () => {
  it("asks for a strategy while the workbook keeps none, and plans a sample by a given one without writing", async () => {
    const port = await markedWorkbook();
    const kept = await port.sample();
    expect(kept.ok).toBe(false);
    if (!kept.ok) expect(kept.problems[0]?.code).toBe("no-sampling-strategy");

    const planned = await port.sample(olderPreset());
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const { draw } = planned.value;
    // Ten per cent of six, rounded up, is one row of each assessor's (which is also one per assessment).
    expect(draw.drawn).toBe(2);
    expect(draw.sample.map((r) => r.assessor)).toEqual(["R. Hughes", "S. Okafor"]);
    for (const row of draw.sample)
      expect(row.place).toEqual({ sheet: "D5.01 Assignment", cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    expect(draw.sample.every((r) => cellText(port, r.registration, "IQA sample") === null)).toBe(true);
  });

  it("records the sample, keeps the strategy and seed, and the next draw finds nothing to add", async () => {
    const port = await markedWorkbook();
    const recorded = await port.recordSample(olderPreset(), "fixed seed");
    expect(recorded.ok).toBe(true);
    if (!recorded.ok) return;
    expect(recorded.value.seed).toBe("fixed seed");
    expect(recorded.value.draw.drawn).toBe(0);
    expect(recorded.value.draw.compliant).toBe(true);
    const rows = recorded.value.draw.sample;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.sampled).toBe(true);
      expect(cellText(port, row.registration, "IQA sample")).toBe("1 per assessment; minimum 10%");
    }

    const again = await port.sample();
    expect(again.ok && again.value.seedFrom).toBe("workbook");
    expect(again.ok && again.value.strategy.name).toBe(olderPreset().name);
    expect(again.ok && again.value.draw.sample.map((r) => r.registration)).toEqual(
      rows.map((r) => r.registration),
    );

    // The decision recorded on a sampled row reads back with the sample.
    const [first] = rows;
    if (!first) return;
    await port.recordIqaDecision({
      registration: first.registration,
      assessment: "D5.01",
      decision: "Agree",
    });
    const withDecision = await port.sample();
    expect(withDecision.ok && withDecision.value.draw.sample[0]?.decision).toBe("Agree");
  });

  it("goes to a cell (the workbook's selection) and reads the Decision log", async () => {
    const port = await markedWorkbook();
    expect(await port.goTo("D5.01 Assignment", "T5")).toEqual({ ok: true, value: undefined });
    expect(port.workbook.selection).toEqual({ sheet: "D5.01 Assignment", address: "T5" });
    expect((await port.goTo("No such tab", "A1")).ok).toBe(false);

    const log = await port.decisionLog();
    expect(log.ok).toBe(true);
    if (!log.ok) return;
    const outcomes = log.value.filter((e) => e.field === "Outcome");
    expect(outcomes).toHaveLength(12);
    expect(outcomes[0]).toMatchObject({
      who: "Priya Shah",
      source: "task pane",
      after: "PASS",
      what: "D5.01",
    });
  });
});
