import type {
  AccountReadingsQuery,
  AccountSubmissionsQuery,
  ReadingFieldsFragment,
} from "../../gql/graphql";

type Account = NonNullable<AccountReadingsQuery["account"]>;
type Windows = AccountSubmissionsQuery["account"];

/**
 * The account after a sending: the new reading on top of its meter's history (once, even when
 * an idempotent retry returned it again) and the fresh sending windows.
 */
export function mergeSent(
  account: Account,
  meterId: string,
  reading: ReadingFieldsFragment,
  windows: Windows,
): Account {
  return {
    ...account,
    meters: account.meters.map((meter) => {
      const submission =
        windows?.meters.find((w) => w.id === meter.id)?.submission ?? meter.submission;
      const known = meter.readings.edges.some((edge) => edge.node.id === reading.id);
      if (meter.id !== meterId || known) return { ...meter, submission };
      return {
        ...meter,
        submission,
        readings: {
          ...meter.readings,
          totalCount: meter.readings.totalCount + 1,
          edges: [{ node: reading }, ...meter.readings.edges],
        },
      };
    }),
  };
}
