import { graphql } from "../../gql";

/** What `MeterVerification` draws: the meter's next verification date and where it stands. */
export const MeterVerificationFieldsFragment = graphql(`
  fragment MeterVerificationFields on MeterVerification {
    due
    status
    daysLeft
  }
`);
