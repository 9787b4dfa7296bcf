import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type AppServer, startServer } from "./app-server";
import { DEMO_ACCOUNT, logIn, register, submitLinkToken } from "./app-user";
import { importEsm } from "./import-esm";
import { lighthouseAuditor, type ScreenFigures } from "./lighthouse";

/**
 * Scenario 7, the subscriber app as a phone gets it: the initial JavaScript and CSS (gzipped),
 * and Lighthouse's default mobile run (simulated slow 4G, Moto G Power) of the login screen and
 * of the readings screen of a logged-in user, and of a reminder's one-tap submit page (no session),
 * against the built server (`npm run build` first)
 * on a fresh SQLite database with the demo registry.
 */
export interface AppFigures {
  initialJsGzipKb: number;
  initialCssGzipKb: number;
  lighthouse: ScreenFigures[];
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
const CLIENT_DIST = join(ROOT, "client", "dist");

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
  let server: AppServer | null = null;
  try {
    server = await startServer(dir, log);
    const base = server.url;
    const email = `bench.${Date.now()}@example.kz`;
    await register(base, email);
    const linkToken = submitLinkToken(join(dir, "gas.sqlite"), email);

    const audit = await lighthouseAuditor({
      runs,
      dir,
      log,
      reportDir: options.reportDir,
      logIn: (chromePort) => logIn(chromePort, base, email),
    });

    // A first visit (no session cookie: /login stays the login screen), then a logged-in user.
    const login = await audit("login", `${base}/login`);
    const readings = await audit("readings", `${base}/accounts/${DEMO_ACCOUNT.number}`);
    // A reminder's link, opened cold with no session: the page must be as light as the login.
    const submit = await audit("submit", `${base}/submit#token=${linkToken}&lang=ru`);

    return {
      initialJsGzipKb: round1(bundle.jsKb),
      initialCssGzipKb: round1(bundle.cssKb),
      lighthouse: [login, readings, submit],
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;
