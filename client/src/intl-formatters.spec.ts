import { intlFormatter, makeIntlFormatters, prepareIntlFormatters } from "./intl-formatters";

const ru = { words: "ru-RU", number: "ru-RU" };

describe("Intl formatters", () => {
  it("makes each formatter once per language and shares it", () => {
    const reading = intlFormatter("reading", ru);
    expect(intlFormatter("reading", { ...ru })).toBe(reading);
    expect(intlFormatter("reading", { words: "kk-KZ", number: "ru-KZ" })).not.toBe(reading);
    expect(intlFormatter("money", ru)).not.toBe(reading);
    expect(reading.format("1234.567" as unknown as number)).toBe("1\u00a0234,567");
    expect(intlFormatter("date", ru).format(new Date("2026-11-25T20:30:00Z"))).toBe(
      "26 ноября 2026 г.", // Almaty time, UTC+5
    );
  });

  it("prepares every formatter of a language ahead of need, one task each", () => {
    jest.useFakeTimers();
    const numberFormats = jest.spyOn(Intl, "NumberFormat");
    const dateFormats = jest.spyOn(Intl, "DateTimeFormat");
    try {
      const en = { words: "en-GB", number: "en-GB" };
      prepareIntlFormatters(en);
      expect(numberFormats).toHaveBeenCalledTimes(1); // the first now, the next in a later task
      expect(jest.getTimerCount()).toBe(1);
      jest.runAllTimers();
      expect(numberFormats).toHaveBeenCalledTimes(2);
      expect(dateFormats).toHaveBeenCalledTimes(4); // date, month, time, month and year
      intlFormatter("monthYear", en).format(new Date("2026-11-15T00:00:00Z"));
      intlFormatter("reading", en).format(1);
      expect(numberFormats).toHaveBeenCalledTimes(2); // used as prepared, not made again
      expect(dateFormats).toHaveBeenCalledTimes(4); // used as prepared, not made again
    } finally {
      jest.restoreAllMocks();
      jest.useRealTimers();
    }
  });

  it("makes every formatter of a language at once (what the worker runs)", () => {
    const de = { words: "de-DE", number: "de-DE" };
    makeIntlFormatters(de);
    const numberFormats = jest.spyOn(Intl, "NumberFormat");
    const dateFormats = jest.spyOn(Intl, "DateTimeFormat");
    try {
      intlFormatter("money", de);
      intlFormatter("monthYear", de);
      expect(numberFormats).not.toHaveBeenCalled();
      expect(dateFormats).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
