import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { queueGuardOf } from "./db/queue-budget";
import { statementCount } from "./db/statement-counter";
import type { GraphQLContext, Viewer } from "./graphql/context";
import { costPlugin } from "./graphql/cost";
import { contextOrRefusal } from "./graphql/context-refusal";
import { createErrorFormatter } from "./graphql/format-error";
import { createLoaders } from "./graphql/loaders";
import {
  INTROSPECTION_MAX_TOKENS,
  MAX_TOKENS,
  operationShapeRules,
} from "./graphql/limits.validation";
import { retryStatusPlugin } from "./graphql/retry-status";
import { subscriptionRefusalPlugin } from "./graphql/subscription-refusal";
import { graphqlSchema } from "./graphql/schema";
import { installClosingRefusal, installProtocolErrors } from "./http/closing-refusal";
import { registerCompression } from "./http/compression";
import { capConnections } from "./http/connection-cap";
import { installQueueShedding } from "./http/queue-shedding";
import {
  installRequestDeadline,
  registerHttpHardening,
  REQUEST_DEADLINE_MS,
} from "./http/hardening";
import { registerExplorer } from "./http/explorer";
import { requestMetaOf } from "./http/request-meta";
import { staticClient } from "./http/static-client";
import { ClientBudgets, clientBudgetPlugin } from "./integrators/client-budget";
import { bearerToken } from "./http/bearer-token";
import { integratorOf } from "./integrators/integrator-context";
import type { BudgetOverrides } from "./rate-limit/budgets";
import { createServices, type Services } from "./services";
import { periodOf } from "./core/almaty-time";
import type { Clock } from "./core/clock";
import { type TokenRefusal, tellingRefusal } from "./common/token-refusal";

/**
 * GQL-6: 1 MiB. A registry batch of 1,000 accounts with Cyrillic names and addresses escaped as
 * `\uXXXX` (Python's `json.dumps` default) is about 441 KB: it fits, with room to spare.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const LIMITER_SWEEP_MS = 10 * 60_000;

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  /** Adds `x-sql-statements` to responses (tests and benchmarks). */
  countStatements?: boolean;
  /** Rate-limit budgets other than docs/security.md's (tests not about limits raise them). */
  budgets?: BudgetOverrides;
  /** GQL-5 request deadline; tests shorten it. */
  requestDeadlineMs?: number;
  /** Runs the mail outbox dispatcher (default true); tests call `services.mail.flush()`. */
  mailDispatcher?: boolean;
  /** The built GraphQL explorer's folder; by default client/explorer/dist (tests give a fixture). */
  explorerDist?: string | null;
  /** Runs the webhook dispatcher (default true); tests call `services.webhookDispatcher.flush()`. */
  webhookDispatcher?: boolean;
  /** Runs the reminder scheduler (default true); tests call `services.reminders.runDay`. */
  reminderScheduler?: boolean;
}

/** FT-5 / FT-6: `/readyz` is false until the server listens and while it drains. */
export interface Lifecycle {
  started: boolean;
  draining: boolean;
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
  lifecycle: Lifecycle;
}

const READY_CHECK_TIMEOUT_MS = 1000;

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, dataSource, clock, log } = options;
  const services = createServices(dataSource, config, clock, { log, budgets: options.budgets });
  const lifecycle: Lifecycle = { started: false, draining: false };
  const fastify = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // RL-4: only the named proxies' X-Forwarded-For counts; otherwise the socket address.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestTimeout: options.requestDeadlineMs ?? REQUEST_DEADLINE_MS,
    return503OnClosing: false,
  });
  installClosingRefusal(fastify);
  capConnections(fastify, config.maxConnections, log);
  installQueueShedding(fastify, config.queueTimeBudgetMs, queueGuardOf(dataSource));
  installProtocolErrors(fastify);
  await fastify.register(fastifyCookie);
  await registerHttpHardening(fastify, config);
  // Before compression: the deadline's onSend hook must see an answer start before it is encoded.
  installRequestDeadline(fastify, options.requestDeadlineMs);
  await registerCompression(fastify);
  // Expired limiter rows are dead weight: sweep them every 10 minutes.
  const sweep = setInterval(() => {
    services.limits.store
      .clearExpired()
      .catch((err: unknown) => log.warn({ err: (err as Error)?.message }, "limiter sweep failed"));
  }, LIMITER_SWEEP_MS);
  sweep.unref();
  fastify.addHook("onClose", async () => {
    clearInterval(sweep);
    await services.limits.requests.costBudget.close();
    await services.limits.store.close();
  });
  // FT-8: mail leaves through the outbox; the dispatcher retries while SMTP is down.
  if (options.mailDispatcher ?? true) fastify.addHook("onReady", async () => services.mail.start());
  fastify.addHook("onClose", async () => services.mail.stop());
  if (options.webhookDispatcher ?? true) {
    fastify.addHook("onReady", async () => services.webhookDispatcher.start());
  }
  fastify.addHook("onClose", async () => services.webhookDispatcher.stop());
  if (options.reminderScheduler ?? true) {
    fastify.addHook("onReady", async () => services.reminderScheduler.start());
  }
  fastify.addHook("onClose", async () => services.reminderScheduler.stop());
  // After the requests have drained: ends the password-hashing threads.
  fastify.addHook("onClose", async () => services.hasher.close());

  if (options.countStatements) {
    fastify.addHook("onRequest", (_request, _reply, done) => {
      statementCount.run({ statements: 0 }, done);
    });
    fastify.addHook("onSend", async (_request, reply) => {
      const store = statementCount.getStore();
      if (store) reply.header("x-sql-statements", String(store.statements));
    });
  }

  const schema = graphqlSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // GQL-3: off in production unless GRAPHQL_INTROSPECTION=true; no "Did you mean" there.
    introspection: config.graphqlIntrospection,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    csrfPrevention: true,
    // GQL-1 / RL-8 / RL-7: refused before anything runs (introspection, when on, is exempt from
    // the depth and token limits, not from the cost: limits.validation.ts).
    parseOptions: {
      maxTokens: config.graphqlIntrospection ? INTROSPECTION_MAX_TOKENS : MAX_TOKENS,
    },
    validationRules: [operationShapeRules({ introspection: config.graphqlIntrospection })],
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      subscriptionRefusalPlugin(),
      costPlugin(schema),
      clientBudgetPlugin(schema, new ClientBudgets(services.limits.store, log)),
      retryStatusPlugin(),
      // No cache hints are used; on, it wraps every field's resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's own page embeds a sandbox from its CDN, which the CSP blocks: our explorer
      // (http/explorer.ts) or nothing.
      ApolloServerPluginLandingPageDisabled(),
    ],
    // FT-6: main.ts owns SIGTERM (not ready, drain delay, then close).
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // Issue 19 item 3: GraphiQL for a browser at GET /graphql, when GRAPHQL_EXPLORER is on.
  const explorer = config.graphqlExplorer
    ? await registerExplorer(fastify, options.explorerDist)
    : undefined;
  fastify.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    preHandler: explorer,
    handler: fastifyApolloHandler(apollo, {
      context: (request, reply) =>
        contextOrRefusal(
          async () => ({
            request,
            reply,
            meta: requestMetaOf(request),
            services,
            ...(await callersOf(services, request.headers.authorization, clock)),
            loaders: createLoaders(dataSource, periodOf(clock.now())),
            now: clock.now(),
          }),
          log,
        ),
    }),
  });

  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.addHook("onListen", async () => {
    lifecycle.started = true;
  });
  // While draining, no connection is kept for reuse: none is idle when the port closes.
  fastify.addHook("onSend", async (_request, reply) => {
    if (lifecycle.draining) reply.header("connection", "close");
  });
  fastify.get("/readyz", async (_request, reply) => {
    if (lifecycle.draining) return reply.code(503).send({ status: "draining" });
    if (!lifecycle.started) return reply.code(503).send({ status: "starting" });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        dataSource.query("SELECT 1"),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error("timeout")), READY_CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable" });
    } finally {
      clearTimeout(timer);
    }
  });

  // The subscriber app (client/dist) at "/", with the SPA fallback for its routes.
  await fastify.register(staticClient);

  return { fastify, services, lifecycle };
}

/** The subscriber of a bearer token, why it is refused as one, or null: no token. */
async function viewerOf(
  services: Services,
  token: string | undefined,
  clock: Clock,
): Promise<Viewer | TokenRefusal | null> {
  if (!token) return null;
  const checked = services.tokens.check(token, clock.now());
  if ("refusal" in checked) return checked.refusal;
  const { claims } = checked;
  const user = await services.sessions.activeUser(claims.sessionId, claims.userId);
  return user ? { user, sessionId: claims.sessionId } : "TOKEN_REVOKED";
}

/** The caller of a bearer token (subscriber or API client), or why neither took the token. */
async function callersOf(
  services: Services,
  authorization: string | undefined,
  clock: Clock,
): Promise<Pick<GraphQLContext, "viewer" | "integrator" | "tokenRefusal">> {
  const token = bearerToken(authorization);
  const viewer = await viewerOf(services, token, clock);
  // A subscriber's token is never an integrator's (its own type and audience): not checked again.
  const integrator =
    viewer && typeof viewer !== "string" ? null : await integratorOf(services, token);
  return {
    viewer: typeof viewer === "string" ? null : viewer,
    integrator: typeof integrator === "string" ? null : integrator,
    tokenRefusal:
      typeof viewer === "string" && typeof integrator === "string"
        ? tellingRefusal(viewer, integrator)
        : null,
  };
}
