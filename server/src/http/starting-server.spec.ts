import { connect } from "node:net";
import pino from "pino";
import { startingServer } from "./starting-server";

// Issue 17 item 3: during the hand-over to the app, a request that reaches the closing starting
// server gets the GraphQL-shaped 503 with Retry-After, not Fastify's `{"error":...}`.
describe("the starting server's hand-over", () => {
  it("answers a request that arrives while it closes with SERVICE_UNAVAILABLE", async () => {
    const fastify = startingServer(pino({ level: "silent" }));
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    // A request in flight keeps the connection open while close() waits for it.
    fastify.get("/held", async () => {
      await held;
      return { held: true };
    });
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    const { port } = fastify.server.address() as { port: number };
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.write("GET /held HTTP/1.1\r\nhost: x\r\n\r\n");
    await new Promise((done) => setTimeout(done, 100));
    const closed = fastify.close();
    const body = '{"query":"{ me { id } }"}';
    socket.write(
      "POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n" +
        `content-length: ${body.length}\r\n\r\n${body}`,
    );
    await new Promise((done) => setTimeout(done, 100));
    release();
    await closed;
    await new Promise((done) => setTimeout(done, 100));
    socket.destroy();

    const second = received.slice(received.indexOf("HTTP/1.1", 1));
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/retry-after: 5/i);
    const json = JSON.parse(second.slice(second.indexOf("\r\n\r\n") + 4)) as {
      errors: Array<{ extensions: { code: string } }>;
    };
    expect(json.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
  });
});
