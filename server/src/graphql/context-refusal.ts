import type { Logger } from "pino";
import { isConnectionError, isLockConflict } from "../db/transaction";
import { SERVICE_RETRY_AFTER_SECONDS } from "../http/retry-refusal";
import { AppError } from "../common/app-error";

/**
 * Builds the request's context; an outage while doing so (the viewer's session is read from the
 * database) is SERVICE_UNAVAILABLE with 503 and `Retry-After`, not Apollo's 500 for a failed
 * context. Plugins do not see context failures, so the status travels in `extensions.http`.
 */
export async function contextOrRefusal<T>(build: () => Promise<T>, log: Logger): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (!isConnectionError(error) && !isLockConflict(error)) throw error;
    log.warn({ err: (error as Error)?.message }, "database unavailable while building the context");
    throw new AppError("SERVICE_UNAVAILABLE", {
      extensions: {
        http: {
          status: 503,
          headers: new Map([["retry-after", String(SERVICE_RETRY_AFTER_SECONDS)]]),
        },
      },
    });
  }
}
