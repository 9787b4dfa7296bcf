import { flushPromises } from "@vue/test-utils";
import { afterRenderSteps, graphqlRefusal, mountRu } from "../test/mount";
import LoginPage from "./LoginPage.vue";

const replace = jest.fn();
jest.mock("vue-router", () => ({
  useRouter: () => ({ replace }),
  useRoute: () => ({ query: {} }),
}));
jest.mock("../composables/useSession", () => ({ useSession: () => ({ login: mockLogin }) }));
const mockLogin = jest.fn();

beforeEach(() => {
  mockLogin.mockReset();
  replace.mockReset();
});

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
    expect(mockLogin).not.toHaveBeenCalled();
  });

  it("logs in with remember-me and opens the accounts", async () => {
    mockLogin.mockResolvedValue(undefined);
    await submit("a@b.kz", "secret-password", true);
    expect(mockLogin).toHaveBeenCalledWith("a@b.kz", "secret-password", true);
    expect(replace).toHaveBeenCalledWith({ name: "accounts" });
  });

  it("says the e-mail or password is wrong, in Russian", async () => {
    mockLogin.mockRejectedValue(graphqlRefusal("INVALID_CREDENTIALS"));
    const wrapper = await submit("a@b.kz", "wrong-password");
    expect(wrapper.get(".alert").text()).toBe("Неверная электронная почта или пароль.");
  });

  it("says how long to wait when rate-limited", async () => {
    mockLogin.mockRejectedValue(
      graphqlRefusal("RATE_LIMITED", undefined, { retryAfterSeconds: 600 }),
    );
    const wrapper = await submit("a@b.kz", "wrong-password");
    expect(wrapper.get(".alert").text()).toBe("Слишком много попыток. Попробуйте через 10 мин.");
  });
});
