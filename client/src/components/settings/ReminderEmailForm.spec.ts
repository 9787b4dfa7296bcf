import { flushPromises } from "@vue/test-utils";
import { scriptedClient } from "../../test/apollo";
import { mountRu } from "../../test/mount";
import ReminderEmailForm from "./ReminderEmailForm.vue";

const me = (reminderEmail: boolean, reminderPush: boolean) => ({
  data: { me: { __typename: "User", id: "7", reminderEmail, reminderPush } },
});
const updated = (reminderEmail: boolean, reminderPush: boolean) => ({
  data: {
    updateReminderSettings: { __typename: "User", id: "7", reminderEmail, reminderPush },
  },
});

describe("ReminderEmailForm", () => {
  it("shows the e-mail setting and turns it off, keeping push as it is", async () => {
    const scripted = scriptedClient({
      ReminderSettings: [me(true, true)],
      UpdateReminderSettings: [updated(false, true)],
    });
    const wrapper = mountRu(ReminderEmailForm, { global: { provide: scripted.provide } });
    await flushPromises();
    const box = wrapper.get<HTMLInputElement>("#reminder-email");
    expect(box.element.checked).toBe(true);
    expect(wrapper.text()).toContain("Напоминать по электронной почте");

    await box.setValue(false);
    await flushPromises();
    expect(scripted.named("UpdateReminderSettings")[0].variables).toEqual({
      email: false,
      push: true,
    });
    expect(wrapper.get<HTMLInputElement>("#reminder-email").element.checked).toBe(false);
  });

  it("says so when the server refuses", async () => {
    const scripted = scriptedClient({
      ReminderSettings: [me(false, false)],
      UpdateReminderSettings: [{ refusal: { code: "RATE_LIMITED", retryAfterSeconds: 30 } }],
    });
    const wrapper = mountRu(ReminderEmailForm, { global: { provide: scripted.provide } });
    await flushPromises();
    await wrapper.get("#reminder-email").setValue(true);
    await flushPromises();
    expect(wrapper.find('[role="alert"]').exists()).toBe(true);
  });
});
