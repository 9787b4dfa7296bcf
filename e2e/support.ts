import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SCREENSHOT_DIR = join(__dirname, "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Saves a full-page screenshot and checks the screen with axe: no serious or critical issue. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  expect(grave, `axe on ${name}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `horizontal scroll on ${name}`).toBeLessThanOrEqual(360);
}

/** Collects CSP violations and page errors; the test asserts there were none. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|apply|load|connect)/i.test(text))
      problems.push(text);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree): string[] =>
  Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : flatten(value)));

/**
 * Russian UI phrases that must not appear on a Kazakh screen: every ru message that differs
 * from its kk counterpart, split at placeholders and plural bars, long enough to be telling.
 */
export function russianOnlyPhrases(): string[] {
  const load = (locale: string) =>
    JSON.parse(
      readFileSync(join(__dirname, "..", "client", "src", "locales", `${locale}.json`), "utf8"),
    ) as Tree;
  const kk = new Set(flatten(load("kk")));
  return flatten(load("ru"))
    .filter((value) => !kk.has(value))
    .flatMap((value) => value.split(/\{[^}]*\}|\|/))
    .map((part) => part.replace(/[()«».,:;!?—–-]/g, " ").trim())
    .filter((part) => part.length >= 6 && /[а-яё]/i.test(part));
}

export async function expectNoRussianUi(
  page: Page,
  name: string,
  phrases: string[],
): Promise<void> {
  const text = await page.locator("body").innerText();
  const found = phrases.filter((phrase) => text.includes(phrase));
  expect(found, `Russian UI text on the Kazakh screen ${name}`).toEqual([]);
}

/**
 * A spec file's own client address, said the way a trusted proxy says it (TEST-NET-2, a header
 * only: no traffic goes anywhere). `test.use(clientAddress(3))` at the top of a file.
 */
export const clientAddress = (n: number) => ({
  extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${n}` },
});

/** The lowest value the readings form takes, from its Russian hint ("Не меньше предыдущих: …"). */
export async function readMinimum(scope: Page | Locator): Promise<number> {
  const hint = await scope.getByText(/Не меньше предыдущих:/).innerText();
  return Number(hint.replace(/[^0-9,]/g, "").replace(",", "."));
}

/** Console problems without the network's own, expected while a test takes the signal away. */
export const networkNoise = (problems: string[]) =>
  problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p));
