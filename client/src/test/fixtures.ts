import type { ReadingSource } from "../gql/graphql";

/**
 * Server answers as the cache receives them: every object with its `__typename` (the cache's
 * identities and fragments depend on it), the way the server sends them to Apollo Client.
 */
export const reading = (
  id: string,
  value: string,
  period: string,
  source: ReadingSource = "INSPECTOR",
  isCorrection = false,
  takenAt = `${period}-20T06:00:00.000Z`,
) => ({ __typename: "Reading" as const, id, value, takenAt, source, period, isCorrection });

export type ReadingData = ReturnType<typeof reading>;

export const submissionWindow = (
  remaining: number,
  minimumValue = "100",
  reopensAt: string | null = null,
  period = "2026-11",
) => ({
  __typename: "SubmissionWindow" as const,
  period,
  used: 2 - remaining,
  remaining,
  minimumValue,
  reopensAt,
});

/** A page of history: cursors name their reading (as the server's do: stable per reading). */
export const page = (
  readings: ReadingData[],
  totalCount = readings.length,
  hasNextPage = false,
) => ({
  __typename: "ReadingConnection" as const,
  totalCount,
  edges: readings.map((node) => ({
    __typename: "ReadingEdge" as const,
    cursor: `c-${node.id}`,
    node,
  })),
  pageInfo: {
    __typename: "PageInfo" as const,
    hasNextPage,
    endCursor: readings.length ? `c-${readings[readings.length - 1].id}` : null,
  },
});

/** A meter's verification as `MeterVerificationFields` selects it. */
export const verification = (
  due: string,
  status: "OK" | "DUE_SOON" | "OVERDUE",
  daysLeft: number,
) => ({ __typename: "MeterVerification" as const, due, status, daysLeft });

/** A meter as `MeterFields` selects it. */
export const meterFields = (
  id: string,
  submission: ReturnType<typeof submissionWindow>,
  history: ReturnType<typeof page>,
  serialNumber = "G4-1",
) => ({
  __typename: "Meter" as const,
  id,
  serialNumber,
  removedAt: null as string | null,
  verification: null as ReturnType<typeof verification> | null,
  submission,
  lastReading: history.edges[0]?.node ?? null,
  readings: history,
});

/** A meter as the account card (`AccountCard`) selects it. */
export const cardMeter = (meter: ReturnType<typeof meterFields>) => ({
  __typename: "Meter" as const,
  id: meter.id,
  removedAt: meter.removedAt,
  submission: {
    __typename: "SubmissionWindow" as const,
    period: meter.submission.period,
    used: meter.submission.used,
  },
  lastReading: meter.lastReading && {
    __typename: "Reading" as const,
    id: meter.lastReading.id,
    takenAt: meter.lastReading.takenAt,
    period: meter.lastReading.period,
    isCorrection: meter.lastReading.isCorrection,
  },
});

export const accountCard = (number: string, meters: ReturnType<typeof meterFields>[]) => ({
  __typename: "Account" as const,
  number,
  holderName: "Сейткали Айгерим",
  address: "Алматы, ул. Абая, 1",
  meters: meters.map(cardMeter),
});

export const user = {
  __typename: "User" as const,
  id: "u1",
  email: "a@b.kz",
  lastName: "Сейткали",
  firstName: "Айгерим",
  phone: "+77011234567",
  personType: "INDIVIDUAL" as const,
  bin: null,
  language: "RU" as const,
  canLinkAccounts: true,
};

/** `submitReading`'s answer: the reading and its meter's new state. */
export const submitted = (sent: ReadingData, meter: ReturnType<typeof meterFields>) => ({
  submitReading: { ...sent, meter },
});
