import { expect, test } from "@playwright/test";
import { checkScreen, clientAddress, networkNoise, readMinimum, watchConsole } from "./support";
import {
  apiLogin,
  controlledByServiceWorker,
  graphql,
  keptCache,
  keptKeys,
  loginInApp,
  register,
} from "./session";

/*
 * A phone's real day: the app opened in a basement with no signal, readings kept and delivered,
 * a logout with no connection. Each test has an account of the demo registry to itself.
 */
test.use(clientAddress(3));

const METER_STATE = `query ($number: String!) { account(number: $number) { meters { id
  submission { used } readings(first: 50) { totalCount edges { node { value } } } } } }`;

test("a remembered subscriber opens the app with no signal: data as of the last sync, a reading queued and delivered once", async ({
  page,
  context,
  request,
}) => {
  const problems = watchConsole(page);
  const email = await register(request, "1003004005", "8402.19", "cold");
  await loginInApp(page, email, true);
  await expect.poll(() => keptCache(page)).toContain('"me":');
  await page.getByRole("link", { name: /1003004005/ }).click();
  await expect(page.getByText("Жұмабаева Гүлнар Серікқызы")).toBeVisible();
  await controlledByServiceWorker(page);
  await expect(page.getByLabel("Текущие показания, м³")).toBeVisible();
  // Kept on the phone: the account with its meter's history.
  await expect.poll(() => keptCache(page)).toContain('account({\\"number\\":\\"1003004005\\"})');
  await expect.poll(() => keptCache(page)).toContain('"readings":');

  // A cold start with no connection: a new page, the app from the service worker, the data
  // from the phone, "as of" the last answer.
  await context.setOffline(true);
  await page.close();
  const phone = await context.newPage();
  const phoneProblems = watchConsole(phone);
  await phone.goto("/accounts/1003004005");
  await expect(phone.getByText("Жұмабаева Гүлнар Серікқызы")).toBeVisible();
  await expect(phone.getByTestId("offline-banner")).toContainText("Нет соединения.");
  await expect(phone.getByTestId("as-of")).toContainText(/Данные на \d\d:\d\d, /);
  await expect(phone.getByText("Предыдущие показания")).toBeVisible();
  const minimum = await readMinimum(phone);
  const value = `${Math.floor(minimum) + 11},25`;
  await phone.getByLabel("Текущие показания, м³").fill(value);
  await phone.getByRole("button", { name: "Передать показания" }).click();
  await expect(phone.getByText(/сохранены на телефоне/)).toBeVisible();
  await checkScreen(phone, "ru-18-cold-start-offline");

  // The accounts screen, offline, from the phone too.
  await phone.getByRole("link", { name: "Назад" }).click();
  await expect(phone.getByRole("link", { name: /1003004005/ })).toBeVisible();
  await checkScreen(phone, "ru-19-accounts-offline");

  // Back online: delivered, announced on the screen that is open, stored once.
  await context.setOffline(false);
  await phone.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(phone.getByTestId("delivered")).toContainText(
    /Показания [\d\s\u00a0]+,25\u00a0м³ за \S+ \d{4} г\. доставлены\./,
  );
  await checkScreen(phone, "ru-20-delivered");
  const token = await apiLogin(request, email);
  const state = await graphql<{
    account: {
      meters: Array<{
        submission: { used: number };
        readings: { edges: Array<{ node: { value: string } }> };
      }>;
    };
  }>(request, METER_STATE, { number: "1003004005" }, token);
  const meter = state.data!.account.meters[0];
  expect(meter.submission.used).toBe(1);
  const sent = Math.floor(minimum) + 11.25;
  expect(meter.readings.edges.filter((edge) => Number(edge.node.value) === sent)).toHaveLength(1);
  expect(networkNoise([...problems, ...phoneProblems])).toEqual([]);
});

test("without «Запомнить меня» nothing is kept: offline, the app says to log in when the connection is back", async ({
  page,
  context,
  request,
}) => {
  const email = await register(request, "1004005006", "2951.73", "forget");
  await loginInApp(page, email, false);
  await controlledByServiceWorker(page);
  await expect(page.getByRole("link", { name: /1004005006/ })).toBeVisible();
  expect(await keptKeys(page)).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toContainText("отметьте «Запомнить меня»");
  await expect(page.getByText("1004005006")).toHaveCount(0);
  expect(await keptKeys(page)).toEqual([]);
  await checkScreen(page, "ru-21-offline-not-remembered");
  await context.setOffline(false);
});

test("without «Запомнить меня», a reading queued offline outlives a reload with no signal: back online the session resumes and it is delivered", async ({
  page,
  context,
  request,
}) => {
  const problems = watchConsole(page);
  const email = await register(request, "1003004005", "8402.19", "unremembered");
  await loginInApp(page, email, false);
  await controlledByServiceWorker(page);
  await page.getByRole("link", { name: /1003004005/ }).click();
  // The first test sent once on this meter this month: this is its correction.
  await page.getByRole("button", { name: "Исправить" }).click();
  const minimum = Math.floor(await readMinimum(page));

  await context.setOffline(true);
  await page.getByLabel("Текущие показания, м³").fill(`${minimum + 21},5`);
  await page.getByRole("button", { name: "Передать показания" }).click();
  await expect(page.getByText(/сохранены на телефоне/)).toBeVisible();
  // The phone reloads the tab (a browser short of memory does) while there is still no signal:
  // the session cannot be checked, and nothing of it was kept but the reading.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  expect(await keptKeys(page)).toEqual([]);

  // Back online: the session cookie is still good, so the app opens where it was and sends the
  // reading it promised to send, without asking for the password.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByRole("heading", { name: "Показания счетчика" })).toBeVisible();
  await expect(page.getByTestId("delivered")).toContainText(/Показания [\d\s\u00a0]+,5\u00a0м³/);
  const token = await apiLogin(request, email);
  const state = await graphql<{
    account: { meters: Array<{ readings: { edges: Array<{ node: { value: string } }> } }> };
  }>(request, METER_STATE, { number: "1003004005" }, token);
  const values = state.data!.account.meters[0].readings.edges.map((e) => Number(e.node.value));
  expect(values.filter((value) => value === minimum + 21.5)).toHaveLength(1);
  expect(networkNoise(problems)).toEqual([]);
});

test("a logout with no connection is a logout: wiped at once, the server session ended on reconnect, never refreshed", async ({
  page,
  context,
  request,
}) => {
  const email = await register(request, "1005006007", "6120.50", "logout");
  await loginInApp(page, email, true);
  await controlledByServiceWorker(page);
  await expect(page.getByRole("link", { name: /1005006007/ })).toBeVisible();
  await expect.poll(() => keptKeys(page)).toEqual(expect.arrayContaining(["gas.cache"]));

  await context.setOffline(true);
  await page.getByRole("button", { name: "Выход" }).click();
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  await expect.poll(() => keptKeys(page)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem("gas.logoutPending"))).toBe("1");

  // Reconnect: the logout reaches the server; the app does not log back in.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("gas.logoutPending")))
    .toBeNull();
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { name: "Вход в приложение" })).toBeVisible();
  // The refresh cookie this phone held is spent on the server.
  const refresh = await graphql(context.request, "mutation { refreshSession { accessToken } }");
  expect(refresh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});

test("a reading queued offline that the server refuses on reconnect says what happened and what to do", async ({
  page,
  context,
  request,
}) => {
  const problems = watchConsole(page);
  const email = await register(request, "1006007008", "5044.91", "refused");
  await loginInApp(page, email, true);
  await page.getByRole("link", { name: /1006007008/ }).click();
  const minimum = Math.floor(await readMinimum(page));

  await context.setOffline(true);
  await page.getByLabel("Текущие показания, м³").fill(`${minimum + 3}`);
  await page.getByRole("button", { name: "Передать показания" }).click();
  await expect(page.getByText(/сохранены на телефоне/)).toBeVisible();

  // Meanwhile the month's two sendings are used from another device.
  const token = await apiLogin(request, email);
  const meters = await graphql<{ account: { meters: Array<{ id: string }> } }>(
    request,
    METER_STATE,
    { number: "1006007008" },
    token,
  );
  const meterId = meters.data!.account.meters[0].id;
  for (const [value, key] of [
    [minimum + 5, "other-device-1"],
    [minimum + 6, "other-device-2"],
  ] as const) {
    const sent = await graphql(
      request,
      `
        mutation ($input: SubmitReadingInput!) {
          submitReading(input: $input) {
            id
          }
        }
      `,
      { input: { meterId, value: String(value), idempotencyKey: `${key}-${Date.now()}` } },
      token,
    );
    expect(sent.errors).toBeUndefined();
  }

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  const refusal = page.getByTestId("delivery-refused");
  await expect(refusal).toContainText("не приняты");
  await expect(refusal).toContainText("уже отправлены два раза");
  await expect(refusal).toContainText("с другого устройства");
  await expect(page.getByText("Вы уже отправили показания два раза")).toBeVisible();
  await checkScreen(page, "ru-22-delivery-refused");
  expect(networkNoise(problems)).toEqual([]);
});
