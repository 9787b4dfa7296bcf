import { ReadingSource } from "../core/enums";
import {
  ACCOUNT_CHANGES,
  changedFields,
  forbiddenCharacter,
  FUTURE_SKEW_MS,
  isBeforeInstallation,
  isInFuture,
  METER_CHANGES,
  newAccountFields,
  meterUpdateFields,
  newMeterFields,
  newReadingFields,
  touchedAccountFields,
  parseVerificationDue,
  verificationDueProblem,
} from "./registry-row.rules";

const now = new Date("2026-11-01T08:00:00.000Z");

describe("newReadingFields", () => {
  it("stores a registry reading in the Almaty month it was taken, as no subscriber's sending", () => {
    const takenAt = new Date("2026-10-31T19:30:00.000Z"); // 1 November, 00:30 in Almaty
    const reading = {
      meterId: 7,
      valueMilli: 1_234_500n,
      takenAt,
      source: ReadingSource.INSPECTOR,
      externalId: "ext-1",
    };
    expect(newReadingFields(reading, now)).toEqual({
      meterId: 7,
      valueMilli: 1_234_500n,
      takenAt,
      period: "2026-11",
      source: ReadingSource.INSPECTOR,
      externalId: "ext-1",
      slot: null,
      isCorrection: false,
      previousValueMilli: null,
      submittedByUserId: null,
      caller: null,
      idempotencyKey: null,
      createdAt: now,
      feedSeq: null,
    });
  });

  it("takes only the registry's fields of what it is given", () => {
    const row = {
      meterId: 1,
      valueMilli: 1n,
      takenAt: now,
      source: ReadingSource.ESTIMATE,
      externalId: "x",
      extra: "not a column",
    };
    expect(newReadingFields(row, now)).not.toHaveProperty("extra");
  });
});

describe("accounts and meters", () => {
  const account = { number: "A-1", holderName: "Holder", address: "Street 1", ownerBin: null };

  it("stamps a new account created and updated now, an update updated now", () => {
    expect(newAccountFields(account, now)).toEqual({ ...account, createdAt: now, updatedAt: now });
    expect(touchedAccountFields(now)).toEqual({ updatedAt: now });
  });

  it("puts a new meter in service", () => {
    const meter = { accountId: 3, serialNumber: "SN-1", installedAt: now };
    expect(newMeterFields(meter)).toEqual({ ...meter, verificationDue: null, removedAt: null });
  });

  it("lets the registry change everything but the natural key", () => {
    expect(ACCOUNT_CHANGES).not.toContain("number");
    expect(METER_CHANGES).not.toContain("serialNumber");
  });
});

describe("changedFields", () => {
  it("compares dates as instants and other values exactly", () => {
    const stored = { accountId: 3, installedAt: new Date(now.getTime()), verificationDue: null };
    const same = { accountId: 3, installedAt: now, verificationDue: null };
    expect(changedFields(stored, same, METER_CHANGES)).toEqual([]);
    expect(
      changedFields(
        stored,
        { accountId: 4, installedAt: new Date(0), verificationDue: "2030-01-01" },
        METER_CHANGES,
      ),
    ).toEqual(["accountId", "installedAt", "verificationDue"]);
  });

  it("keeps a field the registry leaves out", () => {
    const stored = { accountId: 3, installedAt: now, verificationDue: "2030-01-01" };
    expect(changedFields(stored, { accountId: 3, installedAt: now }, METER_CHANGES)).toEqual([]);
    expect(meterUpdateFields({ accountId: 3, serialNumber: "S", installedAt: now })).toEqual({
      accountId: 3,
      installedAt: now,
    });
  });

  it("tells a null apart from a value", () => {
    const stored = { holderName: "H", address: "A", ownerBin: null };
    expect(changedFields(stored, { ...stored, ownerBin: "123456789012" }, ACCOUNT_CHANGES)).toEqual(
      ["ownerBin"],
    );
    expect(changedFields(stored, { ...stored }, ACCOUNT_CHANGES)).toEqual([]);
  });
});

describe("forbiddenCharacter", () => {
  it.each([
    ["\u0000", "U+0000"],
    ["Иван\nов", "U+000A"],
    ["a\tb", "U+0009"],
    ["a\u007fb", "U+007F"],
    ["a\u0085b", "U+0085"],
    ["a\u061cb", "U+061C"],
    ["a\u200eb", "U+200E"],
    ["a\u200fb", "U+200F"],
    ["Ivan\u202eov", "U+202E"],
    ["a\u202ab", "U+202A"],
    ["a\u2066b", "U+2066"],
    ["a\u2069b", "U+2069"],
  ])("finds the control or bidi character in %j", (value, code) => {
    expect(forbiddenCharacter(value)).toBe(code);
  });

  it("lets ordinary text through: Kazakh, Russian, quotes, no-break spaces, emoji", () => {
    for (const value of [
      "Әбдірахманов Ерлан Қайратұлы",
      'г. Алматы, ул. "Толе би", д. 101, кв. 5',
      "ТОО «Алматы Нан»",
      "1\u00A0234",
      "G4-19-0045123",
      "Zoë 🙂",
      "a\u200db", // the zero-width joiner builds emoji: not a bidi control
    ]) {
      expect(forbiddenCharacter(value)).toBeNull();
    }
  });
});

describe("isInFuture", () => {
  it("allows the sender's clock to run up to 5 minutes fast", () => {
    expect(isInFuture(new Date(now.getTime() + FUTURE_SKEW_MS), now)).toBe(false);
    expect(isInFuture(new Date(now.getTime() + FUTURE_SKEW_MS + 1), now)).toBe(true);
    expect(isInFuture(new Date(0), now)).toBe(false);
  });
});

describe("isBeforeInstallation", () => {
  it("refuses only a reading strictly before the installation", () => {
    expect(isBeforeInstallation(new Date(now.getTime() - 1), now)).toBe(true);
    expect(isBeforeInstallation(now, now)).toBe(false);
  });
});

describe("verification dates", () => {
  const installedAt = new Date("2020-05-01T10:00:00+05:00");

  it("are calendar dates", () => {
    expect(parseVerificationDue("2027-03-12")).toBe("2027-03-12");
    expect(parseVerificationDue("2027-02-30")).toBeNull();
    expect(parseVerificationDue("12.03.2027")).toBeNull();
  });

  it("are not before installation nor absurdly far ahead", () => {
    expect(verificationDueProblem("2020-05-01", installedAt, now)).toBeNull();
    expect(verificationDueProblem("2020-04-30", installedAt, now)).toMatch(/before/);
    expect(verificationDueProblem("2090-01-01", installedAt, now)).toMatch(/years ahead/);
  });
});
