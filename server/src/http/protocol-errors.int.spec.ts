import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { BODY_LIMIT_BYTES } from "../app";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 19 item 3: the HTTP layer's refusals on /graphql answer in GraphQL's shape.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function post(body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

/** A body sent chunked, without a Content-Length: Fastify counts it as it arrives. */
function postChunked(chunks: Buffer[]): Promise<{ status: number; body: any }> {
  const url = new URL(`${t.url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: "/graphql",
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    // The server may answer and close before the whole body is written.
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/**
 * As Python's urllib or requests send: the whole body first (waiting for each write), and only
 * then the answer is read. Rejects if the server closed the connection under the body.
 */
function writeAllThenRead(body: Buffer, contentType = "application/json"): Promise<string> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = "";
    socket.on("error", reject);
    socket.on("connect", async () => {
      const write = (data: Buffer | string) =>
        new Promise<void>((done, fail) => socket.write(data, (e) => (e ? fail(e) : done())));
      try {
        await write(
          `POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\ncontent-type: ${contentType}\r\n` +
            `content-length: ${body.length}\r\nconnection: close\r\n\r\n`,
        );
        for (let at = 0; at < body.length; at += 64 * 1024) {
          await write(body.subarray(at, at + 64 * 1024));
        }
      } catch (error) {
        return reject(error);
      }
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (answer += chunk));
      socket.on("end", () => resolve(answer));
    });
  });
}

const graphqlShaped = (body: any, code: string) => {
  expect(Object.keys(body)).toEqual(["errors"]);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toEqual({ message: expect.any(String), extensions: expect.any(Object) });
  expect(body.errors[0].extensions.code).toBe(code);
};

describe("refusals of the HTTP layer on /graphql", () => {
  it("answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE and its limit", async () => {
    const big = JSON.stringify({
      query: "{ me { id } }",
      variables: { pad: "x".repeat(BODY_LIMIT_BYTES) },
    });
    const refused = await post(big);
    expect(refused.status).toBe(413);
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    graphqlShaped(refused.body, "PAYLOAD_TOO_LARGE");
    expect(refused.body.errors[0].extensions.maxBytes).toBe(1_048_576);
    expect(refused.body.errors[0].message).toMatch(/larger than 1048576 bytes/);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it("answers a chunked body that grows over the limit the same way", async () => {
    const chunk = Buffer.alloc(256 * 1024, "x");
    const refused = await postChunked([
      Buffer.from('{"query":"{ me { id } }","pad":"'),
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
    ]);
    expect(refused.status).toBe(413);
    graphqlShaped(refused.body, "PAYLOAD_TOO_LARGE");
  });

  it.each([
    ["413 PAYLOAD_TOO_LARGE", "application/json", /^HTTP\/1.1 413 /, "PAYLOAD_TOO_LARGE"],
    ["415 BAD_REQUEST", "application/xml", /^HTTP\/1.1 415 /, "BAD_REQUEST"],
  ])(
    "lets a client that writes 4 MiB before reading read its %s",
    async (_name, contentType, statusLine, code) => {
      const answer = await writeAllThenRead(Buffer.alloc(4 * 1024 * 1024, "x"), contentType);
      expect(answer).toMatch(statusLine);
      const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
      graphqlShaped(body, code);
    },
  );

  it("takes a body just under the limit", async () => {
    const pad = "x".repeat(BODY_LIMIT_BYTES - 100);
    const response = await post(JSON.stringify({ query: "{ __typename }", variables: { pad } }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: "Query" } });
  });

  it.each([
    ["malformed JSON", '{"query": "{ me { id } }"', /not valid JSON/],
    ["an empty JSON body", "", /not valid JSON/],
  ])("answers %s with 400 BAD_REQUEST", async (_name, body, message) => {
    const refused = await post(body);
    expect(refused.status).toBe(400);
    graphqlShaped(refused.body, "BAD_REQUEST");
    expect(refused.body.errors[0].message).toMatch(message);
  });

  it("answers an unsupported content type with 415 BAD_REQUEST", async () => {
    const refused = await post("<query/>", { "content-type": "application/xml" });
    expect(refused.status).toBe(415);
    graphqlShaped(refused.body, "BAD_REQUEST");
    expect(refused.body.errors[0].message).toMatch(/application\/json/);
  });
});
