import { addMonths, deadline, formatIsoDate, fromSerial, parseIsoDate, toSerial } from "../../src/domain";
import { evaluate, ilm, L3, L5_CERT, L5_DIP, L5_QCF, L7_CERT, L7_DIP, learner } from "./helpers";

const edate = (iso: string, months: number) => {
  const d = parseIsoDate(iso);
  if (!d) throw new Error(iso);
  return formatIsoDate(addMonths(d, months));
};

describe("deadline: registration date plus the qualification's duration, as Excel's EDATE", () => {
  it("moves 2024-02-29 plus 36 months to 2027-02-28 (the last day of a shorter month)", () => {
    expect(edate("2024-02-29", 36)).toBe("2027-02-28");
  });
  it("keeps 2024-02-29 plus 48 months on 2028-02-29 (a leap year)", () => {
    expect(edate("2024-02-29", 48)).toBe("2028-02-29");
  });
  it("moves 31 January plus one month to the end of February", () => {
    expect(edate("2025-01-31", 1)).toBe("2025-02-28");
    expect(edate("2024-01-31", 1)).toBe("2024-02-29");
  });
  it("keeps the day when the target month has it", () => {
    expect(edate("2026-01-12", 36)).toBe("2029-01-12");
    expect(edate("2023-08-31", 24)).toBe("2025-08-31");
  });
  it("crosses year ends", () => {
    expect(edate("2025-11-30", 3)).toBe("2026-02-28");
  });

  it.each([
    [L5_CERT, "2027-02-28"],
    [L5_DIP, "2027-02-28"],
    [L5_QCF, "2027-02-28"],
    [L7_CERT, "2026-02-28"],
    [L7_DIP, "2027-02-28"],
  ])("gives %s registered on 2024-02-29 the deadline %s", (q, expected) => {
    expect(evaluate(learner(q, { registered: "2024-02-29" })).deadline).toBe(expected);
  });

  it("has no deadline for the Level 3 Certificate, which states no duration", () => {
    expect(evaluate(learner(L3, { registered: "2024-02-29" })).deadline).toBeNull();
  });

  it("has no deadline while the registration date is unknown", () => {
    expect(evaluate(learner(L5_QCF, { registered: null })).deadline).toBeNull();
    const q = ilm.qualifications.get(L5_QCF);
    if (!q) throw new Error("no L5 QCF");
    expect(deadline(q, undefined)).toBeNull();
  });

  it("rejects dates that are not real calendar dates", () => {
    expect(parseIsoDate("2025-02-29")).toBeNull();
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(parseIsoDate("12/01/2026")).toBeNull();
  });

  it("converts to and from Excel serial numbers (1900 date system)", () => {
    expect(toSerial({ year: 2024, month: 2, day: 29 })).toBe(45351);
    expect(fromSerial(45351)).toEqual({ year: 2024, month: 2, day: 29 });
  });
});
