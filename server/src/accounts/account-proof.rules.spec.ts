import { makeBin } from "../core/bin";
import { PersonType } from "../core/enums";
import { binOwnsAccount, proofHolds, readProof, registrationBin } from "./account-proof.rules";

describe("readProof", () => {
  it("normalizes the number and reads the amount in tiyn", () => {
    expect(
      readProof({ accountNumber: " 1002 003\u00A0004 ", lastPaymentAmount: "4520.50" }),
    ).toEqual({ kind: "ok", number: "1002003004", amountTiyn: 452050n });
  });

  it.each([
    ["an empty number", "", "10.00", "accountNumber"],
    ["a number with other characters", "1002/003", "10.00", "accountNumber"],
    ["a number longer than 32", "1".repeat(33), "10.00", "accountNumber"],
    ["an amount with 3 decimals", "1002003004", "10.001", "lastPaymentAmount"],
    ["an amount that is no number", "1002003004", "ten", "lastPaymentAmount"],
    ["both, the number first", "", "ten", "accountNumber"],
  ])("refuses %s", (_name, accountNumber, lastPaymentAmount, field) => {
    expect(readProof({ accountNumber, lastPaymentAmount })).toEqual({ kind: "malformed", field });
  });
});

describe("proofHolds", () => {
  const account = { id: 1 };
  it("holds only for the exact amount of the last payment", () => {
    expect(proofHolds(452050n, account, { amountTiyn: 452050n })).toBe(true);
    expect(proofHolds(452051n, account, { amountTiyn: 452050n })).toBe(false);
    expect(proofHolds(45205n, account, { amountTiyn: 452050n })).toBe(false);
  });

  it("fails alike for an unknown account and an account without payments", () => {
    expect(proofHolds(452050n, null, null)).toBe(false);
    expect(proofHolds(452050n, account, null)).toBe(false);
  });
});

describe("registrationBin", () => {
  const bin = makeBin("12345678901")!;

  it("records no BIN for a person, whatever is typed", () => {
    expect(registrationBin(PersonType.INDIVIDUAL, bin)).toEqual({ kind: "ok", bin: null });
    expect(registrationBin(PersonType.INDIVIDUAL, "nonsense")).toEqual({ kind: "ok", bin: null });
  });

  it("takes a legal entity's valid BIN, spaces removed", () => {
    const spaced = `${bin.slice(0, 6)} ${bin.slice(6)}`;
    expect(registrationBin(PersonType.LEGAL_ENTITY, spaced)).toEqual({ kind: "ok", bin });
  });

  it.each([null, undefined, "", "   "])("refuses a legal entity without a BIN (%p)", (input) => {
    expect(registrationBin(PersonType.LEGAL_ENTITY, input)).toEqual({ kind: "missing" });
  });

  it("refuses a BIN whose check digit is wrong", () => {
    const wrong = bin.slice(0, 11) + String((Number(bin[11]) + 1) % 10);
    expect(registrationBin(PersonType.LEGAL_ENTITY, wrong)).toEqual({ kind: "invalid" });
  });
});

describe("binOwnsAccount", () => {
  it("asks nothing of a person's account", () => {
    expect(binOwnsAccount(null, { ownerBin: null })).toBe(true);
    expect(binOwnsAccount(null, { ownerBin: "123456789012" })).toBe(true);
  });

  it("needs a legal entity's BIN to own the account", () => {
    expect(binOwnsAccount("123456789012", { ownerBin: "123456789012" })).toBe(true);
    expect(binOwnsAccount("123456789012", { ownerBin: "210987654321" })).toBe(false);
    expect(binOwnsAccount("123456789012", { ownerBin: null })).toBe(false);
  });
});
