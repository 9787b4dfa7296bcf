import type { DataSource } from "typeorm";
import { createRegistryAccount, registration, type RegistryAccountOverrides } from "./factories";
import type { GraphQLClient } from "./graphql-client";
import { registerAndLogin } from "./operations";
import type { TestApp } from "./test-app";
import { UserEntity } from "../src/users/user.entity";
import { SubmitLinkEntity } from "../src/submit-links/submit-link.entity";
import type { Language } from "../src/core/enums";

export const SUBMIT_LINK = /* GraphQL */ `
  query ($token: String!) {
    submitLink(token: $token) {
      meterSerial
      accountNumber
      holderNameMasked
      lastReading {
        value
        takenAt
      }
      submission {
        period
        used
        remaining
        minimumValue
        reopensAt
      }
      language
    }
  }
`;

export const SUBMIT_BY_LINK = /* GraphQL */ `
  mutation ($input: SubmitReadingByLinkInput!) {
    submitReadingByLink(input: $input) {
      value
      period
      isCorrection
      submission {
        used
        remaining
        minimumValue
      }
    }
  }
`;

export const UPDATE_REMINDERS = /* GraphQL */ `
  mutation ($email: Boolean!, $push: Boolean!) {
    updateReminderSettings(email: $email, push: $push) {
      reminderEmail
      reminderPush
    }
  }
`;

export interface Subscriber {
  client: GraphQLClient;
  userId: number;
  email: string;
  password: string;
  accountNumber: string;
  meterIds: number[];
  serials: string[];
}

/** A registered, logged-in subscriber with a confirmed address (unless `verified: false`). */
export async function subscriber(
  t: TestApp,
  options: {
    language?: "RU" | "KK" | "EN";
    verified?: boolean;
    account?: RegistryAccountOverrides;
    input?: Record<string, unknown>;
  } = {},
): Promise<Subscriber> {
  const dataSource: DataSource = t.db.dataSource;
  const account = await createRegistryAccount(dataSource, options.account);
  const input = registration(account, { language: options.language ?? "RU", ...options.input });
  const client = t.client();
  const { userId } = await registerAndLogin(client, input);
  if (options.verified ?? true) {
    await dataSource
      .getRepository(UserEntity)
      .update({ id: Number(userId) }, { emailVerifiedAt: t.clock.now() });
  }
  return {
    client,
    userId: Number(userId),
    email: String(input.email),
    password: String(input.password),
    accountNumber: account.account.number,
    meterIds: account.meters.map((m) => m.id),
    serials: account.meters.map((m) => m.serialNumber),
  };
}

/** A link to a subscriber's meter for the current month, as a reminder would carry. */
export async function issueLink(
  t: TestApp,
  who: Subscriber,
  meterIndex = 0,
  language: Language = "RU" as Language,
): Promise<string> {
  const services = t.app.services;
  const { token, row } = services.linkIssuer.issue(
    who.meterIds[meterIndex],
    who.userId,
    language,
    services.readings.currentPeriod(),
  );
  await t.db.dataSource.getRepository(SubmitLinkEntity).insert(row);
  return token;
}
