import { linkFromFragment, linkLocale, takeLink } from "./link-fragment";
import { initialLocale } from "./composables/useLocale";

const TOKEN = "q3Zb0n4kT1e-_xYhL2mW8vPa9sRcD5fGuJ6iK7oN0tE";

describe("a reminder link's fragment", () => {
  it("gives the token and the e-mail's language", () => {
    expect(linkFromFragment(`#token=${TOKEN}&lang=kk`)).toEqual({ token: TOKEN, lang: "kk" });
    expect(linkFromFragment(`#lang=en&token=${TOKEN}`)).toEqual({ token: TOKEN, lang: "en" });
    expect(linkFromFragment(`token=${TOKEN}`)).toEqual({ token: TOKEN, lang: null });
  });

  it("has no link without a token, and ignores a language the app does not speak", () => {
    expect(linkFromFragment("")).toBeNull();
    expect(linkFromFragment("#token=")).toBeNull();
    expect(linkFromFragment("#lang=kk")).toBeNull();
    expect(linkLocale(`#token=${TOKEN}&lang=de`)).toBeNull();
    expect(linkLocale(`#token=${TOKEN}&lang=ru`)).toBe("ru");
  });

  it("opens the app in the link's language, over a stored choice", () => {
    localStorage.setItem("gas.locale", "en");
    history.replaceState(null, "", `/submit#token=${TOKEN}&lang=kk`);
    expect(initialLocale()).toBe("kk");
    history.replaceState(null, "", "/submit");
    expect(initialLocale()).toBe("en");
    localStorage.clear();
  });
});

describe("taking the link", () => {
  beforeEach(() => sessionStorage.clear());

  it("removes the token from the address bar and keeps it for a reload of the tab", () => {
    history.replaceState({ back: "/x" }, "", `/submit?a=1#token=${TOKEN}&lang=kk`);
    expect(takeLink(location.hash)).toEqual({ token: TOKEN, lang: "kk" });
    expect(location.href).not.toContain(TOKEN);
    expect(location.pathname + location.search + location.hash).toBe("/submit?a=1");
    expect(history.state).toEqual({ back: "/x" }); // the router's state is kept

    // Reloaded: the address has no fragment any more; the tab still has the link.
    expect(takeLink(location.hash)).toEqual({ token: TOKEN, lang: null });
  });

  it("has nothing when neither the address nor the tab has a link", () => {
    history.replaceState(null, "", "/submit");
    expect(takeLink("")).toBeNull();
    sessionStorage.setItem("gas.submitLink", "{garbled");
    expect(takeLink("")).toBeNull();
  });
});
