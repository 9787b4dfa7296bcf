import { cpuShares, floorMarkdown } from "./report-floor";
import type { FloorFigures, FloorRow } from "./scenarios/floor";

const row = (name: string, pinned: boolean, serverCpuMs: number, clientCpuMs?: number) =>
  ({
    name,
    pinned,
    full: { rps: 1000, serverCpuMs, errors: 0, requests: 1000 },
    baseline: { rps: 900 },
    floor: { rps: 2000, clientCpuMs, statements: 3, errors: 0 },
    ratio: 0.5,
    roundRatios: [0.5, 0.5, 0.5],
  }) satisfies FloorRow;

const stack = (request: "anonymous" | "signed in", pinned: boolean, cpuMs: number) => ({
  request,
  pinned,
  rps: 5000,
  cpuMs,
  errors: 0,
  requests: 5000,
});

const figures: FloorFigures = {
  rows: [
    row("accounts screen, 1 account", false, 0.6, 0.15),
    row("accounts screen, 1 account", true, 0.5, 0.12),
    row("history", false, 0.8),
  ],
  http: [],
  stack: [
    stack("anonymous", false, 0.2),
    stack("signed in", false, 0.29),
    stack("anonymous", true, 0.18),
  ],
  roundTrip: [{ pinned: false, rps: 15000, cpuMs: 0.05 }],
  captureFailures: 0,
  replayErrors: 0,
  replayed: 100,
};

describe("where the server's CPU goes", () => {
  it("takes the anonymous stack floor of the same placement and the bare client from the server's CPU", () => {
    const shares = cpuShares(figures);
    expect(shares.map((s) => [s.pinned, s.stack, s.driver])).toEqual([
      [false, 0.2, 0.15],
      [true, 0.18, 0.12],
    ]);
    expect(shares[0].rest).toBeCloseTo(0.25, 10);
    expect(shares[1].rest).toBeCloseTo(0.2, 10);
  });

  it("leaves out a request whose floor measured no client CPU", () => {
    expect(cpuShares(figures).some((s) => s.name === "history")).toBe(false);
  });

  it("adds the request's statements at the cheapest round trip of the same placement", () => {
    const [unpinned, pinned] = cpuShares(figures);
    expect(unpinned.cheapest).toBeCloseTo(0.2 + 3 * 0.05, 10);
    expect(pinned.cheapest).toBeUndefined();
  });

  it("prints one line per request and placement", () => {
    const markdown = floorMarkdown(figures).join("\n");
    expect(markdown).toContain("Cheapest round trip: the replaying client sending a prepared");
    expect(markdown).toContain(
      "| accounts screen, 1 account | unpinned | 0.60 | 0.200 | 0.150 | 0.35 | 0.25 | 0.35 |",
    );
    expect(markdown).toContain(
      "| accounts screen, 1 account | pinned | 0.50 | 0.180 | 0.120 | 0.30 | 0.20 | — |",
    );
  });
});
