import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 17 item 6: a body that trickles in gets the deadline's 503 and its socket is closed then,
// not a minute later; a process holds at most MAX_CONNECTIONS connections.

const DEADLINE_MS = 1000;
const MAX_CONNECTIONS = 4;

interface Exchange {
  socket: Socket;
  /** Everything the server wrote. */
  received(): string;
  /** When the server closed the connection (ms since `open`), or undefined while open. */
  closedAfter(): number | undefined;
  closed: Promise<void>;
}

function open(url: string): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  const openedAt = Date.now();
  let received = "";
  let closedAt: number | undefined;
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((done) =>
    socket.on("close", () => {
      closedAt ??= Date.now();
      done();
    }),
  );
  return new Promise((resolve, reject) => {
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => received,
        closedAfter: () => (closedAt === undefined ? undefined : closedAt - openedAt),
        closed,
      }),
    );
    socket.once("error", reject);
  });
}

const healthz = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

describe("connections (issue 17 item 6)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      requestDeadlineMs: DEADLINE_MS,
      config: { maxConnections: MAX_CONNECTIONS },
    });
  });
  afterAll(async () => {
    t.app.fastify.server.closeAllConnections();
    await t.close();
  });

  it("answers a body trickled byte by byte 503 at the deadline and closes its socket", async () => {
    const body = JSON.stringify({ query: "{ me { id } }" }).padEnd(400, " ");
    const exchange = await open(t.url);
    exchange.socket.write(
      "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${body.length}\r\n\r\n`,
    );
    // One byte every 50 ms: the whole body would take 20 s.
    let sent = 0;
    const giveUpAt = Date.now() + DEADLINE_MS + 3000;
    while (exchange.closedAfter() === undefined && Date.now() < giveUpAt) {
      exchange.socket.write(body[sent++]);
      await sleep(50);
    }
    const closedAfter = exchange.closedAfter() ?? Number.POSITIVE_INFINITY;
    console.log(
      `slow body: 503 and socket closed ${closedAfter} ms after connecting ` +
        `(deadline ${DEADLINE_MS} ms; ${sent} of ${body.length} bytes sent)`,
    );
    const [head, payload] = exchange.received().split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head).toMatch(/\r\nretry-after: 5\r\n/i);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(payload).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(closedAfter).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(closedAfter).toBeLessThan(DEADLINE_MS + 3000); // at the deadline, not at Node's 60 s
    expect(sent).toBeLessThan(body.length);
  }, 20_000);

  it("serves the connections under the cap and closes those beyond it at once", async () => {
    const under = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => open(t.url)));
    // The server counts a connection when it accepts it.
    await sleep(100);
    const beyond = await open(t.url);
    await Promise.race([beyond.closed, sleep(2000, undefined, { ref: false })]);
    console.log(`connection beyond the cap closed after ${beyond.closedAfter()} ms`);
    expect(beyond.closedAfter()).toBeLessThan(3000); // closed on arrival, not kept waiting
    expect(beyond.received()).toBe("");

    for (const exchange of under) exchange.socket.write(healthz);
    await sleep(300);
    for (const exchange of under) {
      expect(exchange.received()).toMatch(/^HTTP\/1\.1 200 /);
      expect(exchange.closedAfter()).toBeUndefined();
    }

    // Once one is let go, a new connection is served again.
    under[0].socket.destroy();
    await sleep(100);
    const again = await open(t.url);
    again.socket.write(healthz);
    await sleep(300);
    expect(again.received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const exchange of [...under, again]) exchange.socket.destroy();
  });
});
