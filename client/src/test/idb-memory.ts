/**
 * idb-keyval over a Map: jsdom has no IndexedDB. Use as
 * `jest.mock("idb-keyval", () => jest.requireActual("../test/idb-memory"))`.
 */
export const store = new Map<IDBValidKey, unknown>();

export const get = async <T>(key: IDBValidKey): Promise<T | undefined> =>
  store.get(key) as T | undefined;
export const set = async (key: IDBValidKey, value: unknown): Promise<void> => {
  store.set(key, JSON.parse(JSON.stringify(value)) as unknown);
};
export const del = async (key: IDBValidKey): Promise<void> => {
  store.delete(key);
};
