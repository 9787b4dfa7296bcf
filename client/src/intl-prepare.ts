import { i18n, INTL_TAGS, type AppLocale } from "./i18n";
import type { IntlTags } from "./intl-formatters";

/** A worker that stops answering does not hold the first screen back longer than this. */
const WORKER_PATIENCE_MS = 2_000;

let madeOffThread: Promise<void> = Promise.resolve();

/** Resolves once the worker prepareIntl started has made its formatters (at once without one). */
export function intlWorkerDone(): Promise<void> {
  return madeOffThread;
}

function makeInWorker(startWorker: () => Worker, tags: IntlTags): Promise<void> {
  return new Promise((done) => {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch {
      return done(); // no workers here (or not allowed): the page sets ICU up itself
    }
    const finish = () => {
      clearTimeout(patience);
      worker.terminate();
      done();
    };
    const patience = setTimeout(finish, WORKER_PATIENCE_MS);
    worker.addEventListener("message", finish);
    worker.addEventListener("error", finish);
    worker.postMessage(tags);
  });
}

/**
 * See prepareIntlFormatters: for the first screen of a logged-in user while its data travels,
 * and for the screen after logging in while the login request does. With `startWorker`
 * (intl-worker.ts) ICU is set up off the main thread first. Where the formatting code cannot
 * load, nothing is lost.
 */
export function prepareIntl(
  locale = i18n.global.locale.value as AppLocale,
  startWorker?: () => Worker,
): void {
  const tag = INTL_TAGS[locale];
  const tags = { words: tag, number: tag };
  if (startWorker) madeOffThread = makeInWorker(startWorker, tags);
  const worked = madeOffThread;
  import("./intl-formatters").then(
    async ({ prepareIntlFormatters }) => {
      await worked;
      prepareIntlFormatters(tags);
    },
    () => undefined,
  );
}
