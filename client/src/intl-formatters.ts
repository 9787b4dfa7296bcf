import { ALMATY_TIME_ZONE } from "@core/almaty-time";

/** BCP 47 tags: `words` for dates and month names, `number` for numbers (they differ when
 * Kazakh is formatted by hand). */
export interface IntlTags {
  words: string;
  number: string;
}

/** The Intl objects the app formats readings, money and dates with. */
const FORMATS = {
  reading: (tags: IntlTags) =>
    new Intl.NumberFormat(tags.number, { minimumFractionDigits: 0, maximumFractionDigits: 3 }),
  money: (tags: IntlTags) =>
    new Intl.NumberFormat(tags.number, {
      style: "currency",
      currency: "KZT",
      currencyDisplay: "narrowSymbol",
    }),
  /** A day in Almaty time: "26 ноября 2026 г." */
  date: (tags: IntlTags) =>
    new Intl.DateTimeFormat(tags.words, { dateStyle: "long", timeZone: ALMATY_TIME_ZONE }),
  /** Month names; periods are formatted at mid-month UTC. */
  month: (tags: IntlTags) =>
    new Intl.DateTimeFormat(tags.words, { month: "short", timeZone: "UTC" }),
  /** A time of day in Almaty time: "14:05". */
  time: (tags: IntlTags) =>
    new Intl.DateTimeFormat(tags.words, {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: ALMATY_TIME_ZONE,
    }),
  monthYear: (tags: IntlTags) =>
    new Intl.DateTimeFormat(tags.words, { month: "long", year: "numeric", timeZone: "UTC" }),
};

export type FormatKind = keyof typeof FORMATS;
const KINDS = Object.keys(FORMATS) as FormatKind[];
type Formatter<K extends FormatKind> = ReturnType<(typeof FORMATS)[K]>;

const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Made on first use and shared by every component: each one costs ICU a locale lookup. */
export function intlFormatter<K extends FormatKind>(kind: K, tags: IntlTags): Formatter<K> {
  const key = `${kind}|${tags.words}|${tags.number}`;
  let formatter = made.get(key);
  if (!formatter) {
    formatter = FORMATS[kind](tags);
    made.set(key, formatter);
  }
  return formatter as Formatter<K>;
}

/** Makes every formatter of a language now (in a worker: see intl-worker.ts). */
export function makeIntlFormatters(tags: IntlTags): void {
  for (const kind of KINDS) intlFormatter(kind, tags).format(0);
}

/**
 * Makes the formatters of a language ahead of need, one task each, while the first screen's
 * data is on its way: the first one sets ICU up, which takes a phone tens of milliseconds.
 */
export function prepareIntlFormatters(tags: IntlTags): void {
  const prepare = (index: number) => {
    if (index >= KINDS.length) return;
    intlFormatter(KINDS[index], tags);
    setTimeout(() => prepare(index + 1), 0);
  };
  prepare(0);
}
