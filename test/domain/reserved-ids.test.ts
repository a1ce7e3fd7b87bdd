import type { Assessment, Catalogue, CatalogueFile, Unit } from "../../src/domain";
import {
  buildCatalogue,
  builtinCatalogueFile,
  evaluateLearner,
  formatProblem,
  loadCatalogue,
  validateCohort,
  validateLearner,
} from "../../src/domain";
import { learnersFromCsv } from "../../src/domain/cohort/csv";
import { ilm, L5_QCF } from "./helpers";

/** A centre catalogue whose ids are the names JavaScript gives meaning to. */
const centreCatalogue = (id: string) => ({
  format: "ilm-catalogue/1",
  units: [{ id, title: "Odd unit", level: 5, credits: 5, glh: null, practiceHours: null }],
  qualifications: [
    {
      id,
      title: "Odd qualification",
      level: 5,
      credits: 5,
      durationMonths: null,
      inductionHours: null,
      tutorialHours: null,
      units: [id],
      rule: { unit: id },
    },
  ],
  assessments: [
    {
      id,
      title: "Odd assignment",
      kind: "sectioned",
      units: [id],
      passTotal: 5,
      sections: [{ name: "Only", short: "Only", max: 10, min: 5 }],
    },
  ],
});

function prototypeIsUntouched(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.marks).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("marks");
}

afterEach(() => {
  // Never let one test's pollution leak into the next.
  delete (Object.prototype as Record<string, unknown>).marks;
  delete (Object.prototype as Record<string, unknown>).qaMarks;
});

describe("ids from input never become JavaScript's own names (__proto__, constructor, prototype)", () => {
  it.each(["__proto__", "constructor", "prototype"])(
    "refuses a centre catalogue with the id %s, and a CSV cohort using it leaves Object.prototype untouched",
    (id) => {
      const loaded = loadCatalogue([
        { source: "odd.json", json: JSON.parse(JSON.stringify(centreCatalogue(id))) },
      ]);
      // Whatever the catalogue says, read a CSV cohort against a catalogue that has the id, as the bug report did.
      const csv = `Registration No,Learner,Qualification,${id} S1\nNF-1,Ann Lee,${id},7\n`;
      const catalogue: Catalogue = loaded.ok ? loaded.value : ilm;
      const read = learnersFromCsv(csv, catalogue);
      prototypeIsUntouched();
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) {
        expect(new Set(loaded.problems.map((p) => p.code))).toEqual(new Set(["reserved-id"]));
        expect(loaded.problems.map(formatProblem)).toContain(
          `odd.json: units[0].id: "${id}" is reserved (JavaScript gives it a meaning): choose another id`,
        );
      }
      expect(read.ok).toBe(false);
    },
  );

  it("reads a CSV header named after an Object member as an unknown column, not as a learner field", () => {
    for (const header of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const r = learnersFromCsv(
        `Registration No,Learner,Qualification,${header}\nNF-1,Ann Lee,${L5_QCF},x\n`,
        ilm,
      );
      expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
        [
          "unknown-column",
          `row 1, column "${header}": is not a column ilm knows (see docs/cohort-format.md)`,
        ],
      ]);
    }
    prototypeIsUntouched();
  });

  it("refuses a cohort file whose assessments, units or criteria are keyed by a reserved name", () => {
    const learner = JSON.parse(
      `{"registration":"NF-1","name":"Ann Lee","qualification":"${L5_QCF}",` +
        `"assessments":{"__proto__":{"marks":[1,2,3,4]}},"units":{"constructor":"PASS"}}`,
    ) as unknown;
    const cohort = {
      format: "ilm-cohort/1",
      centre: { number: "1", name: "C" },
      cohort: "A",
      learners: [learner],
    };
    const r = validateCohort(cohort, ilm);
    prototypeIsUntouched();
    expect(r.ok ? [] : r.problems.filter((p) => p.code === "reserved-id").map(formatProblem)).toEqual([
      'learners[0].assessments.__proto__ (NF-1): "__proto__" is reserved (JavaScript gives it a meaning): choose another id',
      'learners[0].units.constructor (NF-1): "constructor" is reserved (JavaScript gives it a meaning): choose another id',
    ]);
    expect(validateLearner(learner, ilm).ok).toBe(false);
  });

  it("refuses reserved ids in a catalogue built without the schema (as the bundled one is)", () => {
    const file = { ...centreCatalogue("__proto__"), settings: [] } as unknown as CatalogueFile;
    const built = buildCatalogue([
      { file: builtinCatalogueFile(), source: "ILM catalogue" },
      { file, source: "odd.json" },
    ]);
    expect(built.ok ? [] : built.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        'odd.json: units[0].id: "__proto__" is reserved (JavaScript gives it a meaning): choose another id',
        'odd.json: assessments[0].id: "__proto__" is reserved (JavaScript gives it a meaning): choose another id',
      ]),
    );
  });

  it("reads a CSV cohort against a catalogue that somehow has a __proto__ assessment without polluting", () => {
    const odd = centreCatalogue("__proto__");
    const assessment = odd.assessments[0] as unknown as Assessment;
    const catalogue: Catalogue = {
      ...ilm,
      assessments: new Map([...ilm.assessments, ["__proto__", assessment]]),
      units: new Map([...ilm.units, ["__proto__", odd.units[0] as Unit]]),
    };
    const r = learnersFromCsv(
      `Registration No,Learner,Qualification,__proto__ S1\nNF-1,Ann Lee,${L5_QCF},7\n`,
      catalogue,
    );
    prototypeIsUntouched();
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      [
        "reserved-id",
        'row 2, column "__proto__ S1" (NF-1): "__proto__" is reserved (JavaScript gives it a meaning): choose another id',
      ],
    ]);
  });

  it("gives a unit not given directly PENDING, even where an inherited member has its name", () => {
    const e = evaluateLearner(ilm, { registration: "NF-1", name: "Ann", qualification: L5_QCF, units: {} });
    expect(e.units).toEqual({ "D5.01": "PENDING", "D5.02": "PENDING", "D5.03": "PENDING" });
    expect(Object.getPrototypeOf(e.units)).toBe(Object.prototype);
  });
});
