import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createConnection, createPool, type Pool } from "mysql2/promise";
import { captureRequests } from "./capture";

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;

const STATEMENT = "SELECT ? + 0 AS n";

/**
 * The capture against a real MariaDB: a "server" answers each request with one prepared
 * statement on a pool of one connection, which prepared it before the general log was on and
 * is busy (as a background loop's connection can be) when the capture starts.
 */
onMysql("captureRequests", () => {
  const name = `gas_floor_capture_${process.pid}`;
  let databaseUrl: string;
  let pool: Pool;
  let server: Server;
  let serverUrl: string;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const admin = await createConnection({ uri: url.toString() });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\``);
    await admin.end();
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    pool = createPool({ uri: databaseUrl, connectionLimit: 1 });
    server = createServer((request, response) => {
      const n = Number(request.headers["x-n"]);
      pool.execute(STATEMENT, [n]).then(
        () => response.end(JSON.stringify({ data: { n } })),
        (error: Error) => response.end(JSON.stringify({ errors: [{ message: error.message }] })),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await pool.end();
    const admin = await createConnection({ uri: process.env.DATABASE_URL! });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  it("captures each request's parameters though a connection prepared before the log was on", async () => {
    await pool.execute(STATEMENT, [0]);
    const busy = pool.query("SELECT SLEEP(0.5)");
    const items = [7, 8, 9].map((n) => ({
      kind: "probe",
      body: "{}",
      headers: { "x-n": String(n) },
    }));

    const captured = await captureRequests(databaseUrl, serverUrl, items);
    await busy.catch(() => undefined);

    expect(captured.failed).toBe(0);
    expect(captured.requests).toEqual(
      [7, 8, 9].map((n) => [{ sql: "SELECT ? + ? AS n", params: [n, 0] }]),
    );
  });
});
