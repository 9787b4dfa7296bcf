import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import bcrypt from "bcrypt";
import { buildSchema, graphql, GraphQLError } from "graphql";
import jwt from "jsonwebtoken";
import {
  decideSending,
  type MeterMonth,
  submissionWindow,
} from "../../server/src/readings/reading.rules";
import { periodEnd, periodOf } from "../../server/src/core/almaty-time";
import { formatReadingMilli, parseReadingMilli } from "../../server/src/core/decimal";
import { type BaselineDb, openBaselineDb, type Sql, sqlTime } from "./database";

/**
 * The bare baseline of `npm run bench`: plain `graphql()` over a hand-written schema and
 * hand-written SQL, answering the benchmark's operations with the same data and the same rules
 * (access, the monthly limit, the feed order, the audit row) as the real server.
 * Env: DATABASE_URL, PORT, JWT_SECRET, PASSWORD_PEPPER.
 */
const schema = buildSchema(`
  type Query { me: User, account(number: String!): Account }
  type Mutation {
    submitReading(input: SubmitReadingInput!): Reading!
    login(input: LoginInput!): Login!
  }
  input SubmitReadingInput { meterId: ID!, value: String!, idempotencyKey: String }
  input LoginInput { email: String!, password: String!, rememberMe: Boolean }
  type Login { accessToken: String! }
  type User { id: ID!, email: String!, accounts: [Account!]! }
  type Account { number: String!, holderName: String!, address: String!, meters: [Meter!]! }
  type Meter {
    id: ID!, serialNumber: String!, lastReading: Reading, submission: SubmissionWindow!
    readings(first: Int, after: String): ReadingConnection!
  }
  type Reading {
    id: ID!, value: String!, takenAt: String!, source: String!, period: String!, isCorrection: Boolean!
  }
  type SubmissionWindow {
    period: String!, used: Int!, remaining: Int!, minimumValue: String!, reopensAt: String
  }
  type ReadingConnection { edges: [ReadingEdge!]!, pageInfo: PageInfo!, totalCount: Int! }
  type ReadingEdge { cursor: String!, node: Reading! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
`);

interface ReadingRow {
  id: number;
  meter_id: number;
  value_milli: string | number;
  taken_at: string;
  period: string;
  source: string;
  slot: number | null;
  is_correction: number;
  previous_value_milli: string | number | null;
}
interface MeterRow {
  id: number;
  account_id: number;
  serial_number: string;
}
interface Viewer {
  id: number;
  email: string;
}

const fail = (code: string) => new GraphQLError(code, { extensions: { code } });
const toDate = (text: string) => new Date(text.replace(" ", "T") + "Z");
const readingView = (r: ReadingRow) => ({
  id: String(r.id),
  value: formatReadingMilli(BigInt(r.value_milli)),
  takenAt: toDate(r.taken_at).toISOString(),
  source: r.source,
  period: r.period,
  isCorrection: Boolean(r.is_correction),
});
const monthOf = (latest: ReadingRow | undefined, sendings: ReadingRow[]): MeterMonth => ({
  latestValue: latest ? BigInt(latest.value_milli) : null,
  sendings: sendings.map((s) => ({
    slot: s.slot ?? 0,
    previousValue: s.previous_value_milli == null ? null : BigInt(s.previous_value_milli),
  })),
});
const inList = (ids: readonly number[]) => ids.map(() => "?").join(",");

/** One index seek per meter, joined back to the rows by primary key. */
async function latestOf(sql: Sql, meterIds: number[]): Promise<Map<number, ReadingRow>> {
  if (meterIds.length === 0) return new Map();
  const seeks = meterIds
    .map(
      (_, i) =>
        `SELECT id FROM (SELECT id FROM readings WHERE meter_id = ? ORDER BY taken_at DESC, id DESC LIMIT 1) s${i}`,
    )
    .join(" UNION ALL ");
  const rows = await sql.all<ReadingRow>(
    `SELECT r.* FROM (${seeks}) latest JOIN readings r ON r.id = latest.id`,
    meterIds,
  );
  return new Map(rows.map((r) => [r.meter_id, r]));
}

async function sendingsOf(sql: Sql, meterIds: number[], period: string) {
  const byMeter = new Map<number, ReadingRow[]>(meterIds.map((id) => [id, []]));
  if (meterIds.length === 0) return byMeter;
  const rows = await sql.all<ReadingRow>(
    `SELECT * FROM readings WHERE meter_id IN (${inList(meterIds)}) AND period = ?
       AND slot IS NOT NULL ORDER BY slot`,
    [...meterIds, period],
  );
  for (const row of rows) byMeter.get(row.meter_id)?.push(row);
  return byMeter;
}

function windowOf(month: MeterMonth, period: string) {
  const state = submissionWindow(month);
  return {
    period,
    used: state.used,
    remaining: state.remaining,
    minimumValue: formatReadingMilli(state.minimum),
    reopensAt: state.remaining === 0 ? periodEnd(period).toISOString() : null,
  };
}

/** The accounts screen in four statements: accounts, meters, latest readings, sendings. */
async function accountsOf(db: Sql, viewer: Viewer) {
  const accounts = await db.all<{
    id: number;
    number: string;
    holder_name: string;
    address: string;
  }>(
    `SELECT a.id, a.number, a.holder_name, a.address FROM accounts a
       JOIN account_links l ON l.account_id = a.id WHERE l.user_id = ? ORDER BY l.created_at, l.id`,
    [viewer.id],
  );
  const meters = accounts.length
    ? await db.all<MeterRow>(
        `SELECT id, account_id, serial_number FROM meters WHERE account_id IN (${inList(
          accounts.map((a) => a.id),
        )}) ORDER BY installed_at, id`,
        accounts.map((a) => a.id),
      )
    : [];
  const meterIds = meters.map((m) => m.id);
  const period = periodOf(new Date());
  const [latest, sendings] = await Promise.all([
    latestOf(db, meterIds),
    sendingsOf(db, meterIds, period),
  ]);
  return accounts.map((a) => ({
    number: a.number,
    holderName: a.holder_name,
    address: a.address,
    meters: meters
      .filter((m) => m.account_id === a.id)
      .map((m) => {
        const last = latest.get(m.id);
        return {
          id: String(m.id),
          serialNumber: m.serial_number,
          lastReading: last ? readingView(last) : null,
          submission: windowOf(monthOf(last, sendings.get(m.id) ?? []), period),
        };
      }),
  }));
}

async function history(db: Sql, meterId: number, first = 20, after?: string) {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw fail("VALIDATION_FAILED");
  const params: unknown[] = [meterId];
  let seek = "";
  if (after) {
    const match = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(after, "base64url").toString());
    if (!match) throw fail("VALIDATION_FAILED");
    const at = sqlTime(new Date(Number(match[1])));
    seek = "AND (taken_at < ? OR (taken_at = ? AND id < ?))";
    params.push(at, at, Number(match[2]));
  }
  const [rows, [{ total }]] = await Promise.all([
    db.all<ReadingRow>(
      `SELECT * FROM readings WHERE meter_id = ? ${seek} ORDER BY taken_at DESC, id DESC LIMIT ?`,
      [...params, first + 1],
    ),
    db.all<{ total: number }>("SELECT COUNT(*) AS total FROM readings WHERE meter_id = ?", [
      meterId,
    ]),
  ]);
  const edges = rows.slice(0, first).map((r) => ({
    cursor: Buffer.from(`${toDate(r.taken_at).getTime()}:${r.id}`).toString("base64url"),
    node: readingView(r),
  }));
  return {
    edges,
    totalCount: Number(total),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

async function account(db: Sql, viewer: Viewer, number: string) {
  const [found] = await db.all<{
    id: number;
    number: string;
    holder_name: string;
    address: string;
  }>(
    `SELECT a.id, a.number, a.holder_name, a.address FROM accounts a
       JOIN account_links l ON l.account_id = a.id AND l.user_id = ? WHERE a.number = ?`,
    [viewer.id, number],
  );
  if (!found) return null;
  const meters = await db.all<MeterRow>(
    "SELECT id, account_id, serial_number FROM meters WHERE account_id = ? ORDER BY installed_at, id",
    [found.id],
  );
  return {
    number: found.number,
    holderName: found.holder_name,
    address: found.address,
    meters: meters.map((m) => ({
      id: String(m.id),
      serialNumber: m.serial_number,
      readings: ({ first, after }: { first?: number; after?: string }) =>
        history(db, m.id, first ?? undefined, after ?? undefined),
    })),
  };
}

/** The same transaction as the service: lock the meter, count, decide, number, insert, audit. */
async function submit(
  db: BaselineDb,
  viewer: Viewer,
  input: { meterId: string; value: string; idempotencyKey?: string | null },
  meta: { ip: string | null; userAgent: string | null },
) {
  const value = parseReadingMilli(input.value);
  if (value === null) throw fail("VALIDATION_FAILED");
  const [meter] = await db.all<MeterRow & { removed_at: string | null }>(
    `SELECT m.id, m.account_id, m.serial_number, m.removed_at FROM meters m
       JOIN account_links l ON l.account_id = m.account_id AND l.user_id = ? WHERE m.id = ?`,
    [viewer.id, Number(input.meterId)],
  );
  if (!meter || meter.removed_at) throw fail("METER_NOT_FOUND");
  const caller = `user:${viewer.id}`;
  const key = input.idempotencyKey ?? null;
  const byKey = (sql: Sql) =>
    sql.all<ReadingRow>("SELECT * FROM readings WHERE caller = ? AND idempotency_key = ?", [
      caller,
      key,
    ]);
  if (key) {
    const [replay] = await byKey(db);
    if (replay) return readingView(replay);
  }
  try {
    return await db.transaction(async (tx) => {
      await tx.all(`SELECT id FROM meters WHERE id = ? ${db.lock}`, [meter.id]);
      if (key) {
        const [again] = await byKey(tx);
        if (again) return readingView(again);
      }
      const now = new Date();
      const period = periodOf(now);
      const latest = (await latestOf(tx, [meter.id])).get(meter.id);
      const sendings = (await sendingsOf(tx, [meter.id], period)).get(meter.id) ?? [];
      const decision = decideSending(monthOf(latest, sendings), value);
      if (decision.kind === "refuse") throw fail(decision.code);
      await tx.run("UPDATE feed_sequence SET value = value + 1 WHERE name = 'readings'");
      const [{ value: seq }] = await tx.all<{ value: string }>(
        "SELECT value FROM feed_sequence WHERE name = 'readings'",
      );
      const row = {
        meter_id: meter.id,
        value_milli: value.toString(),
        taken_at: sqlTime(now),
        period,
        source: "SUBSCRIBER",
        slot: decision.slot,
        is_correction: decision.isCorrection ? 1 : 0,
        previous_value_milli: decision.previousValue?.toString() ?? null,
        submitted_by_user_id: viewer.id,
        caller,
        idempotency_key: key,
        created_at: sqlTime(now),
        feed_seq: seq,
      };
      await tx.run(
        `INSERT INTO readings (${Object.keys(row).join(", ")}) VALUES (${inList(
          Object.keys(row).map(() => 0),
        )})`,
        Object.values(row),
      );
      const [{ id }] = await tx.all<{ id: number }>(
        "SELECT id FROM readings WHERE meter_id = ? AND period = ? AND slot = ?",
        [meter.id, period, decision.slot],
      );
      await tx.run(
        `INSERT INTO audit_events (occurred_at, event_type, user_id, ip, user_agent, request_id, detail)
         VALUES (?, 'READING_SUBMITTED', ?, ?, ?, ?, ?)`,
        [
          sqlTime(now),
          viewer.id,
          meta.ip,
          meta.userAgent,
          randomUUID(),
          JSON.stringify({ readingId: id, meterId: meter.id, period }),
        ],
      );
      return readingView({ ...row, id, value_milli: row.value_milli } as unknown as ReadingRow);
    });
  } catch (error) {
    const { errno, code } = error as { errno?: number; code?: string };
    if (errno === 1062 || code === "SQLITE_CONSTRAINT_UNIQUE") throw fail("MONTHLY_LIMIT_REACHED");
    throw error;
  }
}

async function login(
  db: Sql,
  secrets: { jwt: string; pepper: string },
  input: { email: string; password: string },
) {
  const [user] = await db.all<{ id: number; password_hash: string }>(
    "SELECT id, password_hash FROM users WHERE email_normalized = ?",
    [input.email.trim().toLowerCase()],
  );
  const prehash = createHmac("sha384", secrets.pepper).update(input.password).digest("base64");
  if (!user || !(await bcrypt.compare(prehash, user.password_hash)))
    throw fail("INVALID_CREDENTIALS");
  const sid = randomUUID();
  const now = new Date();
  await db.run(
    `INSERT INTO sessions (id, user_id, token_hash, remember_me, expires_at, created_at, last_used_at)
     VALUES (?, ?, ?, 0, ?, ?, ?)`,
    [
      sid,
      user.id,
      createHash("sha256").update(randomBytes(32)).digest("hex"),
      sqlTime(new Date(now.getTime() + 12 * 3600_000)),
      sqlTime(now),
      sqlTime(now),
    ],
  );
  const accessToken = jwt.sign({ sid }, secrets.jwt, {
    algorithm: "HS256",
    expiresIn: 600,
    issuer: "gas-readings",
    audience: "gas-api",
    subject: String(user.id),
    header: { alg: "HS256", typ: "at+jwt" },
  });
  return { accessToken };
}

async function viewerOf(
  db: Sql,
  secret: string,
  header: string | undefined,
): Promise<Viewer | null> {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) return null;
  try {
    const claims = jwt.verify(token, secret, {
      algorithms: ["HS256"],
      issuer: "gas-readings",
      audience: "gas-api",
    }) as { sub: string; sid: string };
    const [user] = await db.all<Viewer>(
      `SELECT u.id, u.email FROM users u JOIN sessions s ON s.user_id = u.id
         WHERE s.id = ? AND u.id = ? AND s.expires_at > ?`,
      [claims.sid, Number(claims.sub), sqlTime(new Date())],
    );
    return user ?? null;
  } catch {
    return null;
  }
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
    query: string;
    variables?: Record<string, unknown>;
  };
};

async function main() {
  const db = openBaselineDb(process.env.DATABASE_URL ?? "");
  const secrets = { jwt: process.env.JWT_SECRET ?? "", pepper: process.env.PASSWORD_PEPPER ?? "" };
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const viewer = await viewerOf(db, secrets.jwt, request.headers.authorization);
      const needViewer = () => viewer ?? Promise.reject(fail("UNAUTHENTICATED"));
      const meta = {
        ip: String(request.headers["x-forwarded-for"] ?? request.socket.remoteAddress),
        userAgent: request.headers["user-agent"] ?? null,
      };
      const rootValue = {
        me: async () => {
          const user = await needViewer();
          return { id: String(user.id), email: user.email, accounts: () => accountsOf(db, user) };
        },
        account: async ({ number }: { number: string }) => account(db, await needViewer(), number),
        submitReading: async ({ input }: { input: Parameters<typeof submit>[2] }) =>
          submit(db, await needViewer(), input, meta),
        login: ({ input }: { input: { email: string; password: string } }) =>
          login(db, secrets, input),
      };
      const result = await graphql({
        schema,
        source: body.query,
        variableValues: body.variables,
        rootValue,
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    })().catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
  });
  server.listen(Number(process.env.PORT ?? 4100), "127.0.0.1", () => {
    process.send?.("ready");
  });
  process.on("SIGTERM", () => server.close(() => void db.close().then(() => process.exit(0))));
}

void main();
