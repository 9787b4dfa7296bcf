import { flushPromises } from "@vue/test-utils";
import { graphqlRefusal, mountRu } from "../test/mount";
import ForgotPasswordPage from "./ForgotPasswordPage.vue";

jest.mock("../api", () => ({ ...jest.requireActual("../api"), runMutation: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require("../api") as { runMutation: jest.Mock };

async function submit(email: string) {
  const wrapper = mountRu(ForgotPasswordPage);
  await wrapper.get("#forgot-email").setValue(email);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

beforeEach(() => api.runMutation.mockReset());

describe("ForgotPasswordPage", () => {
  it("says a link was sent without telling whether the address is registered", async () => {
    api.runMutation.mockResolvedValue({ requestPasswordReset: true });
    const wrapper = await submit("a@b.kz");
    expect(wrapper.text()).toContain("Если этот адрес зарегистрирован");
  });

  it("says the feature is not available yet when the server lacks the operation (no fake success)", async () => {
    api.runMutation.mockRejectedValue(graphqlRefusal("GRAPHQL_VALIDATION_FAILED"));
    const wrapper = await submit("a@b.kz");
    expect(wrapper.text()).toContain("Эта функция пока недоступна");
    expect(wrapper.text()).not.toContain("Если этот адрес зарегистрирован");
  });

  it("checks the address before asking", async () => {
    const wrapper = await submit("not-an-address");
    expect(wrapper.text()).toContain("Введите адрес электронной почты");
    expect(api.runMutation).not.toHaveBeenCalled();
  });
});
