import autocannon from "autocannon";
import type { LoadJob, LoadResult, LatencyFigures } from "./load";

/**
 * The load generator, in its own process so that it never takes the server's event loop:
 * autocannon sends the job's requests in turn and this records each answer's latency and
 * GraphQL error code.
 */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function figures(latencies: number[]): LatencyFigures {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
  };
}

interface Connection {
  sentAt?: number;
  index?: number;
  kind?: string;
  expected?: string[];
}

function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const latencies = new Map<string, number[]>();
  const codes: Record<string, number> = {};
  const refused: number[] = [];
  let errors = 0;
  let answered = 0;
  const started = performance.now();
  // Rates count to the last answer: autocannon reports the end of a run on its 1 s tick, which
  // made a 4-second `amount` run (the sendings) read 4 or 5 s, i.e. ±20%.
  let lastAnswerAt = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon 8 takes several URLs (README: "More than one URL is allowed"); its types say
        // string only.
        url: job.url as string,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.seconds ?? 10 }),
        ...(job.rate ? { overallRate: job.rate } : {}),
        timeout: 30,
        requests: [
          {
            method: "POST",
            path: "/graphql",
            setupRequest: (request, context) => {
              const index = next++ % job.items.length;
              const item = job.items[index];
              const connection = context as Connection;
              connection.index = index;
              connection.sentAt = performance.now();
              connection.kind = item.kind;
              connection.expected = item.expected;
              return {
                ...request,
                headers: { "content-type": "application/json", ...item.headers },
                body: item.body,
              };
            },
            onResponse: (status, body, context) => {
              const connection = context as Connection;
              const kind = connection.kind ?? "request";
              const list = latencies.get(kind) ?? [];
              lastAnswerAt = performance.now();
              list.push(lastAnswerAt - (connection.sentAt ?? 0));
              latencies.set(kind, list);
              answered++;
              let code = status === 200 ? "OK" : `HTTP_${status}`;
              if (status === 200 && body.includes('"errors"')) {
                const parsed = JSON.parse(body) as {
                  errors?: Array<{ extensions?: { code?: string } }>;
                };
                code = parsed.errors?.[0]?.extensions?.code ?? "ERROR";
              }
              codes[code] = (codes[code] ?? 0) + 1;
              if (status === 503 || status === 429) refused.push(connection.index ?? -1);
              if (code !== "OK" && !connection.expected?.includes(code)) errors++;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Math.max(lastAnswerAt - started, 1) / 1000;
        const byKind = Object.fromEntries(
          [...latencies].map(([kind, list]) => [kind, figures(list)]),
        );
        const all = figures([...latencies.values()].flat());
        resolve({
          requests: answered,
          seconds,
          rps: answered / seconds,
          ...all,
          byKind,
          errors: errors + result.errors + result.timeouts,
          codes,
          refused,
        });
      },
    );
    instance.on("error", reject);
  });
}

process.on("message", (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
