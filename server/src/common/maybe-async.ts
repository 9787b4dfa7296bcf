export type MaybePromise<T> = T | Promise<T>;

/**
 * `map(value)` at once for a value, and once it settles for a promise. Resolvers whose data are
 * already loaded stay synchronous, so GraphQL does not wait a microtask per field and object.
 */
export function mapMaybe<T, R>(value: MaybePromise<T>, map: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(map) : map(value);
}

/** Both values: a pair at once when neither is a promise. */
export function bothMaybe<A, B>(a: MaybePromise<A>, b: MaybePromise<B>): MaybePromise<[A, B]> {
  return a instanceof Promise || b instanceof Promise ? Promise.all([a, b]) : [a, b];
}
