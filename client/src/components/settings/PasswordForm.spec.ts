import { flushPromises } from "@vue/test-utils";
import { graphqlRefusal, mountRu } from "../../test/mount";
import PasswordForm from "./PasswordForm.vue";

jest.mock("../../api", () => ({ ...jest.requireActual("../../api"), runMutation: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require("../../api") as { runMutation: jest.Mock };

beforeEach(() => api.runMutation.mockReset());

async function submit(current: string, next: string, repeat: string) {
  const wrapper = mountRu(PasswordForm);
  await wrapper.get("#password-current").setValue(current);
  await wrapper.get("#password-new").setValue(next);
  await wrapper.get("#password-repeat").setValue(repeat);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

describe("PasswordForm", () => {
  it("counts Kazakh letters once each and refuses a short new password", async () => {
    const wrapper = await submit("old-password", "құпиясө", "құпиясө");
    expect(wrapper.get("#password-new-error").text()).toBe(
      "Пароль должен содержать от 8 до 128 символов.",
    );
    expect(api.runMutation).not.toHaveBeenCalled();
  });

  it("says when the repetition differs", async () => {
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-2");
    expect(wrapper.get("#password-repeat-error").text()).toBe("Пароли не совпадают.");
  });

  it.each([
    [
      "INVALID_CREDENTIALS",
      "currentPassword",
      "#password-current-error",
      "Текущий пароль указан неверно.",
    ],
    ["WEAK_PASSWORD", "newPassword", "#password-new-error", "Пароль слишком простой"],
  ])("puts the server's %s beside its field", async (code, field, selector, message) => {
    api.runMutation.mockRejectedValue(graphqlRefusal(code, field));
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-1");
    expect(wrapper.get(selector).text()).toContain(message);
  });

  it("changes the password and empties the fields", async () => {
    api.runMutation.mockResolvedValue({ changePassword: true });
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-1");
    expect(api.runMutation.mock.calls[0][1]).toEqual({
      input: { currentPassword: "old-password", newPassword: "құпиясөз-1" },
    });
    expect(wrapper.text()).toContain("Пароль изменен.");
    expect((wrapper.get("#password-new").element as HTMLInputElement).value).toBe("");
  });
});
