import { applySetup, setupValuesFrom } from "../../src/taskpane/setup/setupForm";
import { setUpState } from "./testPort";

describe("saving the set-up", () => {
  it("keeps the roster columns the workbook remembers, and the learners", () => {
    const rosterColumns = [{ headers: ["ILM number", "Surname"], fields: ["registration", "ignore"] }];
    const before = setUpState([]);
    const state = { ...before, setup: { ...before.setup, qualifications: [], assessors: [], rosterColumns } };
    const saved = applySetup(state, { ...setupValuesFrom(state), assessors: "R. Hughes\nD. Price" });
    expect(saved.setup?.rosterColumns).toEqual(rosterColumns);
    expect(saved.setup?.assessors).toEqual(["R. Hughes", "D. Price"]);
    expect(saved.cohort.learners).toEqual(state.cohort.learners);
  });
});
