import type { DataSource } from "typeorm";
import { AccountEntity } from "../accounts/account.entity";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { AppError } from "../common/app-error";
import type { Clock } from "../core/clock";
import type { Language } from "../core/enums";
import type { RequestLimits } from "../rate-limit/request-limits";
import type { MeterEntity } from "../readings/meter.entity";
import type { ReadingEntity } from "../readings/reading.entity";
import type { MeterStateService } from "../readings/meter-state.service";
import type { ReadingsService } from "../readings/readings.service";
import type { WindowView } from "../readings/submission-window.rules";
import { UserEntity } from "../users/user.entity";
import { maskHolderName } from "./holder-name.rules";
import { hashLinkToken, hasLinkTokenShape } from "./link-token";
import { SubmitLinkEntity } from "./submit-link.entity";

/** What the bearer of a link may see: nothing else (no history, no address, no session). */
export interface SubmitLinkState {
  meterSerial: string;
  accountNumber: string;
  holderNameMasked: string;
  lastReading: ReadingEntity | null;
  window: WindowView;
  language: Language;
}

export interface LinkSent {
  reading: ReadingEntity;
  window: WindowView;
}

interface LiveLink {
  link: SubmitLinkEntity;
  user: UserEntity;
  meter: MeterEntity;
}

/**
 * One-tap submit links (README "Reminders"): a token, 32 random bytes stored as its SHA-256,
 * good for one meter, one subscriber and one Almaty month. Every refusal (garbled, unknown,
 * expired, revoked, the account unlinked, the meter removed) is INVALID_LINK and tells nothing.
 * Links are issued by SubmitLinkIssuer (link-issuer.service.ts).
 */
export class SubmitLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly readings: ReadingsService,
    private readonly limits: RequestLimits,
    private readonly meterState: MeterStateService,
  ) {}

  /** The link's page: the meter, its account and masked holder, the last reading, the window. */
  async view(token: string, meta: RequestMeta = NO_REQUEST): Promise<SubmitLinkState> {
    const { link, meter } = await this.live(token, meta);
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ id: meter.accountId });
    const state = await this.meterState.of(meter.id);
    return {
      meterSerial: meter.serialNumber,
      accountNumber: account.number,
      holderNameMasked: maskHolderName(account.holderName),
      lastReading: state.latest,
      window: state.window,
      language: link.language,
    };
  }

  /** Sends this month's reading under the subscriber's rules (two a month, never below). */
  async submit(
    input: { token: string; value: string; idempotencyKey: string },
    meta: RequestMeta = NO_REQUEST,
  ): Promise<LinkSent> {
    const { link, user, meter } = await this.live(input.token, meta);
    const sending = { meterId: String(meter.id), value: input.value };
    const sent = await this.readings
      .submit(
        { kind: "link", user, linkId: link.id },
        { ...sending, idempotencyKey: input.idempotencyKey },
        meta,
      )
      .catch((error: unknown) => {
        // Unlinked (or the meter removed) between the check and the sending.
        if (error instanceof AppError && error.code === "METER_NOT_FOUND") throw invalidLink();
        throw error;
      });
    const state = await this.meterState.of(meter.id);
    return { reading: sent.reading, window: state.window };
  }

  private async live(token: string, meta: RequestMeta): Promise<LiveLink> {
    const wellFormed = typeof token === "string" && hasLinkTokenShape(token);
    const hash = wellFormed ? hashLinkToken(token) : "garbled";
    await this.limits.beforeSubmitLink(hash, meta);
    if (!wellFormed) throw invalidLink();
    const link = await this.dataSource
      .getRepository(SubmitLinkEntity)
      .findOneBy({ tokenHash: hash });
    const now = this.clock.now();
    if (!link || link.revokedAt !== null || link.expiresAt <= now) throw invalidLink();
    if (link.period !== this.readings.currentPeriod()) throw invalidLink();
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: link.userId });
    if (!user) throw invalidLink();
    // The subscriber's access now, not when the link was sent: unlinking revokes it.
    const meter = await this.readings.visibleMeter(user, link.meterId);
    if (!meter) throw invalidLink();
    return { link, user, meter };
  }
}

const invalidLink = () => new AppError("INVALID_LINK", { field: "token" });
