import type { FastifyReply, FastifyRequest } from "fastify";
import type { RequestMeta } from "../audit/request-meta";
import type { TokenRefusal } from "../common/token-refusal";
import type { Integrator } from "../integrators/api-clients.service";
import type { Services } from "../services";
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
  /** Why the request's bearer token was refused (it then has neither viewer nor integrator). */
  tokenRefusal: TokenRefusal | null;
  services: Services;
  loaders: Loaders;
  /** The server's clock when the request began (what "today" is for its answers). */
  now: Date;
}
