import { csvField } from "../common/csv-field";
import { makeBin } from "../core/bin";
import { formatReadingMilli, formatTiyn } from "../core/decimal";

/** A small seeded PRNG (mulberry32): the same seed gives the same registry. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof randomSource>;

const KAZAKH_SURNAMES = [
  "Әбдірахманов",
  "Жұмабаев",
  "Төлеуов",
  "Нұрланов",
  "Қасымов",
  "Өтемісов",
  "Бекмұхамбетов",
  "Ермеков",
  "Сәрсенбаев",
  "Ахметов",
];
const RUSSIAN_SURNAMES = [
  "Иванов",
  "Смирнов",
  "Петров",
  "Соколов",
  "Попов",
  "Кузнецов",
  "Волков",
  "Лебедев",
  "Морозов",
  "Новиков",
];
const KAZAKH_NAMES = {
  male: ["Ерлан", "Асхат", "Дәурен", "Нұрсұлтан", "Бауыржан"],
  female: ["Айгерим", "Гүлнар", "Әсел", "Жансая", "Мәдина"],
};
const RUSSIAN_NAMES = {
  male: ["Пётр", "Сергей", "Дмитрий", "Андрей", "Игорь"],
  female: ["Анна", "Ольга", "Елена", "Наталья", "Татьяна"],
};
const STREETS = [
  "ул. Абая",
  "пр. Достык",
  "ул. Толе би",
  "ул. Жандосова",
  "ул. Розыбакиева",
  "пр. Райымбека",
  "ул. Сатпаева",
  "ул. Кенесары хана",
  "пр. Аль-Фараби",
  "ул. Фурманова",
  "ул. Желтоксан",
  "ул. Байтурсынова",
];
const DISTRICTS = [
  "Самал-2",
  "Орбита-3",
  "Аксай-4",
  "Жетысу-2",
  "Коктем-1",
  "Мамыр-4",
  "Таугуль",
  "Калкаман",
];
const COMPANY_KINDS = ["ТОО", "АО", "ИП"];
const COMPANY_NAMES = [
  "Алматы Нан",
  "Тау Самал",
  "Жетісу Құрылыс",
  "Алатау Сервис",
  "Медеу Жылу",
  "Көктем Маркет",
];

function holderName(random: Random): string {
  const female = random.next() < 0.5;
  const kazakh = random.next() < 0.6;
  const surname = random.pick(kazakh ? KAZAKH_SURNAMES : RUSSIAN_SURNAMES) + (female ? "а" : "");
  const names = kazakh ? KAZAKH_NAMES : RUSSIAN_NAMES;
  return `${surname} ${random.pick(female ? names.female : names.male)}`;
}

function address(random: Random): string {
  if (random.next() < 0.5) {
    return `г. Алматы, мкр. ${random.pick(DISTRICTS)}, д. ${random.int(1, 120)}, кв. ${random.int(1, 180)}`;
  }
  return `г. Алматы, ${random.pick(STREETS)}, д. ${random.int(1, 300)}, кв. ${random.int(1, 120)}`;
}

/** The month `back` months before the month numbered `index` (year × 12 + month − 1). */
function monthBack(index: number, back: number, day: number): { month: number; date: string } {
  const target = index - back;
  const month = target % 12;
  const date = `${Math.floor(target / 12)}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { month, date };
}

const csvLine = (fields: string[]) => fields.map(csvField).join(",") + "\n";

export interface GeneratorOptions {
  accounts: number;
  /** Months of readings before `until` (default 12). */
  months: number;
  /** The last reading month's last day, e.g. "2026-10". */
  until: string;
  seed: number;
}

export interface RegistryLines {
  accounts: string;
  meters: string;
  payments: string;
  readings: string;
}

export const REGISTRY_HEADERS: RegistryLines = {
  accounts: "number,holder_name,address,owner_bin\n",
  meters: "account_number,serial_number,installed_at\n",
  payments: "account_number,amount,paid_at\n",
  readings: "serial_number,value,taken_at,source\n",
};

/**
 * The CSV lines of one account after another: about 2 % of accounts belong to legal entities
 * that own 5–60 accounts each; 5 % have a second meter; every meter has monthly readings with a
 * winter peak; each account has three payments with tiyn.
 */
export function* generateRegistry(options: GeneratorOptions): Generator<RegistryLines> {
  const random = randomSource(options.seed);
  const [untilYear, untilMonth] = options.until.split("-").map(Number);
  const untilIndex = untilYear * 12 + untilMonth - 1;
  let company: { bin: string; name: string; left: number } | null = null;
  for (let n = 1; n <= options.accounts; n++) {
    const number = String(n).padStart(10, "0");
    if (!company && random.next() < 0.002) {
      const bin = makeBin(
        `${String(random.int(0, 99)).padStart(2, "0")}0${random.int(1, 9)}40${String(n % 100000).padStart(5, "0")}`,
      );
      if (bin)
        company = {
          bin,
          name: `${random.pick(COMPANY_KINDS)} "${random.pick(COMPANY_NAMES)}"`,
          left: random.int(5, 60),
        };
    }
    const owner = company;
    if (company && --company.left === 0) company = null;
    const lines: RegistryLines = { accounts: "", meters: "", payments: "", readings: "" };
    lines.accounts = csvLine([
      number,
      owner ? owner.name : holderName(random),
      address(random),
      owner?.bin ?? "",
    ]);
    const meterCount = random.next() < 0.05 ? 2 : 1;
    for (let m = 1; m <= meterCount; m++) {
      const serial = `G4-${number}-${m}`;
      const installed = `20${random.int(10, 22)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
      lines.meters += csvLine([number, serial, installed]);
      let value = BigInt(random.int(100, 9000)) * 1000n + BigInt(random.int(0, 999));
      for (let back = options.months - 1; back >= 0; back--) {
        const { month, date } = monthBack(untilIndex, back, random.int(18, 27));
        const winter = month >= 10 || month <= 2;
        value += BigInt(random.int(winter ? 120_000 : 15_000, winter ? 260_000 : 45_000));
        const source =
          random.next() < 0.85 ? "INSPECTOR" : random.next() < 0.8 ? "SUBSCRIBER" : "ESTIMATE";
        lines.readings += csvLine([serial, formatReadingMilli(value), date, source]);
      }
    }
    for (let p = 0; p < 3; p++) {
      const tiyn = BigInt(random.int(150_000, owner ? 40_000_000 : 1_500_000));
      lines.payments += csvLine([
        number,
        formatTiyn(tiyn),
        monthBack(untilIndex, 2 - p, 5 + p).date,
      ]);
    }
    yield lines;
  }
}
