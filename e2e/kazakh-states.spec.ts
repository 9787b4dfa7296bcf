import { expect, test } from "@playwright/test";
import {
  checkScreen,
  clientAddress,
  expectNoRussianUi,
  russianOnlyPhrases,
  watchConsole,
} from "./support";
import { controlledByServiceWorker, keptCache, loginInApp, register } from "./session";

/*
 * The states this round added, in Kazakh, for a subscriber whose profile says Kazakh: month
 * states and the filter, the sent summary, a cold start offline "as of", a delivery announced,
 * and the confirmations. No Russian UI text on any of them; axe and no horizontal scroll.
 */
test.use(clientAddress(5));

test("the new states in Kazakh", async ({ page, context, request }) => {
  const problems = watchConsole(page);
  const russian = russianOnlyPhrases();
  const email = await register(request, "1005006007", "6120.50", "kazakh", "KK");
  await loginInApp(page, email, true, "Дербес шоттар");
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");

  await page.getByRole("button", { name: "Дербес шот қосу" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Дербес шот нөмірі").fill("1004005006");
  await dialog.getByLabel("Соңғы төлем сомасы").fill("2951.73");
  await dialog.getByRole("button", { name: "Қосу" }).click();
  const card = page.getByRole("link", { name: /1005006007/ });
  await expect(card.getByTestId("month-state")).toHaveText("Осы айдың көрсеткіштері жіберілмеген");
  await expectNoRussianUi(page, "accounts-states", russian);
  await checkScreen(page, "kk-23-accounts-states");

  await card.click();
  const field = page.getByLabel(/Ағымдағы көрсеткіштер/);
  const hint = await page.getByText(/Алдыңғы көрсеткіштен кем емес:/).innerText();
  const minimum = Math.floor(Number(hint.replace(/[^0-9,]/g, "").replace(",", ".")));
  await field.fill(`${minimum + 3}`);
  await page.getByRole("button", { name: "Көрсеткіштерді беру" }).click();
  await expect(page.getByTestId("sent-summary")).toContainText("жіберілді.");
  await expect(page.getByText("Бір түзету қалды.")).toBeVisible();
  await expectNoRussianUi(page, "readings-sent", russian);
  await checkScreen(page, "kk-24-readings-sent");

  // A cold start with no signal: the kept data, "as of", and a correction queued.
  await controlledByServiceWorker(page);
  await expect.poll(() => keptCache(page)).toContain('"me":');
  await expect.poll(() => keptCache(page)).toContain('"readings":');
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("as-of")).toContainText("жағдай бойынша");
  await page.getByRole("button", { name: "Түзету" }).click();
  await page.getByLabel(/Ағымдағы көрсеткіштер/).fill(`${minimum + 4}`);
  await page.getByRole("button", { name: "Көрсеткіштерді беру" }).click();
  await expect(page.getByText(/телефонда сақталды/)).toBeVisible();
  await expectNoRussianUi(page, "readings-offline-cold", russian);
  await checkScreen(page, "kk-25-cold-start-offline");

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByTestId("delivered")).toContainText("көрсеткіші жеткізілді.");
  await expect(page.getByTestId("sent-summary")).toContainText("түзетіліп жіберілді.");
  await expectNoRussianUi(page, "delivered", russian);
  await checkScreen(page, "kk-26-delivered");

  // The confirmations.
  await page.getByRole("link", { name: "Артқа" }).click();
  await page.getByRole("link", { name: /1004005006/ }).click();
  await page.getByRole("button", { name: "Дербес шотты жою" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(
    "№ 1004005006 дербес шотты жою керек пе?",
  );
  await expectNoRussianUi(page, "remove-account", russian);
  await checkScreen(page, "kk-27-remove-account");
  await page.getByRole("alertdialog").getByRole("button", { name: "Болдырмау" }).click();
  await page.getByRole("link", { name: "Артқа" }).click();
  await page.getByRole("link", { name: "Баптаулар" }).click();
  await page.getByRole("button", { name: "Барлық құрылғыдан шығу" }).click();
  await expectNoRussianUi(page, "logout-everywhere", russian);
  await checkScreen(page, "kk-28-logout-everywhere");
  expect(
    problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p)),
  ).toEqual([]);
});
