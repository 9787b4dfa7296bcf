import Fastify from "fastify";

/**
 * The HTTP floor: Fastify answering every POST /graphql with the same bytes the full stack
 * answered (BENCH_FLOOR_BODY), with nothing in between.
 */
const body = process.env.BENCH_FLOOR_BODY ?? "{}";
const app = Fastify({ logger: false });
app.post("/graphql", async (_request, reply) =>
  reply.header("content-type", "application/json; charset=utf-8").send(body),
);
app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" }).then(
  () => process.send?.("ready"),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
