import Fastify from "fastify";
import { deadlineScope } from "../db/deadline-scope";
import { installRequestDeadline } from "./hardening";

// docs/security.md GQL-5: a request still unanswered at the deadline gets 503 SERVICE_UNAVAILABLE.
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

  it("answers OUTCOME_UNKNOWN if the request committed, SERVICE_UNAVAILABLE if it rolled back", async () => {
    const fastify = Fastify();
    installRequestDeadline(fastify, 100);
    const hang = () => new Promise<never>(() => undefined);
    // Stands for a COMMIT already sent when the deadline passes: it cannot be called back.
    fastify.get("/committed", async () => {
      await deadlineScope.getStore()!.track(new Promise((resolve) => setTimeout(resolve, 300)));
      return hang(); // and the handler is still slow afterwards
    });
    fastify.get("/rolled-back", async () => {
      const rollback = new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error()), 300),
      );
      await deadlineScope.getStore()!.track(rollback).catch(hang);
    });
    const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
    const codeOf = async (response: Response) =>
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]
        .extensions.code;
    try {
      const committed = await fetch(`${url}/committed`);
      expect(committed.status).toBe(503);
      expect(await codeOf(committed)).toBe("OUTCOME_UNKNOWN");
      const rolledBack = await fetch(`${url}/rolled-back`);
      expect(rolledBack.status).toBe(503);
      expect(await codeOf(rolledBack)).toBe("SERVICE_UNAVAILABLE");
    } finally {
      fastify.server.closeAllConnections();
      await fastify.close();
    }
  });
});
