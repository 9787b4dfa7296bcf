import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DataSource, In } from "typeorm";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { isUniqueViolation } from "../db/transaction";
import type { Clock } from "../core/clock";
import { formatTiyn } from "../core/decimal";
import { readRegistryFile } from "./registry-csv";
import { importRegistry } from "./registry-import.service";

const PROJECT_NAME = "gas-readings";

function isProjectRoot(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === PROJECT_NAME;
  } catch {
    return false;
  }
}

function findProjectRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isProjectRoot(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * `server/src/registry/demo` of the project, found by walking up from this file, so it is the
 * same folder under ts-node (server/src/registry) and after tsc (dist/server/src/registry). An
 * image that ships only dist/ has the CSVs copied beside the compiled file (see Dockerfile).
 */
function demoRegistryDir(): string {
  const root = findProjectRoot(__dirname);
  const sources = root === null ? null : join(root, "server", "src", "registry", "demo");
  const beside = join(__dirname, "demo");
  if (sources !== null && existsSync(sources)) return sources;
  return existsSync(beside) ? beside : (sources ?? beside);
}

export const DEMO_REGISTRY_DIR = demoRegistryDir();

/** Imports the demo registry into an empty database; returns whether it did. */
export async function seedDemoRegistry(dataSource: DataSource, clock: Clock): Promise<boolean> {
  if ((await dataSource.getRepository(AccountEntity).count()) > 0) return false;
  try {
    await importRegistry(dataSource, DEMO_REGISTRY_DIR, { clock });
    return true;
  } catch (error) {
    // Another replica starting at the same moment seeded it first.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export interface DemoCredential {
  number: string;
  holderName: string;
  /** The exact amount of the latest payment, e.g. "12345.67". */
  lastPayment: string;
  ownerBin: string | null;
}

/** The demo accounts present in the database, with what registering with them takes. */
export async function demoCredentials(dataSource: DataSource): Promise<DemoCredential[]> {
  const numbers = (await readRegistryFile(DEMO_REGISTRY_DIR, "accounts")).map((f) => f.number);
  const accounts = await dataSource.getRepository(AccountEntity).findBy({ number: In(numbers) });
  if (accounts.length === 0) return [];
  const payments = await dataSource.getRepository(PaymentEntity).find({
    where: { accountId: In(accounts.map((account) => account.id)) },
    order: { paidAt: "DESC", id: "DESC" },
  });
  const latest = new Map<number, bigint>();
  for (const payment of payments) {
    if (!latest.has(payment.accountId)) latest.set(payment.accountId, payment.amountTiyn);
  }
  const byNumber = new Map(accounts.map((account) => [account.number, account]));
  return numbers.flatMap((number) => {
    const account = byNumber.get(number);
    const amount = account && latest.get(account.id);
    if (!account || amount === undefined) return [];
    const { holderName, ownerBin } = account;
    return [{ number, holderName, lastPayment: formatTiyn(amount), ownerBin }];
  });
}
