import { SETTINGS_SHEET } from "../../src/workbook/settings";
import { createMemoryPort } from "../../src/app/memory-port";
import type { WorkbookState } from "../../src/workbook/port";
import { cohortOf } from "./helpers";

const state = (learners: Parameters<typeof cohortOf>[0]): WorkbookState => ({
  cohort: cohortOf(learners),
  mode: "portable",
  centreCatalogues: [],
});

const asha = {
  registration: "NF-001",
  name: "Asha Patel",
  qualification: "500/3564/2",
  assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
};
const ben = { registration: "NF-002", name: "Ben Okafor", qualification: "600/5791/9" };

describe("memory workbook port", () => {
  it("has no cohort before the first generation and reads the cohort back from the cells after it", async () => {
    const port = createMemoryPort();
    expect(await port.loadState()).toEqual({ ok: true, value: null });
    const s = state([asha]);
    const result = await port.generate(s);
    expect(result.ok).toBe(true);
    expect(await port.loadState()).toEqual({ ok: true, value: s });
    expect(port.workbook.sheet(SETTINGS_SHEET)?.visibility).toBe("veryHidden");
  });

  it("keeps the task pane's set-up choices in the workbook state through generation", async () => {
    const port = createMemoryPort();
    const s = { ...state([asha]), setup: { qualifications: ["500/3564/2"], assessors: ["R. Hughes"] } };
    await port.generate(s);
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.setup).toEqual(s.setup);
  });

  it("reports progress from 0 to 1 while generating", async () => {
    const port = createMemoryPort();
    const seen: number[] = [];
    await port.generate(state([asha]), (p) => seen.push(p.fraction));
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it("keeps a mark typed into the workbook when the cohort is regenerated with a new learner", async () => {
    const port = createMemoryPort();
    await port.generate(state([asha]));
    const sheet = "D5.01 Assignment";
    const col = port.workbook.column(sheet, "Strengths");
    port.workbook.setCell(sheet, port.workbook.row(sheet, "NF-001"), col, {
      t: "text",
      v: "=clear structure",
    });
    const second = await port.generate(state([asha, ben]));
    expect(second.ok && second.value.learnersAdded).toEqual(["NF-002"]);
    expect(port.workbook.valueAt(sheet, "NF-001", "Strengths")).toBe("=clear structure");
    expect(port.workbook.valueAt("Learners", "NF-002", "Learner")).toBe("Ben Okafor");
  });

  it("says plainly why a cohort that the catalogue rejects cannot be generated", async () => {
    const port = createMemoryPort();
    const bad = {
      ...state([asha]),
      cohort: { ...state([asha]).cohort, learners: [{ ...asha, qualification: "999/9999/9" }] },
    };
    const result = await port.generate(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message).join(" ")).toMatch(/999\/9999\/9/);
  });

  it("converts to Portable, keeping the cohort, and refuses a workbook never set up", async () => {
    const empty = createMemoryPort();
    expect((await empty.convertToPortable()).ok).toBe(false);
    const port = createMemoryPort();
    await port.generate({ ...state([asha]), mode: "ilm" });
    expect(port.workbook.cell("D5.01 Assignment", "I2")).toEqual({
      t: "formula",
      f: expect.stringContaining("ILM.RESULT"),
      v: "PASS",
    });
    await port.convertToPortable();
    expect(port.workbook.cell("D5.01 Assignment", "I2")).toEqual({
      t: "formula",
      f: expect.not.stringContaining("ILM."),
      v: "PASS",
    });
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.mode).toBe("portable");
  });

  it("saves the learners into the cells, and keeps no password in the workbook", async () => {
    const port = createMemoryPort({ missing: ["ExcelApi 1.12"] });
    expect(await port.capabilities()).toEqual({ ok: false, missing: ["ExcelApi 1.12"] });
    await port.generate(state([asha]));
    port.setProtectionPassword("secret");
    expect(port.hasProtectionPassword()).toBe(true);
    expect(await port.saveState(state([asha, ben]))).toEqual({ ok: true, value: undefined });
    expect(await port.loadState()).toEqual({ ok: true, value: state([asha, ben]) });
    expect(port.workbook.valueAt("Learners", "NF-002", "Learner")).toBe("Ben Okafor");
    expect(JSON.stringify(port.workbook.contents())).not.toContain("secret");
  });

  it("refuses to save over a co-author's change and never withdraws their new learner", async () => {
    const mine = createMemoryPort();
    await mine.generate(state([asha]));
    const theirs = createMemoryPort({ workbook: mine.workbook });
    await mine.loadState();
    await theirs.loadState();
    expect((await theirs.saveState(state([asha, ben]))).ok).toBe(true);
    const stale = await mine.saveState(state([{ ...asha, name: "Asha Patel-Jones" }]));
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.problems.map((p) => p.message).join(" ")).toMatch(/Someone else changed/);
    expect(mine.workbook.valueAt("Learners", "NF-001", "Learner")).toBe("Asha Patel");
    await mine.loadState();
    expect((await mine.saveState(state([{ ...asha, name: "Asha Patel-Jones" }, ben]))).ok).toBe(true);
    expect(mine.workbook.valueAt("Learners", "NF-002", "Status")).toBe("Active");
    expect(mine.workbook.valueAt("Learners", "NF-001", "Learner")).toBe("Asha Patel-Jones");
  });
});
