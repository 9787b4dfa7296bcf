import { expect, test, type Page } from "@playwright/test";
import {
  checkScreen,
  expectNoRussianUi,
  readMinimum,
  russianOnlyPhrases,
  watchConsole,
} from "./support";

/*
 * The user guide from end to end, in Russian, on a phone-sized window, then the same user in
 * Kazakh; and a legal entity's registration with its fixed list. Runs on a fresh database.
 */
test.describe.configure({ mode: "serial" });

const PASSWORD = "Газовый-Счётчик-2026";
const stamp = Date.now();

async function fillRegistration(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

test("an individual follows the guide in Russian, then uses the app in Kazakh", async ({
  page,
  context,
}) => {
  const problems = watchConsole(page);
  const email = `aigerim.${stamp}@example.kz`;

  // Вход в приложение → «Регистрация»
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await checkScreen(page, "ru-01-login");
  await page.getByRole("link", { name: "Регистрация" }).click();
  await expect(page.getByRole("heading", { name: "Регистрация" })).toBeVisible();

  await fillRegistration(page, {
    "Электронная почта": email,
    Пароль: PASSWORD,
    "Еще раз пароль": PASSWORD,
    Фамилия: "Сейткали",
    Имя: "Айгерим",
    "№ мобильного телефона": "8 701 123 45 67",
    "№ лицевого счета": "0012345678",
    "Сумма последней оплаты": "12 345,67",
  });
  // Inline validation: a wrong phone and a money amount with three decimals.
  await page.getByLabel("№ мобильного телефона").fill("8 495 123 45 67");
  await page.getByLabel("№ мобильного телефона").blur();
  await expect(page.getByText("Введите номер мобильного телефона Казахстана")).toBeVisible();
  await page.getByLabel("№ мобильного телефона").fill("8 701 123 45 67");
  await page.getByLabel("№ мобильного телефона").blur();
  await expect(page.getByText("Введите номер мобильного телефона Казахстана")).toHaveCount(0);
  await checkScreen(page, "ru-02-register");

  // The agreement, and back to a form that kept its values.
  await page.getByRole("link", { name: "пользовательского соглашения" }).click();
  await expect(page.getByRole("heading", { name: "Пользовательское соглашение" })).toBeVisible();
  await checkScreen(page, "ru-03-agreement");
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByLabel("Фамилия", { exact: true })).toHaveValue("Сейткали");
  await page.getByText("Я принимаю условия").click();
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(
    page.getByText("Вы успешно зарегистрированы и можете зайти в приложение"),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ярлык на главном экране" })).toBeVisible();
  await checkScreen(page, "ru-04-register-success");

  // «Войти» with «Запомнить меня»
  await page.getByRole("link", { name: "Войти" }).click();
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByText("Запомнить меня").click();
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("heading", { name: "Лицевые счета" })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.httpOnly);
  expect(
    session?.expires ?? -1,
    "remember me keeps the cookie beyond the browser session",
  ).toBeGreaterThan(Date.now() / 1000 + 7 * 86_400);

  // Cards: number, holder, address; settings and [+].
  const firstCard = page.getByRole("link", { name: /0012345678/ });
  await expect(firstCard).toContainText("Сейткали Айгерим Нурлановна");
  await checkScreen(page, "ru-05-accounts");

  // Add another account.
  await page.getByRole("button", { name: "Добавить лицевой счет" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("№ лицевого счета").fill("1002003004");
  await dialog.getByLabel("Сумма последней оплаты").fill("4218,35");
  await checkScreen(page, "ru-06-add-account");
  await dialog.getByRole("button", { name: "Добавить" }).click();
  await expect(page.getByRole("link", { name: /1002003004/ })).toContainText(
    "Иванов Пётр Сергеевич",
  );

  // The session survives a reload (refresh through the cookie; the token is in memory only).
  // The first screen of a logged-in user sets Intl up in a worker (allowed by the CSP).
  const intlWorker = page.waitForResponse(/\/assets\/intl-worker-[\w-]+\.js$/);
  await page.reload();
  expect((await intlWorker).ok()).toBe(true);
  await expect(page.getByRole("link", { name: /1002003004/ })).toBeVisible();

  // Readings: history, a too-low value refused, send, correct, the third blocked.
  await firstCard.click();
  await expect(page.getByRole("heading", { name: "Показания счетчика" })).toBeVisible();
  await expect(page.getByText("Снял контролер").first()).toBeVisible();
  await expect(page.getByText("Расход газа за 12 месяцев, м³")).toBeVisible();
  await expect(page.getByLabel("Текущие показания, м³")).toHaveAttribute("inputmode", "decimal");
  await checkScreen(page, "ru-07-readings");
  const minimum = await readMinimum(page);

  const field = page.getByLabel("Текущие показания, м³");
  await field.fill(String(Math.max(0, Math.floor(minimum) - 5)));
  await page.getByRole("button", { name: "Передать показания" }).click();
  await expect(page.getByText("Показания не могут быть меньше предыдущих")).toBeVisible();
  await checkScreen(page, "ru-08-readings-refused");

  await field.fill(`${Math.floor(minimum) + 10},5`);
  await expect(page.getByText("Расход с предыдущих показаний:")).toBeVisible();
  await page.getByRole("button", { name: "Передать показания" }).click();
  // The sending is repeated back (value and month) and the form folds behind «Исправить».
  const summary = page.getByTestId("sent-summary");
  await expect(summary).toContainText(/^\s*[\d\s\u00a0]+,5\u00a0м³ за \S+ \d{4} г\. переданы\./);
  await expect(page.getByText("Осталась одна корректировка.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Передать показания" })).toHaveCount(0);
  await checkScreen(page, "ru-09-readings-one-left");

  await page.getByRole("button", { name: "Исправить" }).click();
  await page.getByLabel("Текущие показания, м³").fill(`${Math.floor(minimum) + 12}`);
  await page.getByRole("button", { name: "Передать показания" }).click();
  await expect(summary).toContainText("переданы с исправлением.");
  await expect(page.getByText("Вы уже отправили показания два раза")).toBeVisible();
  await expect(page.getByText(/Передача показаний откроется/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Передать показания" })).toHaveCount(0);
  await expect(page.getByText("корректировка").first()).toBeVisible();
  await checkScreen(page, "ru-10-readings-closed");

  // Settings: change the name, then switch to Kazakh.
  await page.getByRole("link", { name: "Назад" }).click();
  await page.getByRole("link", { name: "Настройки" }).click();
  await expect(page.getByRole("heading", { name: "Настройки", level: 1 })).toBeVisible();
  await page.getByLabel("Имя").fill("Айгерім");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByText("Личные данные сохранены.")).toBeVisible();
  await checkScreen(page, "ru-11-settings");

  await page.getByText("Қазақша").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  await expect(page.getByRole("heading", { name: "Баптаулар", level: 1 })).toBeVisible();
  const russian = russianOnlyPhrases();
  await expectNoRussianUi(page, "settings", russian);
  await checkScreen(page, "kk-11-settings");

  // The whole UI in Kazakh: accounts, add dialog, readings.
  await page.getByRole("link", { name: "Артқа" }).click();
  await expect(page.getByRole("heading", { name: "Дербес шоттар" })).toBeVisible();
  await expectNoRussianUi(page, "accounts", russian);
  await checkScreen(page, "kk-05-accounts");
  await page.getByRole("button", { name: "Дербес шот қосу" }).click();
  await expect(page.getByRole("dialog").getByLabel("Дербес шот нөмірі")).toBeVisible();
  await expectNoRussianUi(page, "add-account", russian);
  await checkScreen(page, "kk-06-add-account");
  await page.getByRole("button", { name: "Болдырмау" }).click();

  await page.getByRole("link", { name: /0012345678/ }).click();
  await expect(page.getByText("Сіз көрсеткіштерді екі рет жібердіңіз")).toBeVisible();
  await expectNoRussianUi(page, "readings-closed", russian);
  await checkScreen(page, "kk-10-readings-closed");
  await page.getByRole("link", { name: "Артқа" }).click();
  await page.getByRole("link", { name: /1002003004/ }).click();
  await expect(page.getByRole("button", { name: "Көрсеткіштерді беру" })).toBeVisible();
  await page.getByLabel("Ағымдағы көрсеткіштер, м³").fill("1");
  await page.getByRole("button", { name: "Көрсеткіштерді беру" }).click();
  await expect(page.getByText(/алдыңғы көрсеткіштерден .* кем болмауы тиіс/)).toBeVisible();
  await expectNoRussianUi(page, "readings", russian);
  await checkScreen(page, "kk-07-readings");

  // Offline sending: kept on the phone, sent with the same key when the connection returns.
  const hint = await page.getByText(/Алдыңғы көрсеткіштен кем емес:/).innerText();
  const kkMinimum = Number(hint.replace(/[^0-9,]/g, "").replace(",", "."));
  await context.setOffline(true);
  await page.getByLabel("Ағымдағы көрсеткіштер, м³").fill(`${Math.floor(kkMinimum) + 7}`);
  await page.getByRole("button", { name: "Көрсеткіштерді беру" }).click();
  await expect(page.getByText(/телефонда сақталды/)).toBeVisible();
  await expectNoRussianUi(page, "readings-offline", russian);
  await checkScreen(page, "kk-08-readings-offline");
  await context.setOffline(false);
  await expect(page.getByText(/телефонда сақталды/)).toHaveCount(0);
  // Delivered on reconnect, and said so, with the month.
  await expect(page.getByTestId("delivered")).toContainText("көрсеткіші жеткізілді.");
  await expect(page.getByTestId("sent-summary")).toContainText("жіберілді.");
  await expect(page.getByText("Бір түзету қалды.")).toBeVisible();

  // «Шығу» (logout) clears the session: a reload stays on the login screen.
  await page.getByRole("button", { name: "Шығу" }).click();
  await expect(page.getByRole("heading", { name: "Қосымшаға кіру" })).toBeVisible();
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { name: "Қосымшаға кіру" })).toBeVisible();
  await expectNoRussianUi(page, "login", russian);
  await checkScreen(page, "kk-01-login");

  await page.getByRole("link", { name: "Тіркелу" }).click();
  await expect(page.getByRole("heading", { name: "Тіркелу" })).toBeVisible();
  await page.getByLabel("Абонент түрі").selectOption("LEGAL_ENTITY");
  await page.getByRole("button", { name: "Тіркелу" }).click();
  await expect(page.getByText("Бұл өрісті толтырыңыз.").first()).toBeVisible();
  await expectNoRussianUi(page, "register", russian);
  await checkScreen(page, "kk-02-register");
  await page.getByRole("link", { name: "Пайдаланушы келісімінің" }).click();
  await expect(page.getByRole("heading", { name: "Пайдаланушы келісімі" })).toBeVisible();
  await expectNoRussianUi(page, "agreement", russian);
  await checkScreen(page, "kk-03-agreement");

  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Құпиясөзді қалпына келтіру" })).toBeVisible();
  await expectNoRussianUi(page, "forgot", russian);
  await checkScreen(page, "kk-12-forgot-password");

  expect(problems).toEqual([]);
});

test("a legal entity registers with its BIN and sees the fixed list of its accounts", async ({
  page,
}) => {
  const problems = watchConsole(page);
  const email = `buh.${stamp}@almaty-nan.kz`;
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByLabel("Тип абонента").selectOption({ label: "Юридическое лицо" });
  const bin = page.getByLabel("БИН юридического лица");
  await bin.fill("080540003126");
  await bin.blur();
  await expect(page.getByText("Неверный БИН: проверьте все 12 цифр.")).toBeVisible();
  await bin.fill("080540003125");
  await fillRegistration(page, {
    "Электронная почта": email,
    Пароль: PASSWORD,
    "Еще раз пароль": PASSWORD,
    Фамилия: "Ахметова",
    Имя: "Динара",
    "№ мобильного телефона": "+7 (707) 765-43-21",
    "№ лицевого счета": "2001000101",
    "Сумма последней оплаты": "398172.46",
  });
  await page.getByText("Я принимаю условия").click();
  await checkScreen(page, "ru-13-register-legal-entity");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page.getByText("Вы успешно зарегистрированы")).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("heading", { name: "Лицевые счета" })).toBeVisible();
  await expect(page.getByText("Фиксированный список лицевых счетов вашей компании.")).toBeVisible();
  for (const number of ["2001000101", "2001000102", "2001000103"]) {
    await expect(page.getByRole("link", { name: new RegExp(number) })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "Добавить лицевой счет" })).toHaveCount(0);
  await checkScreen(page, "ru-14-accounts-legal-entity");

  await page.getByRole("button", { name: "Выход" }).click();
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await page.getByRole("link", { name: "Забыли пароль?" }).click();
  await expect(page.getByRole("heading", { name: "Восстановление пароля" })).toBeVisible();
  await checkScreen(page, "ru-12-forgot-password");
  expect(problems).toEqual([]);
});
