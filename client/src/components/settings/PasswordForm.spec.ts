import { flushPromises } from "@vue/test-utils";
import { scriptedClient, type Script } from "../../test/apollo";
import { mountRu } from "../../test/mount";
import PasswordForm from "./PasswordForm.vue";

let scripted = scriptedClient();
const server = (script: Script) => (scripted = scriptedClient(script));
beforeEach(() => server({}));

async function submit(current: string, next: string, repeat: string) {
  const wrapper = mountRu(PasswordForm, { global: { provide: scripted.provide } });
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
    expect(scripted.sent).toHaveLength(0);
  });

  it("says when the repetition differs", async () => {
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-2");
    expect(wrapper.get("#password-repeat-error").text()).toBe("Пароли не совпадают.");
    expect(scripted.sent).toHaveLength(0);
  });

  it.each([
    [
      "INVALID_CREDENTIALS",
      "currentPassword",
      "#password-current-error",
      "Текущий пароль указан неверно.",
    ],
    ["WEAK_PASSWORD", "newPassword", "#password-new-error", "Пароль слишком простой"],
    // The server names the new password `password`: shown under the new password.
    ["WEAK_PASSWORD", "password", "#password-new-error", "Пароль слишком простой"],
  ])("puts the server's %s (field %s) beside its field", async (code, field, selector, message) => {
    server({ ChangePassword: [{ refusal: { code, field } }] });
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-1");
    expect(wrapper.get(selector).text()).toContain(message);
  });

  it("changes the password and empties the fields", async () => {
    server({ ChangePassword: [{ data: { changePassword: true } }] });
    const wrapper = await submit("old-password", "құпиясөз-1", "құпиясөз-1");
    expect(scripted.named("ChangePassword").map((sent) => sent.variables)).toEqual([
      { input: { currentPassword: "old-password", newPassword: "құпиясөз-1" } },
    ]);
    expect(wrapper.text()).toContain("Пароль изменен.");
    expect((wrapper.get("#password-new").element as HTMLInputElement).value).toBe("");
  });
});
