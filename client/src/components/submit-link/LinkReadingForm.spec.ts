import { flushPromises } from "@vue/test-utils";
import { flushLinkSendings, useLinkSendings } from "../../composables/useLinkSendings";
import { singletonServer } from "../../test/apollo";
import { submissionWindow } from "../../test/fixtures";
import { mountRu } from "../../test/mount";
import type { Answer } from "../../test/scripted-link";
import LinkReadingForm from "./LinkReadingForm.vue";

// The link page sends through the app's links alone: scripted here.
jest.mock("../../apollo/client", () =>
  jest.requireActual("../../test/apollo-singleton").scriptedSingleton(),
);
jest.mock("../../apollo/session-link", () =>
  jest.requireActual("../../test/apollo-singleton").scriptedSessionLink(),
);

const window = submissionWindow(1, "5017.118");
const accepted: Answer = {
  data: {
    submitReadingByLink: {
      value: "5027.5",
      period: "2026-11",
      isCorrection: true,
      submission: window,
    },
  },
};
const inputs = () =>
  singletonServer()
    .named("SubmitReadingByLink")
    .map((sent) => sent.variables.input as Record<string, unknown>);

beforeEach(() => {
  useLinkSendings().pending.value = [];
  useLinkSendings().outcomes.value = [];
  localStorage.clear();
});

describe("LinkReadingForm", () => {
  it.each([
    ["OUTCOME_UNKNOWN", "unconfirmed"],
    ["SERVICE_UNAVAILABLE", "busy"],
  ])(
    "after %s keeps the sending on the phone (%s) and sends it again with the same key",
    async (code, reason) => {
      singletonServer().answer({ SubmitReadingByLink: [{ refusal: { code } }, accepted] });
      const wrapper = mountRu(LinkReadingForm, { props: { token: "t-1", submission: window } });
      await wrapper.get("input").setValue("5027,5");
      await wrapper.get("form").trigger("submit");
      await flushPromises();
      expect(wrapper.emitted("queued")).toHaveLength(1);
      expect(useLinkSendings().pending.value).toMatchObject([
        { token: "t-1", value: "5027,5", reason },
      ]);

      await flushLinkSendings();
      const [first, again] = inputs();
      // The contract's input only: what the phone notes for itself is not sent.
      expect(again).toEqual({
        token: "t-1",
        value: "5027,5",
        idempotencyKey: first.idempotencyKey,
      });
      expect(useLinkSendings().pending.value).toEqual([]);
      expect(useLinkSendings().outcomes.value).toMatchObject([{ sent: { value: "5027.5" } }]);
    },
  );
});
