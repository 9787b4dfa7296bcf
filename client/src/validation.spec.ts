import { kzMobile } from "./phone-rule";
import { bin, email, money, passwordLength, reading, required } from "./validation";

describe("client rules (the server's shared modules)", () => {
  it.each([
    ["12345.67", null],
    ["12 345,67", null],
    ["0,5", null],
    ["12345", null],
    ["12345.678", "validation.money"],
    ["-5", "validation.money"],
    ["12,34,5", "validation.money"],
    ["abc", "validation.money"],
  ])("money %j → %j", (value, expected) => expect(money(value)).toBe(expected));

  it.each([
    ["1234.567", null],
    ["1 234,5", null],
    ["0", null],
    ["1234.5678", "validation.reading"],
    ["1e3", "validation.reading"],
    ["", "validation.reading"],
  ])("reading %j → %j", (value, expected) => expect(reading(value)).toBe(expected));

  it.each([
    ["080540003125", null],
    ["0805 4000 3125", null],
    ["080540003126", "errors.INVALID_BIN"],
    ["08054000312", "errors.INVALID_BIN"],
  ])("BIN %j → %j", (value, expected) => expect(bin(value)).toBe(expected));

  it.each([
    ["8 701 123 45 67", null],
    ["+7 (701) 123-45-67", null],
    ["87011234567", null],
    ["8 727 250 00 00", "errors.INVALID_PHONE"],
    ["+7 916 123 45 67", "errors.INVALID_PHONE"],
    ["12345", "errors.INVALID_PHONE"],
  ])("phone %j → %j", (value, expected) => expect(kzMobile(value)).toBe(expected));

  it.each([
    ["1234567", "validation.passwordLength"],
    ["12345678", null],
    ["құпиясөз", null],
    ["ж".repeat(128), null],
    ["ж".repeat(129), "validation.passwordLength"],
    ["😀😀😀😀", "validation.passwordLength"],
  ])("password length %j → %j", (value, expected) => expect(passwordLength(value)).toBe(expected));

  it("requires a non-blank value and an e-mail shape", () => {
    expect(required("  ")).toBe("validation.required");
    expect(email("name@mail.kz")).toBeNull();
    expect(email("name@mail")).toBe("validation.email");
  });
});
