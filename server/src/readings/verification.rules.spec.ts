import { VerificationStatus } from "../core/enums";
import {
  daysBetween,
  isTakenAfterVerificationDue,
  parseCalendarDate,
  verificationOf,
} from "./verification.rules";

describe("verification rules", () => {
  it("read calendar dates that exist, nothing else", () => {
    expect(parseCalendarDate("2027-03-12")).toBe("2027-03-12");
    expect(parseCalendarDate("2028-02-29")).toBe("2028-02-29");
    for (const bad of ["2027-02-29", "2027-13-01", "2027-3-12", "2027-03-12T00:00", "", "x"]) {
      expect(parseCalendarDate(bad)).toBeNull();
    }
  });

  it("count days across months, years and leap days", () => {
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-03-12", "2027-01-11")).toBe(-60);
  });

  // 2027-01-10T19:30Z is 2027-01-11 00:30 in Almaty (UTC+5): the Almaty day counts, not UTC's.
  const now = new Date("2027-01-10T19:30:00Z");

  it.each([
    ["2027-03-13", VerificationStatus.OK, 61],
    ["2027-03-12", VerificationStatus.DUE_SOON, 60],
    ["2027-01-11", VerificationStatus.DUE_SOON, 0],
    ["2027-01-10", VerificationStatus.OVERDUE, -1],
    ["2020-01-01", VerificationStatus.OVERDUE, -2567],
  ])("due %s is %s with %i days left", (due, status, daysLeft) => {
    expect(verificationOf(due, now)).toEqual({ due, status, daysLeft });
  });

  it("flag a reading taken after the due day, in Almaty time", () => {
    expect(isTakenAfterVerificationDue(now, "2027-01-11")).toBe(false);
    expect(isTakenAfterVerificationDue(now, "2027-01-10")).toBe(true);
    expect(isTakenAfterVerificationDue(new Date("2027-01-10T18:59:59Z"), "2027-01-10")).toBe(false);
    expect(isTakenAfterVerificationDue(now, null)).toBe(false);
  });
});
