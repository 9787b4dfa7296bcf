import { postToCheckedAddress } from "../common/checked-address-post";

/** Of a receiver's answer, this much is kept (for `lastError`); the rest is not read. */
export const MAX_RESPONSE_BYTES = 4096;

export interface SendResult {
  ok: boolean;
  /** Why it failed, for `lastError`; null when delivered. */
  error: string | null;
}

/**
 * POSTs `body` to `url` at the checked `address`. No redirect is followed (a 3xx is a failure:
 * its target was never checked); the whole exchange, connect to last byte, is cut at
 * `timeoutMs`; at most MAX_RESPONSE_BYTES of the answer are read. 2xx is success.
 */
export async function sendWebhook(options: {
  url: URL;
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<SendResult> {
  const answer = await postToCheckedAddress({
    ...options,
    headers: {
      ...options.headers,
      "content-type": "application/json",
      "user-agent": "gas-readings-webhooks/1",
    },
    readBytes: MAX_RESPONSE_BYTES,
  });
  const { status } = answer;
  if (status === null) return { ok: false, error: answer.error };
  if (status >= 200 && status < 300) return { ok: true, error: null };
  const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
  return { ok: false, error: `HTTP ${status}${redirect}${answer.text ? `: ${answer.text}` : ""}` };
}
