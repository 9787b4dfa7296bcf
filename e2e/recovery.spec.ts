import { expect, test } from "@playwright/test";
import { checkScreen, watchConsole } from "./support";

test("password recovery screens: the link's token from the fragment, refusals as sentences", async ({
  page,
}) => {
  const problems = watchConsole(page);
  await page.goto("/forgot-password");
  await page.getByLabel("Электронная почта").fill("nobody@example.kz");
  await page.getByRole("button", { name: "Отправить ссылку" }).click();
  // The server answers the same for any address; until it has the operation the page says so.
  await expect(
    page.getByText(/Если этот адрес зарегистрирован|Эта функция пока недоступна/),
  ).toBeVisible();

  // A link that cannot work is said when the page opens, before a password is typed twice.
  await page.goto("/reset-password#token=not-a-real-token");
  await expect(page.getByRole("heading", { name: "Новый пароль" })).toBeVisible();
  await expect(page.getByText("Ссылка для смены пароля недействительна.")).toBeVisible();
  await expect(page.getByLabel("Новый пароль")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Получить новую ссылку" })).toBeVisible();
  await checkScreen(page, "ru-16-reset-password");

  await page.goto("/confirm-email#token=not-a-real-token");
  await expect(
    page.getByRole("heading", { name: "Подтверждение электронной почты" }),
  ).toBeVisible();
  await expect(
    page.getByText(/Ссылка для подтверждения адреса недействительна|Эта функция пока недоступна/),
  ).toBeVisible();
  await checkScreen(page, "ru-17-confirm-email");
  expect(problems).toEqual([]);
});
