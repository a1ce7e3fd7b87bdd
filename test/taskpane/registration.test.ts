import { builtinCatalogue } from "../../src/domain";
import type { Learner } from "../../src/domain";
import { checkLearnerForm, EMPTY_FIELDS } from "../../src/taskpane/learners/learnerForm";
import type { LearnerFields } from "../../src/taskpane/learners/learnerForm";
import { readImport } from "../../src/taskpane/learners/importRows";

const catalogue = builtinCatalogue();
const QCF = "500/3564/2";
const stored: Learner = { registration: "NF-001", name: "Asha Patel", qualification: QCF };

const paste = (text: string, existing: readonly Learner[] = []) =>
  readImport(text, {
    source: "pasted rows",
    delimiter: "\t",
    catalogue,
    existing: new Map(existing.map((l) => [l.registration, l])),
  });

const fields = (registration: string): LearnerFields => ({
  ...EMPTY_FIELDS,
  registration,
  name: "Ben Jones",
  qualification: QCF,
});

describe("registration numbers in the task pane: the domain's rule, and duplicates ignoring case", () => {
  it("puts a wildcard or invisible character in a pasted number under the registration cell", () => {
    const t = paste(
      `Registration No\tLearner\tQualification\nNF*9\tBen Jones\t${QCF}\nNF\u200B8\tCy Dale\t${QCF}\n`,
    );
    expect(t.rows.map((r) => r.problems)).toEqual([
      [
        {
          column: 0,
          code: "registration-characters",
          message:
            'registration number "NF*9" must not contain * (spreadsheets read *, ? and ~ as wildcards)',
        },
      ],
      [
        {
          column: 0,
          code: "registration-characters",
          message:
            'registration number "NF<U+200B>8" must not contain invisible or control characters (here U+200B); type the number again',
        },
      ],
    ]);
  });

  it("refuses a pasted number that is a stored learner's in other capitals, saying how it is stored", () => {
    const t = paste(`Registration No\tLearner\tQualification\nnf-001\tAsha Patel\t${QCF}\n`, [stored]);
    expect(t.rows[0]?.problems).toEqual([
      {
        column: 0,
        code: "registration-capitals",
        message: "nf-001 is already in the cohort as NF-001: write it as NF-001 to update that learner",
      },
    ]);
    expect(t.rows[0]?.learner).toBeNull();
  });

  it("refuses two pasted rows whose numbers differ only in capitals", () => {
    const t = paste(
      `Registration No\tLearner\tQualification\nNF-007\tBen Jones\t${QCF}\nnf-007\tCy Dale\t${QCF}\n`,
    );
    expect(t.rows[1]?.problems).toEqual([
      {
        column: 0,
        code: "duplicate-registration",
        message: "nf-007 is already used in row 2 as NF-007 (capitals do not tell learners apart)",
      },
    ]);
  });

  it("still updates the stored learner when the number is written the same way, spaces aside", () => {
    const t = paste(`Registration No\tLearner\tQualification\n NF-001 \tAsha Patel\t${QCF}\n`, [stored]);
    expect(t.rows[0]?.problems).toEqual([]);
    expect(t.rows[0]?.update?.stored).toBe(stored);
  });

  it("refuses in the learner form a number already in the cohort in other capitals, or with a wildcard", () => {
    expect(checkLearnerForm(fields("nf-001"), null, [stored], catalogue)).toEqual({
      ok: false,
      errors: {
        registration: "nf-001 is already in the cohort as NF-001 (capitals do not tell learners apart)",
      },
      other: [],
    });
    expect(checkLearnerForm(fields(" NF-001 "), null, [stored], catalogue)).toMatchObject({
      errors: {
        registration:
          "NF-001 is already in the cohort (Asha Patel): each learner has their own registration number",
      },
    });
    expect(checkLearnerForm(fields("NF?2"), null, [stored], catalogue)).toMatchObject({
      errors: {
        registration:
          'registration number "NF?2" must not contain ? (spreadsheets read *, ? and ~ as wildcards)',
      },
    });
  });
});
