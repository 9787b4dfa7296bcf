import { flushPromises } from "@vue/test-utils";
import { configureSessionRecovery } from "../apollo/session-hooks";
import { offline, scriptedClient, type Script } from "../test/apollo";
import { mountRu } from "../test/mount";
import ForgotPasswordPage from "./ForgotPasswordPage.vue";

let scripted = scriptedClient();
const server = (script: Script) => (scripted = scriptedClient(script));

async function submit(email: string) {
  const wrapper = mountRu(ForgotPasswordPage, { global: { provide: scripted.provide } });
  await wrapper.get("#forgot-email").setValue(email);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

beforeEach(() => server({}));

describe("ForgotPasswordPage", () => {
  it("says a link was sent without telling whether the address is registered", async () => {
    server({ RequestPasswordReset: [{ data: { requestPasswordReset: true } }] });
    const wrapper = await submit(" a@b.kz ");
    expect(scripted.named("RequestPasswordReset")[0].variables).toEqual({
      input: { email: "a@b.kz" },
    });
    expect(wrapper.text()).toContain("Если этот адрес зарегистрирован");
  });

  it("says the feature is not available yet when the server lacks the operation (no fake success)", async () => {
    server({ RequestPasswordReset: [{ refusal: { code: "GRAPHQL_VALIDATION_FAILED" } }] });
    const wrapper = await submit("a@b.kz");
    expect(wrapper.text()).toContain("Эта функция пока недоступна");
    expect(wrapper.text()).not.toContain("Если этот адрес зарегистрирован");
  });

  it("checks the address before asking", async () => {
    const wrapper = await submit("not-an-address");
    expect(wrapper.text()).toContain("Введите адрес электронной почты");
    expect(scripted.sent).toHaveLength(0);
  });

  it("says there is no connection, and keeps the form", async () => {
    server({ RequestPasswordReset: [offline()] });
    const wrapper = await submit("a@b.kz");
    expect(wrapper.find("form").exists()).toBe(true);
    expect(wrapper.text()).not.toContain("Если этот адрес зарегистрирован");
    expect(wrapper.get(".alert").text()).not.toBe("");
  });

  it("never tries to refresh a session for it (a visitor has none)", async () => {
    const refresh = jest.fn().mockResolvedValue(true);
    configureSessionRecovery(refresh, jest.fn());
    server({ RequestPasswordReset: [{ refusal: { code: "UNAUTHENTICATED" } }] });
    await submit("a@b.kz");
    expect(refresh).not.toHaveBeenCalled();
    expect(scripted.named("RequestPasswordReset")[0].context.recover).toBe(false);
  });
});
