import { expect, test } from "@playwright/test";
import { controlledByServiceWorker } from "./session";
import { checkScreen, watchConsole } from "./support";

test("installable: a manifest with icons, and the app shell works offline", async ({
  page,
  context,
  request,
}) => {
  const problems = watchConsole(page);
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ display: "standalone", start_url: "/", theme_color: "#0b4f9c" });
  expect(manifest.name).toContain("Газ");
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);

  const shell = await request.get("/accounts/0012345678");
  expect(shell.headers()["cache-control"]).toBe("no-cache");
  expect(await shell.text()).toContain('<div id="app">');
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await shell.text())?.[1] ?? "";
  expect((await request.get(asset)).headers()["cache-control"]).toContain("immutable");
  expect((await request.get("/assets/missing-0000.js")).status()).toBe(404);
  expect((await request.get("/sw.js")).headers()["cache-control"]).toBe("no-cache");
  expect((await request.get("/healthz")).headers()["content-type"]).toContain("application/json");

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await expect(page.getByText("Нет соединения.")).toBeVisible();
  await page.getByLabel("Электронная почта").fill("someone@example.kz");
  await page.getByLabel("Пароль").fill("whatever-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByText("Нет соединения с сервером")).toBeVisible();
  await checkScreen(page, "ru-15-offline");
  await context.setOffline(false);
  expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p))).toEqual([]);
});
