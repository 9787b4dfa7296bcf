import { graphql } from "../../gql";

export const ReminderSettingsQuery = graphql(`
  query ReminderSettings {
    me {
      id
      reminderEmail
      reminderPush
    }
  }
`);

export const UpdateReminderSettingsMutation = graphql(`
  mutation UpdateReminderSettings($email: Boolean!, $push: Boolean!) {
    updateReminderSettings(email: $email, push: $push) {
      id
      reminderEmail
      reminderPush
    }
  }
`);
