import { Language } from "../core/enums";
import { pushPayload } from "../push/push-subscription.rules";
import { dueVerification, reminderPush } from "./reminder-push.rules";

const NOW = new Date("2026-12-20T06:00:00Z"); // the 20th in Almaty

describe("dueVerification", () => {
  it("is the date from 60 days before it on, and once it has passed", () => {
    expect(dueVerification(null, NOW)).toBeNull();
    expect(dueVerification("2027-02-19", NOW)).toBeNull();
    expect(dueVerification("2027-02-18", NOW)).toEqual({ due: "2027-02-18", overdue: false });
    expect(dueVerification("2026-12-20", NOW)).toEqual({ due: "2026-12-20", overdue: false });
    expect(dueVerification("2026-12-19", NOW)).toEqual({ due: "2026-12-19", overdue: true });
  });
});

describe("reminderPush", () => {
  const meter = (accountNumber: string, meterSerial: string, due: string | null = null) => ({
    accountNumber,
    meterSerial,
    verification: dueVerification(due, NOW),
  });

  it("names one meter and opens its account's readings screen", () => {
    expect(reminderPush(Language.RU, "2026-12-20", [meter("7700000001", "SN-1")])).toEqual({
      title: "Передайте показания газового счётчика за декабрь 2026",
      body: "Показание счётчика SN-1 (лицевой счёт 7700000001) за этот месяц ещё не передано.",
      url: "/accounts/7700000001",
      tag: "reminder-2026-12-20",
    });
  });

  it("counts the accounts of several meters; one account opens that account", () => {
    const two = reminderPush(Language.RU, "2026-12-20", [
      meter("7700000001", "SN-1"),
      meter("7700000001", "SN-2"),
    ]);
    expect(two).toMatchObject({
      body: "Показания за этот месяц не переданы по 1 лицевому счёту.",
      url: "/accounts/7700000001",
    });
    const many = reminderPush(Language.EN, "2026-12-20", [
      meter("7700000001", "SN-1"),
      meter("7700000002", "SN-2"),
    ]);
    expect(many).toMatchObject({
      body: "This month's readings have not been sent for 2 accounts.",
      url: "/accounts",
    });
  });

  it("mentions at most three due verifications and stays within a push's size", () => {
    const meters = Array.from({ length: 40 }, (_, i) =>
      meter(`77000000${String(i).padStart(2, "0")}`, `SN-${i}`, "2026-11-30"),
    );
    const message = reminderPush(Language.KK, "2026-12-20", meters);
    expect(message.body.match(/30\.11\.2026/g)).toHaveLength(3);
    expect(() => pushPayload(message)).not.toThrow();
  });
});
