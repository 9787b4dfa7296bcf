import { mount } from "@vue/test-utils";
import { defineComponent, h, nextTick } from "vue";
import { I18nT, useI18n } from "vue-i18n";
import { i18n } from "./i18n";

// Under Jest the messages are plain strings compiled by vue-i18n's Node build; in the browser
// they arrive precompiled. The syntax and the plural rules are the same.
const messages = {
  greeting: "Здравствуйте, {name}!",
  count: "{n} показание | {n} показания | {n} показаний",
  inDays: "(через {n} день) | (через {n} дня) | (через {n} дней)",
  email: "например name{'@'}mail.kz",
  accept: "Я принимаю условия {link}",
  nested: { title: "Показания счетчика" },
};
const english = { count: "{n} reading in all | {n} readings in all", greeting: "Hello, {name}!" };
const { t } = i18n.global;

beforeAll(() => {
  i18n.global.setLocaleMessage("ru", messages);
  i18n.global.setLocaleMessage("en", english);
  i18n.global.setLocaleMessage("kk", { count: "Барлығы {n} көрсеткіш" });
});
beforeEach(() => {
  i18n.global.locale.value = "ru";
});

describe("messages", () => {
  it("fills placeholders and reads nested keys", () => {
    expect(t("greeting", { name: "Айгерим" })).toBe("Здравствуйте, Айгерим!");
    expect(t("nested.title")).toBe("Показания счетчика");
    expect(t("greeting", { name: 5 })).toBe("Здравствуйте, 5!");
    expect(t("greeting")).toBe("Здравствуйте, !");
  });

  it("keeps quoted literals", () => {
    expect(t("email")).toBe("например name@mail.kz");
  });

  it("picks the Russian plural form: one, few, many", () => {
    expect([1, 2, 5, 11, 21, 22, 25, 0].map((n) => t("count", n))).toEqual([
      "1 показание",
      "2 показания",
      "5 показаний",
      "11 показаний",
      "21 показание",
      "22 показания",
      "25 показаний",
      "0 показаний",
    ]);
    expect(t("inDays", 3)).toBe("(через 3 дня)");
    expect(t("count", { n: 4 })).toBe("4 показания");
  });

  it("picks the English form (one | other) and Kazakh's single form", () => {
    i18n.global.locale.value = "en";
    expect([0, 1, 2].map((n) => t("count", n))).toEqual([
      "0 readings in all",
      "1 reading in all",
      "2 readings in all",
    ]);
    i18n.global.locale.value = "kk";
    expect(t("count", 5)).toBe("Барлығы 5 көрсеткіш");
  });

  it("answers a key without a message with the key itself (no fallback language)", () => {
    expect(t("no.such.key")).toBe("no.such.key");
    i18n.global.locale.value = "en";
    expect(t("nested.title")).toBe("nested.title");
  });

  it("lists the languages whose messages are loaded", () => {
    expect([...i18n.global.availableLocales].sort()).toEqual(["en", "kk", "ru"]);
  });
});

describe("in components", () => {
  it("re-renders when the language changes", async () => {
    const Greeting = defineComponent({
      setup() {
        const { t } = useI18n();
        return () => h("p", t("greeting", { name: "Ann" }));
      },
    });
    const wrapper = mount(Greeting, { global: { plugins: [i18n] } });
    expect(wrapper.text()).toBe("Здравствуйте, Ann!");
    i18n.global.locale.value = "en";
    await nextTick();
    expect(wrapper.text()).toBe("Hello, Ann!");
  });

  it("I18nT puts a slot where its placeholder is", () => {
    const Accept = defineComponent({
      setup: () => () =>
        h("p", [
          h(
            I18nT,
            { keypath: "accept", scope: "global" },
            { link: () => h("a", { href: "/agreement" }, "соглашения") },
          ),
        ]),
    });
    expect(mount(Accept, { global: { plugins: [i18n] } }).element.innerHTML).toBe(
      'Я принимаю условия <a href="/agreement">соглашения</a>',
    );
  });
});
