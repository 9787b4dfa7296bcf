import { makeIntlFormatters, type IntlTags } from "./intl-formatters";

/*
 * Makes the formatters of the language it is sent, then answers. ICU's locale data and caches
 * belong to the whole browser process, so the page that started this worker then makes its own
 * formatters in a millisecond or two: setting ICU up (tens of milliseconds on a phone) happened
 * on this thread instead of the page's.
 */

/** This worker's global scope (the DOM typings describe a window's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<IntlTags>) => void) | null;
  postMessage(message: string): void;
};

scope.onmessage = ({ data }) => {
  try {
    makeIntlFormatters(data);
  } catch {
    // An engine without this locale or option: the page meets it on its own.
  }
  scope.postMessage("done");
};
