import { expect, test, type Page, type Route } from "@playwright/test";
import { clientAddress, networkNoise, readMinimum, watchConsole } from "./support";
import { openCompanyAccount } from "./session";

/*
 * Answers that do not say the reading was stored while the phone has a signal: a busy service
 * (SERVICE_UNAVAILABLE: not stored) and an answer that could not tell (OUTCOME_UNKNOWN: perhaps
 * stored). Either way the reading waits on the phone with its key and goes again by itself, so a
 * subscriber who leaves the screen loses nothing, and it never counts twice.
 * A client address of its own, for this file's logins and registrations.
 */
test.use(clientAddress(8));

/** The next sending's answer is `code` (503), after the server got it (`stored`) or not. */
async function answerNextSending(page: Page, code: string, stored: boolean): Promise<void> {
  let answered = false;
  await page.route("**/graphql", async (route: Route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (answered || body?.operationName !== "SubmitReading") return route.fallback();
    answered = true;
    if (stored) await route.fetch();
    await route.fulfill({
      status: 503,
      headers: { "retry-after": "5" },
      contentType: "application/json",
      body: JSON.stringify({ errors: [{ message: code, extensions: { code } }] }),
    });
  });
}

const unrelated = (problems: string[]) =>
  networkNoise(problems).filter((p) => !/status of 503/.test(p));

test("a sending the server could not take or confirm waits on the phone, survives leaving the screen, and counts once", async ({
  page,
  request,
}) => {
  const problems = watchConsole(page);
  // The company's second account: the other specs send nothing on its meter.
  const meter = await openCompanyAccount(page, request, "2001000102", "unconfirmed");
  const minimum = Math.floor(await readMinimum(meter));

  // A busy service: not stored. The subscriber leaves at once; the reading goes by itself.
  await answerNextSending(page, "SERVICE_UNAVAILABLE", false);
  await meter.getByLabel("Текущие показания, м³").fill(`${minimum + 3},25`);
  await meter.getByRole("button", { name: "Передать показания" }).click();
  await expect(meter.getByText(/Сервис временно недоступен: показания .* сохранены/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("delivered")).toContainText(/Показания [\d\s\u00a0]+,25\u00a0м³/, {
    timeout: 20_000,
  });
  await expect(meter.getByTestId("sent-summary")).toContainText("переданы.");
  await expect(meter.getByText("Осталась одна корректировка.")).toBeVisible();

  // The correction, stored, but its answer could not say so. Sent again with its key, it is
  // the same sending: not a third one refused, nor counted twice.
  await meter.getByRole("button", { name: "Исправить" }).click();
  await answerNextSending(page, "OUTCOME_UNKNOWN", true);
  await meter.getByLabel("Текущие показания, м³").fill(`${minimum + 4},5`);
  await meter.getByRole("button", { name: "Передать показания" }).click();
  await expect(meter.getByText(/Сервер не успел подтвердить прием показаний/)).toBeVisible();
  await expect(meter.getByText(/дважды показания не засчитаются/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("delivered")).toContainText(/Показания [\d\s\u00a0]+,5\u00a0м³/, {
    timeout: 20_000,
  });
  await expect(meter.getByTestId("sent-summary")).toContainText("переданы с исправлением.");
  await expect(page.getByText(/не приняты/)).toHaveCount(0);
  expect(unrelated(problems)).toEqual([]);
});
