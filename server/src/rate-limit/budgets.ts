const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One budget: `points` per `durationSeconds`; once exceeded, refused for `blockSeconds`. */
export interface Budget {
  points: number;
  durationSeconds: number;
  /** 0: refused only until the window ends. */
  blockSeconds: number;
}

/** The numbers of RL-1, RL-3, RL-5, RL-6, RL-7 (docs/security.md). */
export const DEFAULT_BUDGETS = {
  /** RL-1: failed proofs per account number; then refused 24 h to everyone. */
  guessPerAccount: { points: 5, durationSeconds: DAY, blockSeconds: DAY },
  guessPerIpHour: { points: 20, durationSeconds: HOUR, blockSeconds: 0 },
  guessPerIpDay: { points: 100, durationSeconds: DAY, blockSeconds: 0 },
  guessPerUserDay: { points: 10, durationSeconds: DAY, blockSeconds: 0 },
  /** RL-3: consecutive failures per (e-mail, IP) → 1 h block; a success clears them. */
  loginPerEmailIp: { points: 10, durationSeconds: DAY, blockSeconds: HOUR },
  loginPerIpDay: { points: 100, durationSeconds: DAY, blockSeconds: DAY },
  loginPerEmailHour: { points: 100, durationSeconds: HOUR, blockSeconds: 0 },
  /** RL-5: registrations per IP, EMAIL_TAKEN answers included. */
  registerPerIpHour: { points: 10, durationSeconds: HOUR, blockSeconds: 0 },
  /** RL-6: reset requests per e-mail string and per IP. */
  resetPerEmailHour: { points: 3, durationSeconds: HOUR, blockSeconds: 0 },
  resetPerIpHour: { points: 20, durationSeconds: HOUR, blockSeconds: 0 },
  /** Reset link status checks per IP (`passwordResetTokenStatus`). */
  resetStatusPerIpHour: { points: 30, durationSeconds: HOUR, blockSeconds: 0 },
  /** issueApiToken: per API client (right id and secret), else per IP; no cost budget besides. */
  tokenPerClientMinute: { points: 30, durationSeconds: MINUTE, blockSeconds: 0 },
  /** `sendTestPush`: test notifications per user. */
  testPushPerUserHour: { points: 5, durationSeconds: HOUR, blockSeconds: 0 },
  /** One-tap submit links (`submitLink`, `submitReadingByLink`): per token and per address. */
  linkPerTokenHour: { points: 20, durationSeconds: HOUR, blockSeconds: 0 },
  linkPerIpHour: { points: 60, durationSeconds: HOUR, blockSeconds: 0 },
  /** RL-7: operation cost per user (or IP when anonymous). */
  costPerMinute: { points: 300, durationSeconds: MINUTE, blockSeconds: 0 },
} satisfies Record<string, Budget>;

export type BudgetName = keyof typeof DEFAULT_BUDGETS;
export type Budgets = Record<BudgetName, Budget>;
/** Overrides per budget (tests that are not about limits raise them). */
export type BudgetOverrides = Partial<Record<BudgetName, Partial<Budget>>>;

export function resolveBudgets(overrides: BudgetOverrides = {}): Budgets {
  const budgets = { ...DEFAULT_BUDGETS } as Budgets;
  for (const name of Object.keys(overrides) as BudgetName[]) {
    budgets[name] = { ...budgets[name], ...overrides[name] };
  }
  return budgets;
}
