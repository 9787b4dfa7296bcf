import type { FastifyReply, FastifyRequest } from "fastify";
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
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
}

export function requireViewer(context: GraphQLContext): Viewer {
  if (!context.viewer) throw new AppError("UNAUTHENTICATED");
  return context.viewer;
}
