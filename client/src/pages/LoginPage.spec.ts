import { flushPromises } from "@vue/test-utils";
import { clearSession, useSession } from "../composables/useSession";
import { singletonServer } from "../test/apollo";
import { user } from "../test/fixtures";
import { afterRenderSteps, mountRu } from "../test/mount";
import { offline } from "../test/scripted-link";
import LoginPage from "./LoginPage.vue";

const replace = jest.fn();
const route = { query: {} as Record<string, string> };
jest.mock("vue-router", () => ({
  useRouter: () => ({ replace }),
  useRoute: () => route,
}));
// Logging in goes through the session and the app's one client: a scripted one here.
jest.mock("../apollo/client", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSingleton(),
);
jest.mock("../apollo/session-link", () =>
  jest.requireActual("../test/apollo-singleton").scriptedSessionLink(),
);
jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"));
jest.mock("../composables/useLocale", () => ({
  ...jest.requireActual("../composables/useLocale"),
  applyLocale: jest.fn().mockResolvedValue(undefined),
}));
jest.mock("../intl-prepare", () => ({ prepareIntl: jest.fn() }));

const loggedIn = {
  data: {
    login: { __typename: "AuthPayload", accessToken: "t", expiresAt: "2026-11-26T06:00:00Z", user },
  },
};

beforeEach(() => {
  replace.mockReset();
  route.query = {};
  singletonServer().answer({});
});
afterEach(() => clearSession());

async function submit(email: string, password: string, remember = false) {
  const wrapper = mountRu(LoginPage);
  await afterRenderSteps();
  await wrapper.get("#login-email").setValue(email);
  await wrapper.get("#login-password").setValue(password);
  if (remember) await wrapper.get("#login-remember").setValue(true);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

describe("LoginPage", () => {
  it("has the guide's words: the title first, the form and its links a task later", async () => {
    const wrapper = mountRu(LoginPage);
    expect(wrapper.get("h1").text()).toBe("Вход в приложение");
    expect(wrapper.find("form").exists()).toBe(false);
    await afterRenderSteps();
    expect(wrapper.text()).toContain("Запомнить меня");
    expect(wrapper.get("button[type=submit]").text()).toBe("Войти");
    expect(wrapper.text()).toContain("Регистрация");
  });

  it("checks both fields before asking the server", async () => {
    const wrapper = await submit("", "");
    expect(wrapper.get("#login-email-error").text()).toBe("Заполните это поле.");
    expect(wrapper.get("#login-password-error").text()).toBe("Заполните это поле.");
    expect(singletonServer().sent).toHaveLength(0);
  });

  it("logs in with remember-me and opens the accounts", async () => {
    singletonServer().answer({ Login: [loggedIn] });
    await submit("a@b.kz", "secret-password", true);
    expect(singletonServer().named("Login")[0].variables).toEqual({
      input: { email: "a@b.kz", password: "secret-password", rememberMe: true },
    });
    expect(useSession().isLoggedIn.value).toBe(true);
    expect(replace).toHaveBeenCalledWith({ name: "accounts" });
  });

  it("goes back to the page asked for before the login, only within the app", async () => {
    singletonServer().answer({ Login: [loggedIn, loggedIn] });
    route.query = { next: "/accounts/1002003004" };
    await submit("a@b.kz", "secret-password");
    expect(replace).toHaveBeenLastCalledWith("/accounts/1002003004");
    route.query = { next: "https://evil.example" };
    await submit("a@b.kz", "secret-password");
    expect(replace).toHaveBeenLastCalledWith({ name: "accounts" });
  });

  it("says the e-mail or password is wrong, in Russian", async () => {
    singletonServer().answer({ Login: [{ refusal: { code: "INVALID_CREDENTIALS" } }] });
    const wrapper = await submit("a@b.kz", "wrong-password");
    expect(wrapper.get(".alert").text()).toBe("Неверная электронная почта или пароль.");
    expect(replace).not.toHaveBeenCalled();
  });

  it("says how long to wait when rate-limited", async () => {
    singletonServer().answer({
      Login: [{ refusal: { code: "RATE_LIMITED", retryAfterSeconds: 600 } }],
    });
    const wrapper = await submit("a@b.kz", "wrong-password");
    expect(wrapper.get(".alert").text()).toBe("Слишком много попыток. Попробуйте через 10 мин.");
  });

  it("says there is no connection", async () => {
    singletonServer().answer({ Login: [offline()] });
    const wrapper = await submit("a@b.kz", "secret-password");
    expect(wrapper.get(".alert").text()).not.toBe("");
    expect(useSession().isLoggedIn.value).toBe(false);
  });
});
