import type { FastifyReply, FastifyRequest } from "fastify";
import type { RequestMeta } from "../audit/request-meta";
import type { Integrator } from "../integrators/api-clients.service";
import type { Scope } from "../integrators/scopes";
import type { Services } from "../services";
import { AppError } from "../shared/errors";
import type { UserEntity } from "../users/user.entity";
import type { Loaders } from "./loaders";

export interface Viewer {
  user: UserEntity;
  sessionId: string;
}

export interface GraphQLContext {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Client address (TRUST_PROXY-aware), user agent and request id, for services. */
  meta: RequestMeta;
  viewer: Viewer | null;
  /** The API client of an integrator token (never set together with `viewer`). */
  integrator: Integrator | null;
  services: Services;
  loaders: Loaders;
}

export function requireViewer(context: GraphQLContext): Viewer {
  // An integrator token never passes for a subscriber (JWT-3).
  if (context.integrator) throw new AppError("FORBIDDEN");
  if (!context.viewer) throw new AppError("UNAUTHENTICATED");
  return context.viewer;
}

/** The API client of the request, which must hold `scope`; a subscriber token is FORBIDDEN. */
export function requireIntegrator(context: GraphQLContext, scope: Scope): Integrator {
  if (!context.integrator) throw new AppError(context.viewer ? "FORBIDDEN" : "UNAUTHENTICATED");
  if (!context.integrator.scopes.has(scope)) {
    throw new AppError("FORBIDDEN", { message: `This operation needs the scope ${scope}.` });
  }
  return context.integrator;
}
