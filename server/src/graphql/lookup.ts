import DataLoader from "dataloader";
import type { MaybePromise } from "../common/maybe-async";

/**
 * A per-request DataLoader whose loaded values can also be read synchronously: `get` answers a
 * loaded key at once, and batches the others as DataLoader does.
 */
export class Lookup<K, V> {
  private readonly loaded = new Map<K, V>();
  private readonly loader: DataLoader<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<V[]>) {
    this.loader = new DataLoader<K, V>(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => this.loaded.set(key, values[i]));
      return values;
    });
  }

  get(key: K): MaybePromise<V> {
    return this.loaded.has(key) ? (this.loaded.get(key) as V) : this.loader.load(key);
  }

  /** Takes a value loaded some other way; `get` answers it at once. */
  set(key: K, value: V): void {
    this.loaded.set(key, value);
  }

  /** Drops what is loaded for this key (it changed): the next `get` loads it again. */
  forget(key: K): void {
    this.loaded.delete(key);
    this.loader.clear(key);
  }

  /** Loads all these keys in one batch; afterwards `get` answers them at once. */
  getAll(keys: readonly K[]): Promise<V[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }
}
