import { InMemoryCache, type FieldPolicy, type Reference } from "@apollo/client/core";

interface Edge {
  cursor: string;
  node: Reference;
}
interface Connection {
  edges: Edge[];
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
}

/**
 * One list per meter whatever page was asked for, merged by cursor: a page after a cursor goes
 * on after that cursor; a first page (a refetch, or the meter's state in a sending's answer) goes
 * on top, and the older pages already loaded stay below it, each reading once.
 */
export const historyByCursor: FieldPolicy<Connection> = {
  keyArgs: false,
  merge(existing, incoming, { args }) {
    if (!existing) return incoming;
    const after = typeof args?.after === "string" ? args.after : null;
    if (after !== null) {
      const at = existing.edges.findIndex((edge) => edge.cursor === after);
      const kept = at >= 0 ? existing.edges.slice(0, at + 1) : existing.edges;
      const known = new Set(kept.map((edge) => edge.cursor));
      return {
        ...incoming,
        edges: [...kept, ...incoming.edges.filter((edge) => !known.has(edge.cursor))],
      };
    }
    const fresh = new Set(incoming.edges.map((edge) => edge.cursor));
    const lastFresh = incoming.edges[incoming.edges.length - 1]?.cursor;
    const lastAt = existing.edges.findIndex((edge) => edge.cursor === lastFresh);
    // Below the first page: the older pages loaded earlier, if the first page reaches them.
    const older = lastAt >= 0 ? existing.edges.slice(lastAt + 1) : [];
    const hasOlder = older.length > 0;
    return {
      ...incoming,
      edges: [...incoming.edges, ...older.filter((edge) => !fresh.has(edge.cursor))],
      pageInfo: hasOlder ? existing.pageInfo : incoming.pageInfo,
    };
  },
};

/** The schema's identities, so one answer updates every screen that shows the same object. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Account: { keyFields: ["number"] },
      Meter: { keyFields: ["id"], fields: { readings: historyByCursor } },
      Reading: { keyFields: ["id"] },
      User: { keyFields: ["id"] },
      // No identity of its own: the meter's current window, replaced by each answer.
      SubmissionWindow: { keyFields: false, merge: true },
    },
  });
}
