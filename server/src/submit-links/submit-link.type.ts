import { Matches } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";
import { DecimalScalar } from "../common/scalars/decimal.scalar";
import { PeriodScalar } from "../common/scalars/period.scalar";
import { formatReadingMilli } from "../core/decimal";
import { Language } from "../core/enums";
import { SubmissionWindow } from "../readings/reading.types";
import type { WindowView } from "../readings/submission-window.rules";
import type { LinkSent, SubmitLinkState } from "./submit-links.service";

@ObjectType({
  description: "A meter's last reading, as a submit link shows it.",
  simpleResolvers: true,
})
export class LinkLastReading {
  @Field(() => DecimalScalar, { description: "The value in m³." })
  value: string;

  @Field(() => Date, { description: "When it was taken." })
  takenAt: Date;
}

const windowOf = (view: WindowView): SubmissionWindow =>
  Object.assign(new SubmissionWindow(), view);

@ObjectType({
  description:
    "What the bearer of a one-tap submit link sees: one meter, its account, the holder's name " +
    "masked, the last reading and this month's window. No history, no address, no session.",
  simpleResolvers: true,
})
export class SubmitLinkView {
  @Field({ description: "The serial number printed on the meter." })
  meterSerial: string;

  @Field({ description: "The personal account's number." })
  accountNumber: string;

  @Field({ description: "The holder's name masked: `С***ли А. Н.`." })
  holderNameMasked: string;

  @Field(() => LinkLastReading, { nullable: true, description: "The latest actual reading." })
  lastReading: LinkLastReading | null;

  @Field(() => SubmissionWindow, { description: "This month's window (two sendings a month)." })
  submission: SubmissionWindow;

  @Field(() => Language, { description: "The language of the reminder e-mail, for the page." })
  language: Language;

  static from(state: SubmitLinkState): SubmitLinkView {
    const last = state.lastReading;
    return Object.assign(new SubmitLinkView(), {
      meterSerial: state.meterSerial,
      accountNumber: state.accountNumber,
      holderNameMasked: state.holderNameMasked,
      lastReading: last
        ? Object.assign(new LinkLastReading(), {
            value: formatReadingMilli(last.valueMilli),
            takenAt: last.takenAt,
          })
        : null,
      submission: windowOf(state.window),
      language: state.language,
    });
  }
}

@ObjectType({ description: "A reading sent through a one-tap link.", simpleResolvers: true })
export class LinkSending {
  @Field(() => DecimalScalar, { description: "The value stored, in m³." })
  value: string;

  @Field(() => PeriodScalar, { description: "The Almaty month it counts in." })
  period: string;

  @Field({ description: "True for the month's second sending, which corrects the first." })
  isCorrection: boolean;

  @Field(() => SubmissionWindow, { description: "The window after this sending." })
  submission: SubmissionWindow;

  static from(sent: LinkSent): LinkSending {
    return Object.assign(new LinkSending(), {
      value: formatReadingMilli(sent.reading.valueMilli),
      period: sent.reading.period,
      isCorrection: sent.reading.isCorrection,
      submission: windowOf(sent.window),
    });
  }
}

@InputType({ description: "A reading sent with a one-tap link." })
export class SubmitReadingByLinkInput {
  @Field({ description: "The token from the link (after `#token=`)." })
  token: string;

  @Field(() => DecimalScalar, { description: "The value in m³, up to 3 decimals." })
  value: string;

  @Field(() => String, {
    description:
      "Client-made key (8 to 64 of A-Z a-z 0-9 _ -): a retry with it returns the first result.",
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  idempotencyKey: string;
}
