import en from "./en.json";
import kk from "./kk.json";
import ru from "./ru.json";
import { i18n, loadLocaleMessages, LOCALES, russianPluralIndex } from "../i18n";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys whose Kazakh text may equal the Russian: units and numbers only. */
const SAME_IN_KK_AND_RU = new Set(["units.m3"]);

const locales = { ru: leaves(ru), kk: leaves(kk), en: leaves(en) };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("locale files", () => {
  it.each(["kk", "en"] as const)("%s has exactly the keys of ru", (locale) => {
    expect([...locales[locale].keys()].sort()).toEqual([...locales.ru.keys()].sort());
  });

  it.each(["ru", "kk", "en"] as const)("%s has no empty message", (locale) => {
    const empty = [...locales[locale]]
      .filter(([, value]) => value.trim() === "")
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("translates every Kazakh message (identical to Russian only on the allow-list)", () => {
    const same = [...locales.kk]
      .filter(([key, value]) => value === locales.ru.get(key) && !SAME_IN_KK_AND_RU.has(key))
      .map(([key]) => key);
    expect(same).toEqual([]);
  });

  it.each(["kk", "en"] as const)("%s uses the same placeholders as ru", (locale) => {
    const differing = [...locales.ru]
      .filter(([key, value]) => {
        const other = locales[locale].get(key) ?? "";
        return (
          placeholders(value)
            .filter((p) => p !== "n")
            .join() !==
          placeholders(other)
            .filter((p) => p !== "n")
            .join()
        );
      })
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it.each(["ru", "kk", "en"] as const)(
    "%s ties m³ to its number with a no-break space (never alone on a line)",
    (locale) => {
      const loose = [...locales[locale]]
        .filter(([, value]) => /(^|[^\u00a0])[мm]³/.test(value))
        .map(([key]) => key);
      expect(loose).toEqual([]);
    },
  );

  it.each(["ru", "kk", "en"] as const)(
    "%s writes phone numbers as +7 702 555 12 34, unbroken",
    (locale) => {
      const phones = [...locales[locale].values()].flatMap(
        (value) =>
          value.match(/(?:\+7|\b8)[\s\u00a0(]*\d{3}[\s\u00a0)-]*\d[\d\s\u00a0-]{6,}/g) ?? [],
      );
      expect(phones.length).toBeGreaterThan(0);
      for (const phone of phones)
        expect(phone.trim()).toMatch(/^\+7\u00a0\d{3}\u00a0\d{3}\u00a0\d{2}\u00a0\d{2}$/);
    },
  );

  it("gives every Russian plural message the three forms one | few | many", () => {
    const plurals = [...locales.ru].filter(([, value]) => value.includes("|"));
    expect(plurals.length).toBeGreaterThan(0);
    for (const [key, value] of plurals) expect([key, value.split("|").length]).toEqual([key, 3]);
  });

  it("keeps the guide's Russian wording verbatim", () => {
    const guide = [
      "Регистрация",
      "Электронная почта",
      "Пароль",
      "Еще раз пароль",
      "Фамилия",
      "Имя",
      "№ мобильного телефона",
      "Физическое лицо",
      "Юридическое лицо",
      "№ лицевого счета",
      "Сумма последней оплаты",
      "Зарегистрироваться",
      "Вход в приложение",
      "Войти",
      "Запомнить меня",
      "Передать показания",
      "Выход",
    ];
    const values = new Set(locales.ru.values());
    expect(guide.filter((phrase) => !values.has(phrase))).toEqual([]);
    expect(`${ru.register.accept.replace("{link}", ru.register.acceptLink)}`).toBe(
      "Я принимаю условия пользовательского соглашения",
    );
  });
});

describe("russianPluralIndex", () => {
  it.each([
    [1, 0],
    [21, 0],
    [101, 0],
    [2, 1],
    [3, 1],
    [4, 1],
    [22, 1],
    [34, 1],
    [0, 2],
    [5, 2],
    [11, 2],
    [12, 2],
    [14, 2],
    [25, 2],
    [111, 2],
  ])("%i → form %i", (n, form) => {
    expect(russianPluralIndex(n, 3)).toBe(form);
  });
});

describe("through vue-i18n", () => {
  const { t } = i18n.global;

  it("loads only the language asked for", async () => {
    await loadLocaleMessages("kk");
    expect(i18n.global.availableLocales).toEqual(["kk"]);
    for (const locale of LOCALES) await loadLocaleMessages(locale);
    expect([...i18n.global.availableLocales].sort()).toEqual(["en", "kk", "ru"]);
  });

  // The build compiles the same messages with the same compiler (@intlify/unplugin-vue-i18n):
  // a syntax error here (a bare "@", say) would fail it there.
  it.each(LOCALES)("%s: every message compiles and fills its placeholders", (locale) => {
    i18n.global.locale.value = locale;
    const broken = [...locales[locale]]
      .filter(([key, message]) => {
        const values = Object.fromEntries(placeholders(message).map((name) => [name, "X"]));
        const text = t(key, { ...values, n: 2 });
        return text === key || /[{}]/.test(text);
      })
      .map(([key]) => key);
    expect(broken).toEqual([]);
  });

  it("picks the forms of the real plural messages", () => {
    i18n.global.locale.value = "ru";
    expect([1, 3, 5, 21].map((n) => t("readings.count", n))).toEqual([
      "Всего 1 показание",
      "Всего 3 показания",
      "Всего 5 показаний",
      "Всего 21 показание",
    ]);
    expect(t("accounts.count", 2)).toBe("2 лицевых счета");
    i18n.global.locale.value = "kk";
    expect(t("readings.count", 2)).toBe(kk.readings.count.replace("{n}", "2"));
    i18n.global.locale.value = "en";
    expect([1, 2].map((n) => t("readings.inDays", n))).toEqual(["(in 1 day)", "(in 2 days)"]);
  });
});
