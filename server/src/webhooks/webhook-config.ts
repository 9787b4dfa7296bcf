import type { ParseBoolean, ParseIntSetting } from "../config";

export interface WebhookConfig {
  /** Test-only: webhooks may go to http:// loopback receivers (refused in production). */
  webhookAllowLoopback: boolean;
  /** A webhook delivery's whole exchange, connect to last byte, is cut after this (ms). */
  webhookTimeoutMs: number;
}

/**
 * WEBHOOK_ALLOW_LOOPBACK (lets a test's receiver on 127.0.0.1 get webhooks, so it is refused
 * in production) and WEBHOOK_TIMEOUT_MS, read with config.ts's parsers and its error class.
 */
export function webhookConfig(
  env: NodeJS.ProcessEnv,
  isProduction: boolean,
  parseInt: ParseIntSetting,
  parseBoolean: ParseBoolean,
  ConfigError: new (message: string) => Error,
): WebhookConfig {
  const allow = parseBoolean(env, "WEBHOOK_ALLOW_LOOPBACK", false);
  if (allow && isProduction) {
    throw new ConfigError(
      "WEBHOOK_ALLOW_LOOPBACK is for tests: it lets webhooks reach this machine's own services, " +
        "so it is refused when NODE_ENV=production.",
    );
  }
  return {
    webhookAllowLoopback: allow,
    webhookTimeoutMs: parseInt(env, "WEBHOOK_TIMEOUT_MS", 5000, 100, 30_000),
  };
}
