import {
  createTextVNode,
  defineComponent,
  Fragment,
  h,
  shallowReactive,
  shallowRef,
  type App,
  type VNode,
} from "vue";

export const LOCALES = ["ru", "kk", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const isAppLocale = (value: unknown): value is AppLocale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** BCP 47 tags for Intl: the app's locale plus the country whose conventions it follows. */
export const INTL_TAGS: Record<AppLocale, string> = { ru: "ru-RU", kk: "kk-KZ", en: "en-GB" };

type Messages = { [key: string]: string | Messages };

/** One lazy chunk per language: only the current one is downloaded. */
const loaders: Record<AppLocale, () => Promise<{ default: Messages }>> = {
  ru: () => import("./locales/ru.json"),
  kk: () => import("./locales/kk.json"),
  en: () => import("./locales/en.json"),
};

/** Made on first use: the first Intl object sets up ICU, which the login screen never needs. */
let russianRules: Intl.PluralRules | null = null;

/** Russian messages list three forms, "one | few | many" (1 показание, 2 показания, 5 показаний). */
export function russianPluralIndex(choice: number, choicesLength: number): number {
  if (choicesLength < 3) return choice === 1 ? 0 : 1;
  russianRules ??= new Intl.PluralRules("ru");
  const form = russianRules.select(Math.abs(choice));
  return form === "one" ? 0 : form === "few" ? 1 : 2;
}

/** English: "one | other" (or "none | one | other"), vue-i18n's default rule. */
function defaultPluralIndex(choice: number, choicesLength: number): number {
  const count = Math.abs(choice);
  if (choicesLength === 2) return count === 1 ? 0 : 1;
  return Math.min(count, 2);
}

const PLURAL_RULES: Record<string, (choice: number, choicesLength: number) => number> = {
  ru: russianPluralIndex,
  // Kazakh nouns do not change after a numeral: one form.
  kk: () => 0,
};

/**
 * The messages use the part of vue-i18n's syntax the app needs: `{name}` placeholders,
 * `{'@'}` literals, and plural forms separated by `|` (chosen with `t(key, count)`, which also
 * sets `{n}` and `{count}`). A message is parsed once, into text and placeholder parts.
 */
type Part = string | { name: string };
const parsed = new Map<string, Part[][]>();

function parse(message: string): Part[][] {
  let forms = parsed.get(message);
  if (forms) return forms;
  const sources = message.includes("|") ? message.split(/\s*\|\s*/) : [message];
  forms = sources.map((source) => {
    const parts: Part[] = [];
    let text = "";
    for (const match of source.matchAll(/\{\s*(?:'([^']*)'|([\w-]+))\s*\}|[^{]+|\{/g)) {
      const [whole, literal, name] = match;
      if (name === undefined) {
        text += literal ?? whole;
        continue;
      }
      if (text) parts.push(text);
      parts.push({ name });
      text = "";
    }
    if (text) parts.push(text);
    return parts;
  });
  parsed.set(message, forms);
  return forms;
}

const display = (value: unknown): string =>
  value === null || value === undefined
    ? ""
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

const locale = shallowRef<string>("ru");
const messages = shallowReactive(new Map<string, Messages>());

function lookup(key: string): string | undefined {
  let node: string | Messages | undefined = messages.get(locale.value);
  for (const segment of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[segment];
  }
  return typeof node === "string" ? node : undefined;
}

/** The parts of the message at `key`: for a plural message, the form the rule picks for `choice`. */
function partsOf(key: string, choice: number): Part[] | null {
  const message = lookup(key);
  if (message === undefined) return null;
  const forms = parse(message);
  if (forms.length === 1) return forms[0];
  const rule = PLURAL_RULES[locale.value] ?? defaultPluralIndex;
  return forms[Math.min(Math.max(rule(choice, forms.length), 0), forms.length - 1)];
}

/**
 * `t(key)`, `t(key, { name: value })`, or `t(key, count)` for plural messages (as in vue-i18n, a
 * numeric `count` or `n` among the values also picks the form). A key with no message in the
 * current language comes back as itself. Reactive: reads the locale and its messages, so a
 * template re-renders when either changes.
 */
export function t(key: string, values?: number | Record<string, unknown>): string {
  const named = typeof values === "number" ? { n: values, count: values } : (values ?? {});
  const choice = [named.count, named.n].find((value) => typeof value === "number") ?? -1;
  const parts = partsOf(key, choice as number);
  if (parts === null) return key;
  return parts
    .map((part) => (typeof part === "string" ? part : display(named[part.name])))
    .join("");
}

/**
 * The app's i18n: the current locale (a ref), the loaded messages, and `install` so that
 * `app.use(i18n)` reads as before. It replaces vue-i18n, whose runtime and message compiler
 * (16 KB compressed) every phone downloaded and ran before the first screen.
 */
export const i18n = {
  global: {
    locale,
    get availableLocales(): string[] {
      return [...messages.keys()];
    },
    setLocaleMessage(name: string, tree: Messages): void {
      messages.set(name, tree);
    },
  },
  install(_app: App): void {
    // Nothing per app: the state is module-wide, and components call useI18n().
  },
};

/** What components use, as with vue-i18n's composition API: `const { t } = useI18n()`. */
export function useI18n() {
  return { t };
}

/**
 * A message with components inside: `<I18nT keypath="register.accept">` renders the message
 * and puts the slot named after each placeholder in its place (`<template #link>`).
 */
export const I18nT = defineComponent({
  name: "I18nT",
  props: {
    keypath: { type: String, required: true },
    plural: { type: Number, default: undefined },
    /** vue-i18n's prop; there is one, global, scope here. */
    scope: { type: String, default: "global" },
  },
  setup(props, { slots }) {
    return () => {
      const parts = partsOf(props.keypath, props.plural ?? -1);
      if (parts === null) return createTextVNode(props.keypath);
      const children: VNode[] = [];
      for (const part of parts) {
        if (typeof part === "string") children.push(createTextVNode(part));
        else children.push(...(slots[part.name]?.() ?? [createTextVNode("")]));
      }
      return h(Fragment, children);
    };
  },
});

export async function loadLocaleMessages(locale: AppLocale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return;
  const loaded = await loaders[locale]();
  i18n.global.setLocaleMessage(locale, loaded.default);
}
