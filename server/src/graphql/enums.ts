import { registerEnumType } from "type-graphql";
import { Language, PersonType, ReadingSource } from "../shared/enums";

registerEnumType(PersonType, {
  name: "PersonType",
  description: "Whether the subscriber is a person or a company.",
  valuesConfig: {
    INDIVIDUAL: { description: "An individual (физическое лицо)." },
    LEGAL_ENTITY: { description: "A legal entity (юридическое лицо), identified by its BIN." },
  },
});

registerEnumType(Language, {
  name: "Language",
  description: "The language of the app and of e-mails.",
  valuesConfig: {
    RU: { description: "Russian." },
    KK: { description: "Kazakh." },
    EN: { description: "English." },
  },
});

registerEnumType(ReadingSource, {
  name: "ReadingSource",
  description: "Who took a reading.",
  valuesConfig: {
    INSPECTOR: { description: "The utility's inspector." },
    SUBSCRIBER: { description: "The subscriber, in this app." },
    OPERATOR: { description: "An operator of the utility." },
    PARTNER: { description: "A partner channel (bank, payment app)." },
    ESTIMATE: { description: "An estimate by the billing system." },
  },
});
