import Fastify from "fastify";
import { installRequestDeadline } from "./hardening";

// SECURITY.md GQL-5: a request still unanswered at the deadline gets 503 SERVICE_UNAVAILABLE.
describe("request deadline", () => {
  it("answers 503 when a handler runs past the deadline, and leaves fast ones alone", async () => {
    const fastify = Fastify();
    installRequestDeadline(fastify, 100);
    fastify.get("/slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { late: true };
    });
    fastify.get("/fast", async () => ({ fast: true }));
    const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
    try {
      const slow = await fetch(`${url}/slow`);
      expect(slow.status).toBe(503);
      expect(slow.headers.get("retry-after")).toBe("5");
      const body = (await slow.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
      expect((await fetch(`${url}/fast`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await fastify.close();
    }
  });
});
