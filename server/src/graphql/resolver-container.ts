import type { ContainerType, ResolverData } from "type-graphql";
import type { Services } from "../services";
import type { GraphQLContext } from "./context";

/** A resolver class (type-graphql instantiates none itself here). */
export type ResolverClass = new (...args: never[]) => object;

/** Builds one resolver from the services of an app (constructor injection). */
export type ResolverFactory = (services: Services) => object;

/**
 * type-graphql's `container`: it hands type-graphql the resolver instances, each built by its
 * factory with only the services its constructor names, so a resolver reaches no other service.
 *
 * Why keyed by `context.services`: the schema is built once per process, but a process may run
 * several apps (the tests do), each with its own services; the instances of one app are made on
 * its first request and kept (a WeakMap, freed with the app). The per-call cost is two map
 * look-ups, the same as type-graphql's default container; no instance is made per request.
 */
export function resolverContainer(
  factories: ReadonlyMap<ResolverClass, ResolverFactory>,
): ContainerType {
  const madeFor = new WeakMap<Services, Map<ResolverClass, object>>();
  return {
    get(resolverClass: ResolverClass, { context }: ResolverData<GraphQLContext>): object {
      let made = madeFor.get(context.services);
      if (!made) madeFor.set(context.services, (made = new Map()));
      let instance = made.get(resolverClass);
      if (!instance) {
        const factory = factories.get(resolverClass);
        if (!factory) throw new Error(`No resolver factory for ${resolverClass.name}`);
        made.set(resolverClass, (instance = factory(context.services)));
      }
      return instance;
    },
  };
}
