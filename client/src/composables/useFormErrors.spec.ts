import { flushPromises } from "@vue/test-utils";
import { defineComponent, h } from "vue";
import { scriptedClient, type Script } from "../test/apollo";
import { mountRu } from "../test/mount";
import { useFormErrors } from "./useFormErrors";

/*
 * A refusal must reach the user wherever the form is scrolled: focus moves to the first field
 * in error, else to the form's alert, and the message is announced.
 */

let scripted = scriptedClient();
const server = (script: Script) => (scripted = scriptedClient(script));
beforeEach(() => server({}));
const withClient = () => ({ global: { provide: scripted.provide } });

describe("refusals are focused and announced in every form", () => {
  it("RegisterForm: a server refusal naming a field focuses that field", async () => {
    const { default: RegisterForm } = await import("../components/session/RegisterForm.vue");
    const { useRegistrationDraft } = await import("./useRegistrationDraft");
    useRegistrationDraft().reset();
    server({ Register: [{ refusal: { code: "EMAIL_TAKEN", field: "email" } }] });
    const wrapper = mountRu(RegisterForm, { attachTo: document.body, ...withClient() });
    const values: Record<string, string> = {
      "#reg-email": "aigerim@example.kz",
      "#reg-password": "Газовый-Счётчик-2026",
      "#reg-password2": "Газовый-Счётчик-2026",
      "#reg-last-name": "Сейткали",
      "#reg-first-name": "Айгерим",
      "#reg-phone": "8 701 123 45 67",
      "#reg-account": "0012345678",
      "#reg-payment": "12 345,67",
    };
    for (const [selector, value] of Object.entries(values))
      await wrapper.get(selector).setValue(value);
    await wrapper.get("#reg-terms").setValue(true);
    (wrapper.get("button[type=submit]").element as HTMLButtonElement).focus();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(document.activeElement?.id).toBe("reg-email");
    expect(wrapper.get("#reg-email-error").attributes("role")).toBe("alert");
    wrapper.unmount();
  });

  it("RegisterForm: the client's rules focus the first field in page order", async () => {
    const { default: RegisterForm } = await import("../components/session/RegisterForm.vue");
    const { useRegistrationDraft } = await import("./useRegistrationDraft");
    useRegistrationDraft().reset();
    const wrapper = mountRu(RegisterForm, { attachTo: document.body, ...withClient() });
    await wrapper.get("#reg-email").setValue("aigerim@example.kz");
    await wrapper.get("#reg-password").setValue("Газовый-Счётчик-2026");
    await wrapper.get("#reg-password2").setValue("Газовый-Счётчик-2026");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(document.activeElement?.id).toBe("reg-last-name");
    expect(scripted.sent).toHaveLength(0);
    wrapper.unmount();
  });

  it("AddAccountDialog: a refusal no field owns focuses the form's alert", async () => {
    const { default: AddAccountDialog } =
      await import("../components/accounts/AddAccountDialog.vue");
    server({ LinkAccount: [{ refusal: { code: "ACCOUNT_VERIFICATION_FAILED" } }] });
    const wrapper = mountRu(AddAccountDialog, { attachTo: document.body, ...withClient() });
    await wrapper.get("#add-account-number").setValue("1002003004");
    await wrapper.get("#add-account-payment").setValue("4218,35");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const alert = wrapper.get("[data-form-alert]");
    expect(document.activeElement).toBe(alert.element);
    expect(alert.attributes("role")).toBe("alert");
    expect(alert.attributes("tabindex")).toBe("-1");
    wrapper.unmount();
  });

  it("does not move focus while the user types and a field is checked on blur", async () => {
    const Form = defineComponent({
      setup() {
        const form = useFormErrors(["a"] as const);
        return () =>
          h("form", { onSubmit: (event: Event) => event.preventDefault() }, [
            h("input", {
              id: "a",
              "aria-invalid": form.errors.a ? "true" : undefined,
              onBlur: () => form.set("a", { key: "validation.required" }),
            }),
            h("input", { id: "b" }),
          ]);
      },
    });
    const wrapper = mountRu(Form, { attachTo: document.body });
    (wrapper.get("#a").element as HTMLInputElement).focus();
    (wrapper.get("#b").element as HTMLInputElement).focus();
    await flushPromises();
    expect(document.activeElement?.id).toBe("b");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(document.activeElement?.id).toBe("a");
    wrapper.unmount();
  });
});
