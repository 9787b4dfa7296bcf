import {
  COMMON_PASSWORD_COUNT,
  MAX_PASSWORD_CODE_POINTS,
  MIN_PASSWORD_CODE_POINTS,
  checkPassword,
  type PasswordContext,
} from "./password-policy.rules";

/** `count` letters drawn from `alphabet` by a seeded generator: reproducible, not repetitive. */
function lettersFrom(alphabet: string, count: number, seed = 7): string {
  const letters = [...alphabet];
  let state = seed;
  let result = "";
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    result += letters[state % letters.length];
  }
  return result;
}

const KAZAKH_LETTERS = "әіңғүұқөһ";
const CYRILLIC_64 = "мойсекретныйпарольдлягазовогосчетчикаалматыкоторыйниктонеугадает";
const EMOJI = "🔥🐱🌵🎻🚲🍉🦊🧭🌙🎲";

describe("checkPassword", () => {
  it("counts code points, as the limits say", () => {
    expect([MIN_PASSWORD_CODE_POINTS, MAX_PASSWORD_CODE_POINTS]).toEqual([8, 128]);
    expect([...CYRILLIC_64]).toHaveLength(64);
  });

  it.each<[string, string]>([
    ["empty", ""],
    ["7 ASCII characters", "vK8#qLm"],
    ["7 Cyrillic letters", "жёлтыйт"],
    ["7 emoji (14 UTF-16 units)", [...EMOJI].slice(0, 7).join("")],
    ["6 characters and a space", " vK8#qL"],
  ])("%s is TOO_SHORT", (_label, password) => {
    expect(checkPassword(password)).toBe("TOO_SHORT");
  });

  it.each<[string, string]>([
    ["129 ASCII characters", "vK8#qLm2!zR".repeat(12).slice(0, 129)],
    ["129 Kazakh letters", lettersFrom(KAZAKH_LETTERS, 129)],
    ["129 emoji (258 UTF-16 units)", lettersFrom(EMOJI, 129)],
    ["a megabyte", "x".repeat(1_000_000)],
  ])("%s is TOO_LONG", (_label, password) => {
    expect(checkPassword(password)).toBe("TOO_LONG");
  });

  it.each<[string, string]>([
    ["64 Cyrillic letters", CYRILLIC_64],
    [
      "the same with its 60th letter changed",
      CYRILLIC_64.slice(0, 59) + "ж" + CYRILLIC_64.slice(60),
    ],
    ["128 Kazakh letters", lettersFrom(KAZAKH_LETTERS, 128)],
    ["128 emoji (256 UTF-16 units)", lettersFrom(EMOJI, 128)],
    ["8 random ASCII characters", "vK8#qLm2"],
    ["8 emoji", [...EMOJI].slice(0, 8).join("")],
    ["a Russian passphrase", "жёлтый трамвай вечером"],
    ["a Kazakh passphrase", "көктемде алма гүлдейді"],
    ["a l33t word with more", "Tr0ub4dour&3"],
    ["7 characters and a trailing space, not trimmed", "vK8#qLm "],
    ["leading and trailing spaces kept", "  vK8#qLm2  "],
  ])("%s is OK", (_label, password) => {
    expect(checkPassword(password)).toBe("OK");
  });

  it.each([
    // the shipped list
    "password",
    "PASSWORD",
    "Password1",
    "qwerty123",
    "12345678",
    "iloveyou",
    "qazwsxedc",
    "1q2w3e4r5t",
    // l33t spellings of listed words
    "P@ssw0rd",
    "p4$$w0rd",
    "$3cur1ty!",
    "dr@g0n12",
    // trivially guessable
    "aaaaaaaa",
    "abcdefgh",
    "11111111",
    "20262026",
    "01012000",
    // Russian: typed on the Latin layout these are listed ("пароль" is "gfhjkm")
    "пароль123",
    "Пароль2026",
    "привет123",
    "солнышко",
    "йцукен123",
    "фыва1234",
    "зфыыцщкв",
    // the service and its city
    "алматы2026",
    "almaty2026",
    "қазақстан1",
    "qazaqstan1",
    "счетчик123",
    "almatygaz1",
  ])("%j is COMMON", (password) => {
    expect(checkPassword(password)).toBe("COMMON");
  });

  it.each<[string, PasswordContext, string]>([
    ["zhumabaev2026", { names: ["Жумабаев", "Ерлан"] }, "the last name, transliterated"],
    ["Жумабаев2026", { names: ["Жумабаев"] }, "the last name as registered"],
    ["erlan19901", { names: ["Жумабаев", "Ерлан"] }, "the first name, transliterated"],
    ["nurlan.zh1990", { email: "nurlan.zh@mail.kz" }, "the e-mail's local part"],
    ["ivanov2026", { names: ["Иванов", "Иван"], email: "ivan@mail.kz" }, "the brief's example"],
  ])("%j is COMMON for %j (%s)", (password, context) => {
    expect(checkPassword(password, context)).toBe("COMMON");
  });

  it.each(["zhumabaev2026", "Жумабаев2026", "erlan19901", "nurlan.zh1990"])(
    "%j is OK for someone else, even right after a check with those names",
    (password) => {
      checkPassword("anything at all", { names: ["Жумабаев", "Ерлан"], email: "nurlan.zh@x.kz" });
      expect(checkPassword(password)).toBe("OK");
      expect(checkPassword(password, { names: ["Петров"], email: "p@x.kz" })).toBe("OK");
    },
  );

  it("ships a common-password list of at least 3,000 entries", () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(3000);
  });
});
