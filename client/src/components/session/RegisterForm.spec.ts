import { flushPromises } from "@vue/test-utils";
import { useRegistrationDraft } from "../../composables/useRegistrationDraft";
import { scriptedClient, type Script } from "../../test/apollo";
import { mountRu as mountWithMessages } from "../../test/mount";
import RegisterForm from "./RegisterForm.vue";

let scripted = scriptedClient();
const server = (script: Script) => (scripted = scriptedClient(script));
const mountRu = (component: typeof RegisterForm) =>
  mountWithMessages(component, { global: { provide: scripted.provide } });

const PASSWORD = "Газовый-Счётчик-2026";

async function fillValid(wrapper: ReturnType<typeof mountRu>) {
  const values: Record<string, string> = {
    "#reg-email": "aigerim@example.kz",
    "#reg-password": PASSWORD,
    "#reg-password2": PASSWORD,
    "#reg-last-name": "Сейткали",
    "#reg-first-name": "Айгерим",
    "#reg-phone": "8 701 123 45 67",
    "#reg-account": "0012345678",
    "#reg-payment": "12 345,67",
  };
  for (const [selector, value] of Object.entries(values))
    await wrapper.get(selector).setValue(value);
  await wrapper.get("#reg-terms").setValue(true);
}

const errorOf = (wrapper: ReturnType<typeof mountRu>, id: string) =>
  wrapper.find(`#${id}-error`).text();

beforeEach(() => {
  server({});
  useRegistrationDraft().reset();
});

describe("RegisterForm", () => {
  it("labels every field with the guide's words", () => {
    const wrapper = mountRu(RegisterForm);
    const labels = wrapper.findAll("label").map((label) => label.text());
    expect(labels).toEqual(
      expect.arrayContaining([
        "Электронная почта",
        "Пароль",
        "Еще раз пароль",
        "Фамилия",
        "Имя",
        "№ мобильного телефона",
        "№ лицевого счета",
        "Сумма последней оплаты",
        "Я принимаю условия пользовательского соглашения",
      ]),
    );
    expect(wrapper.get("button[type=submit]").text()).toBe("Зарегистрироваться");
  });

  it("marks every empty field and the unaccepted agreement, and sends nothing", async () => {
    const wrapper = mountRu(RegisterForm);
    await wrapper.get("form").trigger("submit");
    for (const id of [
      "reg-email",
      "reg-password",
      "reg-last-name",
      "reg-first-name",
      "reg-phone",
      "reg-account",
      "reg-payment",
    ]) {
      expect(errorOf(wrapper, id)).toBe("Заполните это поле.");
    }
    expect(errorOf(wrapper, "reg-terms")).toBe(
      "Нужно принять условия пользовательского соглашения.",
    );
    expect(scripted.sent).toHaveLength(0);
  });

  it("reveals the BIN for a legal entity and checks its check digit", async () => {
    const wrapper = mountRu(RegisterForm);
    expect(wrapper.find("#reg-bin").exists()).toBe(false);
    await wrapper.get("#reg-person-type").setValue("LEGAL_ENTITY");
    await wrapper.get("#reg-bin").setValue("080540003126");
    await wrapper.get("#reg-bin").trigger("blur");
    expect(errorOf(wrapper, "reg-bin")).toBe("Неверный БИН: проверьте все 12 цифр.");
    await wrapper.get("#reg-bin").setValue("080540003125");
    await wrapper.get("#reg-bin").trigger("blur");
    expect(wrapper.find("#reg-bin-error").exists()).toBe(false);
  });

  it.each([
    ["#reg-phone", "8 727 250 00 00", "Введите номер мобильного телефона Казахстана"],
    ["#reg-payment", "12345,678", "Введите сумму в тенге, до двух знаков после запятой"],
    ["#reg-email", "aigerim@", "Введите адрес электронной почты"],
    ["#reg-password", "1234567", "Пароль должен содержать от 8 до 128 символов."],
  ])("checks %s on leaving the field", async (selector, value, message) => {
    const wrapper = mountRu(RegisterForm);
    await wrapper.get(selector).setValue(value);
    await wrapper.get(selector).trigger("blur");
    expect(wrapper.get(`${selector}-error`).text()).toContain(message);
  });

  it("says when the passwords differ", async () => {
    const wrapper = mountRu(RegisterForm);
    await fillValid(wrapper);
    await wrapper.get("#reg-password2").setValue(`${PASSWORD}!`);
    await wrapper.get("form").trigger("submit");
    expect(errorOf(wrapper, "reg-password2")).toBe("Пароли не совпадают.");
  });

  it("registers an individual: bin null, the interface language, and reports success", async () => {
    server({
      Register: [
        {
          data: {
            register: {
              __typename: "RegisterPayload",
              user: { __typename: "User", id: "1", email: "aigerim@example.kz" },
            },
          },
        },
      ],
    });
    const wrapper = mountRu(RegisterForm);
    await fillValid(wrapper);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(scripted.named("Register")[0].variables.input).toMatchObject({
      email: "aigerim@example.kz",
      personType: "INDIVIDUAL",
      bin: null,
      language: "RU",
      lastPaymentAmount: "12 345,67",
      acceptTerms: true,
    });
    expect(wrapper.emitted("registered")?.[0]).toEqual(["aigerim@example.kz"]);
  });

  it.each([
    ["EMAIL_TAKEN", "email", "reg-email", "Этот адрес электронной почты уже зарегистрирован."],
    ["WEAK_PASSWORD", "password", "reg-password", "Пароль слишком простой"],
    ["INVALID_PHONE", "phone", "reg-phone", "Введите номер мобильного телефона Казахстана"],
  ])("shows the server's %s beside the %s field", async (code, field, id, message) => {
    server({ Register: [{ refusal: { code, field } }] });
    const wrapper = mountRu(RegisterForm);
    await fillValid(wrapper);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(errorOf(wrapper, id)).toContain(message);
  });

  it("shows a failed account proof without saying which of the two was wrong", async () => {
    server({ Register: [{ refusal: { code: "ACCOUNT_VERIFICATION_FAILED" } }] });
    const wrapper = mountRu(RegisterForm);
    await fillValid(wrapper);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get(".alert").text()).toBe(
      "Номер лицевого счета или сумма последней оплаты указаны неверно.",
    );
  });

  it("points a rejected BIN to the support address", async () => {
    server({ Register: [{ refusal: { code: "BIN_NOT_FOUND", field: "bin" } }] });
    const wrapper = mountRu(RegisterForm);
    await fillValid(wrapper);
    await wrapper.get("#reg-person-type").setValue("LEGAL_ENTITY");
    await wrapper.get("#reg-bin").setValue("080540003125");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(errorOf(wrapper, "reg-bin")).toContain("support@gazholding.kz");
  });
});
