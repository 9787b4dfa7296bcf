import { user } from "../test/fixtures";
import { store as kept } from "../test/idb-memory";
import { keepPersisted, noteSynced, restorePersisted, wipePersisted } from "./persisted-cache";

jest.mock("./client", () => jest.requireActual("../test/apollo-singleton").scriptedSingleton());
jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"));

const T1 = "2026-12-05T10:00:00.000Z";
const T2 = "2026-12-06T08:30:00.000Z";

beforeEach(async () => {
  localStorage.setItem("gas.remembered", "1");
  kept.clear();
  kept.set("gas.session", { user, syncedAt: T1 });
  await restorePersisted();
});
afterEach(() => wipePersisted());

describe("the session kept on the phone", () => {
  // Seen in e2e: a reload resumed the session before any query answered, the snapshot was
  // written again with no "as of", and a cold start offline then showed no time at all.
  it("keeps the last 'as of' when the session is resumed before any answer", async () => {
    await keepPersisted(user, null);
    expect(kept.get("gas.session")).toEqual({ user, syncedAt: T1 });
  });

  it("never goes back to an earlier 'as of', whatever order the writes were started in", async () => {
    await Promise.all([noteSynced(new Date(T2)), keepPersisted(user, new Date(T1))]);
    expect(kept.get("gas.session")).toEqual({ user, syncedAt: T2 });
  });

  it("forgets it all on a wipe, and a late answer writes nothing back", async () => {
    await wipePersisted();
    await noteSynced(new Date(T2));
    expect(kept.has("gas.session")).toBe(false);
  });
});
