import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "Газовый-Счётчик-2026";

/** A GraphQL call as any client makes it (the server's CSRF rule wants the JSON content type). */
export async function graphql<T = Record<string, unknown>>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T; errors?: Array<{ extensions?: { code?: string } }> }> {
  const response = await request.post("/graphql", {
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    data: { query, variables },
  });
  return response.json();
}

/** Registers a subscriber with a demo account through the API; returns the e-mail. */
export async function register(
  request: APIRequestContext,
  accountNumber: string,
  lastPaymentAmount: string,
  label: string,
  language: "RU" | "KK" | "EN" = "RU",
  /** A legal entity's BIN: registers the company (it then has every account of the BIN). */
  bin?: string,
): Promise<string> {
  const email = `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.kz`;
  const answer = await graphql(
    request,
    `
      mutation ($input: RegisterInput!) {
        register(input: $input) {
          user {
            id
          }
        }
      }
    `,
    {
      input: {
        email,
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
        lastName: "Тестова",
        firstName: "Айна",
        phone: "+7 701 123 45 67",
        personType: bin ? "LEGAL_ENTITY" : "INDIVIDUAL",
        ...(bin ? { bin } : {}),
        accountNumber,
        lastPaymentAmount,
        acceptTerms: true,
        language,
      },
    },
  );
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return email;
}

/** An access token for API calls made "from another device". */
export async function apiLogin(request: APIRequestContext, email: string): Promise<string> {
  const answer = await graphql<{ login: { accessToken: string } }>(
    request,
    `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          accessToken
        }
      }
    `,
    { input: { email, password: PASSWORD, rememberMe: false } },
  );
  return answer.data!.login.accessToken;
}

/** Logs in through the login screen (in Russian, the phone's language), as a person does. */
export async function loginInApp(
  page: Page,
  email: string,
  remember: boolean,
  accountsHeading = "Лицевые счета",
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(PASSWORD);
  if (remember) await page.getByText("Запомнить меня").click();
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("heading", { name: accountsHeading })).toBeVisible();
}

/** The demo company's accounts (README) with their last payments; they register by its BIN. */
const COMPANY_PAYMENTS = { "2001000102": "251006.30", "2001000103": "87455.12" } as const;
const COMPANY_BIN = "080540003125";

/**
 * A new user of the demo company, logged in on the screen of one of its accounts: its first
 * meter. Each spec that sends on one takes an account no other spec sends on.
 */
export async function openCompanyAccount(
  page: Page,
  request: APIRequestContext,
  account: keyof typeof COMPANY_PAYMENTS,
  label: string,
): Promise<Locator> {
  const payment = COMPANY_PAYMENTS[account];
  const email = await register(request, account, payment, label, "RU", COMPANY_BIN);
  await loginInApp(page, email, false);
  await page.getByRole("link", { name: new RegExp(account) }).click();
  return page.locator("section.meter").first();
}

/** The keys the app keeps in IndexedDB (idb-keyval's default store). */
export function keptKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open("keyval-store");
        open.onupgradeneeded = () => open.result.createObjectStore("keyval");
        open.onsuccess = () => {
          const keys = open.result.transaction("keyval").objectStore("keyval").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => resolve([]);
        };
        open.onerror = () => resolve([]);
      }),
  );
}

/** Waits until the service worker controls the page, so a reload offline still opens the app. */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

/** The cache the app keeps in IndexedDB, as stored (JSON), or "" when there is none. */
export function keptCache(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open("keyval-store");
        open.onupgradeneeded = () => open.result.createObjectStore("keyval");
        open.onsuccess = () => {
          const read = open.result.transaction("keyval").objectStore("keyval").get("gas.cache");
          read.onsuccess = () => resolve(typeof read.result === "string" ? read.result : "");
          read.onerror = () => resolve("");
        };
        open.onerror = () => resolve("");
      }),
  );
}
