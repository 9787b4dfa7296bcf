import Database from "better-sqlite3";
import { periodEnd, periodOf } from "../../server/src/core/almaty-time";
import { newLinkToken } from "../../server/src/submit-links/link-token";
import { importEsm } from "./import-esm";

/** A demo registry account (README) the bench user registers with; its readings are the screen. */
export const DEMO_ACCOUNT = { number: "0012345678", lastPayment: "12345.67" };
const PASSWORD = "Газовый-Счётчик-2026";

/* The few parts of puppeteer-core used here. */
interface PuppeteerPage {
  goto: (url: string, options?: Record<string, unknown>) => Promise<unknown>;
  waitForSelector: (selector: string, options?: Record<string, unknown>) => Promise<unknown>;
  type: (selector: string, text: string) => Promise<void>;
  click: (selector: string) => Promise<void>;
  waitForFunction: (fn: string, options?: Record<string, unknown>) => Promise<unknown>;
  close: () => Promise<void>;
}
interface PuppeteerModule {
  default: {
    connect: (options: { browserURL: string }) => Promise<{
      newPage: () => Promise<PuppeteerPage>;
      disconnect: () => Promise<void>;
    }>;
  };
}

/** Registers the bench user with a demo account, as README's curl example does. */
export async function register(base: string, email: string): Promise<void> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
      variables: {
        i: {
          email,
          password: PASSWORD,
          passwordConfirmation: PASSWORD,
          lastName: "Сейткали",
          firstName: "Айгерим",
          phone: "8 701 123 45 67",
          personType: "INDIVIDUAL",
          accountNumber: DEMO_ACCOUNT.number,
          lastPaymentAmount: DEMO_ACCOUNT.lastPayment,
          acceptTerms: true,
          language: "RU",
        },
      },
    }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) {
    throw new Error(`registration failed (${response.status}): ${JSON.stringify(body)}`);
  }
}

/**
 * Logs in through the login form in the same Chromium (as the e2e guide does), so the browser
 * holds the session cookie; the app trades it for an access token on every load.
 */
export async function logIn(chromePort: number, base: string, email: string): Promise<void> {
  const { default: puppeteer } = await importEsm<PuppeteerModule>("puppeteer-core");
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chromePort}` });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/login`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#login-email");
    await page.type("#login-email", email);
    await page.type("#login-password", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForFunction("location.pathname === '/accounts'", { timeout: 30_000 });
    await page.close();
  } finally {
    await browser.disconnect();
  }
}

/**
 * A reminder's one-tap link for the bench user's meter, made as the reminder run makes it (a
 * random token, only its SHA-256 stored, good until the end of the Almaty month), written straight
 * into the bench server's SQLite file: the screen is the page the link opens, not the reminders.
 */
export function submitLinkToken(databaseFile: string, email: string): string {
  const db = new Database(databaseFile);
  try {
    const user = db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
    const meter = db
      .prepare(
        "SELECT m.id FROM meters m JOIN accounts a ON a.id = m.account_id WHERE a.number = ? " +
          "AND m.removed_at IS NULL ORDER BY m.id LIMIT 1",
      )
      .get(DEMO_ACCOUNT.number) as { id: number };
    const { token, hash } = newLinkToken();
    const period = periodOf(new Date());
    const sqliteTime = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");
    db.prepare(
      "INSERT INTO submit_links (token_hash, meter_id, user_id, period, language, expires_at, " +
        "revoked_at, created_at) VALUES (?, ?, ?, ?, 'RU', ?, NULL, ?)",
    ).run(hash, meter.id, user.id, period, sqliteTime(periodEnd(period)), sqliteTime(new Date()));
    return token;
  } finally {
    db.close();
  }
}
