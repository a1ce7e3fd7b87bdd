import type { Cohort, Learner } from "../../src/domain/cohort/schema";
import type { WorkbookState } from "../../src/workbook/port";

const QUALIFICATIONS = [
  "500/3564/2",
  "600/5791/9",
  "600/5781/6",
  "603/3738/2",
  "L7-CERT-ECLM",
  "L7-DIP-PECLM",
];
const NAMES = [
  "Asha Patel",
  "Gareth Jones",
  "Siobhan O'Neill",
  "Callum Fraser",
  "Mei Lin",
  '=HYPERLINK("x")',
];
const CRITERIA = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"];

/**
 * A typical cohort of `n` learners across all six qualifications: names, assessors, registration dates, hours,
 * and marks for about half (sectioned marks and criterion P/R), some comments. Deterministic.
 */
export function typicalCohort(n: number): Cohort {
  const learners: Learner[] = [];
  for (let i = 0; i < n; i++) {
    const qualification = QUALIFICATIONS[i % QUALIFICATIONS.length] as string;
    const learner: Learner = {
      registration: `NF-${String(i + 1).padStart(5, "0")}`,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      qualification,
      assessor: i % 2 === 0 ? "R. Hughes" : "K. Brennan",
      registered: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
      hours: { induction: 1, tutorial: 2 + (i % 3), coaching: i % 20 },
      ...(i % 2 === 0 ? { assessments: assessmentsFor(qualification, i) } : {}),
    };
    learners.push(learner);
  }
  return {
    format: "ilm-cohort/1",
    centre: { number: "123456", name: "Northfield Training" },
    cohort: "2026-A",
    learners,
  };
}

function assessmentsFor(qualification: string, i: number): NonNullable<Learner["assessments"]> {
  if (qualification === "500/3564/2")
    return {
      "D5.01": {
        marks: [2 + (i % 3), 20 + (i % 21), 8 + (i % 9), 19 + (i % 22)],
        strengths: "Clear business case",
      },
      "D5.02+D5.03": { marks: [17 + (i % 18), 15, 18], assessed: "2026-03-02" },
    };
  if (qualification === "600/5791/9" || qualification === "600/5781/6")
    return {
      "8580-500": {
        criteria: Object.fromEntries(CRITERIA.map((c, k) => [c, (i + k) % 7 === 0 ? "R" : "P"])),
        improvements: "=Reflect more on barriers",
      },
    };
  return {};
}

export function stateFor(n: number, mode: WorkbookState["mode"] = "portable"): WorkbookState {
  return { cohort: typicalCohort(n), mode, centreCatalogues: [] };
}
