import { createParameterDecorator } from "type-graphql";
import type { Integrator } from "../integrators/api-clients.service";
import type { UserEntity } from "../users/user.entity";
import type { GraphQLContext } from "./context";

type ParameterDecorator = ReturnType<typeof createParameterDecorator>;

/**
 * Parameter decorators for the caller of a root operation. They refuse nothing: the
 * operation's `@Authorized(...)` (see `access.ts`) has already refused a caller who may not
 * call it, so a missing caller here is a wrong declaration, a programming error (masked as
 * INTERNAL like any other bug), never a refusal.
 */

const missing = (what: string, rule: string): never => {
  throw new Error(`${what} on an operation not declared @Authorized(${rule})`);
};

/** The logged-in user (`@Authorized(Access.USER)` or `Access.OPERATOR`). */
export function CurrentUser(): ParameterDecorator;
/** The logged-in user, or null when there is none (`optional`: public operations, `me`). */
export function CurrentUser(options: { optional: true }): ParameterDecorator;
export function CurrentUser(options: { optional?: boolean } = {}): ParameterDecorator {
  return createParameterDecorator<GraphQLContext>(({ context }): UserEntity | null =>
    context.viewer
      ? context.viewer.user
      : options.optional
        ? null
        : missing("@CurrentUser()", "Access.USER"),
  );
}

/** The session of the logged-in user (its id), or null with `optional` when there is none. */
export function CurrentSessionId(options: { optional?: boolean } = {}): ParameterDecorator {
  return createParameterDecorator<GraphQLContext>(({ context }): string | null =>
    context.viewer
      ? context.viewer.sessionId
      : options.optional
        ? null
        : missing("@CurrentSessionId()", "Access.USER"),
  );
}

/** The API client of an integrator token (`@Authorized(Access.scope(...))`). */
export function CurrentClient(): ParameterDecorator {
  return createParameterDecorator<GraphQLContext>(
    ({ context }): Integrator => context.integrator ?? missing("@CurrentClient()", "Access.scope"),
  );
}
