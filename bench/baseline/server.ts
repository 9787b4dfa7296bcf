import { createServer, type IncomingMessage } from "node:http";
import { graphql } from "graphql";
import { openBaselineDb } from "./database";
import { account, accountsOf } from "./reads";
import { fail } from "./rows";
import { schema } from "./schema";
import { submit } from "./sending";
import { login, viewerOf } from "./session";

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
    query: string;
    variables?: Record<string, unknown>;
  };
};

/**
 * The bare baseline of `npm run bench`: plain `graphql()` over a hand-written schema and
 * hand-written SQL, answering the benchmark's operations with the same data and the same rules
 * (access, the monthly limit, the feed order, the audit row) as the real server.
 * Env: DATABASE_URL, PORT, JWT_SECRET, PASSWORD_PEPPER.
 */
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
