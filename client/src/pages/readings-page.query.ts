import { graphql } from "../gql";

export const AccountReadingsQuery = graphql(`
  query AccountReadings($number: String!) {
    account(number: $number) {
      ...AccountCard
      meters {
        ...MeterFields
      }
    }
  }
`);
