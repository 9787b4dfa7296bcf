import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { AccountLinkEntity } from "../server/src/accounts/account-link.entity";
import { AccountEntity } from "../server/src/accounts/account.entity";
import { PasswordHasher } from "../server/src/auth/password-hasher.service";
import { SessionEntity } from "../server/src/auth/session.entity";
import { bulkInsert } from "../server/src/db/bulk-insert";
import { MeterEntity } from "../server/src/readings/meter.entity";
import { importRegistry } from "../server/src/registry/registry-import.service";
import { writeRegistry } from "../server/src/registry/write-registry";
import { systemClock } from "../server/src/core/clock";
import { Language, PersonType, UserRole } from "../server/src/core/enums";
import { UserEntity } from "../server/src/users/user.entity";
import type { BenchSize } from "./options";

export const BENCH_PASSWORD = "Bench-password-2026!";
export const GROUPS = ["one", "three", "fifty", "deep"] as const;
export type Group = (typeof GROUPS)[number];

/** A subscriber of the benchmark: each has its own session and its own client address. */
export interface BenchUser {
  id: number;
  email: string;
  sessionId: string;
  ip: string;
  /** The accounts linked, in order. */
  accounts: string[];
}

export interface SendingMeter {
  meterId: number;
  account: string;
  /** Index into the `one` group of the user who owns it. */
  owner: number;
  latestMilli: bigint;
}

export interface BenchData {
  users: Record<Group, BenchUser[]>;
  sendingMeters: SendingMeter[];
}

const ACCOUNTS_PER_GROUP: Record<Group, number> = { one: 1, three: 3, fifty: 50, deep: 1 };
const REGISTRY_MONTHS = 24;

/**
 * The generated registry (`registry:generate`'s generator, 24 months of readings) loaded with
 * `registry:import`; the first two accounts' meters get a long history for deep pages.
 */
export async function importBaseRegistry(dataSource: DataSource, size: BenchSize): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gas-bench-registry-"));
  await writeRegistry(dir, {
    accounts: size.baseAccounts,
    months: REGISTRY_MONTHS,
    until: "2026-10",
    seed: 1,
  });
  // Daily inspector readings from 2019 on, older than the generated months; their meters
  // installed before (the import refuses a reading older than its meter's installation, and
  // the generator installs meters from 2010 to 2022).
  const meters = join(dir, "meters.csv");
  writeFileSync(
    meters,
    readFileSync(meters, "utf8").replace(
      /^([^,\n]*,G4-000000000[12]-1,)\d{4}-\d{2}-\d{2}$/gm,
      (_, head: string) => `${head}2018-12-01`,
    ),
  );
  let deep = "";
  for (const serial of ["G4-0000000001-1", "G4-0000000002-1"]) {
    for (let day = 0; day < size.deepReadings; day++) {
      const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      deep += `${serial},${(day * 0.05 + 1).toFixed(3)},${date},INSPECTOR\n`;
    }
  }
  appendFileSync(join(dir, "readings.csv"), deep);
  await importRegistry(dataSource, dir, { clock: systemClock });
}

const accountsOfUser = (group: Group, index: number, numbers: string[]): string[] => {
  if (group === "deep") return [numbers[index % 2]];
  const count = ACCOUNTS_PER_GROUP[group];
  return Array.from({ length: count }, (_, k) => numbers[(index * count + k) % numbers.length]);
};

/** Users (one bcrypt hash at the product's cost), their links and one session each. */
export async function seedUsers(
  dataSource: DataSource,
  size: BenchSize,
  pepper: string,
): Promise<BenchData> {
  const passwordHash = await new PasswordHasher(pepper, 12).hash(BENCH_PASSWORD);
  const accounts = await dataSource.getRepository(AccountEntity).find({
    select: { id: true, number: true },
    order: { number: "ASC" },
    take: size.baseAccounts,
  });
  const idOf = new Map(accounts.map((a) => [a.number, a.id]));
  const numbers = accounts.map((a) => a.number);
  const now = new Date();
  const users = {} as Record<Group, BenchUser[]>;
  let ipSerial = 0;
  for (const group of GROUPS) {
    const count = group === "fifty" ? size.usersWithFifty : size.usersPerGroup;
    const rows = Array.from({ length: count }, (_, i) => {
      const email = `bench-${group}-${i}@example.kz`;
      return {
        email,
        emailNormalized: email,
        passwordHash,
        lastName: "Бенчмарков",
        firstName: "Тест",
        phone: "+77011234567",
        personType: PersonType.INDIVIDUAL,
        bin: null,
        language: Language.RU,
        role: UserRole.SUBSCRIBER,
        emailVerifiedAt: now,
        createdAt: now,
        updatedAt: now,
      };
    });
    await inBatches(rows, 1000, (batch) => bulkInsert(dataSource.manager, UserEntity, batch));
    const saved: Array<{ id: number; email: string }> = await dataSource.query(
      "SELECT id, email FROM users WHERE email LIKE ?",
      [`bench-${group}-%`],
    );
    const byEmail = new Map(saved.map((u) => [u.email, Number(u.id)]));
    users[group] = rows.map((row, i) => {
      ipSerial++;
      return {
        id: byEmail.get(row.email)!,
        email: row.email,
        sessionId: randomUUID(),
        ip: `10.${(ipSerial >> 16) & 255}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`,
        accounts: accountsOfUser(group, i, numbers),
      };
    });
    const links = users[group].flatMap((user) =>
      user.accounts.map((number, k) => ({
        userId: user.id,
        accountId: idOf.get(number)!,
        createdAt: new Date(now.getTime() + k),
      })),
    );
    await inBatches(links, 5000, (batch) =>
      bulkInsert(dataSource.manager, AccountLinkEntity, batch),
    );
    const sessions = users[group].map((user) => ({
      id: user.sessionId,
      userId: user.id,
      tokenHash: randomBytes(32).toString("hex"),
      previousTokenHash: null,
      rememberMe: true,
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
      createdAt: now,
      lastUsedAt: now,
    }));
    await inBatches(sessions, 2000, (batch) =>
      bulkInsert(dataSource.manager, SessionEntity, batch),
    );
  }
  return { users, sendingMeters: await sendingMeters(dataSource, users.one) };
}

/** Every meter of the `one` group's accounts, with its owner and latest value. */
async function sendingMeters(dataSource: DataSource, owners: BenchUser[]): Promise<SendingMeter[]> {
  const ownerOf = new Map<string, number>();
  owners.forEach((user, index) => {
    if (!ownerOf.has(user.accounts[0])) ownerOf.set(user.accounts[0], index);
  });
  const rows: Array<{ id: number; number: string; latest: string | number }> =
    await dataSource.query(
      `SELECT m.id AS id, a.number AS number, MAX(r.value_milli) AS latest
         FROM meters m JOIN accounts a ON a.id = m.account_id
         JOIN readings r ON r.meter_id = m.id GROUP BY m.id, a.number ORDER BY m.id`,
    );
  return rows
    .filter((row) => ownerOf.has(row.number))
    .map((row) => ({
      meterId: Number(row.id),
      account: row.number,
      owner: ownerOf.get(row.number)!,
      latestMilli: BigInt(row.latest),
    }));
}

export async function countReadings(dataSource: DataSource): Promise<number> {
  const [{ total }] = await dataSource.query("SELECT COUNT(*) AS total FROM readings");
  return Number(total);
}

const FILLER_CHUNK_METERS = 10_000;

/**
 * Grows the readings table to about `target` rows with other subscribers' meters, each with the
 * same 24 months as a template meter (one INSERT … SELECT per chunk). The benchmark's own
 * accounts keep their history, so only the size of the tables changes between stages.
 */
export async function growReadings(
  dataSource: DataSource,
  target: number,
  log: (line: string) => void,
): Promise<number> {
  const current = await countReadings(dataSource);
  if (current >= target) return current;
  const [template] = await dataSource.query(
    `SELECT meter_id AS id FROM readings GROUP BY meter_id HAVING COUNT(*) = ${REGISTRY_MONTHS}
       ORDER BY meter_id LIMIT 1`,
  );
  const meters = Math.ceil((target - current) / REGISTRY_MONTHS);
  const [{ next }] = await dataSource.query(
    "SELECT COALESCE(MAX(id), 0) + 1 AS next FROM accounts",
  );
  const now = new Date();
  for (let start = 0; start < meters; start += FILLER_CHUNK_METERS) {
    const count = Math.min(FILLER_CHUNK_METERS, meters - start);
    const numbers = Array.from(
      { length: count },
      (_, k) => `9${String(Number(next) + start + k).padStart(9, "0")}`,
    );
    await inBatches(numbers, 4000, (batch) =>
      bulkInsert(
        dataSource.manager,
        AccountEntity,
        batch.map((number) => ({
          number,
          holderName: "Абонент",
          address: "г. Алматы",
          ownerBin: null,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    const created: Array<{ id: number; number: string }> = await dataSource.query(
      `SELECT id, number FROM accounts WHERE number >= ? AND number <= ?`,
      [numbers[0], numbers[numbers.length - 1]],
    );
    await inBatches(created, 4000, (batch) =>
      bulkInsert(
        dataSource.manager,
        MeterEntity,
        batch.map((a) => ({
          accountId: Number(a.id),
          serialNumber: `F-${a.number}`,
          installedAt: now,
          removedAt: null,
        })),
      ),
    );
    await dataSource.query(
      `INSERT INTO readings (meter_id, value_milli, taken_at, period, source, is_correction, created_at)
       SELECT m.id, t.value_milli, t.taken_at, t.period, t.source, 0, t.created_at
         FROM meters m JOIN accounts a ON a.id = m.account_id
         CROSS JOIN (SELECT value_milli, taken_at, period, source, created_at FROM readings
                      WHERE meter_id = ?) t
        WHERE a.number >= ? AND a.number <= ?`,
      [template.id, numbers[0], numbers[numbers.length - 1]],
    );
    log(`  … ${current + (start + count) * REGISTRY_MONTHS} readings`);
  }
  return countReadings(dataSource);
}

async function inBatches<T>(rows: T[], size: number, work: (batch: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += size) await work(rows.slice(i, i + size));
}
