import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { formatCpuShare, mainThreadCpuShare } from "./main-thread";

/**
 * Scenario 7, the subscriber app as a phone gets it: the initial JavaScript and CSS (gzipped),
 * and Lighthouse's default mobile run (simulated slow 4G, Moto G Power) of the login screen and
 * of the readings screen of a logged-in user, against the built server (`npm run build` first)
 * on a fresh SQLite database with the demo registry.
 */
export interface AppFigures {
  initialJsGzipKb: number;
  initialCssGzipKb: number;
  lighthouse: Array<{
    screen: "login" | "readings";
    performance: number;
    lcpMs: number;
    tbtMs: number;
    fcpMs: number;
    /** Every run's score, in order: the spread says how steady the host was. */
    scores: number[];
    /** Lighthouse's measure of the host's CPU (its docs: 1000-1500 a low-end desktop). */
    benchmarkIndex: number;
    /** CPU ÷ wall time of the page's main-thread tasks after first paint (main-thread.ts). */
    mainThreadCpuShare: number;
  }>;
}

export interface AppOptions {
  /**
   * One Lighthouse run per screen (CI); otherwise five, Lighthouse's own advice for its run-to-run
   * variance, and the median run is reported.
   */
  quick: boolean;
  log: (line: string) => void;
  /** Also write each run's Lighthouse report here (JSON), for a closer look. */
  reportDir?: string;
}

const ROOT = resolve(__dirname, "..", "..");
const SERVER_MAIN = join(ROOT, "dist", "server", "src", "main.js");
const CLIENT_DIST = join(ROOT, "client", "dist");
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
/** Without the background-networking flags Chromium dials out, which this network refuses. */
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A demo registry account (README) the bench user registers with; its readings are the screen. */
const DEMO_ACCOUNT = { number: "0012345678", lastPayment: "12345.67" };
const PASSWORD = "Газовый-Счётчик-2026";

/**
 * lighthouse, chrome-launcher and puppeteer-core are ES modules; TypeScript compiles `import()`
 * to `require()` under CommonJS, so the real dynamic import is kept out of its sight.
 */
const importEsm = new Function("specifier", "return import(specifier)") as <T>(
  specifier: string,
) => Promise<T>;

/* The few parts of those modules used here. */
interface LighthouseResult {
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  environment: { benchmarkIndex: number };
  categories: { performance?: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: unknown[] } }>;
}
interface LighthouseRun {
  lhr: LighthouseResult;
  report: string;
  cpuShare: number;
}
interface LighthouseModule {
  default: (
    url: string,
    flags: Record<string, unknown>,
  ) => Promise<
    | {
        lhr: LighthouseResult;
        report: string | string[];
        artifacts?: { Trace?: { traceEvents: Parameters<typeof mainThreadCpuShare>[0] } };
      }
    | undefined
  >;
}
interface MedianRunModule {
  computeMedianRun: (runs: LighthouseResult[]) => LighthouseResult;
}
interface LaunchedChrome {
  port: number;
  kill: () => void;
}
interface ChromeLauncherModule {
  launch: (options: Record<string, unknown>) => Promise<LaunchedChrome>;
}
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
interface BundleSizeModule {
  initialBundleSize: (dist?: string) => { jsKb: number; cssKb: number; chunks: number };
}

export async function measureApp(options: AppOptions): Promise<AppFigures> {
  const { log } = options;
  const bundleSize = await importEsm<BundleSizeModule>(
    pathToFileURL(join(ROOT, "client", "scripts", "bundle-size.mjs")).href,
  );
  const bundle = bundleSize.initialBundleSize(CLIENT_DIST);
  log(
    `initial JS ${bundle.jsKb.toFixed(1)} KB gzipped (${bundle.chunks} chunk(s)), ` +
      `CSS ${bundle.cssKb.toFixed(1)} KB gzipped`,
  );

  const runs = options.quick ? 1 : 5;
  const dir = mkdtempSync(join(tmpdir(), "gas-bench-app-"));
  if (options.reportDir) mkdirSync(options.reportDir, { recursive: true });
  let server: RunningServer | null = null;
  try {
    server = await startServer(dir, log);
    const base = server.url;
    const email = `bench.${Date.now()}@example.kz`;
    await register(base, email);

    const { launch } = await importEsm<ChromeLauncherModule>("chrome-launcher");
    const { default: lighthouse } = await importEsm<LighthouseModule>("lighthouse");
    const { computeMedianRun } = await importEsm<MedianRunModule>(
      "lighthouse/core/lib/median-run.js",
    );

    /**
     * One Lighthouse run with the default mobile config (simulated slow 4G, Moto G Power), in a
     * Chromium of its own with a fresh profile, so that runs do not inherit each other's state.
     * For the readings screen the user logs in first; Lighthouse 12's storage reset then empties
     * the HTTP cache, service worker and Cache Storage (a cold load) but keeps cookies, so the
     * screen loads as the logged-in user. A run whose trace Lighthouse could not record
     * (NO_NAVSTART, NO_FCP…) is tried once more.
     */
    let profiles = 0;
    const runLighthouse = async (
      url: string,
      loggedIn: boolean,
      attempt = 1,
    ): Promise<LighthouseRun> => {
      const profile = join(dir, `chrome-${++profiles}`);
      mkdirSync(profile);
      const chrome = await launch({
        chromePath: CHROME_PATH,
        chromeFlags: CHROME_FLAGS,
        userDataDir: profile,
        logLevel: "silent",
      });
      let result: Awaited<ReturnType<LighthouseModule["default"]>>;
      try {
        if (loggedIn) await logIn(chrome.port, base, email);
        result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
      } finally {
        chrome.kill();
        rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
      }
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { runtimeError } = result.lhr;
      if (!runtimeError) {
        const events = result.artifacts?.Trace?.traceEvents ?? [];
        return {
          lhr: result.lhr,
          report: String(result.report),
          cpuShare: mainThreadCpuShare(events),
        };
      }
      const problem = `Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`;
      if (attempt >= 2) throw new Error(problem);
      log(`${problem}; once more`);
      return runLighthouse(url, loggedIn, attempt + 1);
    };

    const audit = async (screen: "login" | "readings", url: string) => {
      const results: LighthouseResult[] = [];
      const cpuShares = new Map<LighthouseResult, number>();
      for (let run = 1; run <= runs; run++) {
        const { lhr, report, cpuShare } = await runLighthouse(url, screen === "readings");
        cpuShares.set(lhr, cpuShare);
        if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
          throw new Error(`${url} ended on ${lhr.finalDisplayedUrl}, not on the ${screen} screen`);
        }
        const figures = figuresOf(screen, lhr);
        log(
          `${screen} run ${run}/${runs}: performance ${figures.performance}, ` +
            `FCP ${figures.fcpMs} ms, LCP ${figures.lcpMs} ms, TBT ${figures.tbtMs} ms ` +
            `(LCP element ${lcpElementOf(lhr)}; benchmarkIndex ${figures.benchmarkIndex}, ` +
            `main thread on CPU ${formatCpuShare(cpuShare)} of its task time)`,
        );
        for (const warning of lhr.runWarnings) log(`  warning: ${warning}`);
        if (options.reportDir) {
          writeFileSync(join(options.reportDir, `${screen}-${run}.json`), report);
        }
        results.push(lhr);
      }
      // Lighthouse's own choice: the run closest to the median FCP and time to interactive.
      const median = results.length === 1 ? results[0] : computeMedianRun(results);
      return {
        ...figuresOf(screen, median),
        scores: results.map((lhr) => figuresOf(screen, lhr).performance),
        mainThreadCpuShare: round2(cpuShares.get(median) ?? Number.NaN),
      };
    };

    // A first visit (no session cookie: /login stays the login screen), then a logged-in user.
    const login = await audit("login", `${base}/login`);
    const readings = await audit("readings", `${base}/accounts/${DEMO_ACCOUNT.number}`);

    return {
      initialJsGzipKb: round1(bundle.jsKb),
      initialCssGzipKb: round1(bundle.cssKb),
      lighthouse: [login, readings],
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

function figuresOf(screen: "login" | "readings", lhr: LighthouseResult) {
  const value = (audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
  return {
    screen,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: Math.round(value("largest-contentful-paint")),
    tbtMs: Math.round(value("total-blocking-time")),
    fcpMs: Math.round(value("first-contentful-paint")),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
  };
}

/** The LCP element's selector, from the first table of Lighthouse's LCP-element audit. */
function lcpElementOf(lhr: LighthouseResult): string {
  const table = lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0] as
    { items?: Array<{ node?: { selector?: string } }> } | undefined;
  return table?.items?.[0]?.node?.selector ?? "?";
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

const pick = (env: NodeJS.ProcessEnv, names: string[]) =>
  Object.fromEntries(
    names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]),
  );

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The built server as it runs for users: NODE_ENV=production (its own secrets, the `__Host-`
 * Secure session cookie, which Chromium keeps on http://127.0.0.1 as a secure context), a fresh
 * SQLite database with the demo registry, a free port.
 */
async function startServer(dir: string, log: (line: string) => void): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = () => randomBytes(48).toString("base64url");
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    // Only what the server needs: a setting in the bench's own environment (a MySQL
    // DATABASE_URL, SMTP_URL, TRUST_PROXY…) must not leak into this server.
    env: {
      ...pick(process.env, ["PATH", "HOME", "TMPDIR", "TZ", "LANG"]),
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(dir, "gas.sqlite")}`,
      SEED_DEMO: "true",
      JWT_SECRET: secret(),
      PASSWORD_PEPPER: secret(),
      INTEGRATOR_JWT_SECRET: secret(),
      PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      SHUTDOWN_DRAIN_MS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once("exit", () => {
      exited = true;
      done();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exit.then(() => true), sleep(15_000).then(() => false)]);
    if (!killed) {
      child.kill("SIGKILL");
      await exit;
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${stderr}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 60 s:\n${stderr}`);
    }
    await sleep(200);
  }
  log(`server ready on ${url} (NODE_ENV=production, SQLite in ${dir})`);
  return { url, stop };
}

/** Registers the bench user with a demo account, as README's curl example does. */
async function register(base: string, email: string): Promise<void> {
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
async function logIn(chromePort: number, base: string, email: string): Promise<void> {
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
