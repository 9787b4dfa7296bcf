import type { FastifyReply, FastifyRequest } from "fastify";
import { REMEMBER_ME_MS } from "./sessions.service";

/**
 * The long-lived session lives only in this httpOnly cookie. In production it is `__Host-`
 * prefixed and Secure; over plain http on a developer's machine it can't be either.
 */
/** The cookie's name; in production with the `__Host-` prefix (`SessionCookie`). */
export const SESSION_COOKIE_NAME = "gas_session";

export class SessionCookie {
  readonly name: string;

  constructor(private readonly secure: boolean) {
    this.name = secure ? `__Host-${SESSION_COOKIE_NAME}` : SESSION_COOKIE_NAME;
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies[this.name] || undefined;
  }

  set(reply: FastifyReply, token: string, rememberMe: boolean): void {
    reply.setCookie(this.name, token, {
      httpOnly: true,
      secure: this.secure,
      sameSite: "strict",
      path: "/",
      // Without remember-me: a browser-session cookie (no Max-Age, no Expires).
      ...(rememberMe ? { maxAge: REMEMBER_ME_MS / 1000 } : {}),
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, {
      httpOnly: true,
      secure: this.secure,
      sameSite: "strict",
      path: "/",
    });
  }
}
