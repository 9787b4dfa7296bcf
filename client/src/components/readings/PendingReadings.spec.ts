import { forgetPendingReadings, queueReading } from "../../composables/useOfflineReadings";
import { useSession } from "../../composables/useSession";
import { user } from "../../test/fixtures";
import { mountRu, plain } from "../../test/mount";
import PendingReadings from "./PendingReadings.vue";

jest.mock("idb-keyval", () => jest.requireActual("../../test/idb-memory"));

beforeEach(() => {
  forgetPendingReadings();
  useSession().setUser(user);
});

const shown = (meterId = "m1") => plain(mountRu(PendingReadings, { props: { meterId } }).text());

describe("PendingReadings", () => {
  it("says why the meter's kept reading waits, as its last attempt said", () => {
    queueReading({ meterId: "m1", value: "5027,5", idempotencyKey: "k-1", userId: "u1" });
    expect(shown()).toContain("Нет связи: показания 5 027,5 м³ сохранены на телефоне");
    queueReading({
      meterId: "m1",
      value: "5027,5",
      idempotencyKey: "k-1",
      userId: "u1",
      reason: "unconfirmed",
    });
    expect(shown()).toContain("Сервер не успел подтвердить прием показаний 5 027,5 м³");
    expect(shown()).toContain("дважды показания не засчитаются");
    queueReading({
      meterId: "m1",
      value: "5028",
      idempotencyKey: "k-2",
      userId: "u1",
      reason: "busy",
    });
    expect(shown()).toBe(
      "Сервис временно недоступен: показания 5 028 м³ сохранены на телефоне и будут переданы автоматически чуть позже.",
    );
  });

  it("shows nothing for another meter, or for another subscriber's reading", () => {
    queueReading({ meterId: "m1", value: "10", idempotencyKey: "k-1", userId: "someone-else" });
    queueReading({ meterId: "m2", value: "11", idempotencyKey: "k-2", userId: "u1" });
    expect(shown("m1")).toBe("");
  });
});
