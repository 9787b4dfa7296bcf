import Database from "better-sqlite3";
import { createPool, type PoolConnection } from "mysql2/promise";

/** The few calls the baseline needs, over a mysql2 pool or one better-sqlite3 connection. */
export interface Sql {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
}

export interface BaselineDb extends Sql {
  /** One transaction; `lock` is `FOR UPDATE` on MySQL and empty on SQLite (one writer there). */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  lock: string;
  close(): Promise<void>;
}

/** MySQL-style `DATETIME(3)` text in UTC, as both databases store it. */
export const sqlTime = (instant: Date) => instant.toISOString().replace("T", " ").slice(0, 23);

export function openBaselineDb(url: string): BaselineDb {
  return url.startsWith("mysql://") ? mysqlDb(url) : sqliteDb(url.replace(/^sqlite:/, ""));
}

function mysqlDb(url: string): BaselineDb {
  const pool = createPool({
    uri: url,
    connectionLimit: 20,
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  const on = (conn: typeof pool | PoolConnection): Sql => ({
    all: async <T>(sql: string, params: unknown[] = []) =>
      (await conn.query(sql, params))[0] as unknown as T[],
    run: async (sql: string, params: unknown[] = []) => {
      await conn.query(sql, params);
    },
  });
  return {
    ...on(pool),
    lock: "FOR UPDATE",
    async transaction(work) {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const result = await work(on(conn));
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback();
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

function sqliteDb(path: string): BaselineDb {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  // As durable as the server's (server/src/db/data-source.ts): better-sqlite3's WAL default is
  // NORMAL, which can lose the last commits on a power loss; MySQL's baseline commits durably too.
  db.pragma("synchronous = FULL");
  db.defaultSafeIntegers(false);
  const sql: Sql = {
    all: async <T>(text: string, params: unknown[] = []) =>
      db.prepare(text).all(...params.map(sqliteValue)) as T[],
    run: async (text: string, params: unknown[] = []) => {
      db.prepare(text).run(...params.map(sqliteValue));
    },
  };
  // One connection: transactions take turns, as the app's writers do there.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    ...sql,
    lock: "",
    transaction(work) {
      const mine = turn
        .catch(() => undefined)
        .then(async () => {
          db.exec("BEGIN IMMEDIATE");
          try {
            const result = await work(sql);
            db.exec("COMMIT");
            return result;
          } catch (error) {
            db.exec("ROLLBACK");
            throw error;
          }
        });
      turn = mine;
      return mine;
    },
    close: async () => {
      db.close();
    },
  };
}

const sqliteValue = (value: unknown) =>
  typeof value === "boolean" ? Number(value) : typeof value === "bigint" ? value.toString() : value;
