import fc from "fast-check";
import {
  MAX_ATTEMPTS,
  parseEvents,
  readingEventBody,
  readingEventType,
  retryDelayMs,
} from "./webhook-event.rules";

describe("webhook events", () => {
  it("parses known events once each, and refuses unknown or none", () => {
    expect(parseEvents(["reading.submitted", "reading.submitted"])).toEqual({
      events: ["reading.submitted"],
    });
    expect(parseEvents(["reading.deleted"])).toEqual({ unknown: "reading.deleted" });
    expect(parseEvents([])).toEqual({ unknown: "" });
  });

  it("names a correction reading.corrected", () => {
    expect(readingEventType(false)).toBe("reading.submitted");
    expect(readingEventType(true)).toBe("reading.corrected");
  });

  it("puts the event id, type, time, cursor and reading in the body", () => {
    const body = JSON.parse(
      readingEventBody({
        id: "evt_reading_7",
        type: "reading.submitted",
        created: new Date("2026-11-15T06:00:00Z"),
        cursor: "ZmVlZDo3",
        reading: {
          id: "7",
          accountNumber: "1234567890",
          meterSerial: "SN-1",
          value: "12.500",
          takenAt: "2026-11-15T06:00:00.000Z",
          period: "2026-11",
          source: "SUBSCRIBER",
          isCorrection: false,
          meterVerificationOverdue: false,
        },
      }),
    );
    expect(body).toMatchObject({
      id: "evt_reading_7",
      type: "reading.submitted",
      created: "2026-11-15T06:00:00.000Z",
      cursor: "ZmVlZDo3",
      data: { reading: { id: "7", value: "12.500" } },
    });
  });
});

describe("webhook retry delay", () => {
  it("doubles from 30 s to a 2 h ceiling, jittered within its upper half", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ATTEMPTS }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (n, r) => {
          const ceiling = Math.min(30_000 * 2 ** (n - 1), 2 * 3600_000);
          const delay = retryDelayMs(n, r);
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(20, 0.999)).toBeLessThanOrEqual(2 * 3600_000);
  });
});
