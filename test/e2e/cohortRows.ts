/** 30 learners as rows copied from an Excel sheet (tab-separated, header row first, UK dates). */
export const HEADER = ["Registration No", "Learner", "Qualification", "Assessor", "Registered"];

const FIRST = ["Asha", "Ben", "Chloe", "Dev", "Ellie", "Farid", "Grace", "Harry", "Isla", "Jamal"];
const LAST = ["Patel", "Jones", "O'Neill", "Williams", "Khan"];

export interface PastedLearner {
  readonly registration: string;
  readonly name: string;
  readonly qualification: string;
  readonly assessor: string;
  readonly registered: string;
}

export function learners(): PastedLearner[] {
  return Array.from({ length: 30 }, (_, i) => ({
    registration: `NF-${String(i + 1).padStart(3, "0")}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
    qualification: "500/3564/2",
    assessor: i % 2 === 0 ? "R. Hughes" : "S. Okafor",
    registered: `${String((i % 27) + 1).padStart(2, "0")}/01/2026`,
  }));
}

/** The sheet rows of the two bad learners (the header is row 1): an impossible date, an unknown qualification. */
export const BAD_DATE_ROW = 8;
export const BAD_QUALIFICATION_ROW = 21;

export function pastedText(): string {
  const rows = learners().map((l, i) => {
    const row = i + 2;
    return [
      l.registration,
      l.name,
      row === BAD_QUALIFICATION_ROW ? "600/9999/9" : l.qualification,
      l.assessor,
      row === BAD_DATE_ROW ? "31/02/2026" : l.registered,
    ];
  });
  return [HEADER, ...rows].map((r) => r.join("\t")).join("\n");
}
