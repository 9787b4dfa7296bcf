import { LANGUAGE_NAMES, LANGUAGE_SHORT } from "./language-names";
import { displayPhone, numericDate } from "./local-format";
import LanguageSwitch from "./components/ui/LanguageSwitch.vue";
import { mountRu } from "./test/mount";

describe("local habits", () => {
  it.each([
    ["ru", "26.11.2026"],
    ["kk", "26.11.2026"],
    ["en", "26/11/2026"],
  ] as const)("dates in lists: %s → %s, the day in Almaty", (locale, expected) => {
    // 20:30 UTC is already the next day in Almaty.
    expect(numericDate("2026-11-25T20:30:00Z", locale)).toBe(expected);
  });

  it.each([
    ["+77025551234", "+7 702 555 12 34"],
    ["87025551234", "+7 702 555 12 34"],
    ["+7 (702) 555-12-34", "+7 702 555 12 34"],
    ["7025551234", "+7 702 555 12 34"],
    ["", ""],
    ["abc", "abc"],
  ])("phone %p is shown as %p", (stored, shown) => {
    expect(displayPhone(stored)).toBe(shown);
  });

  it("the language menu says РУС, ҚАЗ, ENG and names each language in full", () => {
    const wrapper = mountRu(LanguageSwitch);
    const options = wrapper.findAll("option");
    expect(options.map((option) => option.text())).toEqual(["РУС", "ҚАЗ", "ENG"]);
    expect(options.map((option) => option.attributes("aria-label"))).toEqual([
      "Русский",
      "Қазақша",
      "English",
    ]);
    expect(options.map((option) => option.attributes("lang"))).toEqual(["ru", "kk", "en"]);
    expect(wrapper.get("label").text()).not.toBe("");
    expect(Object.keys(LANGUAGE_SHORT)).toEqual(Object.keys(LANGUAGE_NAMES));
  });
});

describe("ProfileForm", () => {
  it("shows the stored phone as +7 702 555 12 34", async () => {
    const { setUser } = await import("./composables/useSession");
    const { default: ProfileForm } = await import("./components/settings/ProfileForm.vue");
    setUser({
      id: "u1",
      email: "a@example.kz",
      lastName: "Сейткали",
      firstName: "Айгерим",
      phone: "+77025551234",
      language: "RU",
      personType: "INDIVIDUAL",
    } as never);
    const wrapper = mountRu(ProfileForm);
    expect((wrapper.get("#profile-phone").element as HTMLInputElement).value).toBe(
      "+7 702 555 12 34",
    );
  });
});
