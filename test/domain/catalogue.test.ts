import type { CatalogueFileInput } from "../../src/domain";
import {
  builtinCatalogueFile,
  CatalogueFileSchema,
  evaluateLearner,
  formatProblem,
  loadCatalogue,
  validateLearner,
} from "../../src/domain";
import { ilm, L3, L5_CERT, L5_DIP, L5_QCF, L7_CERT, L7_DIP, learner } from "./helpers";

describe("the ILM catalogue shipped with the product", () => {
  it("validates against the catalogue schema unchanged (it is trusted at run time)", () => {
    const parsed = CatalogueFileSchema.safeParse(builtinCatalogueFile());
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(builtinCatalogueFile());
  });

  it("builds without conflicts or dangling references", () => {
    expect(loadCatalogue().ok).toBe(true);
  });

  it.each([
    [L3, 3, 16, null, 1, 4, ["8587-300", "8587-301", "8587-302", "8587-303", "8587-304", "8587-305"]],
    [L5_CERT, 5, 13, 36, 1, 2, ["8580-500", "8580-501", "8580-503"]],
    [L5_DIP, 5, 37, 36, 1, 2, ["8580-500", "8580-502", "8580-503"]],
    [L5_QCF, 5, 13, 36, 1, 2, ["D5.01", "D5.02", "D5.03"]],
    [L7_CERT, 7, 15, 24, 1, 2, ["D7.01", "D7.02", "D7.03"]],
    [L7_DIP, 7, 45, 36, 1, 2, ["D7.01", "D7.02", "D7.03", "D7.04"]],
  ])(
    "holds %s as the specification states it: level %i, %i credits, %p months, induction %i h, tutorial %i h",
    (id, level, credits, duration, induction, tutorial, units) => {
      expect(ilm.qualifications.get(id)).toMatchObject({
        level,
        credits,
        durationMonths: duration,
        inductionHours: induction,
        tutorialHours: tutorial,
        units,
      });
    },
  );

  it.each([
    ["8587-300", 3, 3, 9, null],
    ["8587-301", 3, 3, 9, null],
    ["8587-302", 3, 7, 14, null],
    ["8587-303", 3, 3, 8, null],
    ["8587-304", 3, 7, 14, null],
    ["8587-305", 3, 3, 8, null],
    ["8580-500", 5, 5, 18, null],
    ["8580-501", 5, 5, 12, 12],
    ["8580-502", 5, 29, 20, 100],
    ["8580-503", 5, 3, 7, null],
    ["D5.01", 5, 5, 18, null],
    ["D5.02", 5, 3, 12, null],
    ["D5.03", 5, 5, 12, 12],
    ["D7.01", 7, 5, null, null],
    ["D7.02", 7, 5, null, null],
    ["D7.03", 7, 5, null, 12],
    ["D7.04", 7, 30, null, null],
  ])(
    "holds unit %s: level %i, %i credits, %p GLH, %p practice hours",
    (id, level, credits, glh, practice) => {
      expect(ilm.units.get(id)).toMatchObject({ level, credits, glh, practiceHours: practice });
    },
  );

  it("adds up each qualification's mandatory credits to its credit value where the structure fixes it", () => {
    const sum = (ids: string[]) => ids.reduce((s, u) => s + (ilm.units.get(u)?.credits ?? 0), 0);
    expect(sum(["8587-300", "8587-301"]) + 10).toBe(16);
    expect(sum(["D5.01", "D5.02", "D5.03"])).toBe(13);
    expect(sum(["D7.01", "D7.02", "D7.03"])).toBe(15);
    expect(sum(["D7.01", "D7.02", "D7.03", "D7.04"])).toBe(45);
  });

  it("holds the two sectioned mark schemes with their sections in order (max and min) and a pass total of 50", () => {
    const shape = (id: string) => {
      const a = ilm.assessments.get(id);
      return a?.kind === "sectioned"
        ? { units: a.units, passTotal: a.passTotal, sections: a.sections.map((s) => [s.max, s.min]) }
        : null;
    };
    expect(shape("D5.01")).toEqual({
      units: ["D5.01"],
      passTotal: 50,
      sections: [
        [4, 2],
        [40, 20],
        [16, 8],
        [40, 20],
      ],
    });
    expect(shape("D5.02+D5.03")).toEqual({
      units: ["D5.02", "D5.03"],
      passTotal: 50,
      sections: [
        [34, 17],
        [30, 15],
        [36, 18],
      ],
    });
    const d501 = ilm.assessments.get("D5.01");
    expect(d501?.kind === "sectioned" && d501.sections[0]?.name).toBe("Context of the assignment");
  });

  it.each([
    ["8580-500", "1.1 1.2 1.3 2.1 2.2 2.3 3.1 3.2 3.3 3.4 4.1 4.2"],
    ["8580-501", "1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 3.3"],
    ["8580-503", "1.1 1.2 2.1 2.2 2.3 2.4 3.1 3.2 3.3"],
  ])("holds the criteria of %s", (id, criteria) => {
    const a = ilm.assessments.get(id);
    expect(a?.kind === "criteria" ? a.criteria.map((c) => c.id).join(" ") : null).toBe(criteria);
  });

  it("gives no mark scheme to units the specifications give none for (Level 3, Level 7, 8580-502)", () => {
    for (const u of ["8587-300", "8587-302", "8580-502", "D7.01", "D7.04"]) {
      expect(ilm.assessmentsForUnit.get(u) ?? []).toEqual([]);
    }
  });
});

const centreFile: CatalogueFileInput = {
  format: "ilm-catalogue/1",
  name: "Northfield Training additions",
  units: [{ id: "NF-L7-X", title: "Centre unit", level: 7, credits: 10, glh: 40, practiceHours: 20 }],
  qualifications: [
    {
      id: "NF-L7-AWARD",
      title: "Centre Level 7 Award",
      level: 7,
      credits: 15,
      durationMonths: 12,
      inductionHours: 1,
      tutorialHours: 1,
      units: ["D7.01", "NF-L7-X"],
      rule: { all: [{ unit: "D7.01" }, { unit: "NF-L7-X" }] },
    },
  ],
  assessments: [
    {
      id: "D7.01-ASSIGNMENT",
      title: "Centre assignment for D7.01",
      kind: "sectioned",
      units: ["D7.01"],
      passTotal: 50,
      sections: [
        { name: "Role of the coach", short: "Role", max: 50, min: 25 },
        { name: "Leadership performance", short: "Performance", max: 50, min: 25 },
      ],
    },
  ],
  settings: [{ qualification: L3, durationMonths: 36 }],
};

describe("centre catalogue files", () => {
  const extended = loadCatalogue([{ json: centreFile, source: "centre.json" }]);

  it("adds a qualification, a unit and a mark scheme for a Level 7 unit", () => {
    expect(extended.ok).toBe(true);
    if (!extended.ok) return;
    const c = extended.value;
    const l = learner("NF-L7-AWARD", {
      registered: "2026-03-31",
      assessments: { "D7.01-ASSIGNMENT": { marks: [30, 24] } },
      units: { "NF-L7-X": "PASS" },
    });
    const checked = validateLearner(l, c);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const e = evaluateLearner(c, checked.value);
    expect(e.assessments["D7.01-ASSIGNMENT"]).toMatchObject({
      outcome: "REFERRAL",
      referredSections: [2],
      total: 54,
    });
    expect(e).toMatchObject({
      units: { "D7.01": "REFERRAL", "NF-L7-X": "PASS" },
      credits: 10,
      deadline: "2027-03-31",
    });
  });

  it("lets the centre's mark scheme mark D7.01 on the ILM Level 7 Certificate too", () => {
    if (!extended.ok) throw new Error("centre file did not load");
    const l = learner(L7_CERT, { assessments: { "D7.01-ASSIGNMENT": { marks: [30, 30] } } });
    const checked = validateLearner(l, extended.value);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(evaluateLearner(extended.value, checked.value).units["D7.01"]).toBe("PASS");
  });

  it("fills a value the specification leaves empty: a duration for the Level 3 Certificate gives a deadline", () => {
    if (!extended.ok) throw new Error("centre file did not load");
    expect(extended.value.qualifications.get(L3)?.durationMonths).toBe(36);
    const e = evaluateLearner(extended.value, learner(L3, { registered: "2024-02-29" }));
    expect(e.deadline).toBe("2027-02-28");
  });

  it("refuses a setting that would override a value the specification states, naming the path", () => {
    const r = loadCatalogue([
      {
        json: { format: "ilm-catalogue/1", settings: [{ qualification: L5_QCF, tutorialHours: 1 }] },
        source: "centre.json",
      },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: "setting-overrides-specification",
        source: "centre.json",
        path: ["settings", 0, "tutorialHours"],
        message:
          "500/3564/2 already states tutorialHours 2; a centre setting only fills a value the specification leaves empty",
      },
    ]);
  });

  it("refuses to redefine an ILM unit, qualification or mark scheme, naming the path and the file that defined it", () => {
    const r = loadCatalogue([
      {
        json: {
          format: "ilm-catalogue/1",
          units: [{ id: "D5.01", title: "Mine", level: 5, credits: 6, glh: null, practiceHours: null }],
          assessments: [
            {
              id: "8580-500",
              title: "Mine",
              kind: "criteria",
              units: ["8580-500"],
              criteria: [{ id: "1.1" }],
            },
          ],
        },
        source: "centre.json",
      },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: "duplicate-id",
        source: "centre.json",
        path: ["units", 0, "id"],
        message: "unit D5.01 is already defined by ILM catalogue",
      },
      {
        code: "duplicate-id",
        source: "centre.json",
        path: ["assessments", 0, "id"],
        message: "assessment 8580-500 is already defined by ILM catalogue",
      },
    ]);
  });

  it("reports schema errors with the file and the JSON path", () => {
    const r = loadCatalogue([
      {
        json: {
          format: "ilm-catalogue/1",
          units: [{ id: "X1", title: "X", level: 7, credits: -1, glh: null, practiceHours: null }],
        },
        source: "centre.json",
      },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.code, p.source, p.path])).toEqual([
        ["too-small", "centre.json", ["units", 0, "credits"]],
      ]);
      expect(r.problems.map(formatProblem)).toEqual([
        "centre.json: units[0].credits: must be at least 0, not -1",
      ]);
    }
  });

  it("reports a section minimum above its maximum", () => {
    const r = loadCatalogue([
      {
        json: {
          format: "ilm-catalogue/1",
          assessments: [
            {
              id: "A",
              title: "A",
              kind: "sectioned",
              units: ["D7.02"],
              passTotal: 50,
              sections: [{ name: "S", short: "S", max: 10, min: 11 }],
            },
          ],
        },
        source: "centre.json",
      },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: "minimum-above-maximum",
        source: "centre.json",
        path: ["assessments", 0, "sections", 0, "min"],
        message: "minimum 11 is above the maximum 10",
      },
    ]);
  });

  it("reports unknown units in a qualification, its rule and an assessment, each with its path", () => {
    const r = loadCatalogue([
      {
        json: {
          format: "ilm-catalogue/1",
          qualifications: [
            {
              id: "Q",
              title: "Q",
              level: 5,
              credits: 5,
              durationMonths: null,
              inductionHours: null,
              tutorialHours: null,
              units: ["D5.01", "NOPE"],
              rule: { all: [{ unit: "D5.01" }, { unit: "D5.02" }] },
            },
          ],
          assessments: [
            { id: "B", title: "B", kind: "criteria", units: ["GONE"], criteria: [{ id: "1" }, { id: "1" }] },
          ],
          settings: [{ qualification: "NOT-THERE", durationMonths: 12 }],
        },
        source: "centre.json",
      },
    ]);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      ["unknown-qualification", "centre.json: settings[0].qualification: unknown qualification NOT-THERE"],
      ["unknown-unit", "centre.json: qualifications[0].units[1]: unknown unit NOPE"],
      [
        "unit-not-in-qualification",
        "centre.json: qualifications[0].rule.all[1].unit: unit D5.02 is not one of the qualification's units",
      ],
      ["unknown-unit", "centre.json: assessments[0].units[0]: unknown unit GONE"],
      ["duplicate-criterion", "centre.json: assessments[0].criteria[1].id: criterion 1 appears twice"],
    ]);
  });
});

describe("a mark scheme's kind in a centre catalogue file", () => {
  const withKind = (kind: unknown) => ({
    format: "ilm-catalogue/1",
    name: "Northfield extras",
    assessments: [{ id: "NF-A1", title: "Essay", units: ["NF-U1"], ...(kind === undefined ? {} : { kind }) }],
  });

  it("names the kinds allowed and the one given, never the validator's words", () => {
    const loaded = loadCatalogue([{ json: withKind("essay"), source: "centre.json" }]);
    expect(loaded.ok ? [] : loaded.problems.map((p) => [p.path, p.code, p.message])).toEqual([
      [["assessments", 0, "kind"], "wrong-type", 'must be "sectioned" or "criteria", not "essay"'],
    ]);
  });

  it("says it is missing when there is none", () => {
    const loaded = loadCatalogue([{ json: withKind(undefined), source: "centre.json" }]);
    expect(loaded.ok ? [] : loaded.problems.map((p) => [p.code, p.message])).toEqual([
      ["missing", 'is missing: it must be "sectioned" or "criteria"'],
    ]);
  });
});
