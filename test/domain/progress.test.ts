import { daysLeft, DUE_SOON_DAYS, progressOf } from "../../src/domain";

const notAchieved = (deadline: string | null) => ({ achieved: false, deadline });

describe("daysLeft: calendar days from the As of date to the deadline", () => {
  it("is 0 on the deadline itself, positive before it and negative after it", () => {
    expect(daysLeft("2029-01-12", "2029-01-12")).toBe(0);
    expect(daysLeft("2029-01-12", "2029-01-11")).toBe(1);
    expect(daysLeft("2029-01-12", "2029-01-13")).toBe(-1);
  });
  it("counts calendar days across month ends, leap days and years", () => {
    expect(daysLeft("2028-03-01", "2028-02-28")).toBe(2);
    expect(daysLeft("2027-03-01", "2027-02-28")).toBe(1);
    expect(daysLeft("2029-01-12", "2028-10-14")).toBe(90);
    expect(daysLeft("2027-01-01", "2026-01-01")).toBe(365);
  });
  it("is null without a deadline", () => {
    expect(daysLeft(null, "2026-12-02")).toBeNull();
  });
  it("refuses an As of date that is no date the product takes", () => {
    expect(() => daysLeft("2029-01-12", "2026-02-30")).toThrow(RangeError);
  });
});

describe("progressOf: Withdrawn, then Achieved, then Overdue, Due soon or On track", () => {
  it("is Due soon from the deadline day itself to 90 days before it", () => {
    expect(DUE_SOON_DAYS).toBe(90);
    expect(progressOf(notAchieved("2029-01-12"), false, "2029-01-12")).toBe("Due soon");
    expect(progressOf(notAchieved("2029-01-12"), false, "2028-10-14")).toBe("Due soon");
  });
  it("is On track 91 days before the deadline, and with no deadline at all", () => {
    expect(progressOf(notAchieved("2029-01-12"), false, "2028-10-13")).toBe("On track");
    expect(progressOf(notAchieved(null), false, "2028-10-13")).toBe("On track");
  });
  it("is Overdue the day after the deadline", () => {
    expect(progressOf(notAchieved("2029-01-12"), false, "2029-01-13")).toBe("Overdue");
  });
  it("is Achieved for a learner who meets the rules, whatever the deadline", () => {
    expect(progressOf({ achieved: true, deadline: "2029-01-12" }, false, "2030-01-01")).toBe("Achieved");
    expect(progressOf({ achieved: true, deadline: null }, false, "2030-01-01")).toBe("Achieved");
  });
  it("is Withdrawn for a withdrawn learner, achieved or overdue", () => {
    expect(progressOf({ achieved: true, deadline: "2029-01-12" }, true, "2030-01-01")).toBe("Withdrawn");
    expect(progressOf(notAchieved("2029-01-12"), true, "2030-01-01")).toBe("Withdrawn");
  });
});
