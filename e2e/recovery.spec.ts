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

  await page.goto("/reset-password#token=not-a-real-token");
  await expect(page.getByRole("heading", { name: "Новый пароль" })).toBeVisible();
  await page.getByLabel("Новый пароль").fill("Новый-пароль-2026");
  await page.getByLabel("Еще раз пароль").fill("Новый-пароль-2026");
  await page.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(
    page.getByText(/Ссылка для смены пароля недействительна|Эта функция пока недоступна/),
  ).toBeVisible();
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
