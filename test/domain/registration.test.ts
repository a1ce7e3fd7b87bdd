import fc from "fast-check";
import {
  checkRegistration,
  formatProblem,
  registrationKey,
  trimRegistration,
  validateCohort,
  validateLearner,
} from "../../src/domain";
import { learnersFromCsv } from "../../src/domain/cohort/csv";
import { ilm, L5_QCF } from "./helpers";

const cohort = (registrations: readonly string[]) => ({
  format: "ilm-cohort/1",
  centre: { number: "123456", name: "Northfield Training" },
  cohort: "2026-A",
  learners: registrations.map((registration, i) => ({
    registration,
    name: `Learner ${i + 1}`,
    qualification: L5_QCF,
  })),
});

const WILDCARD = (r: string, c: string) =>
  `registration number "${r}" must not contain ${c} (spreadsheets read *, ? and ~ as wildcards)`;
const HIDDEN = (shown: string, codes: string) =>
  `registration number "${shown}" must not contain invisible or control characters (here ${codes}); type the number again`;

/** Every character the rule refuses, by its code point. */
const FORBIDDEN = [
  "*",
  "?",
  "~",
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)),
  "\u200B",
  "\u200C",
  "\u200D",
  "\u200E",
  "\u200F",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2060",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\uFEFF",
];

describe("registration numbers: one rule, so that a number is unambiguous in every spreadsheet engine", () => {
  it("trims surrounding white space: the stored number is the trimmed one", () => {
    expect(trimRegistration(" \tNF-001\u00A0 ")).toBe("NF-001");
    expect(checkRegistration("  NF-001 ")).toEqual({ ok: true, value: "NF-001" });
    const r = validateCohort(cohort([" NF-001 "]), ilm);
    expect(r.ok && r.value.learners[0]?.registration).toBe("NF-001");
  });

  it("compares numbers ignoring case and surrounding white space", () => {
    expect(registrationKey("NF-001")).toBe(registrationKey(" nf-001 "));
    expect(registrationKey("NF-001")).not.toBe(registrationKey("NF-0011"));
  });

  it("refuses an empty number and one made only of spaces", () => {
    for (const blank of ["", "   ", "\t"]) {
      expect(checkRegistration(blank)).toEqual({
        ok: false,
        code: "empty",
        message: "registration number must not be empty",
      });
    }
  });

  it("refuses every spreadsheet wildcard, control character and invisible format character, anywhere", () => {
    for (const ch of FORBIDDEN) {
      const r = checkRegistration(`NF${ch}01`);
      expect([ch.codePointAt(0), r.ok]).toEqual([ch.codePointAt(0), false]);
      if (!r.ok) expect(r.code).toBe("registration-characters");
    }
    expect(checkRegistration("NF*01")).toMatchObject({ message: WILDCARD("NF*01", "*") });
    expect(checkRegistration("NF-0?1")).toMatchObject({ message: WILDCARD("NF-0?1", "?") });
    expect(checkRegistration("~NF")).toMatchObject({ message: WILDCARD("~NF", "~") });
    expect(checkRegistration("NF\u200B01")).toMatchObject({ message: HIDDEN("NF<U+200B>01", "U+200B") });
    expect(checkRegistration("NF\u0085\u202E01")).toMatchObject({
      message: HIDDEN("NF<U+0085><U+202E>01", "U+0085, U+202E"),
    });
  });

  it("refuses a byte order mark even at the ends (it is invisible, not white space)", () => {
    expect(checkRegistration("\uFEFFNF-001")).toMatchObject({
      ok: false,
      message: HIDDEN("<U+FEFF>NF-001", "U+FEFF"),
    });
  });

  it("names wildcards and invisible characters together when a number has both", () => {
    expect(checkRegistration("N?F\u0007")).toMatchObject({
      message:
        'registration number "N?F<U+0007>" must not contain ? (spreadsheets read *, ? and ~ as wildcards), nor invisible or control characters (here U+0007); type the number again',
    });
  });

  it("accepts letters, digits, punctuation other than wildcards, and letters of any script", () => {
    for (const ok of ["NF-001", "2026/A.17", "Ł-ÉCOLE_3", "AB 12"])
      expect(checkRegistration(ok).ok).toBe(true);
  });
});

describe("registration numbers in a cohort file (validateCohort, validateLearner)", () => {
  it("refuses bad characters with the code, path and exact message", () => {
    const r = validateCohort(cohort(["NF*1", "NF\u200B2", "  "]), ilm);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      ["registration-characters", `learners[0].registration (NF*1): ${WILDCARD("NF*1", "*")}`],
      ["registration-characters", `learners[1].registration (NF\u200B2): ${HIDDEN("NF<U+200B>2", "U+200B")}`],
      ["empty", "learners[2].registration: registration number must not be empty"],
    ]);
  });

  it("reports numbers that differ only in capitals or surrounding spaces as one learner, naming both places", () => {
    const r = validateCohort(cohort(["NF-001", "nf-001", " NF-001 "]), ilm);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      [
        "duplicate-registration",
        'learners[1].registration (nf-001): registration number "nf-001" is already used by learners[0] as "NF-001" (registration numbers that differ only in capitals or surrounding spaces name the same learner)',
      ],
      [
        "duplicate-registration",
        'learners[2].registration (NF-001): registration number "NF-001" is already used by learners[0]',
      ],
    ]);
  });

  it("refuses bad characters in one learner record too", () => {
    const r = validateLearner({ registration: "NF~1", name: "Ann", qualification: L5_QCF }, ilm);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: "registration-characters",
        path: ["registration"],
        registration: "NF~1",
        message: WILDCARD("NF~1", "~"),
      },
    ]);
  });

  it("accepts a cohort exactly when its numbers are clean and pairwise distinct under registrationKey", () => {
    // The oracle is written from the rule, independently of the code: white space at the ends (space, tab,
    // no-break space) is trimmed; what remains must be non-empty, free of the forbidden characters, and unique
    // ignoring case.
    const chars = [
      "N",
      "n",
      "F",
      "f",
      "-",
      "0",
      "1",
      "é",
      "É",
      " ",
      "\t",
      "\u00A0",
      ...FORBIDDEN.slice(0, 6),
    ];
    const chars2 = [...chars, "\u200B", "\uFEFF", "\u0085", "\u202E"];
    const registration = fc.array(fc.constantFrom(...chars2), { maxLength: 5 }).map((cs) => cs.join(""));
    const trim = (r: string) => r.replace(/^[ \t\u00A0]+|[ \t\u00A0]+$/g, "");
    const clean = (r: string) => trim(r) !== "" && ![...trim(r)].some((c) => FORBIDDEN.includes(c));
    fc.assert(
      fc.property(fc.array(registration, { minLength: 1, maxLength: 5 }), (registrations) => {
        const keys = registrations.map((r) => trim(r).toLowerCase());
        const expected = registrations.every(clean) && new Set(keys).size === keys.length;
        expect(validateCohort(cohort(registrations), ilm).ok).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("registration numbers in a CSV file", () => {
  const csv = (...registrations: string[]) =>
    "Registration No,Learner,Qualification\n" +
    registrations.map((r, i) => `${r},Learner ${i + 1},${L5_QCF}`).join("\n") +
    "\n";

  it("refuses bad characters in the registration cell, naming row and column", () => {
    const r = learnersFromCsv(csv("NF*1", "NF\u200B2", "\uFEFFNF-3"), ilm, { source: "cohort.csv" });
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      [
        "registration-characters",
        `cohort.csv: row 2, column "Registration No" (NF*1): ${WILDCARD("NF*1", "*")}`,
      ],
      [
        "registration-characters",
        `cohort.csv: row 3, column "Registration No" (NF\u200B2): ${HIDDEN("NF<U+200B>2", "U+200B")}`,
      ],
      [
        "registration-characters",
        `cohort.csv: row 4, column "Registration No" (\uFEFFNF-3): ${HIDDEN("<U+FEFF>NF-3", "U+FEFF")}`,
      ],
    ]);
  });

  it("stores the trimmed number and reports numbers that differ only in capitals as one learner", () => {
    const ok = learnersFromCsv(csv('" NF-1 "'), ilm);
    expect(ok.ok && ok.value[0]?.registration).toBe("NF-1");
    const r = learnersFromCsv(csv("NF-1", "nf-1"), ilm, { source: "cohort.csv" });
    expect(r.ok ? [] : r.problems.map((p) => [p.code, formatProblem(p)])).toEqual([
      [
        "duplicate-registration",
        'cohort.csv: row 3 (nf-1): registration number "nf-1" is already used in row 2 as "NF-1" (registration numbers that differ only in capitals or surrounding spaces name the same learner)',
      ],
    ]);
  });
});
