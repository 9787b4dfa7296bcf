import { periodEnd } from "../core/almaty-time";
import type { Clock } from "../core/clock";
import type { Language } from "../core/enums";
import { newLinkToken } from "./link-token";
import type { SubmitLinkEntity } from "./submit-link.entity";

/** Issues one-tap links (the reminder run's only need from submit-links: a clock, no sending). */
export class SubmitLinkIssuer {
  constructor(private readonly clock: Clock) {}

  /** A new link's row and its plain token (for the e-mail); the caller inserts the row. */
  issue(
    meterId: number,
    userId: number,
    language: Language,
    period: string,
  ): { token: string; row: Omit<SubmitLinkEntity, "id"> } {
    const { token, hash } = newLinkToken();
    const row = {
      tokenHash: hash,
      meterId,
      userId,
      period,
      language,
      expiresAt: periodEnd(period),
      revokedAt: null,
      createdAt: this.clock.now(),
    };
    return { token, row };
  }
}
