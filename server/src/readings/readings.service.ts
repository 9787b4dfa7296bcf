import type { DataSource, EntityManager } from "typeorm";
import { normalizeAccountNumber } from "../accounts/account-number.rules";
import type { AccountsService } from "../accounts/accounts.service";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { insertEntity } from "../db/bulk-insert";
import { selectEntities } from "../db/hydrate";
import { dialectOf } from "../db/dialect";
import { nextFeedSeq } from "./feed-sequence";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import { periodEnd, periodOf } from "../core/almaty-time";
import type { Clock } from "../core/clock";
import { formatReadingMilli, parseReadingMilli } from "../core/decimal";
import { AppError, invalidField } from "../common/app-error";
import { decodeCursor, encodeCursor, pageSize } from "../common/pagination";
import type { UserEntity } from "../users/user.entity";
import { MeterEntity } from "./meter.entity";
import { decideSending } from "./reading.rules";
import { meterMonth } from "./submission-window.rules";
import { ReadingEntity } from "./reading.entity";
import { clientCaller, linkCaller, SOURCE_OF_CALLER, userCaller } from "./reading-sender.rules";
import { historyPage, type SendingState, sendingState } from "./readings.queries";

export interface Sending {
  /** The meter, for a subscriber (`Meter.id`). */
  meterId?: string;
  /** The account and the meter's serial number, for a partner (API client). */
  accountNumber?: string;
  meterSerial?: string;
  /** Canonical decimal string from the Decimal scalar. */
  value: string;
  /** Required of every sending: a retry with it is how an unknown outcome is settled. */
  idempotencyKey: string;
}

/** A stored sending and its meter (which the caller was allowed to send to). */
export interface Sent {
  reading: ReadingEntity;
  meter: MeterEntity;
}

/**
 * The reading first sent with a key, for a retry of the same sending (same meter and value); a
 * key reused for another meter or value is refused: answering the first reading would tell the
 * caller a sending was stored that was not.
 */
function sameSending(reading: ReadingEntity, meterId: number, value: bigint): ReadingEntity {
  if (reading.meterId === meterId && reading.valueMilli === value) return reading;
  const what = reading.meterId !== meterId ? "another meter" : "another value";
  throw new AppError("IDEMPOTENCY_KEY_REUSED", {
    field: "idempotencyKey",
    message: `This idempotency key was already used for ${what}; use a new key for a new reading.`,
  });
}

/** The meter a sending names, as a condition on `meters m`; null when it names none. */
interface MeterTarget {
  field: "meterId" | "meterSerial";
  where: string | null;
  parameters: unknown[];
}

/** Who sends: a subscriber, a partner's API client, or a subscriber's one-tap link (his access). */
export type Caller =
  | { kind: "user"; user: UserEntity }
  | { kind: "client"; clientId: number }
  | { kind: "link"; user: UserEntity; linkId: number };

const callerKey = (who: Caller) =>
  who.kind === "client"
    ? clientCaller(who.clientId)
    : who.kind === "link"
      ? linkCaller(who.linkId)
      : userCaller(who.user.id);

export class ReadingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly audit?: AuditService,
  ) {}

  /**
   * Sends a reading of a subscriber (source SUBSCRIBER) or of a partner's API client (PARTNER),
   * under the same rules and monthly limit. The meter row is locked, by the statement that also
   * checks the caller may send to it, while the month's sendings are counted and the new one
   * inserted; the unique (meter, period, slot) key backs the limit up, and a retried request with
   * the same idempotency key (per caller) returns the first result.
   */
  async submit(who: Caller, sending: Sending, meta: RequestMeta = NO_REQUEST): Promise<Sent> {
    const value = parseReadingMilli(sending.value);
    if (value === null) throw invalidField("value", "A reading in m³ with at most 3 decimals.");
    const target = this.meterTarget(who, sending);
    const caller = callerKey(who);
    const key = sending.idempotencyKey ?? null;
    let locked: MeterEntity | null = null;
    try {
      return await withTransaction(this.dataSource, async (manager) => {
        const meter = (locked = await this.lockMeter(manager, target));
        const now = this.clock.now();
        const state = await sendingState(manager, meter.id, periodOf(now), caller, key);
        if (state.replay) return { meter, reading: sameSending(state.replay, meter.id, value) };
        const sent = { value, key, now, state };
        return { meter, reading: await this.insertSending(manager, who, meter, sent, meta) };
      });
    } catch (error) {
      // Lost a race the lock did not cover (SQLite, or the key used on two meters at once).
      if (!isUniqueViolation(error) || !locked) throw error;
      const meter: MeterEntity = locked;
      const winner = key
        ? await this.findByKey(this.dataSource.manager, caller, key, meter.id, value)
        : null;
      if (winner) return { meter, reading: winner };
      const reopensAt = periodEnd(periodOf(this.clock.now())).toISOString();
      throw new AppError("MONTHLY_LIMIT_REACHED", { field: "value", extensions: { reopensAt } });
    }
  }

  /** The statement (and its parameters) that finds the caller's meter if he may send to it. */
  private meterTarget(
    who: Caller,
    sending: Pick<Sending, "meterId" | "accountNumber" | "meterSerial">,
  ): MeterTarget {
    if (who.kind === "client") {
      const number = normalizeAccountNumber(sending.accountNumber ?? "");
      return {
        field: "meterSerial",
        where:
          "m.serial_number = ? AND EXISTS " +
          "(SELECT 1 FROM accounts a WHERE a.id = m.account_id AND a.number = ?)",
        parameters: [sending.meterSerial ?? "", number],
      };
    }
    const id = /^\d{1,12}$/.test(sending.meterId ?? "") ? Number(sending.meterId) : NaN;
    const visible = this.accounts.visibility(who.user, "m.account_id");
    if (!Number.isSafeInteger(id) || !visible)
      return { field: "meterId", where: null, parameters: [] };
    return {
      field: "meterId",
      where: `m.id = ? AND ${visible.sql}`,
      parameters: [id, ...visible.parameters],
    };
  }

  /** A meter the user may see now (not removed), or null: the one-tap link's check on each use. */
  async visibleMeter(user: UserEntity, meterId: number): Promise<MeterEntity | null> {
    const target = this.meterTarget({ kind: "user", user }, { meterId: String(meterId) });
    if (!target.where) return null;
    const [meter] = await selectEntities(
      this.dataSource.manager,
      MeterEntity,
      `SELECT m.* FROM meters m WHERE ${target.where}`,
      target.parameters,
    );
    return meter && !meter.removedAt ? meter : null;
  }

  /**
   * Locks the target meter's row until the end of the transaction, if the caller may send to it
   * (the subquery of the access check locks nothing); anything else is "not found".
   */
  private async lockMeter(manager: EntityManager, target: MeterTarget): Promise<MeterEntity> {
    const [meter] = target.where
      ? await selectEntities(
          manager,
          MeterEntity,
          `SELECT m.* FROM meters m WHERE ${target.where}${dialectOf(this.dataSource).forUpdate}`,
          target.parameters,
        )
      : [];
    if (!meter || meter.removedAt) throw new AppError("METER_NOT_FOUND", { field: target.field });
    return meter;
  }

  /** Decides on the sending from the locked meter's month and stores it, or refuses it. */
  private async insertSending(
    manager: EntityManager,
    who: Caller,
    meter: MeterEntity,
    {
      value,
      key,
      now,
      state,
    }: { value: bigint; key: string | null; now: Date; state: SendingState },
    meta: RequestMeta,
  ): Promise<ReadingEntity> {
    const period = periodOf(now);
    const decision = decideSending(meterMonth(state.latest, state.sendings), value);
    if (decision.kind === "refuse") {
      const extensions =
        decision.code === "READING_BELOW_PREVIOUS"
          ? { minimumValue: formatReadingMilli(decision.minimum) }
          : { reopensAt: periodEnd(period).toISOString() };
      throw new AppError(decision.code, { field: "value", extensions });
    }
    const reading = Object.assign(new ReadingEntity(), {
      meterId: meter.id,
      valueMilli: value,
      takenAt: now,
      period,
      source: SOURCE_OF_CALLER[who.kind],
      slot: decision.slot,
      isCorrection: decision.isCorrection,
      previousValueMilli: decision.previousValue,
      submittedByUserId: who.kind === "client" ? null : who.user.id,
      caller: callerKey(who),
      idempotencyKey: key,
      externalId: null,
      createdAt: now,
      // Last: the feed_sequence row lock is then held only until the commit that follows.
      feedSeq: await nextFeedSeq(manager),
    });
    const saved = await insertEntity(manager, ReadingEntity, reading);
    await this.audit?.record(
      {
        type: "READING_SUBMITTED",
        userId: who.kind === "client" ? null : who.user.id,
        meta,
        detail: {
          readingId: saved.id,
          meterId: meter.id,
          period,
          isCorrection: saved.isCorrection,
          ...(who.kind === "client" ? { apiClientId: who.clientId } : {}),
          ...(who.kind === "link" ? { oneTapId: who.linkId } : {}),
        },
      },
      manager,
    );
    return saved;
  }

  /** The reading first sent with this key (see `sameSending`), after a lost race. */
  private async findByKey(
    manager: EntityManager,
    caller: string,
    key: string,
    meterId: number,
    value: bigint,
  ): Promise<ReadingEntity | null> {
    const [reading] = await selectEntities(
      manager,
      ReadingEntity,
      "SELECT r.* FROM readings r WHERE r.caller = ? AND r.idempotency_key = ?",
      [caller, key],
    );
    return reading ? sameSending(reading, meterId, value) : null;
  }

  currentPeriod(): string {
    return periodOf(this.clock.now());
  }

  /** One page of a meter's history, newest first. */
  async history(
    meterId: number,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const limit = pageSize(first);
    const position = after ? decodeCursor(after) : null;
    const manager = this.dataSource.manager;
    const { readings: rows, totalCount } = await historyPage(manager, meterId, limit + 1, position);
    const page = rows.slice(0, limit);
    const edges = page.map((reading) => ({
      cursor: encodeCursor({ at: reading.takenAt, id: reading.id }),
      reading,
    }));
    return {
      edges,
      hasNextPage: rows.length > limit,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      totalCount,
    };
  }
}
