import { formatProblem } from "../../src/domain";
import { learnersFromCsv, readLearnerRows } from "../../src/domain/cohort/csv";
import { ilm } from "./helpers";

const HEADER =
  "Registration No,Learner,Qualification,Assessor,Registered,Induction hours,Tutorial hours,Coaching hours," +
  "D5.01 S1,D5.01 S2,D5.01 S3,D5.01 S4,D5.01 QA S1,D5.01 QA S2,D5.01 QA S3,D5.01 QA S4," +
  "D5.02+D5.03 S1,D5.02+D5.03 S2,D5.02+D5.03 S3,8580-500 1.1,8580-500 1.2,8587-300";

describe("learners from CSV", () => {
  it("reads the documented columns into learner records, leaving out blank assessments", () => {
    const text = `${HEADER}\nNF-001,Asha Patel,500/3564/2,R. Hughes,2026-01-12,1,2,12,3,24,9,21,3,22,9,21,,,,,,\n`;
    const r = learnersFromCsv(text, ilm);
    expect(r).toEqual({
      ok: true,
      value: [
        {
          registration: "NF-001",
          name: "Asha Patel",
          qualification: "500/3564/2",
          assessor: "R. Hughes",
          registered: "2026-01-12",
          hours: { induction: 1, tutorial: 2, coaching: 12 },
          assessments: { "D5.01": { marks: [3, 24, 9, 21], qaMarks: [3, 22, 9, 21] } },
        },
      ],
    });
  });

  it("matches headers case-insensitively and accepts the short names", () => {
    const text =
      "registration,NAME,qualification, coaching HOURS ,d5.01 s1,D5.01 s2,d5.01 S3,D5.01 S4\nNF-7,Tom Ellis,500/3564/2,4,3,,9,21\n";
    const r = learnersFromCsv(text, ilm);
    expect(r.ok && r.value[0]).toEqual({
      registration: "NF-7",
      name: "Tom Ellis",
      qualification: "500/3564/2",
      hours: { coaching: 4 },
      assessments: { "D5.01": { marks: [3, null, 9, 21] } },
    });
  });

  it("reads criterion columns and direct unit outcome columns", () => {
    const text =
      "Registration No,Learner,Qualification,8580-500 1.1,8580-500 1.2,8580-500 QA 1.1,8587-300,8587-301\n" +
      "A1,Ann Lee,600/5791/9,P,r,P,,\nA2,Bo Wu,603/3738/2,,,,pass,REFERRAL\n";
    const r = learnersFromCsv(text, ilm);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value[0]?.assessments).toEqual({
      "8580-500": { criteria: { "1.1": "P", "1.2": "r" }, qaCriteria: { "1.1": "P" } },
    });
    expect(r.value[1]?.units).toEqual({ "8587-300": "PASS", "8587-301": "REFERRAL" });
  });

  it("reads a UK day-first date as an ISO date", () => {
    const r = learnersFromCsv(
      "Registration No,Learner,Qualification,Registered\nA1,Ann Lee,500/3564/2,5/3/2026\n",
      ilm,
    );
    expect(r.ok && r.value[0]?.registered).toBe("2026-03-05");
  });

  it("keeps a mark that is not a number so the engine can call it INVALID", () => {
    const text =
      "Registration No,Learner,Qualification,D5.02+D5.03 S1,D5.02+D5.03 S2,D5.02+D5.03 S3\nA1,Ann Lee,500/3564/2,20,abc,20\n";
    const r = learnersFromCsv(text, ilm);
    expect(r.ok && r.value[0]?.assessments).toEqual({ "D5.02+D5.03": { marks: [20, "abc", 20] } });
  });

  it("names the row and the column of every problem, with the registration number", () => {
    const text =
      "Registration No,Learner,Qualification,Registered,Tutorial hours,8587-302\n" +
      "A1,Ann Lee,603/3738/2,2026-02-30,2,PASS\n" +
      "A2,Bo Wu,603/3738/2,,two,\n" +
      "A3,Cy Dale,999,,,\n" +
      "A4,,603/3738/2,,,MAYBE\n" +
      "A1,Ann Again,603/3738/2,,,\n";
    const r = learnersFromCsv(text, ilm, { source: "cohort.csv" });
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'cohort.csv: row 2, column "Registered" (A1): must be a date written YYYY-MM-DD or day first (12/01/2026), not "2026-02-30"',
      'cohort.csv: row 3, column "Tutorial hours" (A2): "two" is not a number of hours',
      'cohort.csv: row 4, column "Qualification" (A3): unknown qualification "999"',
      'cohort.csv: row 5, column "Learner" (A4): learner name must not be empty',
      expect.stringMatching(/^cohort\.csv: row 5, column "8587-302" \(A4\): /),
      'cohort.csv: row 6 (A1): registration number "A1" is already used in row 2',
    ]);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.source, p.place?.cell, p.place?.column])).toEqual([
      ["not-a-date", "cohort.csv", "D2", "Registered"],
      ["not-a-number", "cohort.csv", "E3", "Tutorial hours"],
      ["unknown-qualification", "cohort.csv", "C4", "Qualification"],
      ["empty", "cohort.csv", "B5", "Learner"],
      [expect.any(String), "cohort.csv", "F5", "8587-302"],
      ["duplicate-registration", "cohort.csv", "6:6", undefined],
    ]);
  });

  it("refuses headers it does not know, unknown criteria and incomplete section columns, naming the column", () => {
    const text =
      "Registration No,Learner,Qualification,Favourite colour,8580-500 9.9,D5.01 S1,D5.01 S2,D5.01 S5\n";
    const r = readLearnerRows(text, ilm);
    expect(r.problems.map(formatProblem)).toEqual([
      'row 1, column "Favourite colour": is not a column ilm knows (see docs/cohort-format.md)',
      'row 1, column "8580-500 9.9": 8580-500 has no criterion 9.9',
      'row 1, column "D5.01 S5": D5.01 has sections 1 to 4; there is no section 5',
      'row 1: D5.01 has 4 sections; the columns "D5.01 S3", "D5.01 S4" are missing',
    ]);
    expect(r.problems.map((p) => [p.code, p.place?.cell])).toEqual([
      ["unknown-column", "D1"],
      ["unknown-criterion", "E1"],
      ["unknown-section", "H1"],
      ["missing-section-columns", "1:1"],
    ]);
  });

  it("refuses a file without a registration column or with the same column twice", () => {
    expect(
      readLearnerRows("Learner,Qualification\nAnn,500/3564/2\n", ilm).problems.map(formatProblem),
    ).toEqual(['row 1: there is no "Registration No" column']);
    expect(
      readLearnerRows("Registration No,Registration,Learner\n", ilm).problems.map(formatProblem),
    ).toEqual(['row 1, column "Registration": says the same as column 1 ("Registration No")']);
  });

  it("reads tab-separated rows pasted without a header, one result per row", () => {
    const r = readLearnerRows("A1\tAnn Lee\t500/3564/2\n\nA2\t\t500/3564/2\n", ilm, {
      delimiter: "\t",
      columns: ["Registration No", "Learner", "Qualification"],
    });
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => [row.row, row.ok])).toEqual([
      [1, true],
      [3, false],
    ]);
    const bad = r.rows[1];
    expect(bad && !bad.ok && bad.problems.map(formatProblem)).toEqual([
      'row 3, column "Learner" (A2): learner name must not be empty',
    ]);
  });

  it("reports CSV it cannot read (an unclosed quote) as a problem, not an exception", () => {
    const r = readLearnerRows('Registration No,Learner\n"A1,Ann\n', ilm);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(/^is not readable CSV/);
    expect(r.problems[0]?.code).toBe("not-csv");
  });

  it("keeps a name that starts with = as plain text", () => {
    const r = learnersFromCsv("Registration No,Learner,Qualification\nA1,=SUM(A1:A2),500/3564/2\n", ilm);
    expect(r.ok && r.value[0]?.name).toBe("=SUM(A1:A2)");
  });

  it("reports a value beyond the last named column", () => {
    const r = learnersFromCsv("Registration No,Learner,Qualification\nA1,Ann Lee,500/3564/2,stray\n", ilm);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      "row 2, column 4 (A1): has a value but the header has only 3 columns",
    ]);
  });
});
