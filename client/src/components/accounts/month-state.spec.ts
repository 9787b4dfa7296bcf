import type { AccountCardFragment } from "../../gql/graphql";
import { monthStateOf } from "./month-state";

type CardMeter = AccountCardFragment["meters"][number];
const meter = (
  id: string,
  used: number,
  last: { period: string; takenAt: string; isCorrection?: boolean } | null,
  removedAt: string | null = null,
): CardMeter => ({
  id,
  removedAt,
  submission: { period: "2026-11", used },
  lastReading: last && { id: `r-${id}`, isCorrection: false, ...last },
});
const account = (...meters: CardMeter[]): AccountCardFragment => ({
  number: "1002003004",
  holderName: "H",
  address: "A",
  meters,
});
const nov = (day: string, isCorrection = false) => ({
  period: "2026-11",
  takenAt: `2026-11-${day}T05:00:00.000Z`,
  isCorrection,
});

describe("monthStateOf", () => {
  it("is notSent with no reading, or with last month's reading only", () => {
    expect(monthStateOf(account(meter("m1", 0, null)))).toEqual({ kind: "notSent" });
    expect(
      monthStateOf(
        account(meter("m1", 0, { period: "2026-10", takenAt: "2026-10-20T05:00:00.000Z" })),
      ),
    ).toEqual({ kind: "notSent" });
  });

  it("is notSent when this month's last reading is the inspector's (no sending counted)", () => {
    expect(monthStateOf(account(meter("m1", 0, nov("05"))))).toEqual({ kind: "notSent" });
  });

  it("is sent, with the sending's time", () => {
    expect(monthStateOf(account(meter("m1", 1, nov("20"))))).toEqual({
      kind: "sent",
      at: "2026-11-20T05:00:00.000Z",
    });
  });

  it("is corrected after the month's second sending", () => {
    expect(monthStateOf(account(meter("m1", 2, nov("21", true))))).toEqual({
      kind: "corrected",
      at: "2026-11-21T05:00:00.000Z",
    });
  });

  it("needs every active meter: one not sent makes the account notSent", () => {
    expect(monthStateOf(account(meter("m1", 1, nov("20")), meter("m2", 0, null)))).toEqual({
      kind: "notSent",
    });
  });

  it("takes the latest sending among the meters", () => {
    expect(
      monthStateOf(account(meter("m1", 2, nov("22", true)), meter("m2", 1, nov("25")))),
    ).toEqual({ kind: "sent", at: "2026-11-25T05:00:00.000Z" });
  });

  it("ignores a replaced meter", () => {
    expect(
      monthStateOf(
        account(meter("old", 0, null, "2026-11-02T00:00:00.000Z"), meter("m1", 1, nov("20"))),
      ),
    ).toEqual({ kind: "sent", at: "2026-11-20T05:00:00.000Z" });
  });

  it("is notSent for an account with no active meter", () => {
    expect(monthStateOf(account())).toEqual({ kind: "notSent" });
    expect(monthStateOf(account(meter("old", 1, nov("20"), "2026-11-21T00:00:00.000Z")))).toEqual({
      kind: "notSent",
    });
  });
});
