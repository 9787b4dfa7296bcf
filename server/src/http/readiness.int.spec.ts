import { startTestApp, type TestApp } from "../../test/test-app";

// docs/security.md FT-5: /healthz is alive without the database; /readyz is false until the server
// listens, while it drains (FT-6), and when the database does not answer.
describe("/healthz and /readyz", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("is ready once listening, 503 while draining, alive throughout", async () => {
    const { lifecycle } = t.app;
    expect(lifecycle.started).toBe(true);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    lifecycle.draining = true;
    try {
      const draining = await fetch(`${t.url}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toEqual({ status: "draining" });
      // Served, but the connection is not kept for reuse.
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers.get("connection")).toBe("close");
    } finally {
      lifecycle.draining = false;
    }
  });

  it("says starting until the server listens", async () => {
    t.app.lifecycle.started = false;
    try {
      const response = await fetch(`${t.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "starting" });
    } finally {
      t.app.lifecycle.started = true;
    }
  });
});
