import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export type PasswordVerdict = "OK" | "TOO_SHORT" | "TOO_LONG" | "COMMON";

export interface PasswordContext {
  email?: string;
  names?: string[];
}

export const MIN_PASSWORD_CODE_POINTS = 8;
export const MAX_PASSWORD_CODE_POINTS = 128;

/** zxcvbn scores 0..4; 0 and 1 mean fewer than about a million guesses. */
const MIN_ZXCVBN_SCORE = 2;

/**
 * zxcvbn's matching grows faster than linearly with length (128 "1"s took about 190 ms, 64 about
 * 20 ms), so only the first 64 code points are scored: a password whose first 64 characters are
 * guessable is refused whatever follows them.
 */
const ZXCVBN_CODE_POINTS = 64;

/**
 * Words of this service and of its place that the English-centred list lacks: people pick the
 * name of the site, the utility and the city.
 */
const LOCAL_COMMON_WORDS = [
  "алматы",
  "алмата",
  "almaty",
  "астана",
  "казахстан",
  "қазақстан",
  "kazakstan",
  "qazaqstan",
  "сәлем",
  "салем",
  "рахмет",
  "газ",
  "gaz",
  "газовик",
  "счетчик",
  "счётчик",
  "schetchik",
  "показания",
  "pokazaniya",
  "алматыгаз",
  "almatygaz",
  "qazaqgaz",
  "казтрансгаз",
  "kaztransgaz",
];

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [...dictionary.passwords, ...LOCAL_COMMON_WORDS].map((word) => String(word).toLowerCase()),
);

/** How many entries the common-password list holds (SECURITY AUTH-1 asks for at least 3,000). */
export const COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;

zxcvbnOptions.setOptions({
  dictionary: { ...dictionary, localCommonWords: LOCAL_COMMON_WORDS },
  graphs: adjacencyGraphs,
  // How many de-l33ted variants ("p@$$w0rd" → "password") are matched against the dictionaries;
  // the default, 100, let a 128-character string of l33t symbols take seconds.
  l33tMaxSubstitutions: 2,
});

// The Russian ЙЦУКЕН keys and the Latin letters on the same keys: "пароль" typed with the
// wrong layout is "gfhjkm", and the common-password list holds many such Latin forms.
const RUSSIAN_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё";
const LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const LATIN_KEY_OF = new Map<string, string>(
  [...RUSSIAN_KEYS].flatMap((russian, i) => [
    [russian, LATIN_KEYS[i]],
    [russian.toUpperCase(), LATIN_KEYS[i].toUpperCase()],
  ]),
);

/** The same keystrokes on the Latin layout, or null when the text has no Russian letters. */
function typedOnLatinLayout(text: string): string | null {
  if (![...text].some((char) => LATIN_KEY_OF.has(char))) return null;
  return [...text].map((char) => LATIN_KEY_OF.get(char) ?? char).join("");
}

// How Russian and Kazakh names are usually spelt in Latin letters ("Иванов" → "ivanov").
// prettier-ignore
const LATIN_SPELLING: Record<string, string> = {
  а: "a", ә: "a", б: "b", в: "v", г: "g", ғ: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z",
  и: "i", і: "i", й: "i", к: "k", қ: "k", л: "l", м: "m", н: "n", ң: "n", о: "o", ө: "o",
  п: "p", р: "r", с: "s", т: "t", у: "u", ұ: "u", ү: "u", ф: "f", х: "kh", һ: "h", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

// The other common spellings, for the letters that have one.
// prettier-ignore
const ALTERNATIVE_LATIN_SPELLING: Record<string, string> = {
  ...LATIN_SPELLING, й: "y", қ: "q", х: "h", ц: "c", щ: "sch", ю: "iu", я: "ia", ғ: "gh",
};

const spell = (text: string, table: Record<string, string>): string =>
  [...text.toLowerCase()].map((char) => table[char] ?? char).join("");

/** What an attacker who knows the user would try first: names and e-mail, in every spelling. */
function userInputsOf(context: PasswordContext | undefined): string[] {
  const emailLocalPart = context?.email?.split("@")[0] ?? "";
  const words = [
    emailLocalPart,
    ...emailLocalPart.split(/[._+-]+/),
    ...(context?.names ?? []).flatMap((name) => [name, ...name.split(/[\s-]+/)]),
  ];
  const spellings = words.flatMap((word) => [
    word,
    spell(word, LATIN_SPELLING),
    spell(word, ALTERNATIVE_LATIN_SPELLING),
    typedOnLatinLayout(word) ?? "",
  ]);
  return [...new Set(spellings.map((s) => s.toLowerCase()))].filter((s) => s.length >= 3);
}

function isGuessable(candidate: string, userInputs: string[]): boolean {
  if (COMMON_PASSWORDS.has(candidate.toLowerCase())) return true;
  const scored = [...candidate].slice(0, ZXCVBN_CODE_POINTS).join("");
  // Always pass the inputs: zxcvbn keeps the previous call's user inputs when given none.
  return zxcvbn(scored, userInputs).score < MIN_ZXCVBN_SCORE;
}

/**
 * SECURITY AUTH-1: 8..128 code points, any characters, compared exactly as typed; refused when
 * common or trivially guessable (zxcvbn score below 2, the user's own names and e-mail included).
 */
export function checkPassword(password: string, context?: PasswordContext): PasswordVerdict {
  // A UTF-16 length over 256 means more than 128 code points: no need to split a huge string.
  if (password.length > 2 * MAX_PASSWORD_CODE_POINTS) return "TOO_LONG";
  const codePoints = [...password].length;
  if (codePoints < MIN_PASSWORD_CODE_POINTS) return "TOO_SHORT";
  if (codePoints > MAX_PASSWORD_CODE_POINTS) return "TOO_LONG";

  const userInputs = userInputsOf(context);
  const candidates = [password, typedOnLatinLayout(password)];
  const guessable = candidates.some((c) => c !== null && isGuessable(c, userInputs));
  return guessable ? "COMMON" : "OK";
}
