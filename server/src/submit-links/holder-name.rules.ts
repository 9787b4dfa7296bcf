/** Legal forms kept as written: they say what kind of holder it is, not who. */
const LEGAL_FORMS = new Set([
  "ТОО",
  "АО",
  "ИП",
  "ГУ",
  "КГП",
  "РГП",
  "ГКП",
  "ПК",
  "ОО",
  "ЖШС",
  "АҚ",
  "ЖК",
  "LLP",
  "JSC",
  "LLC",
]);

const letters = (word: string): string[] => Array.from(word.normalize("NFC"));

/** "Сарыбали" → "С***ли"; a word of three letters or fewer keeps only its first. */
function maskWord(word: string): string {
  const chars = letters(word);
  if (chars.length <= 3) return `${chars[0] ?? ""}***`;
  return `${chars[0]}***${chars.slice(-2).join("")}`;
}

const initial = (word: string): string => `${letters(word)[0]?.toLocaleUpperCase("ru") ?? ""}.`;

/**
 * The account holder's name as the bearer of a submit link sees it: enough to recognise one's
 * own account, too little to learn a stranger's name. "Сарыбали Айгерим Нурлановна" →
 * "С***ли А. Н."; `ТОО "Алтын Газ"` → `ТОО А***аз`.
 */
export function maskHolderName(name: string): string {
  const words = name
    .replace(/[«»"“”„'`]/g, " ")
    .split(/\s+/)
    .filter((word) => word !== "");
  if (words.length === 0) return "***";
  if (LEGAL_FORMS.has(words[0].toLocaleUpperCase("ru"))) {
    const rest = words.slice(1).join(" ");
    return rest === "" ? words[0] : `${words[0]} ${maskWord(rest)}`;
  }
  const [surname, ...given] = words;
  return [maskWord(surname), ...given.slice(0, 2).map(initial)].join(" ");
}
