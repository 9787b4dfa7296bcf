import { graphql } from "../../gql";

/** An account card: who and where, and whether this month's reading is in for each meter. */
export const AccountCardFragment = graphql(`
  fragment AccountCard on Account {
    number
    holderName
    address
    meters {
      id
      removedAt
      submission {
        period
        used
      }
      lastReading {
        id
        takenAt
        period
        isCorrection
      }
    }
  }
`);
