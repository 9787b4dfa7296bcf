import { graphqlBody, runLoad, type LoadItem } from "../load/load";
import { accountsScreenItems } from "../operations";
import { type BenchContext, freshBudgets } from "../scenarios/context";
import { cpuPerRequest } from "./cpu";
import { OTHER_CPUS, placeServer, WARM_UP_SECONDS } from "./rounds";

/** The stack floor's two requests: no resolver of ours, no statement but the token's session. */
export type StackRequest = "anonymous" | "signed in";

export interface StackFloor {
  request: StackRequest;
  pinned: boolean;
  rps: number;
  cpuMs?: number;
  /** Unexpected answers: an error, a refusal (429, 503). */
  errors: number;
  requests: number;
}

const TYPENAME = graphqlBody("{ __typename }");

/**
 * The full stack answering `{ __typename }`: what Fastify, Apollo Server, graphql-js and the
 * request's context cost before any resolver runs, on this machine in this hour. Anonymous: no
 * token, no statement; signed in: the subscriber's token, verified, and their session row read
 * (the one statement every signed-in request makes). A request's server CPU above the signed-in
 * figure is its own resolvers, statements and answer.
 */
export async function stackFloor(
  context: BenchContext,
  placements: boolean[],
  databaseProcess: number | null,
): Promise<StackFloor[]> {
  const { size } = context.options;
  const server = context.servers.full;
  const signedIn = accountsScreenItems(context.data.users.one, "signed in").map((item) => ({
    ...item,
    body: TYPENAME,
  }));
  const anonymous: LoadItem[] = signedIn.map((item) => ({
    kind: "anonymous",
    headers: { "x-forwarded-for": item.headers["x-forwarded-for"] },
    body: TYPENAME,
  }));
  const out: StackFloor[] = [];
  for (const pinned of placements) {
    placeServer(pinned, server.pid, databaseProcess);
    try {
      for (const [request, items] of [
        ["anonymous", anonymous],
        ["signed in", signedIn],
      ] as const) {
        await freshBudgets(context);
        const cpus = pinned ? OTHER_CPUS : undefined;
        const job = { url: server.url, connections: size.connections, items, cpus };
        await runLoad({ ...job, seconds: WARM_UP_SECONDS });
        const { result, cpu } = await cpuPerRequest({ server: server.pid }, () =>
          runLoad({ ...job, seconds: size.loadSeconds }),
        );
        out.push({
          request,
          pinned,
          rps: result.rps,
          cpuMs: cpu.server,
          errors: result.errors,
          requests: result.requests,
        });
        context.log(
          `  stack floor, ${request}${pinned ? " (pinned)" : ""}: ${result.rps.toFixed(0)}/s, ` +
            `${cpu.server?.toFixed(3)} ms CPU/request` +
            (result.errors ? `, ${result.errors} errors` : ""),
        );
      }
    } finally {
      placeServer(false, server.pid, databaseProcess);
    }
  }
  return out;
}
