import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { statementCount } from "./db/statement-counter";
import type { GraphQLContext, Viewer } from "./graphql/context";
import { createErrorFormatter } from "./graphql/format-error";
import { createLoaders } from "./graphql/loaders";
import { graphqlSchema } from "./graphql/schema";
import { createServices, type Services } from "./services";
import { periodOf } from "./shared/almaty-time";
import type { Clock } from "./shared/clock";

export const BODY_LIMIT_BYTES = 256 * 1024;

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  /** Adds `x-sql-statements` to responses (tests and benchmarks). */
  countStatements?: boolean;
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, dataSource, clock, log } = options;
  const services = createServices(dataSource, config, clock);
  const fastify = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
  });
  await fastify.register(fastifyCookie);

  if (options.countStatements) {
    fastify.addHook("onRequest", (_request, _reply, done) => {
      statementCount.run({ statements: 0 }, done);
    });
    fastify.addHook("onSend", async (_request, reply) => {
      const store = statementCount.getStore();
      if (store) reply.header("x-sql-statements", String(store.statements));
    });
  }

  const apollo = new ApolloServer<GraphQLContext>({
    schema: graphqlSchema(),
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: !config.isProduction,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    plugins: [fastifyApolloDrainPlugin(fastify)],
  });
  await apollo.start();

  fastify.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    handler: fastifyApolloHandler(apollo, {
      context: async (request, reply) => ({
        request,
        reply,
        services,
        viewer: await viewerOf(services, request.headers.authorization, clock),
        loaders: createLoaders(dataSource, periodOf(clock.now())),
      }),
    }),
  });

  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.get("/readyz", async (_request, reply) => {
    try {
      await dataSource.query("SELECT 1");
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable" });
    }
  });

  return { fastify, services };
}

async function viewerOf(
  services: Services,
  authorization: string | undefined,
  clock: Clock,
): Promise<Viewer | null> {
  const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? "")?.[1];
  const claims = token ? services.tokens.verify(token, clock.now()) : null;
  if (!claims) return null;
  const user = await services.sessions.activeUser(claims.sessionId, claims.userId);
  return user ? { user, sessionId: claims.sessionId } : null;
}
