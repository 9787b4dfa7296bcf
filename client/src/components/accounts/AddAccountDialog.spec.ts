import { flushPromises } from "@vue/test-utils";
import { scriptedClient, type Script } from "../../test/apollo";
import { accountCard } from "../../test/fixtures";
import { mountRu } from "../../test/mount";
import AddAccountDialog from "./AddAccountDialog.vue";

let scripted = scriptedClient();
const server = (script: Script) => (scripted = scriptedClient(script));
beforeEach(() => server({}));

async function submit(number: string, amount: string) {
  const wrapper = mountRu(AddAccountDialog, { global: { provide: scripted.provide } });
  await wrapper.get("#add-account-number").setValue(number);
  await wrapper.get("#add-account-payment").setValue(amount);
  await wrapper.get("form").trigger("submit");
  await flushPromises();
  return wrapper;
}

describe("AddAccountDialog", () => {
  it("is a labelled modal dialog", () => {
    const dialog = mountRu(AddAccountDialog, { global: { provide: scripted.provide } }).get(
      "[role=dialog]",
    );
    expect(dialog.attributes("aria-modal")).toBe("true");
    expect(dialog.text()).toContain("Добавить лицевой счет");
  });

  it("checks the amount with tiyn before asking the server", async () => {
    const wrapper = await submit("1002003004", "4218,355");
    expect(wrapper.get("#add-account-payment-error").text()).toContain(
      "до двух знаков после запятой",
    );
    expect(scripted.sent).toHaveLength(0);
  });

  it("links the account and reports its number", async () => {
    server({ LinkAccount: [{ data: { linkAccount: accountCard("1002003004", []) } }] });
    const wrapper = await submit(" 1002003004 ", "4 218,35");
    expect(scripted.named("LinkAccount").map((sent) => sent.variables)).toEqual([
      { input: { accountNumber: "1002003004", lastPaymentAmount: "4 218,35" } },
    ]);
    expect(wrapper.emitted("added")?.[0]).toEqual(["1002003004"]);
  });

  it.each([
    [
      "ACCOUNT_VERIFICATION_FAILED",
      "Номер лицевого счета или сумма последней оплаты указаны неверно.",
    ],
    ["ACCOUNT_ALREADY_LINKED", "Этот лицевой счет уже есть в вашем списке."],
  ])("shows %s as a sentence", async (code, message) => {
    server({ LinkAccount: [{ refusal: { code } }] });
    const wrapper = await submit("1002003004", "1,00");
    expect(wrapper.get(".alert").text()).toBe(message);
  });
});
