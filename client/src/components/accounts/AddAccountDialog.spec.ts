import { flushPromises } from "@vue/test-utils";
import { graphqlRefusal, mountRu } from "../../test/mount";
import AddAccountDialog from "./AddAccountDialog.vue";

jest.mock("../../api", () => ({ ...jest.requireActual("../../api"), runMutation: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require("../../api") as { runMutation: jest.Mock };

beforeEach(() => api.runMutation.mockReset());

async function submit(number: string, amount: string) {
  const wrapper = mountRu(AddAccountDialog);
  await wrapper.get("#add-account-number").setValue(number);
  await wrapper.get("#add-account-payment").setValue(amount);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

describe("AddAccountDialog", () => {
  it("is a labelled modal dialog", () => {
    const dialog = mountRu(AddAccountDialog).get("[role=dialog]");
    expect(dialog.attributes("aria-modal")).toBe("true");
    expect(dialog.text()).toContain("Добавить лицевой счет");
  });

  it("checks the amount with tiyn before asking the server", async () => {
    const wrapper = await submit("1002003004", "4218,355");
    expect(wrapper.get("#add-account-payment-error").text()).toContain(
      "до двух знаков после запятой",
    );
    expect(api.runMutation).not.toHaveBeenCalled();
  });

  it("links the account and reports its number", async () => {
    api.runMutation.mockResolvedValue({
      linkAccount: { number: "1002003004", holderName: "И", address: "А" },
    });
    const wrapper = await submit("1002003004", "4 218,35");
    expect(api.runMutation.mock.calls[0][1]).toEqual({
      input: { accountNumber: "1002003004", lastPaymentAmount: "4 218,35" },
    });
    expect(wrapper.emitted("added")?.[0]).toEqual(["1002003004"]);
  });

  it.each([
    [
      "ACCOUNT_VERIFICATION_FAILED",
      "Номер лицевого счета или сумма последней оплаты указаны неверно.",
    ],
    ["ACCOUNT_ALREADY_LINKED", "Этот лицевой счет уже есть в вашем списке."],
  ])("shows %s as a sentence", async (code, message) => {
    api.runMutation.mockRejectedValue(graphqlRefusal(code));
    const wrapper = await submit("1002003004", "1,00");
    expect(wrapper.get(".alert").text()).toBe(message);
  });
});
