import {
  dueReminderDay,
  parseReminderDays,
  parseReminderRef,
  reminderRef,
} from "./reminder-schedule.rules";

describe("parseReminderDays", () => {
  it.each([
    ["20,24", [20, 24]],
    [" 24 , 20,20", [20, 24]],
    ["1", [1]],
  ])("%s → %j", (value, days) => expect(parseReminderDays(value)).toEqual(days));

  it.each(["", "0", "29", "20;24", "x", "20,"])("refuses %j", (value) => {
    expect(parseReminderDays(value)).toBeNull();
  });
});

describe("dueReminderDay", () => {
  // Almaty is UTC+5 since 2024-03-01: 10:00 local is 05:00 UTC.
  it("is due on a reminder day from the hour on, in Almaty time", () => {
    expect(dueReminderDay(new Date("2026-12-20T04:59:59Z"), [20, 24], 10)).toBeNull();
    expect(dueReminderDay(new Date("2026-12-20T05:00:00Z"), [20, 24], 10)).toBe("2026-12-20");
    expect(dueReminderDay(new Date("2026-12-20T18:59:00Z"), [20, 24], 10)).toBe("2026-12-20");
    // 19:00 UTC on the 20th is already the 21st in Almaty.
    expect(dueReminderDay(new Date("2026-12-20T19:00:00Z"), [20, 24], 10)).toBeNull();
    expect(dueReminderDay(new Date("2026-12-23T23:00:00Z"), [20, 24], 0)).toBe("2026-12-24");
  });
});

describe("reminderRef", () => {
  it("round-trips and refuses anything else", () => {
    expect(parseReminderRef(reminderRef("2026-12-20", 42))).toEqual({
      day: "2026-12-20",
      userId: 42,
    });
    expect(parseReminderRef("reminder:2026-12-20:0")).toBeNull();
    expect(parseReminderRef("reset:1")).toBeNull();
  });
});
