import webPush from "web-push";
import { generatedSecret } from "../common/generated-secret";
import type { ParseBoolean } from "../config";

export interface VapidKeys {
  /** The application server key browsers subscribe with (base64url, an uncompressed P-256 point). */
  publicKey: string;
  privateKey: string;
  /** Who runs this server, for the push services: `mailto:` or `https:`. */
  subject: string;
}

export interface PushConfig {
  /** Null: web push is off (production without VAPID_* keys). */
  vapid: VapidKeys | null;
  /** Test-only: push endpoints may be http:// loopback receivers (refused in production). */
  pushAllowLoopback: boolean;
}

/**
 * VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT, or outside production a key pair made
 * once and kept beside the other generated secrets (production without them: push is off);
 * PUSH_ALLOW_LOOPBACK for tests. Read with config.ts's parsers and its error class.
 */
export function pushConfig(
  env: NodeJS.ProcessEnv,
  options: {
    isProduction: boolean;
    dataDir: string;
    parseBoolean: ParseBoolean;
    ConfigError: new (message: string) => Error;
  },
): PushConfig {
  const { isProduction, ConfigError } = options;
  const allow = options.parseBoolean(env, "PUSH_ALLOW_LOOPBACK", false);
  if (allow && isProduction) {
    throw new ConfigError(
      "PUSH_ALLOW_LOOPBACK is for tests: it lets push messages reach this machine's own " +
        "services, so it is refused when NODE_ENV=production.",
    );
  }
  const publicKey = env.VAPID_PUBLIC_KEY || "";
  const privateKey = env.VAPID_PRIVATE_KEY || "";
  const subject = env.VAPID_SUBJECT || defaultSubject(env.PUBLIC_URL);
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject)) {
    throw new ConfigError(
      `VAPID_SUBJECT must be a mailto: address or an https: URL (mailto:support@gas.example.kz); got "${subject}".`,
    );
  }
  if (publicKey || privateKey) {
    if (!validKey(publicKey, 65) || !validKey(privateKey, 32)) {
      throw new ConfigError(
        "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must both be set, as printed by: npx web-push generate-vapid-keys",
      );
    }
    return { vapid: { publicKey, privateKey, subject }, pushAllowLoopback: allow };
  }
  if (isProduction) return { vapid: null, pushAllowLoopback: false };
  const [generatedPublic, generatedPrivate] = generatedSecret(options.dataDir, "VAPID_KEYS", () => {
    const keys = webPush.generateVAPIDKeys();
    return `${keys.publicKey} ${keys.privateKey}`;
  }).split(" ");
  return {
    vapid: { publicKey: generatedPublic, privateKey: generatedPrivate, subject },
    pushAllowLoopback: allow,
  };
}

function validKey(value: string, bytes: number): boolean {
  return /^[\w-]+$/.test(value) && Buffer.from(value, "base64url").length === bytes;
}

function defaultSubject(publicUrl: string | undefined): string {
  const host = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl).hostname : "localhost";
  return `mailto:no-reply@${host}`;
}
