import { runLoad } from "../load/load";
import { accountsScreenItems, loginItems } from "../operations";
import { compare, type BenchContext, type Comparison } from "./context";

export interface LoginFlood {
  /** Accounts screens a second, at a fixed rate, alone and during the login flood. */
  rate: number;
  p99Alone: number;
  p99DuringLogins: number;
  loginsPerSecond: number;
  errors: number;
}

const LOGIN_CONNECTIONS = 8;

/**
 * Scenario 5: logins a second at bcrypt cost 12; then the accounts screen at a fixed rate,
 * alone and while logins run at full rate (hashing must not starve the event loop).
 */
export async function login(
  context: BenchContext,
  accountsRps: number,
): Promise<{ logins: Comparison; flood: LoginFlood }> {
  const { size } = context.options;
  const users = context.data.users.three;
  const logins = await compare(context, 5, "login (bcrypt cost 12)", {
    connections: LOGIN_CONNECTIONS,
    seconds: size.loginSeconds,
    items: loginItems(users),
  });
  // A quarter of what the full stack served flat out: a busy hour, not saturation.
  const rate = Math.max(20, Math.round(accountsRps / 4));
  const screen = () => ({
    url: context.servers.full.url,
    connections: 10,
    rate,
    seconds: size.loginSeconds,
    items: accountsScreenItems(context.data.users.one, "accounts"),
  });
  const alone = await runLoad(screen());
  const [during, flood] = await Promise.all([
    runLoad(screen()),
    runLoad({
      url: context.servers.full.url,
      connections: LOGIN_CONNECTIONS,
      seconds: size.loginSeconds,
      items: loginItems(context.data.users.fifty),
    }),
  ]);
  const result: LoginFlood = {
    rate,
    p99Alone: alone.p99,
    p99DuringLogins: during.p99,
    loginsPerSecond: flood.rps,
    errors: alone.errors + during.errors + flood.errors,
  };
  context.log(
    `  accounts screen at ${rate}/s: p99 ${alone.p99.toFixed(1)} ms alone, ` +
      `${during.p99.toFixed(1)} ms during ${flood.rps.toFixed(1)} logins/s` +
      (result.errors ? `  ERRORS ${JSON.stringify({ ...during.codes, ...flood.codes })}` : ""),
  );
  return { logins, flood: result };
}
