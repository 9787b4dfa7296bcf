import { expect, test } from "@playwright/test";
import { clientAddress, networkNoise, readMinimum, watchConsole } from "./support";
import { keptCache, loginInApp, openCompanyAccount, register } from "./session";

/*
 * A weak signal: the phone says it is online, so no `online` event comes, while every request
 * fails (a basement with one bar, a captive portal). What the app kept goes once requests pass.
 * A client address of its own: these tests' logins and registrations do not spend the offline
 * spec's per-address budgets.
 */
test.use(clientAddress(7));

test("on a weak signal the phone says it is online and no `online` event comes: a kept reading goes once requests pass again", async ({
  page,
  request,
}) => {
  const problems = watchConsole(page);
  // The company's third account: the other specs send nothing on its meter.
  const meter = await openCompanyAccount(page, request, "2001000103", "weak-signal");
  const minimum = Math.floor(await readMinimum(meter));

  // Requests fail as in a basement with one bar, while navigator.onLine stays true.
  await page.route("**/graphql", (route) => route.abort("internetdisconnected"));
  await meter.getByLabel("Текущие показания, м³").fill(`${minimum + 2},75`);
  await meter.getByRole("button", { name: "Передать показания" }).click();
  await expect(meter.getByText(/сохранены на телефоне/)).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);

  await page.unroute("**/graphql");
  await expect(page.getByTestId("delivered")).toContainText(/Показания [\d\s\u00a0]+,75\u00a0м³/, {
    timeout: 20_000,
  });
  await expect(meter.getByTestId("sent-summary")).toContainText("переданы.");
  expect(networkNoise(problems)).toEqual([]);
});

test("a remembered subscriber who opens the app on a weak signal sees the kept data, then the fresh data once requests pass", async ({
  page,
  request,
}) => {
  const problems = watchConsole(page);
  const email = await register(request, "1005006007", "6120.50", "weak-start");
  await loginInApp(page, email, true);
  await expect.poll(() => keptCache(page)).toContain('"me":');

  // A cold start where the phone says it is online and every request fails.
  await page.route("**/graphql", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await expect(page.getByRole("link", { name: /1005006007/ })).toBeVisible();
  await expect(page.getByTestId("as-of")).toBeVisible();

  await page.unroute("**/graphql");
  await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole("link", { name: /1005006007/ })).toBeVisible();
  expect(networkNoise(problems)).toEqual([]);
});
