import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importEsm } from "./import-esm";
import { formatCpuShare, mainThreadCpuShare } from "./main-thread";

export type Screen = "login" | "readings" | "submit";

/** One screen's figures: the median run's, and every run's score. */
export interface ScreenFigures {
  screen: Screen;
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
}

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

/* The few parts of lighthouse and chrome-launcher used here. */
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

export interface AuditOptions {
  /** Lighthouse runs per screen; the median run is reported. */
  runs: number;
  /** Each run's Chromium profile is made here, and removed after the run. */
  dir: string;
  log: (line: string) => void;
  /** Also write each run's Lighthouse report here (JSON). */
  reportDir?: string;
  /** Logs the bench user in, in the Chromium listening on this port. */
  logIn: (chromePort: number) => Promise<void>;
}

/**
 * Loads Lighthouse and returns the audit of one screen: `runs` runs, each logged (and written to
 * reportDir), and the median run's figures.
 */
export async function lighthouseAuditor(
  options: AuditOptions,
): Promise<(screen: Screen, url: string) => Promise<ScreenFigures>> {
  const { runs, dir, log } = options;
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
      if (loggedIn) await options.logIn(chrome.port);
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

  return async (screen, url) => {
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
}

function figuresOf(screen: Screen, lhr: LighthouseResult) {
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

const round2 = (value: number) => Math.round(value * 100) / 100;
