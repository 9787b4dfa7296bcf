import { ReadingSource } from "../core/enums";
import {
  apiClientIdOfCaller,
  clientCaller,
  SenderKind,
  senderKindOf,
} from "./reading-sender.rules";

describe("reading sender", () => {
  it("names the kind of a sending and none for registry readings", () => {
    expect(senderKindOf(ReadingSource.SUBSCRIBER)).toBe(SenderKind.SUBSCRIBER);
    expect(senderKindOf(ReadingSource.PARTNER)).toBe(SenderKind.PARTNER);
    for (const source of [
      ReadingSource.INSPECTOR,
      ReadingSource.OPERATOR,
      ReadingSource.ESTIMATE,
    ]) {
      expect(senderKindOf(source)).toBeNull();
    }
  });

  it("reads the API client's id back from a partner's caller only", () => {
    expect(apiClientIdOfCaller(clientCaller(12))).toBe(12);
    expect(apiClientIdOfCaller("user:12")).toBeNull();
    expect(apiClientIdOfCaller("client:")).toBeNull();
    expect(apiClientIdOfCaller("client:012")).toBeNull();
    expect(apiClientIdOfCaller(null)).toBeNull();
  });
});
